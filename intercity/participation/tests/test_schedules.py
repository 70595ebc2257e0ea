"""Participation's scheduled job: reports past their service's expected time are escalated
to their department, once."""

import datetime as dt

import pytest

from intercity.accounts.permissions import SYSTEM
from intercity.core import schedules
from intercity.core.errors import PermissionDenied
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import services
from intercity.participation.manifest import OVERDUE_ESCALATION
from intercity.participation.models import Event, Jurisdiction, Notification, Report
from intercity.participation.tests.factories import IN_SEOUL

pytestmark = pytest.mark.django_db


def file_report(jurisdiction):
    return services.submit_report(
        jurisdiction,
        services.Submission(
            service_code="pothole",
            description="Deep pothole in the bus lane outside the station exit 3",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            email="citizen@example.org",
        ),
    )


def test_an_overdue_report_is_escalated_once_for_its_slot(seoul):
    filed = file_report(seoul)
    slot = filed.expected_at + dt.timedelta(hours=1)
    first = OVERDUE_ESCALATION.run(slot)
    again = OVERDUE_ESCALATION.run(slot)
    assert first["escalated"] >= 1
    assert again["escalated"] == 0
    filed.refresh_from_db()
    assert filed.escalated_at == slot
    (step,) = Event.objects.filter(report=filed, verb="escalated")
    assert not step.public  # the staff's history, not the citizen's
    assert step.note == "Road Management"
    assert (
        AuditEvent.objects.filter(verb="escalate_overdue_report", object_id=str(filed.pk)).count()
        == 1
    )


def test_a_report_within_its_time_or_closed_is_not_escalated(seoul, jiwoo):
    on_time = file_report(seoul)
    OVERDUE_ESCALATION.run(on_time.expected_at - dt.timedelta(minutes=1))
    on_time.refresh_from_db()
    assert on_time.escalated_at is None
    rejected = services.change_status(jiwoo, file_report(seoul), "rejected")
    OVERDUE_ESCALATION.run(rejected.expected_at + dt.timedelta(days=1))
    rejected.refresh_from_db()
    assert rejected.escalated_at is None


def test_only_the_platform_or_the_secretariat_escalates(seoul, jiwoo):
    with pytest.raises(PermissionDenied):
        services.escalate_overdue(jiwoo, dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert not Report.objects.filter(escalated_at__isnull=False).exists()


def test_the_wording_counts_the_escalations():
    assert OVERDUE_ESCALATION.describe({"escalated": 2, "without_department": 1}) == (
        "2 overdue reports escalated; 1 of them has no department"
    )


def test_the_escalation_runs_hourly_at_a_quarter_past():
    now = dt.datetime(2026, 12, 4, 12, 20, tzinfo=dt.UTC)
    assert schedules.next_time(OVERDUE_ESCALATION, now) == dt.datetime(
        2026, 12, 4, 13, 15, tzinfo=dt.UTC
    )


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_escalate_each_report_once(committed_seed):
    filed = file_report(Jurisdiction.objects.get(slug="seoul"))
    slot = filed.expected_at + dt.timedelta(hours=1)

    outcomes = run_concurrently(
        lambda _index: services.escalate_overdue(SYSTEM, slot)["escalated"], times=4
    )
    assert outcomes.errors == []
    assert sum(outcomes.results) == Report.objects.filter(escalated_at=slot).count()
    assert Event.objects.filter(report=filed, verb="escalated").count() == 1


def test_the_department_is_told_once_by_e_mail(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    from intercity.participation.tasks import send_escalation

    filed = file_report(seoul)
    department = filed.department
    department.email = "roads@seoul.example"
    department.save()
    slot = filed.expected_at + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks() as queued:
        OVERDUE_ESCALATION.run(slot)
        OVERDUE_ESCALATION.run(slot)
    (notice,) = Notification.objects.filter(event__report=filed, email="roads@seoul.example")
    assert len(queued) >= 1
    assert send_escalation.call(notice.pk) == 1
    assert send_escalation.call(notice.pk) == 0  # a second worker finds it sent
    (mail,) = mailoutbox
    assert mail.to == ["roads@seoul.example"]
    assert filed.public_id in mail.subject
    assert "예상 처리 시간이 지났습니다" in mail.subject  # Seoul's staff read Korean first
    assert f"/cps/seoul/staff/reports/{filed.public_id}/" in mail.body
