"""Every state change of a report happens once, however many staff press at once: threads
released together, each on its own connection, against committed rows (SQLite and
PostgreSQL alike)."""

from __future__ import annotations

import itertools

import pytest
from django.db import transaction

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import services
from intercity.participation.models import APIClient, Comment, Event, Jurisdiction, Report
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def team(seoul):
    """Seoul's participation staff, one login per thread."""
    return [staff_of(f"staff-{n}", "seoul") for n in range(THREADS)]


def file(seoul, description="Deep pothole in the bus lane outside the station exit 3"):
    return services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description=description,
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            email="citizen@example.org",
        ),
    )


def fresh(report: Report) -> Report:
    """The report as a page would load it, in this thread."""
    return Report.objects.select_related("jurisdiction", "status").get(pk=report.pk)


def status_events(report: Report) -> int:
    return Event.objects.filter(report=report, verb="status").count()


def test_staff_moving_a_submitted_report_at_once_make_one_move(seoul, team):
    report = file(seoul)
    targets = ["acknowledged", "in_progress", "rejected"] * 2

    def move(i: int) -> Report:
        # Each saw the report 'submitted' and chose a move the page offered from there.
        return services.change_status(
            team[i], fresh(report), targets[i], note=f"by {i}", expected="submitted"
        )

    outcomes = run_concurrently(move, times=THREADS)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == THREADS - 1
    assert status_events(report) == 1
    assert AuditEvent.objects.filter(verb="change_report_status").count() == 1
    report.refresh_from_db()
    assert report.status.code == outcomes.results[0].status.code


def test_the_same_move_pressed_at_once_is_made_once(seoul, team):
    report = file(seoul)

    def acknowledge(i: int) -> Report:
        return services.change_status(team[i], fresh(report), "acknowledged")

    outcomes = run_concurrently(acknowledge, times=THREADS)
    assert len(outcomes.results) == 1
    assert status_events(report) == 1


def test_overlapping_bulk_moves_move_each_report_once(seoul, team):
    reports = [file(seoul, f"Pothole number {n} near the market") for n in range(4)]
    ids = [r.pk for r in reports]

    def bulk(i: int) -> int:
        # The same reports, ticked in different orders on different pages.
        chosen = list(reversed(ids)) if i % 2 else ids
        return len(services.bulk_change_status(team[i], seoul, chosen, "acknowledged"))

    outcomes = run_concurrently(bulk, times=4)
    assert len(outcomes.results) == 1
    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    for report in reports:
        assert status_events(report) == 1


def merge_each_other(team, a: Report, b: Report):
    """Half the threads merge A into B, the other half B into A."""
    pairs = [(a, b), (b, a)] * (THREADS // 2)

    def merge(i: int) -> Report:
        duplicate, into = pairs[i]
        return services.merge(team[i], fresh(duplicate), fresh(into))

    return run_concurrently(merge, times=THREADS)


def test_merging_two_reports_into_each_other_at_once_makes_no_cycle(seoul, team):
    for _ in range(3):
        a = file(seoul, "Pothole on the corner by the bakery")
        b = file(seoul, "Pothole at the bakery corner")
        outcomes = merge_each_other(team, a, b)
        assert len(outcomes.results) == 1
        assert outcomes.count(DomainError) == THREADS - 1
        a.refresh_from_db()
        b.refresh_from_db()
        assert [a.duplicate_of_id, b.duplicate_of_id].count(None) == 1
        assert Event.objects.filter(report__in=[a, b], verb="merged").count() == 1


def test_revoking_a_key_twice_at_once_records_one_event(seoul, team):
    client, _key = services.issue_api_key(team[0], seoul, "Seoul Fix app")

    def revoke(i: int) -> APIClient:
        return services.revoke_api_key(team[i], APIClient.objects.get(pk=client.pk))

    outcomes = run_concurrently(revoke, times=THREADS)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == THREADS - 1
    assert AuditEvent.objects.filter(verb="revoke_api_key").count() == 1
    assert not APIClient.objects.get(pk=client.pk).active


def test_hiding_a_report_at_once_records_one_moderation(seoul, team):
    report = file(seoul)

    def hide(i: int) -> bool:
        return services.moderate(team[i], fresh(report), hidden=True)

    outcomes = run_concurrently(hide, times=THREADS)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [False] * (THREADS - 1) + [True]
    assert AuditEvent.objects.filter(verb="moderate").count() == 1


def test_assignments_at_once_each_record_what_the_one_before_left(seoul, team):
    report = file(seoul)

    def assign(i: int) -> Report:
        return services.assign(team[i], fresh(report), user=team[i])

    outcomes = run_concurrently(assign, times=THREADS)
    assert outcomes.errors == []
    steps = list(AuditEvent.objects.filter(verb="assign_report").order_by("id"))
    assert len(steps) == THREADS
    for earlier, later in itertools.pairwise(steps):
        assert later.before["assigned_to"] == earlier.after["assigned_to"]


def test_no_comment_slips_in_after_a_concurrent_close(seoul, team):
    report = file(seoul)
    services.change_status(team[0], report, "acknowledged")

    def act(i: int) -> object:
        if i == 0:
            return services.change_status(team[0], fresh(report), "resolved")
        return services.add_comment(fresh(report), f"Still there, says neighbour {i}")

    outcomes = run_concurrently(act, times=THREADS)
    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    closed = Event.objects.get(report=report, verb="status", target__code="resolved")
    comments = Event.objects.filter(report=report, verb="commented")
    assert all(event.pk < closed.pk for event in comments)
    assert Comment.objects.filter(report=report).count() == comments.count()
    with pytest.raises(DomainError, match="takes no more comments"):
        services.add_comment(fresh(report), "One more")


def test_a_refused_bulk_move_changes_nothing(seoul, team):
    moved, other = file(seoul), file(seoul, "Pothole by the river walk")
    services.change_status(team[0], moved, "acknowledged")
    with pytest.raises(DomainError), transaction.atomic():
        services.bulk_change_status(team[0], seoul, [other.pk, moved.pk], "acknowledged")
    assert status_events(other) == 0


def test_a_notification_run_by_two_workers_at_once_is_mailed_once(seoul, team, mailoutbox):
    from intercity.participation.models import Notification
    from intercity.participation.tasks import send_notification

    report = file(seoul)
    services.change_status(team[0], report, "acknowledged", note="On our list")
    notification = Notification.objects.get(event__report=report)

    outcomes = run_concurrently(lambda _i: send_notification.call(notification.pk), times=4)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0, 0, 0, 1]
    assert len(mailoutbox) == 1
    assert Notification.objects.get(pk=notification.pk).sent_at is not None


def test_this_is_my_problem_too_pressed_at_once_counts_once(seoul):
    """A double click (or two tabs) of one person: one supporter, one follower."""
    from intercity.participation.models import Follower, Supporter

    report = file(seoul)

    def support(i: int) -> bool:
        return services.support(fresh(report), email="ara@example.org", session_key="one")[1]

    outcomes = run_concurrently(support, times=THREADS)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [False] * (THREADS - 1) + [True]
    assert Supporter.objects.filter(report=report).count() == 1
    assert Follower.objects.filter(report=report, email="ara@example.org").count() == 1
    assert AuditEvent.objects.filter(verb="support").count() == 1


# --- Citizens close the loop -----------------------------------------------------------------


def _resolved_report_of_minjun(seoul, team):
    from intercity.accounts.models import Role
    from intercity.accounts.tests.factories import person

    minjun = person("minjun", Role.CITIZEN)
    minjun.email = "citizen@example.org"
    minjun.save()
    report = file(seoul)
    services.change_status(team[0], report, "acknowledged")
    services.change_status(team[0], report, "resolved")
    return minjun, report


def test_not_fixed_pressed_at_once_reopens_the_report_once(seoul, team):
    minjun, report = _resolved_report_of_minjun(seoul, team)

    def reopen(i: int) -> Report:
        # Half by the tracking link, half signed in: each saw the report resolved.
        if i % 2:
            return services.reopen_by_citizen(fresh(report), f"Still there ({i})", actor=minjun)
        return services.reopen_by_citizen(fresh(report), f"Still there ({i})", token=report.token)

    outcomes = run_concurrently(reopen, times=THREADS)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == THREADS - 1
    assert Event.objects.filter(report=report, verb="reopened").count() == 1
    assert AuditEvent.objects.filter(verb="reopen_report_by_citizen").count() == 1
    assert fresh(report).status.code == "submitted"


def test_a_rating_sent_twice_at_once_counts_once(seoul, team):
    from intercity.participation.models import Rating

    minjun, report = _resolved_report_of_minjun(seoul, team)

    def rate(i: int) -> object:
        return services.rate_response(fresh(report), 1 + i % 5, actor=minjun)

    outcomes = run_concurrently(rate, times=THREADS)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == THREADS - 1
    assert Rating.objects.filter(report=report).count() == 1
    assert AuditEvent.objects.filter(verb="rate_report_response").count() == 1
