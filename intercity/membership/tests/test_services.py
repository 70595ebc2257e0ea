"""What the Secretariat does with memberships and dues, through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.membership import services
from intercity.membership.models import Application, Figure, Invoice, Reminder
from intercity.membership.tasks import send_fee_reminder
from intercity.network import services as registry
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db
D = Decimal


def apply(wego, **overrides):
    data = {
        "organisation_name": "Testburg",
        "kind": "city",
        "country": "DE",
        "requested_category": "full",
        "contact_name": "Ada Lovelace",
        "contact_email": "ada@testburg.example",
        "motivation": "We want to learn.",
        "population": 450_000,
    }
    data.update(overrides)
    return services.submit_application(wego, data)


def state(wego, organisation, day):
    period = registry.period_on(wego, organisation, day)
    return (period.category.slug, period.status) if period else None


def test_an_application_becomes_an_associate_then_a_full_member(wego, secretariat):
    application = apply(wego)
    organisation = services.accept_application(secretariat, application, dt.date(2024, 3, 1))
    services.approve_membership(
        secretariat,
        wego,
        organisation,
        "full",
        dt.date(2024, 9, 10),
        "Executive Committee 2024, Agenda 3",
    )
    assert state(wego, organisation, dt.date(2024, 2, 29)) is None
    assert state(wego, organisation, dt.date(2024, 3, 1)) == ("associate", "active")
    assert state(wego, organisation, dt.date(2024, 9, 10)) == ("full", "active")
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    period = registry.period_on(wego, organisation, dt.date(2025, 1, 1))
    assert period.decision_reference == "Executive Committee 2024, Agenda 3"
    assert period.recorded_by == secretariat


def test_an_application_cannot_be_decided_twice(wego, secretariat):
    application = apply(wego)
    services.accept_application(secretariat, application, dt.date(2024, 3, 1))
    with pytest.raises(DomainError, match="already accepted"):
        services.accept_application(secretariat, application, dt.date(2024, 3, 2))
    with pytest.raises(DomainError, match="already accepted"):
        services.reject_application(secretariat, application, "no")


def test_a_company_cannot_ask_for_full_membership(wego):
    with pytest.raises(DomainError, match="Full member category is for: City or local government"):
        apply(wego, kind="company", organisation_name="Acme")


def test_a_withdrawn_member_cannot_be_approved(wego, secretariat):
    nanjing = Organisation.objects.get(name="Nanjing")
    with pytest.raises(
        DomainError, match="withdrew on 2014-11-24; a withdrawn member must apply again"
    ):
        services.approve_membership(
            secretariat, wego, nanjing, "full", dt.date(2018, 1, 1), "EXCOM 2018"
        )


def test_an_approved_member_cannot_be_approved_again(wego, secretariat):
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(DomainError, match="Already approved as full member"):
        services.approve_membership(
            secretariat, wego, seoul, "full", dt.date(2018, 1, 1), "EXCOM 2018"
        )


def test_suspension_removes_the_vote_until_lifted_and_both_are_dated(wego, secretariat):
    kabul = Organisation.objects.get(name="Kabul")
    services.suspend_membership(
        secretariat, wego, kabul, dt.date(2019, 6, 1), "EXCOM 2019", "fees in arrears"
    )
    assert state(wego, kabul, dt.date(2019, 6, 1)) == ("full", "suspended")
    with pytest.raises(DomainError, match="Already suspended"):
        services.suspend_membership(secretariat, wego, kabul, dt.date(2019, 7, 1), "EXCOM", "again")
    services.lift_suspension(secretariat, wego, kabul, dt.date(2020, 6, 1), "EXCOM 2020")
    assert state(wego, kabul, dt.date(2020, 6, 1)) == ("full", "active")
    assert state(wego, kabul, dt.date(2019, 12, 31)) == ("full", "suspended")


def test_withdrawal_takes_effect_when_announced_to_the_executive_committee(wego, secretariat):
    kampala = Organisation.objects.get(name="Kampala")
    services.withdraw_membership(secretariat, wego, kampala, dt.date(2021, 10, 5))
    assert state(wego, kampala, dt.date(2021, 10, 4)) == ("full", "active")
    assert state(wego, kampala, dt.date(2021, 10, 5)) == ("full", "withdrawn")
    period = registry.period_on(wego, kampala, dt.date(2021, 10, 5))
    assert "announced by the President" in period.decision_reference


def test_a_change_dated_before_the_current_state_is_refused(wego, secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    with pytest.raises(DomainError, match="began on 2017-06-27"):
        services.withdraw_membership(secretariat, wego, goyang, dt.date(2017, 1, 1))


def test_only_the_secretariat_changes_a_membership(wego, seoul_officer):
    goyang = Organisation.objects.get(name="Goyang")
    with pytest.raises(PermissionDenied):
        services.suspend_membership(seoul_officer, wego, goyang, dt.date(2020, 1, 1), "x", "y")


def give_figures(organisation, population, gdp_by_year):
    """The city's own figures, so that other cities of its country stay unbillable."""
    Figure.objects.update_or_create(
        measure="population",
        organisation=organisation,
        year=2016,
        defaults={"value": population, "source": "test"},
    )
    for year, gdp in gdp_by_year.items():
        Figure.objects.update_or_create(
            measure="gdp_per_capita",
            organisation=organisation,
            year=year,
            defaults={"value": gdp, "source": "IMF test"},
        )


def test_a_member_quote_uses_its_figures_and_says_which(wego):
    goyang = Organisation.objects.get(name="Goyang")
    give_figures(goyang, 1_030_000, {2016: D("36000"), 2017: D("38000")})
    Figure.objects.create(
        measure="gdp_per_capita", country="KR", year=2016, value=D("1"), source="national"
    )
    quote = services.quote_for_member(wego, goyang, 2018)
    assert quote.amount == D("7500.00")
    assert quote.basis == {
        "gdp_per_capita": "36000.00",
        "gdp_year": "2016",
        "population": "1030000",
        "population_year": "2016",
    }


def test_the_ga_host_owes_nothing_in_its_waiver_years(wego):
    makati = Organisation.objects.get(key="makati")
    give_figures(makati, 580_000, {y: D("7000") for y in range(2016, 2020)})
    assert services.quote_for_member(wego, makati, 2019).waived.startswith(
        "Host of the 5th General Assembly"
    )
    assert services.quote_for_member(wego, makati, 2021).amount == D("2000.00")


def test_invoicing_is_idempotent_and_says_what_it_could_not_bill(wego, secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    give_figures(goyang, 1_030_000, {2016: D("36000")})
    first = services.run_invoicing(secretariat, wego, 2018, dt.date(2018, 1, 15))
    assert [i.organisation for i in first.created] == [goyang]
    assert first.created[0].number == "WEGO-2018-00001"
    assert first.created[0].amount == D("7500.00")
    assert any(
        o.name == "Seoul" and "missing GDP per capita (PPP) for 2016" in why
        for o, why in first.cannot_compute
    )
    assert any(o.key == "makati" for o, _ in first.waived)
    second = services.run_invoicing(secretariat, wego, 2018, dt.date(2018, 2, 1))
    assert second.created == []
    assert second.already_invoiced == 1
    assert Invoice.objects.filter(network=wego, year=2018).count() == 1


def invoice_for(wego, secretariat, name="Goyang", year=2018):
    organisation = Organisation.objects.get(name=name)
    give_figures(organisation, 1_030_000, {year - 2: D("36000")})
    (invoice,) = services.run_invoicing(secretariat, wego, year, dt.date(year, 1, 15)).created
    return invoice


def test_partial_payments_in_krw_record_their_rate(wego, secretariat):
    invoice = invoice_for(wego, secretariat)
    payment = services.record_payment(
        secretariat,
        invoice,
        received_on=dt.date(2018, 3, 1),
        amount=D("3300000"),
        currency="KRW",
        exchange_rate=D("1100"),
    )
    assert payment.amount_applied == D("3000.00")
    assert services.invoice_balance(invoice) == D("4500.00")
    services.record_payment(
        secretariat, invoice, received_on=dt.date(2018, 4, 1), amount=D("4500"), currency="USD"
    )
    assert services.invoice_balance(invoice) == D("0.00")
    event = AuditEvent.objects.filter(verb="record_payment").order_by("id").first()
    assert event.after["exchange_rate"] == "1100"


def test_a_payment_beyond_the_balance_is_refused_and_nothing_is_saved(wego, secretariat):
    invoice = invoice_for(wego, secretariat)
    with pytest.raises(DomainError, match=r"more than the USD 7,500\.00 still owed"):
        services.record_payment(
            secretariat, invoice, received_on=dt.date(2018, 3, 1), amount=D("9000"), currency="USD"
        )
    assert invoice.payments.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": D("10"), "currency": "KRW"}, "Give the exchange rate"),
        ({"amount": D("10"), "currency": "USD", "exchange_rate": D("2")}, "has no exchange rate"),
        ({"amount": D("-5"), "currency": "USD"}, "positive amount"),
        ({"amount": D("5"), "currency": "GBP"}, "Unknown currency 'GBP'"),
        ({"amount": D("5"), "currency": "KRW", "exchange_rate": D("0")}, "positive number"),
    ],
)
def test_bad_payments_are_refused_with_a_message(wego, secretariat, kwargs, message):
    invoice = invoice_for(wego, secretariat)
    with pytest.raises(DomainError, match=message):
        services.record_payment(secretariat, invoice, received_on=dt.date(2018, 3, 1), **kwargs)


def test_credit_notes_reduce_the_balance_but_never_below_zero(wego, secretariat):
    invoice = invoice_for(wego, secretariat)
    services.issue_credit_note(
        secretariat,
        invoice,
        amount=D("500"),
        reason="population revised",
        issued_on=dt.date(2018, 5, 1),
    )
    assert services.invoice_balance(invoice) == D("7000.00")
    with pytest.raises(DomainError, match="exceeds"):
        services.issue_credit_note(
            secretariat, invoice, amount=D("7000.01"), reason="x", issued_on=dt.date(2018, 5, 2)
        )


def test_arrears_are_aged_by_time_past_due(wego, secretariat):
    old = invoice_for(wego, secretariat, year=2018)
    newer = invoice_for(wego, secretariat, year=2019)
    services.record_payment(
        secretariat, newer, received_on=dt.date(2019, 6, 1), amount=D("1000"), currency="USD"
    )
    rows = {o.name: o for o in services.arrears(wego, dt.date(2020, 6, 1))}
    goyang = rows["Goyang"]
    assert goyang.owed_0_1 == D("6500.00")  # 2019 fee, due 2019-12-31
    assert goyang.owed_1_2 == D("7500.00")  # 2018 fee, due 2018-12-31
    assert goyang.owed_2_plus == D("0.00")
    assert goyang.owed == D("14000.00")
    assert old.pk != newer.pk
    assert "Seoul" not in rows  # its 2012/2013 invoices are paid in full


def test_reminders_are_queued_for_the_worker_and_sent_once(
    wego, secretariat, seoul_officer, mailoutbox, django_capture_on_commit_callbacks
):
    invoice = invoice_for(wego, secretariat)
    from intercity.accounts.services import grant_role

    officer = seoul_officer
    officer.email = "officer@goyang.example"
    officer.save()
    grant_role(None, officer, "city_officer", organisation_id=invoice.organisation_id)
    with django_capture_on_commit_callbacks(execute=True):
        (reminder,) = services.queue_reminders(secretariat, wego, dt.date(2019, 2, 1))
    assert DBTaskResult.objects.filter(args_kwargs__args=[reminder.pk]).exists()
    assert mailoutbox == []  # nothing is sent inline
    assert send_fee_reminder.call(reminder.pk) == 1
    assert send_fee_reminder.call(reminder.pk) == 0
    (mail,) = mailoutbox
    assert mail.to == ["officer@goyang.example"]
    assert invoice.number in mail.subject
    assert Reminder.objects.get(pk=reminder.pk).sent_at is not None


CSV_OK = """measure,organisation,country,year,value,source
gdp_per_capita,,KR,2016,"36,511.5",IMF WEO 2017
population,goyang,,2016,1030000,Goyang City Hall
"""


def test_figures_import_from_csv(secretariat):
    report = services.import_figures(secretariat, CSV_OK)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    assert Figure.objects.get(measure="gdp_per_capita", country="KR", year=2016).value == D(
        "36511.50"
    )
    again = services.import_figures(secretariat, CSV_OK)
    assert (again.created, again.updated) == (0, 2)


def test_one_bad_row_and_no_figure_is_imported(secretariat):
    bad = CSV_OK + "gdp_per_capita,atlantis,,2016,5,x\npopulation,,KR,20x6,5,x\n"
    report = services.import_figures(secretariat, bad)
    assert report.errors == [
        "Row 4, column 'organisation': no organisation has the key 'atlantis'.",
        "Row 5, column 'year': '20x6' is not a year such as 2024.",
    ]
    assert not Figure.objects.exists()


def test_a_new_schedule_version_applies_from_its_year(wego, secretariat):
    table = {"rows": [[0, 500, "0-499", [2500]], [500, None, "500 and over", [9000]]]}
    services.add_fee_schedule(
        secretariat,
        wego,
        category="corporate",
        version="Corporate 2022",
        effective_year=2022,
        basis="employees",
        table=table,
    )
    acme = registry.register_organisation(
        None, name="Acme", kind="company", country="KR", employees=40
    )
    assert services.quote_hypothetical(
        wego, category="corporate", year=2021, employees=40
    ).amount == D("2000.00")
    assert services.quote_hypothetical(
        wego, category="corporate", year=2022, employees=40
    ).amount == D("2500.00")
    assert acme.key == "acme"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"rows": [[0, 500, "a", [1]], [600, None, "b", [2]]]}, "do not meet"),
        ({"rows": [[0, 500, "a", [1]]]}, "open-ended"),
        ({"rows": [[10, None, "a", [1]]]}, "must start at 0"),
        ({"rows": [[0, None, "a", [1, 2]]]}, "has 2 amounts"),
        ({"rows": "nonsense"}, "cannot be read"),
    ],
)
def test_a_malformed_schedule_is_refused(wego, secretariat, table, message):
    with pytest.raises(DomainError, match=message):
        services.add_fee_schedule(
            secretariat,
            wego,
            category="corporate",
            version="bad",
            effective_year=2030,
            basis="employees",
            table=table,
        )


def test_a_schedule_year_is_never_overwritten(wego, secretariat):
    table = {"rows": [[0, None, "all", [1]]]}
    with pytest.raises(DomainError, match="already takes effect in 2017"):
        services.add_fee_schedule(
            secretariat,
            wego,
            category="corporate",
            version="again",
            effective_year=2017,
            basis="employees",
            table=table,
        )


def test_a_member_statement_is_for_its_officers_and_staff_only(
    wego, seoul_officer, makati_officer, secretariat
):
    seoul = Organisation.objects.get(key="seoul")
    own = services.statement(seoul_officer, wego, seoul)
    assert [i.year for i in own.invoices] == [2012, 2013]
    assert own.balance_by_currency == {"USD": D("0.00")}
    with pytest.raises(PermissionDenied):
        services.statement(makati_officer, wego, seoul)
    assert services.statement(secretariat, wego, seoul).invoices


def test_invoicing_costs_the_same_queries_for_few_or_many_members(
    wego, secretariat, django_assert_max_num_queries
):
    from intercity.network.tests.factories import OrganisationFactory, join

    for n in range(40):
        city = OrganisationFactory(country="KR")
        join(wego, city, dt.date(2015, 1, 1), region=None)
        give_figures(city, 500_000 + n, {2018: D("30000")})
    with django_assert_max_num_queries(20):
        run = services.run_invoicing(secretariat, wego, 2020, dt.date(2020, 1, 10))
    assert len(run.created) == 40


# --- The arrears report and the balances, pinned on a small ledger --------------------------

PINNED_TODAY = dt.date(2024, 6, 30)  # 365 days back: 2023-07-01; 730 days back: 2022-07-01


def build_pinned_ledger():
    """A network of its own whose members show every case the arrears and the balances
    handle, as of PINNED_TODAY: each ageing bucket and its limits, partial payments (one
    converted from KRW), credit notes, a member paid in full, one with no invoice, one
    invoiced only in KRW, one only in another network, two of the same name, a tie in
    arrears, and an overpaid invoice (which the services refuse, but the record may hold)
    that must not lower what another invoice of the same member owes."""
    from intercity.membership.tests.factories import (
        CreditNoteFactory,
        InvoiceFactory,
        PaymentFactory,
    )
    from intercity.network.tests.factories import NetworkFactory, OrganisationFactory

    network = NetworkFactory(slug="pinned")
    wego = Network.objects.get(slug="wego")
    numbers = iter(range(1, 1000))

    def org(key, name):
        return OrganisationFactory(key=f"pin-{key}", name=name)

    def invoice(organisation, year, amount, due_on, currency="USD", on=network):
        return InvoiceFactory(
            network=on,
            organisation=organisation,
            year=year,
            number=f"PIN-{next(numbers):04d}",
            amount=D(amount),
            currency=currency,
            due_on=dt.date.fromisoformat(due_on),
        )

    def pay(inv, applied, amount=None, currency="USD", rate="1"):
        PaymentFactory(
            invoice=inv,
            received_on=dt.date(2024, 1, 10),
            amount=D(amount or applied),
            currency=currency,
            exchange_rate=D(rate),
            amount_applied=D(applied),
        )

    def credit(inv, amount):
        CreditNoteFactory(
            invoice=inv,
            number=f"PIN-CN-{next(numbers):04d}",
            amount=D(amount),
            issued_on=dt.date(2024, 1, 10),
        )

    zulu = org("zulu", "Zulu")  # created before Yankee: ties are ordered by name, not id
    invoice(zulu, 2023, "750.00", "2023-12-31")
    yankee = org("yankee", "Yankee")
    invoice(yankee, 2020, "750.00", "2020-12-31")
    alpha = org("alpha", "Alpha")
    invoice(alpha, 2021, "1000.00", "2021-12-31")
    partly = invoice(alpha, 2022, "1234.56", "2022-12-31")
    pay(partly, "0.91", amount="1000.00", currency="KRW", rate="1100")
    credit(partly, "333.33")
    pay(invoice(alpha, 2023, "2000.00", "2023-12-31"), "500.10")
    invoice(alpha, 2024, "2000.00", "2024-12-31")  # not yet due
    invoice(alpha, 2020, "9999.00", "2020-12-31", on=wego)  # another network's
    bravo = org("bravo", "Bravo")
    for year, due_on in [
        (2024, "2024-06-30"),  # due today: not yet in arrears
        (2023, "2023-07-01"),  # 365 days past due: 0-1 years
        (2022, "2023-06-30"),  # 366 days: 1-2 years
        (2021, "2022-07-01"),  # 730 days: 1-2 years
        (2020, "2022-06-30"),  # 731 days: 2+ years
    ]:
        invoice(bravo, year, "100.00", due_on)
    charlie = org("charlie", "Charlie")
    paid = invoice(charlie, 2022, "3000.00", "2022-12-31")
    pay(paid, "1000.00")
    pay(paid, "2000.00")
    credit(invoice(charlie, 2023, "1500.00", "2023-12-31"), "1500.00")
    org("delta", "Delta")  # no invoice at all
    invoice(org("echo", "Echo"), 2022, "5500000.00", "2022-12-31", currency="KRW")
    hotel = org("hotel", "Hotel")
    invoice(hotel, 2023, "100.00", "2023-12-31")
    pay(invoice(hotel, 2022, "200.00", "2023-11-30"), "250.00")  # overpaid by 50.00
    invoice(org("india", "India"), 2020, "300.00", "2020-12-31", on=wego)
    invoice(org("kilo-1", "Kilo"), 2024, "10.00", "2024-12-31")
    invoice(org("kilo-2", "Kilo"), 2024, "20.00", "2024-12-31")
    return network


def cents(value):
    """A sum as the pages and the API show it. On PostgreSQL it is exact already; SQLite
    adds decimals in floating point, so a sum may carry digits beyond the cent."""
    assert isinstance(value, Decimal)
    return value.quantize(D("0.01"))


def test_arrears_of_the_pinned_ledger(django_assert_max_num_queries):
    network = build_pinned_ledger()
    with django_assert_max_num_queries(1):
        rows = list(services.arrears(network, PINNED_TODAY))
    assert all(isinstance(row, Organisation) for row in rows)
    got = [
        (
            row.key,
            *(cents(getattr(row, a)) for a in ("owed_0_1", "owed_1_2", "owed_2_plus", "owed")),
        )
        for row in rows
    ]
    assert got == [
        ("pin-alpha", D("1499.90"), D("900.32"), D("1000.00"), D("3400.22")),
        ("pin-yankee", D("0.00"), D("0.00"), D("750.00"), D("750.00")),
        ("pin-zulu", D("750.00"), D("0.00"), D("0.00"), D("750.00")),
        ("pin-bravo", D("100.00"), D("200.00"), D("100.00"), D("400.00")),
        ("pin-hotel", D("100.00"), D("0.00"), D("0.00"), D("100.00")),
    ]
    for row in rows:  # no more than the cent, whatever the database
        for name in ("owed_0_1", "owed_1_2", "owed_2_plus", "owed"):
            assert getattr(row, name) == cents(getattr(row, name))


def test_balances_of_the_pinned_ledger(django_assert_max_num_queries):
    network = build_pinned_ledger()
    with django_assert_max_num_queries(1):
        rows = list(services.balances(network))
    assert all(isinstance(row, Organisation) for row in rows)
    got = [
        (row.key, *(cents(getattr(row, a)) for a in ("invoiced", "paid", "credited", "balance")))
        for row in rows
    ]
    assert got == [
        ("pin-alpha", D("6234.56"), D("501.01"), D("333.33"), D("5400.22")),
        ("pin-bravo", D("500.00"), D("0.00"), D("0.00"), D("500.00")),
        ("pin-charlie", D("4500.00"), D("3000.00"), D("1500.00"), D("0.00")),
        ("pin-echo", D("0.00"), D("0.00"), D("0.00"), D("0.00")),  # invoiced in KRW only
        ("pin-hotel", D("300.00"), D("250.00"), D("0.00"), D("50.00")),
        ("pin-kilo-1", D("10.00"), D("0.00"), D("0.00"), D("10.00")),
        ("pin-kilo-2", D("20.00"), D("0.00"), D("0.00"), D("20.00")),
        ("pin-yankee", D("750.00"), D("0.00"), D("0.00"), D("750.00")),
        ("pin-zulu", D("750.00"), D("0.00"), D("0.00"), D("750.00")),
    ]
    for row in rows:
        for name in ("invoiced", "paid", "credited", "balance"):
            assert getattr(row, name) == cents(getattr(row, name))


def test_arrears_and_balances_of_a_network_without_invoices():
    from intercity.network.tests.factories import NetworkFactory

    network = NetworkFactory(slug="empty")
    assert list(services.arrears(network, PINNED_TODAY)) == []
    assert list(services.balances(network)) == []


@pytest.mark.parametrize(
    "day",
    [
        "2021-12-31",
        "2022-07-01",
        "2023-06-30",
        "2023-07-01",
        "2024-07-01",
        "2025-01-01",
        "2026-12-31",
    ],
)
def test_arrears_put_each_unpaid_invoice_where_the_ageing_rule_does(day):
    """The report and `rules.age_bucket` read the same limits: on any day, each member's
    buckets are the sums of its unpaid invoices in the bucket the rule names."""
    from intercity.membership import rules

    network = build_pinned_ledger()
    today = dt.date.fromisoformat(day)
    owed = {}
    invoices = Invoice.objects.filter(network=network, currency="USD").select_related(
        "organisation"
    )
    for invoice in invoices.prefetch_related("payments", "credit_notes"):
        balance = (
            invoice.amount
            - sum(p.amount_applied for p in invoice.payments.all())
            - sum(c.amount for c in invoice.credit_notes.all())
        )
        bucket = rules.age_bucket(invoice.due_on, today)
        if balance > 0 and bucket is not None:
            buckets = owed.setdefault(
                invoice.organisation, dict.fromkeys(rules.AGE_BUCKETS, D("0.00"))
            )
            buckets[bucket] += balance
    expected = sorted(
        ((o.pk, *b.values(), sum(b.values())) for o, b in owed.items()),
        key=lambda row: (-row[-1], Organisation.objects.get(pk=row[0]).name),
    )
    got = [
        (row.pk, *(cents(getattr(row, a)) for a in ("owed_0_1", "owed_1_2", "owed_2_plus", "owed")))
        for row in services.arrears(network, today)
    ]
    assert got == expected
