"""A demonstration issue of WeGO's Best Practices Journal for `make run` (the lead's demo
command calls `load_demo_issue()`): published, marked `demo` (its pages, its PDF and the API
say "demonstration data"), gathering the first few published WeGO projects of the catalog
with a note each. Not a real issue: the seeds say the journal is planned (seed 003, Goal 3),
not what its issues held.

Idempotent: a demonstration issue that exists is left as it is. Without published WeGO
projects in the catalog there is nothing to gather, and no issue is made."""

from __future__ import annotations

from django.db import transaction

from intercity.accounts.permissions import SYSTEM
from intercity.knowledge.models import JournalIssue, Project
from intercity.knowledge.services import journal
from intercity.network.models import Network

NETWORK = "wego"
ENTRIES = 3
TITLE = {
    "en": "Learning from each other (demonstration issue)",
    "ko": "서로에게 배우기 (시연용 호)",
    "zh_hans": "相互学习（演示期）",
    "ru": "Учимся друг у друга (демонстрационный выпуск)",
    "es": "Aprender unos de otros (número de demostración)",
}
EDITORIAL = (
    "Demonstration data: this issue shows how the Best Practices Journal gathers projects of "
    "the catalog under an editorial. The projects are real entries of the catalog; the "
    "choice, the notes and this editorial are made up for the demonstration.\n\n"
    "Each project below is one a member city described in the catalog's unified format: "
    "its background, its main features, its figures and what other cities can take from it."
)
NOTE = "Demonstration note: chosen to show an entry of the journal, not by WeGO's editors."


def load_demo_issue() -> JournalIssue | None:
    """The demonstration issue, made and published if missing; None when the catalog has no
    published WeGO project to gather."""
    network = Network.objects.filter(slug=NETWORK).first()
    if network is None:
        return None
    existing = JournalIssue.objects.filter(network=network, demo=True).first()
    if existing is not None:
        return existing
    projects = list(
        Project.objects.filter(network=network, state=Project.State.PUBLISHED).order_by(
            "published_at", "pk"
        )[:ENTRIES]
    )
    if not projects:
        return None
    with transaction.atomic():
        issue = journal.create_issue(SYSTEM, network, TITLE["en"], demo=True)
        journal.edit_issue(SYSTEM, issue, title=TITLE["en"], editorial=EDITORIAL)
        for project in projects:
            journal.add_entry(SYSTEM, issue, project.pk, NOTE)
        JournalIssue.objects.filter(pk=issue.pk).update(
            **{f"title_{code}": text for code, text in TITLE.items() if code != "en"}
        )
        issue = journal.publish_issue(SYSTEM, issue)
    return issue
