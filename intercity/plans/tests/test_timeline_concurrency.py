"""Two Secretariat editors save the same milestone at once from the same revision: one edit is
kept, the other refused (threads on committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network
from intercity.plans.models_timeline import NetworkMilestone
from intercity.plans.services import timeline as services

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_edits_from_one_revision_keep_one(committed_seed):
    ascn = Network.objects.get(slug="ascn")
    sam = person("sam", Role.SECRETARIAT)
    meeting = NetworkMilestone.objects.get(network=ascn, kind="meeting", on=dt.date(2018, 7, 1))

    def edit(i: int) -> NetworkMilestone:
        data = {
            "kind": "meeting",
            "on": meeting.on,
            "precision": "month",
            "status": "happened",
            "title": meeting.title,
            "outcome": f"Outcome written by editor {i}.",
            "document": None,
            "source": meeting.source,
        }
        return services.edit_milestone(
            sam, ascn, meeting.pk, data, meeting.revision, dt.date(2026, 1, 1)
        )

    outcomes = run_concurrently(edit, times=2)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    saved = NetworkMilestone.objects.get(pk=meeting.pk)
    assert saved.revision == meeting.revision + 1
    assert saved.outcome == outcomes.results[0].outcome
    assert AuditEvent.objects.filter(verb="edit_milestone").count() == 1
