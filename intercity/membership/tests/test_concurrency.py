"""Every state change of membership and dues happens once, however many requests arrive
together: threads released at once, each with its own connection, against committed rows
(SQLite and PostgreSQL alike)."""

import datetime as dt
from decimal import Decimal

import pytest

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.membership import services
from intercity.membership.models import (
    Application,
    CreditNote,
    Figure,
    Invoice,
    Reminder,
)
from intercity.membership.tests.factories import FigureFactory
from intercity.network.models import MembershipPeriod, Network, Organisation

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal


def wego():
    return Network.objects.get(slug="wego")


def goyang_invoice(secretariat, year=2018):
    goyang = Organisation.objects.get(name="Goyang")
    FigureFactory(organisation=goyang, year=year - 2)
    (invoice,) = services.run_invoicing(secretariat, wego(), year, dt.date(year, 1, 15)).created
    return invoice


def test_the_same_payment_form_sent_by_eight_threads_records_one_payment(
    committed_seed, secretariat
):
    invoice = goyang_invoice(secretariat)

    def pay(_index):
        return services.record_payment(
            secretariat,
            invoice,
            received_on=dt.date(2018, 3, 1),
            amount=D("100"),
            currency="USD",
            idempotency_key="form-token-1",
        ).pk

    outcomes = run_concurrently(pay, times=8)
    assert outcomes.errors == []
    assert invoice.payments.count() == 1
    assert set(outcomes.results) == {invoice.payments.get().pk}
    assert AuditEvent.objects.filter(verb="record_payment").count() == 1


def test_the_same_reference_sent_by_eight_threads_records_one_payment(committed_seed, secretariat):
    invoice = goyang_invoice(secretariat)

    def pay(_index):
        return services.record_payment(
            secretariat,
            invoice,
            received_on=dt.date(2018, 3, 1),
            amount=D("100"),
            currency="USD",
            reference="SWIFT 0042",
        )

    outcomes = run_concurrently(pay, times=8)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7
    assert all("already recorded" in error.message for error in outcomes.errors)
    assert invoice.payments.count() == 1


def test_eight_credit_notes_issued_together_get_eight_numbers(committed_seed, secretariat):
    invoice = goyang_invoice(secretariat)

    def credit(index):
        return services.issue_credit_note(
            secretariat,
            invoice,
            amount=D("10"),
            reason=f"correction {index}",
            issued_on=dt.date(2018, 6, 1),
        ).number

    outcomes = run_concurrently(credit, times=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [f"WEGO-CN-2018-{n:05d}" for n in range(1, 9)]
    assert CreditNote.objects.count() == 8


def test_a_year_invoiced_by_eight_runs_at_once_is_invoiced_once(committed_seed, secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=D("36000"), source="t"
    )

    def invoice_year(_index):
        return len(services.run_invoicing(secretariat, wego(), 2018, dt.date(2018, 1, 15)).created)

    outcomes = run_concurrently(invoice_year, times=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]
    assert list(Invoice.objects.filter(year=2018).values_list("number", flat=True)) == [
        "WEGO-2018-00001"
    ]


def test_an_application_accepted_by_eight_threads_is_accepted_once(committed_seed, secretariat):
    application = services.submit_application(
        wego(),
        {
            "organisation_name": "Testburg",
            "kind": "city",
            "country": "DE",
            "requested_category": "full",
            "contact_name": "Ada",
            "contact_email": "ada@testburg.example",
            "motivation": "To learn.",
            "population": 450_000,
        },
    )

    def accept(_index):
        # Each request loads the application itself, as a page would.
        loaded = Application.objects.get(pk=application.pk)
        return services.accept_application(secretariat, loaded, dt.date(2024, 3, 1)).pk

    outcomes = run_concurrently(accept, times=8)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7
    assert Organisation.objects.filter(name="Testburg").count() == 1
    assert AuditEvent.objects.filter(verb="accept_application").count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def test_an_application_accepted_and_rejected_together_gets_one_decision(
    committed_seed, secretariat
):
    application = services.submit_application(
        wego(),
        {
            "organisation_name": "Testburg",
            "kind": "city",
            "country": "DE",
            "requested_category": "full",
            "contact_name": "Ada",
            "contact_email": "ada@testburg.example",
            "motivation": "To learn.",
            "population": 450_000,
        },
    )

    def decide(index):
        loaded = Application.objects.get(pk=application.pk)
        if index % 2:
            return services.reject_application(secretariat, loaded, "Not a city.").status
        return services.accept_application(secretariat, loaded, dt.date(2024, 3, 1)).pk

    outcomes = run_concurrently(decide, times=8)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7
    decided = AuditEvent.objects.filter(verb__in=["accept_application", "reject_application"])
    assert decided.count() == 1


def test_a_member_suspended_by_eight_threads_is_suspended_once(committed_seed, secretariat):
    seoul = Organisation.objects.get(key="seoul")
    before = MembershipPeriod.objects.filter(membership__organisation=seoul).count()

    def suspend(_index):
        return services.suspend_membership(
            secretariat, wego(), seoul, dt.date(2026, 1, 5), "EXCOM 2026", "Arrears"
        ).pk

    outcomes = run_concurrently(suspend, times=8)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7
    assert MembershipPeriod.objects.filter(membership__organisation=seoul).count() == before + 1


def test_reminders_queued_by_eight_threads_are_queued_once(committed_seed, secretariat):
    invoice = goyang_invoice(secretariat)

    def remind(_index):
        return len(services.queue_reminders(secretariat, wego(), dt.date(2019, 3, 1)))

    outcomes = run_concurrently(remind, times=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]
    assert Reminder.objects.filter(invoice=invoice).count() == 1


def test_a_reminder_sent_by_eight_workers_at_once_is_mailed_once(
    committed_seed, secretariat, seoul_officer, mailoutbox
):
    from intercity.accounts.services import grant_role
    from intercity.membership.tasks import send_fee_reminder

    invoice = goyang_invoice(secretariat)
    seoul_officer.email = "officer@goyang.example"
    seoul_officer.save()
    grant_role(None, seoul_officer, "city_officer", organisation_id=invoice.organisation_id)
    (reminder,) = services.queue_reminders(secretariat, wego(), dt.date(2019, 3, 1))

    outcomes = run_concurrently(lambda _index: send_fee_reminder.call(reminder.pk), times=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]
    assert len(mailoutbox) == 1
