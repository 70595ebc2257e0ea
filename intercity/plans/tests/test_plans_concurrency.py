"""Two editors at once: one correction of a progress report wins, the other is refused; one
report of a line for a day is recorded (threads on committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.plans.models import ProgressReport
from intercity.plans.services import progress
from intercity.plans.tests.factories_plans import make_line, make_plan, officer_of, report

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_corrections_of_one_version_at_once_make_one_change(committed_seed: None) -> None:
    made = report(make_line(make_plan("bangkok")), 2020, percent="40")
    officer = officer_of("bangkok")
    outcomes = run_concurrently(
        lambda i: progress.correct_report(
            officer,
            progress.get_report(made.pk),
            version=1,
            status="on_track",
            percent=Decimal(50 + i),
            evidence=f"Correction {i}",
            today=dt.date(2025, 1, 1),
        ),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert ProgressReport.objects.get(pk=made.pk).version == 2
    assert AuditEvent.objects.filter(verb="plans.correct_report").count() == 1


def test_two_reports_of_one_line_for_one_day_at_once_record_one(committed_seed: None) -> None:
    line = make_line(make_plan("bangkok"))
    officer = officer_of("bangkok")
    outcomes = run_concurrently(
        lambda _i: progress.report_progress(
            officer,
            line,
            as_of=dt.date(2021, 12, 1),
            status="on_track",
            percent=Decimal("30"),
            today=dt.date(2025, 1, 1),
        ),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert ProgressReport.objects.filter(line=line).count() == 1
