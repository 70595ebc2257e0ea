"""Give the events module demonstration data (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.events import demo


class Command(BaseCommand):
    help = (
        "Add an upcoming demonstration event open for registration, with its programme and "
        "registration categories; an existing one is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo.load()
        made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
        self.stdout.write(f"events demo: {'created ' + made if made else 'nothing new'}")
