import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from intercity.membership import services
from intercity.membership.models import Application, Figure, Invoice
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

APPLY = {
    "organisation_name": "Testburg",
    "kind": "city",
    "country": "DE",
    "requested_category": "full",
    "population": "450000",
    "contact_name": "Ada Lovelace",
    "contact_email": "ada@testburg.example",
    "motivation": "We want to learn.",
}


def test_a_city_applies_and_gets_a_reference(client):
    response = client.post(reverse("membership_apply", args=["wego"]), APPLY, follow=True)
    application = Application.objects.get(organisation_name="Testburg")
    assert f"registered as no. {application.pk}" in response.content.decode()


def test_an_incomplete_application_says_what_is_wrong_and_saves_nothing(client):
    response = client.post(
        reverse("membership_apply", args=["wego"]),
        {**APPLY, "contact_email": "nope", "population": ""},
    )
    page = response.content.decode()
    assert "The application was not sent" in page
    assert "Enter a valid email address." in page
    assert "A city gives its population" in page
    assert not Application.objects.exists()


def test_a_bot_filling_the_hidden_field_is_turned_away(client):
    client.post(reverse("membership_apply", args=["wego"]), {**APPLY, "homepage": "http://spam"})
    assert not Application.objects.exists()


def test_the_secretariat_accepts_an_application(client, secretariat):
    application = services.submit_application(
        Network.objects.get(slug="wego"), {**APPLY, "population": 450000}
    )
    client.force_login(secretariat)
    assert (
        "Testburg" in client.get(reverse("membership_applications", args=["wego"])).content.decode()
    )
    client.post(
        reverse("membership_decide_application", args=["wego", application.pk, "accept"]),
        {"on": "2026-01-10", "decision_reference": "Secretariat"},
    )
    application.refresh_from_db()
    assert application.status == "accepted"


def test_an_officer_sees_their_own_account_and_not_another(client, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    client.force_login(seoul_officer)
    page = client.get(reverse("membership_account", args=["wego", seoul.pk])).content.decode()
    assert "WEGO-2012-seoul" in page
    assert client.get(reverse("membership_account", args=["wego", makati.pk])).status_code == 403


def test_staff_screens_are_for_the_secretariat(client, seoul_officer):
    client.force_login(seoul_officer)
    for name in (
        "membership_staff",
        "membership_applications",
        "membership_invoicing",
        "membership_arrears",
    ):
        assert client.get(reverse(name, args=["wego"])).status_code == 403


def goyang_invoice(secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=Decimal("36000"), source="t"
    )
    (invoice,) = services.run_invoicing(
        secretariat, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15)
    ).created
    return invoice


def test_staff_run_invoicing_from_the_page(client, secretariat):
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=Decimal("36000"), source="t"
    )
    client.force_login(secretariat)
    page = client.post(
        reverse("membership_invoicing", args=["wego"]), {"year": "2018", "issued_on": "2018-01-15"}
    ).content.decode()
    assert "1 invoice created" in page
    assert "GDP per capita (PPP, USD) of 2016: the year Y-2 the 2018 fee reads" in page
    again = client.post(
        reverse("membership_invoicing", args=["wego"]), {"year": "2018", "issued_on": "2018-01-15"}
    ).content.decode()
    assert "0 invoices created; 1 already invoiced" in again
    assert Invoice.objects.filter(year=2018).count() == 1


def test_staff_record_a_partial_payment_in_krw(client, secretariat):
    invoice = goyang_invoice(secretariat)
    client.force_login(secretariat)
    response = client.post(
        reverse("membership_invoice", args=[invoice.pk]),
        {
            "record_payment": "1",
            "payment-received_on": "2018-03-01",
            "payment-amount": "3300000",
            "payment-currency": "KRW",
            "payment-exchange_rate": "1100",
        },
        follow=True,
    )
    assert "USD 4,500.00" in response.content.decode()


def test_a_refused_payment_shows_why_and_changes_nothing(client, secretariat):
    invoice = goyang_invoice(secretariat)
    client.force_login(secretariat)
    response = client.post(
        reverse("membership_invoice", args=[invoice.pk]),
        {
            "record_payment": "1",
            "payment-received_on": "2018-03-01",
            "payment-amount": "8000",
            "payment-currency": "USD",
        },
    )
    assert "more than the USD 7,500.00 still owed" in response.content.decode()
    assert invoice.payments.count() == 0


def test_arrears_page_and_reminders(client, secretariat):
    goyang_invoice(secretariat)
    client.force_login(secretariat)
    page = client.get(reverse("membership_arrears", args=["wego"])).content.decode()
    assert "Goyang" in page
    response = client.post(reverse("membership_arrears", args=["wego"]), follow=True)
    # Goyang has no officer with an address: said so, not counted as queued.
    assert "0 reminders queued." in response.content.decode()
    assert "No e-mail address for Goyang: not sent." in response.content.decode()


def test_status_change_page_refuses_an_invalid_transition(client, secretariat):
    nanjing = Organisation.objects.get(name="Nanjing")
    client.force_login(secretariat)
    response = client.post(
        reverse("membership_change_status", args=["wego", nanjing.pk]),
        {
            "action": "approve",
            "category": "full",
            "on": "2020-01-01",
            "decision_reference": "EXCOM",
        },
    )
    assert "a withdrawn member must apply again" in response.content.decode()


def test_figures_import_page(client, secretariat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    csv = b"measure,organisation,country,year,value,source\ngdp_per_capita,,KR,2016,36511,IMF\n"
    response = client.post(
        reverse("membership_import_figures"),
        {"file": SimpleUploadedFile("f.csv", csv, "text/csv")},
        follow=True,
    )
    assert "Imported: 1 new figures" in response.content.decode()
