"""Give the exchange module demonstration data (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.exchange import demo_matchmaking, demo_needs, demo_twinning


class Command(BaseCommand):
    help = (
        "Add demonstration needs and offers, a matchmaking event with requests, and ASCN "
        "twinning preferences, all marked as demonstration data; what exists is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, part in (
            ("needs and offers", demo_needs),
            ("matchmaking", demo_matchmaking),
            ("twinning", demo_twinning),
        ):
            created = part.load()
            made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
            self.stdout.write(
                f"exchange demo, {name}: {'created ' + made if made else 'nothing new'}"
            )
