"""Statute deadline reminders as the Secretariat sees them: members with no address named,
the outcome of each reminder on the deadlines page, a failed one retried by the next
queueing, an address that declined meeting deadlines left out."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from intercity.accounts.services import grant_role
from intercity.core import mail
from intercity.core.models import MailKind
from intercity.core.tests.queued import queued
from intercity.governance import services
from intercity.governance.models import DeadlineReminder
from intercity.governance.tasks import send_deadline_reminder
from intercity.network.models import Organisation

ON = dt.date(2020, 7, 20)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


@pytest.fixture
def ga(wego, secretariat):
    return services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )


def seoul_has_an_officer(officer, email="officer@seoul.example"):
    officer.email = email
    officer.save()
    grant_role(
        None, officer, "city_officer", organisation_id=Organisation.objects.get(key="seoul").pk
    )


def test_with_no_member_address_the_reminders_say_not_sent(client, wego, secretariat):
    # The page queues as of today: a General Assembly some months ahead.
    ga = services.create_meeting(
        secretariat,
        wego,
        "general-assembly",
        title="5th GA",
        date=timezone.localdate() + dt.timedelta(days=300),
    )
    client.force_login(secretariat)
    response = client.post(
        reverse("governance_deadlines", args=["wego"]), {"meeting": ga.key}, follow=True
    )
    page = response.content.decode()
    assert "0 reminders queued for 5th GA." in page
    assert DeadlineReminder.objects.filter(meeting=ga).exists()
    assert "No e-mail address for Abu Dhabi, Accra" in page
    assert "No e-mail address: not sent" in page
    assert set(DeadlineReminder.objects.filter(meeting=ga).values_list("status", flat=True)) == {
        DeadlineReminder.Status.NO_ADDRESS
    }
    assert queued(send_deadline_reminder) == []


def test_reminders_with_no_address_are_queued_once_an_address_is_known(
    ga, secretariat, seoul_officer, django_capture_on_commit_callbacks
):
    first = services.queue_deadline_reminders(secretariat, ga, ON)
    assert services.queue_deadline_reminders(secretariat, ga, ON) == []  # still nobody
    seoul_has_an_officer(seoul_officer)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.queue_deadline_reminders(secretariat, ga, ON)
    assert {r.pk for r in again} == {r.pk for r in first}
    assert {r.status for r in again} == {DeadlineReminder.Status.QUEUED}
    assert all(r.recipients == ["officer@seoul.example"] for r in again)
    assert sorted(args[0] for args in queued(send_deadline_reminder)) == sorted(r.pk for r in again)


def test_a_failed_reminder_is_shown_and_retried_by_the_next_queueing(
    client, ga, secretariat, seoul_officer, settings, mailoutbox
):
    seoul_has_an_officer(seoul_officer)
    reminder = services.queue_deadline_reminders(secretariat, ga, ON)[0]
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_deadline_reminder.call(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == DeadlineReminder.Status.FAILED
    client.force_login(secretariat)
    page = client.get(reverse("governance_deadlines", args=["wego"])).content.decode()
    assert "Failed (SMTPServerDisconnected: mail server down); queueing again retries it." in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert [r.pk for r in services.queue_deadline_reminders(secretariat, ga, ON)] == [reminder.pk]
    assert send_deadline_reminder.call(reminder.pk) == 1
    assert send_deadline_reminder.call(reminder.pk) == 0
    reminder.refresh_from_db()
    assert reminder.status == DeadlineReminder.Status.SENT
    assert len(mailoutbox) == 1


def test_an_address_that_declined_meeting_deadlines_is_left_out(ga, secretariat, mailoutbox):
    reminder = services.queue_deadline_reminders(secretariat, ga, ON)[0]
    DeadlineReminder.objects.filter(pk=reminder.pk).update(
        recipients=["keen@example.org", "done@example.org"], status="queued"
    )
    mail.unsubscribe("done@example.org", MailKind.MEETING_DEADLINES)
    assert send_deadline_reminder.call(reminder.pk) == 1
    assert [m.to for m in mailoutbox] == [["keen@example.org"]]
    reminder.refresh_from_db()
    assert reminder.declined == ["done@example.org"]
    assert mailoutbox[0].alternatives[0][1] == "text/html"
