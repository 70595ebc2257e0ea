"""Fill the demo jurisdiction with generated citizens' reports (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from intercity.participation import tenancy
from intercity.participation.demo import generate
from intercity.participation.models import Jurisdiction

DEMO_JURISDICTION = "seoul"
DEMO_REPORTS = 3_000


class Command(BaseCommand):
    help = (
        f"Give the demo jurisdiction ({DEMO_JURISDICTION}) {DEMO_REPORTS:,} generated reports "
        "over the last year; with that many or more already there it does nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdiction", default=DEMO_JURISDICTION)
        parser.add_argument("--count", type=int, default=DEMO_REPORTS, help="reports wanted")
        parser.add_argument("--days", type=int, default=365, help="filed over this many days")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["jurisdiction"]
        jurisdiction = Jurisdiction.objects.filter(slug=slug).first()
        if jurisdiction is None:
            self.stdout.write(f"No jurisdiction '{slug}': run `manage.py seed` first.")
            return
        have = tenancy.reports_of(jurisdiction).count()
        wanted = options["count"]
        if have >= wanted:
            self.stdout.write(f"{jurisdiction}: {have:,} reports already, none generated.")
            return
        made = generate.generate(
            jurisdiction,
            wanted - have,
            seed=options["seed"],
            offset=have,
            days=options["days"],
            end=timezone.now(),
        )
        self.stdout.write(
            f"{jurisdiction}: generated {made.reports:,} reports ({made.duplicates:,} "
            f"duplicates) and {made.events:,} events in {made.seconds:.1f} s; "
            f"{have + made.reports:,} reports now."
        )
