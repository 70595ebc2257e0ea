"""Give a handful of WeGO cities demonstration assessments (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.assessment import demo


class Command(BaseCommand):
    help = (
        "Create accepted CeDS and maturity-model assessments for "
        f"{len(demo.DEMO_CITIES)} WeGO cities in {' and '.join(map(str, demo.DEMO_YEARS))}, "
        "marked as demonstration data; what exists already is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = demo.generate()
        self.stdout.write(f"assessment demo: {made} demonstration assessments created")
