"""Freezing and editing a report at once: one wins, and the frozen report is exactly what
was saved before it froze. Threads run against committed rows."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network
from intercity.plans.models_report import AnnualReport
from intercity.plans.services import report as service

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_freeze_and_edits_at_once_leave_the_frozen_report_as_last_saved(committed_seed):
    secretariat = person("sam", Role.SECRETARIAT)
    report = service.create_report(secretariat, Network.objects.get(slug="ascn"), 2024)

    def act(index: int) -> Any:
        fresh = AnnualReport.objects.get(pk=report.pk)
        if index == 0:
            return service.freeze(secretariat, fresh)
        return service.edit_report(
            secretariat, fresh, title=f"Edit {index}", bodies={"summary": f"Text {index}"}
        )

    outcomes = run_concurrently(act, times=5)

    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    assert all("frozen" in e.message for e in outcomes.errors if isinstance(e, DomainError))
    final = AnnualReport.objects.get(pk=report.pk)
    assert final.state == "frozen"
    # Each edit either landed before the freeze or was refused; what was frozen is an edit
    # that landed, whole (its title and its text together).
    edits_saved = len(outcomes.results) - 1
    assert edits_saved + len(outcomes.errors) == 4
    body = service.sections(final)[0].body
    if edits_saved:
        assert body == f"Text {final.title.split()[-1]}"
    else:
        assert body == ""


def test_freezes_at_once_freeze_once(committed_seed):
    secretariat = person("sam", Role.SECRETARIAT)
    report = service.create_report(secretariat, Network.objects.get(slug="ascn"), 2024)

    outcomes = run_concurrently(
        lambda _i: service.freeze(secretariat, AnnualReport.objects.get(pk=report.pk)), times=4
    )

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3
    assert all("already frozen" in e.message for e in outcomes.errors if isinstance(e, DomainError))
