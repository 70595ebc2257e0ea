"""Give the learning module demonstration data (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.learning import demo_training


class Command(BaseCommand):
    help = (
        "Add a 2027 training session with an open call and two lessons, and an open secondment "
        "call, marked as demonstration data; what exists is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_training.load()
        made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
        self.stdout.write(f"learning demo: {'created ' + made if made else 'nothing new'}")
