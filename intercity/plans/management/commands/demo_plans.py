"""Give the plans module demonstration data (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.plans import demo_plans, demo_representation, demo_timeline


class Command(BaseCommand):
    help = (
        "Add demonstration action plans and progress for the ASCN's pilot cities (the seeds "
        "give no plan content), all marked as demonstration data; what exists is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, part in (
            ("representation", demo_representation),
            ("plans", demo_plans),
            ("timeline", demo_timeline),
        ):
            created = part.load()
            made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
            said = f"created {made}" if made else "nothing new"
            self.stdout.write(f"plans demo, {name}: {said}")
