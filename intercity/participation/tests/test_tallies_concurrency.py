"""The dashboard's tallies under concurrent changes: reports filed at once on the same day and
service are all counted, and moves of several reports at once from the same tally row all
land; threads released together, each on its own connection (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import services, tallies
from intercity.participation.models import DailyTally, Jurisdiction, Report
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6
NOW = dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


def file(seoul: Jurisdiction, n: int) -> Report:
    return services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description=f"Pothole number {n} in the bus lane",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
        ),
        now=NOW,
    )


def test_reports_filed_at_once_on_the_same_day_and_service_are_all_counted(seoul):
    outcomes = run_concurrently(lambda i: file(seoul, i), times=THREADS)
    assert outcomes.errors == []
    rows = DailyTally.objects.filter(jurisdiction=seoul)
    assert [row.filed for row in rows] == [THREADS]  # one row, made once, counted by all
    assert tallies.stored(seoul) == tallies.expected(seoul)


def test_reports_moved_at_once_all_leave_their_row_and_reach_the_next(seoul):
    reports = [file(seoul, n) for n in range(THREADS)]
    team = [staff_of(f"staff-{n}", "seoul") for n in range(THREADS)]

    def acknowledge(i: int) -> Report:
        return services.change_status(team[i], reports[i], "acknowledged", now=NOW)

    outcomes = run_concurrently(acknowledge, times=THREADS)
    assert outcomes.errors == []
    acknowledged = seoul.statuses.get(code="acknowledged").pk
    counted = {row.status_id: row.filed for row in DailyTally.objects.filter(jurisdiction=seoul)}
    assert counted[acknowledged] == THREADS
    assert sum(counted.values()) == THREADS
    assert tallies.stored(seoul) == tallies.expected(seoul)


def test_the_same_move_pressed_at_once_is_counted_once(seoul):
    report = file(seoul, 0)
    team = [staff_of(f"staff-{n}", "seoul") for n in range(THREADS)]

    def resolve(i: int) -> Report:
        return services.change_status(
            team[i], report, "rejected", now=NOW + dt.timedelta(hours=3), expected="submitted"
        )

    outcomes = run_concurrently(resolve, times=THREADS)
    assert len(outcomes.results) == 1
    assert tallies.stored(seoul) == tallies.expected(seoul)
    assert sum(tallies.stored(seoul)[2].values()) == 1  # one time to resolve
