"""Fee reminders as the Secretariat sees them: what was queued, sent and failed; a member with
no address named, not silently "sent"; a failed send retried by the next queueing; an address
that declined fee reminders left out; queueing twice sending once."""

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
from intercity.core.tests.concurrently import run_concurrently
from intercity.core.tests.queued import queued
from intercity.membership import services
from intercity.membership.models import Reminder
from intercity.membership.tasks import send_fee_reminder
from intercity.membership.tests.factories import FigureFactory
from intercity.network.models import Network, Organisation

TODAY = dt.date(2019, 3, 1)


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


def wego() -> Network:
    return Network.objects.get(slug="wego")


def goyang_invoice(secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    FigureFactory(organisation=goyang, year=2016)
    (invoice,) = services.run_invoicing(secretariat, wego(), 2018, dt.date(2018, 1, 15)).created
    return invoice


def give_goyang_an_officer(officer, email="officer@goyang.example"):
    officer.email = email
    officer.save()
    grant_role(
        None, officer, "city_officer", organisation_id=Organisation.objects.get(name="Goyang").pk
    )


def arrears_page(client):
    return client.get(reverse("membership_arrears", args=["wego"])).content.decode()


def test_a_member_with_no_address_is_named_on_the_page_not_sent(client, secretariat, mailoutbox):
    goyang_invoice(secretariat)
    client.force_login(secretariat)
    response = client.post(reverse("membership_arrears", args=["wego"]), follow=True)
    page = response.content.decode()
    assert "No e-mail address for Goyang: not sent." in page
    assert "0 reminders queued." in page
    (reminder,) = Reminder.objects.all()
    assert reminder.status == Reminder.Status.NO_ADDRESS
    assert queued(send_fee_reminder) == []
    assert mailoutbox == []


def test_the_page_counts_queued_sent_and_failed(client, secretariat, seoul_officer, settings):
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer)
    client.force_login(secretariat)
    (reminder,) = services.queue_reminders(secretariat, wego(), TODAY)
    assert "Reminders: 1 queued, 0 sent, 0 failed." in arrears_page(client)

    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_fee_reminder.call(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert reminder.sent_at is None
    assert "mail server down" in reminder.error
    page = arrears_page(client)
    assert "Reminders: 0 queued, 0 sent, 1 failed." in page
    assert "Sending to Goyang failed (SMTPServerDisconnected: mail server down)" in page


def test_a_failed_reminder_is_sent_by_the_next_queueing(
    secretariat, seoul_officer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer)
    (reminder,) = services.queue_reminders(secretariat, wego(), TODAY)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_fee_reminder.call(reminder.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        (again,) = services.queue_reminders(secretariat, wego(), TODAY)
    assert again.pk == reminder.pk
    assert again.status == Reminder.Status.QUEUED
    assert queued(send_fee_reminder) == [[reminder.pk]]
    assert send_fee_reminder.call(reminder.pk) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.error) == (Reminder.Status.SENT, "")
    assert len(mailoutbox) == 1


def test_queueing_twice_sends_once(
    secretariat, seoul_officer, mailoutbox, django_capture_on_commit_callbacks
):
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.queue_reminders(secretariat, wego(), TODAY)
        second = services.queue_reminders(secretariat, wego(), TODAY)
    assert (len(first), second) == (1, [])
    assert queued(send_fee_reminder) == [[first[0].pk]]
    assert send_fee_reminder.call(first[0].pk) == 1
    assert send_fee_reminder.call(first[0].pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        # Sent today (the day it was queued on the clock): not again until tomorrow.
        assert services.queue_reminders(secretariat, wego(), timezone.localdate()) == []
    assert len(mailoutbox) == 1


def test_a_failed_reminder_queued_again_by_eight_threads_is_queued_once(
    committed_seed, secretariat, seoul_officer, settings
):
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer)
    (reminder,) = services.queue_reminders(secretariat, wego(), TODAY)
    Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.FAILED, error="down")

    outcomes = run_concurrently(
        lambda _i: len(services.queue_reminders(secretariat, wego(), TODAY)), times=8
    )
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]
    assert Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.QUEUED


def test_an_address_that_declined_fee_reminders_is_left_out_and_shown(
    client, secretariat, seoul_officer, makati_officer, mailoutbox
):
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer, "keen@goyang.example")
    give_goyang_an_officer(makati_officer, "done@goyang.example")
    mail.unsubscribe("done@goyang.example", MailKind.FEE_REMINDERS)
    (reminder,) = services.queue_reminders(secretariat, wego(), TODAY)

    assert send_fee_reminder.call(reminder.pk) == 1
    assert [m.to for m in mailoutbox] == [["keen@goyang.example"]]
    reminder.refresh_from_db()
    assert reminder.declined == ["done@goyang.example"]
    client.force_login(secretariat)
    assert "Not sent to done@goyang.example (Goyang): they declined fee reminders." in arrears_page(
        client
    )
    assert "Reminders: 0 queued, 1 sent, 0 failed." in arrears_page(client)


def test_a_reminder_has_a_text_and_an_html_part_with_an_unsubscribe_link(
    secretariat, seoul_officer, mailoutbox, settings
):
    settings.SITE_URL = "https://cities.example.org"
    goyang_invoice(secretariat)
    give_goyang_an_officer(seoul_officer)
    (reminder,) = services.queue_reminders(secretariat, wego(), TODAY)
    send_fee_reminder.call(reminder.pk)
    (message,) = mailoutbox
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "Our records show that invoice" in message.body
    assert "Our records show that invoice" in html
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert link.startswith("https://cities.example.org/mail/unsubscribe/")
    assert link in html
