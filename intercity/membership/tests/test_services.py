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


@pytest.fixture
def wego():
    return Network.objects.get(slug="wego")


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
    with pytest.raises(DomainError, match="Full member category is for: city"):
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
        "line 4: no organisation with key 'atlantis'.",
        "line 5: year and value must be numbers.",
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
