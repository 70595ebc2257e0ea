"""Count the dashboard's tallies again, exactly, from the reports (participation.tallies)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intercity.participation import tallies
from intercity.participation.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Recompute the dashboard's per-day tallies of every city (or of one, --city) from its "
        "reports, each city in one transaction. Needed after reports were written around the "
        "services (a bulk import), after a city's bounds changed (the area cells move), or to "
        "check them: the counts it prints are what the dashboard shows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", help="the jurisdiction's slug (default: every city)")

    def handle(self, *args: Any, **options: Any) -> None:
        cities = Jurisdiction.objects.order_by("slug")
        if options["city"]:
            cities = cities.filter(slug=options["city"])
            if not cities.exists():
                raise CommandError(f"No jurisdiction '{options['city']}'.")
        for city in cities:
            started = time.perf_counter()
            rebuilt = tallies.rebuild(city)
            self.stdout.write(
                f"{city.slug}: {rebuilt.reports:,} reports counted in {rebuilt.rows:,} tally "
                f"rows in {time.perf_counter() - started:.1f} s"
            )
