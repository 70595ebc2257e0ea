"""Give the live meeting room demonstration data (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.governance import demo_live


class Command(BaseCommand):
    help = (
        "Add an upcoming WeGO General Assembly in session, marked as demonstration data, with "
        "an open secret motion; the demo logins seoul and makati are their cities' delegates."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_live.load()
        made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
        self.stdout.write(
            f"governance demo, live meeting: {'created ' + made if made else 'nothing new'}"
        )
