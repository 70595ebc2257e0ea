"""Give the catalog demonstration projects and the journal a demonstration issue (for
`make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.knowledge import demo_journal, demo_projects


class Command(BaseCommand):
    help = (
        "Add demonstration projects to the catalog (WeGO and ASCN cities, several languages, "
        "a few drafts and one in review for Seoul) and a published demonstration issue of the "
        "Best Practices Journal, all marked as demonstration data; what exists is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_projects.load_demo_projects()
        made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
        self.stdout.write(f"knowledge demo: {'created ' + made if made else 'nothing new'}")
        issue = demo_journal.load_demo_issue()
        if issue is None:
            self.stdout.write("knowledge demo: no journal issue (no published project to gather)")
        else:
            self.stdout.write(f"knowledge demo: journal issue {issue.number}, {issue.title}")
