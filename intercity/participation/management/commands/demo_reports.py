"""Fill the demo jurisdiction with generated citizens' reports (for `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from intercity.participation import tenancy
from intercity.participation.demo import generate
from intercity.participation.models import Jurisdiction, ResponseTemplate

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
        self._response_templates(jurisdiction)
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

    def _response_templates(self, jurisdiction: Jurisdiction) -> None:
        """Two ready answers the demo staff are offered when they change a status, so the
        set-up page and the status form show what a city writes there (demonstration text)."""
        if jurisdiction.response_templates.exists():
            return
        statuses = {s.code: s for s in jurisdiction.statuses.all()}
        made = 0
        for code, title, body, body_ko in DEMO_TEMPLATES:
            status = statuses.get(code)
            if status is None:
                continue
            ResponseTemplate.objects.create(
                jurisdiction=jurisdiction,
                status=status,
                title=title,
                body=body,
                body_ko=body_ko,
                position=made,
            )
            made += 1
        self.stdout.write(f"{jurisdiction}: {made} demonstration response templates.")


DEMO_TEMPLATES = [
    (
        "acknowledged",
        "Received, on the way",
        "Thank you: {city} has your report {report_id} ({service}) and a team will look at it.",
        "감사합니다. {city}에서 신고 {report_id}({service})을(를) 접수했으며 "
        "담당 팀이 확인할 예정입니다.",
    ),
    (
        "resolved",
        "Fixed",
        "Report {report_id} ({service}) is fixed. Thank you for telling {city}; if it is not, "
        "say so from the report's page.",
        "신고 {report_id}({service})이(가) 처리되었습니다. {city}에 알려 주셔서 감사합니다. "
        "해결되지 않았다면 신고 페이지에서 알려 주십시오.",
    ),
]
