"""End-to-end: members and the Secretariat using the membership pages in Chromium."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.membership import services
from intercity.membership.models import Application, Figure
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser


def test_a_city_officer_sees_their_own_account_and_not_another(page):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    log_in(page, "seoyeon")
    page.goto(f"/organisations/{seoul.pk}/")
    page.get_by_role("link", name=re.compile("WeGO membership account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seoul: WeGO membership account")
    expect(page.locator("main")).to_contain_text("WEGO-2012-seoul")
    expect(page.locator("main")).to_contain_text("USD 0.00")

    page.goto(f"/organisations/{makati.pk}/")
    expect(page.get_by_role("link", name=re.compile("membership account"))).to_have_count(0)
    response = page.goto(f"/networks/wego/account/{makati.pk}/")
    assert response.status == 403


def test_staff_record_a_partial_payment_and_the_arrears_update(page):
    staff = person("sam", Role.SECRETARIAT)
    wego = Network.objects.get(slug="wego")
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita",
        organisation=goyang,
        year=2016,
        value=Decimal("36000"),
        source="test",
    )
    (invoice,) = services.run_invoicing(staff, wego, 2018, dt.date(2018, 1, 15)).created
    log_in(page, "sam")

    page.goto("/networks/wego/staff/arrears/")
    goyang_row = page.locator("#arrears tbody tr").filter(has_text="Goyang")
    expect(goyang_row).to_contain_text("7,500.00")

    page.goto(f"/staff/invoices/{invoice.pk}/")
    payment = page.locator("form").filter(has_text="Record a payment")
    payment.get_by_label("Received on").fill("2018-03-01")
    payment.get_by_label("Amount").fill("3300000")
    payment.get_by_label("Currency").select_option("KRW")
    payment.get_by_label("Exchange rate").fill("1100")
    payment.get_by_role("button", name="Record payment").click()
    expect(page.get_by_role("status")).to_contain_text("Payment recorded.")
    expect(page.locator("#owed")).to_have_text("USD 4,500.00")

    page.goto("/networks/wego/staff/arrears/")
    expect(goyang_row).to_contain_text("4,500.00")
    expect(goyang_row).not_to_contain_text("7,500.00")


def test_a_refused_payment_is_explained_on_the_page(page):
    staff = person("sam", Role.SECRETARIAT)
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita",
        organisation=goyang,
        year=2016,
        value=Decimal("36000"),
        source="test",
    )
    (invoice,) = services.run_invoicing(
        staff, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15)
    ).created
    log_in(page, "sam")
    page.goto(f"/staff/invoices/{invoice.pk}/")
    payment = page.locator("form").filter(has_text="Record a payment")
    payment.get_by_label("Amount").fill("10")
    payment.get_by_label("Currency").select_option("KRW")
    payment.get_by_role("button", name="Record payment").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the exchange rate used")
    expect(page.locator("#owed")).to_have_text("USD 7,500.00")


def test_a_visitor_applies_to_join(page):
    page.goto("/networks/wego/")
    page.get_by_role("link", name="Apply to join WeGO").click()
    page.get_by_label("Name of the city or organisation").fill("Testburg")
    page.get_by_label("What it is").select_option("city")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Population (cities)").fill("450000")
    page.get_by_label("Contact name").fill("Ada Lovelace")
    page.get_by_label("Contact email").fill("ada@testburg.example")
    page.get_by_label("Why do you wish to join?").fill("To learn from other cities.")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application is registered as no.")


def test_membership_pages_pass_axe_and_fit_a_phone(phone):
    staff = person("sam", Role.SECRETARIAT)
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita",
        organisation=goyang,
        year=2016,
        value=Decimal("36000"),
        source="test",
    )
    (invoice,) = services.run_invoicing(
        staff, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15)
    ).created
    assert isinstance(staff, User)
    application = services.submit_application(
        Network.objects.get(slug="wego"),
        {
            "organisation_name": "Testburg",
            "kind": "city",
            "country": "DE",
            "requested_category": "full",
            "population": 450000,
            "contact_name": "Ada Lovelace",
            "contact_email": "ada@testburg.example",
            "motivation": "To learn.",
        },
    )
    phone.goto("/networks/wego/apply/")
    assert axe_violations(phone) == []
    log_in(phone, "sam")
    for path in (
        "/networks/wego/staff/",
        "/networks/wego/staff/applications/",
        "/networks/wego/staff/invoicing/",
        "/networks/wego/staff/arrears/",
        f"/staff/invoices/{invoice.pk}/",
        f"/networks/wego/account/{goyang.pk}/",
        f"/networks/wego/staff/members/{goyang.pk}/status/",
        "/staff/figures/import/",
        "/networks/wego/staff/invoices/",
        "/networks/wego/staff/invoices/?year=1999",
        f"/networks/wego/staff/applications/{application.pk}/",
    ):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"


def test_the_invoicing_run_says_why_members_were_left_out_and_exports_the_missing_figures(
    page,
):
    person("sam", Role.SECRETARIAT)
    log_in(page, "sam")
    page.goto("/networks/wego/staff/invoicing/")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Issued on").fill("2026-01-15")
    page.get_by_role("button", name="Run invoicing").click()
    expect(page.get_by_role("status")).to_contain_text("95 left out for want of figures")
    left_out = page.locator("#left-out")
    seoul = left_out.locator("tr").filter(has_text="Seoul").first
    expect(seoul).to_contain_text("seoul")
    expect(seoul).to_contain_text("GDP per capita (PPP, USD) of 2024")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        left_out.get_by_role("link", name="Download the missing figures (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "wego-2026-missing-figures.csv"
    with open(download.path(), encoding="utf-8") as saved:
        text = saved.read()
    header, *rows = text.splitlines()
    assert header.split(",")[:6] == services.FIGURE_COLUMNS
    assert "gdp_per_capita,seoul,,2024,,,Seoul," in text
    assert len({row.split(",")[1] for row in rows}) == 95


def test_the_secretariat_accepts_and_approves_an_application_in_one_step(page):
    person("sam", Role.SECRETARIAT)
    wego = Network.objects.get(slug="wego")
    application = services.submit_application(
        wego,
        {
            "organisation_name": "Testburg",
            "kind": "city",
            "country": "DE",
            "requested_category": "full",
            "population": 450000,
            "contact_name": "Ada Lovelace",
            "contact_email": "ada@testburg.example",
            "motivation": "To learn.",
        },
    )
    applied = services.applied_on(application)
    log_in(page, "sam")
    page.goto("/networks/wego/staff/applications/")
    card = page.locator("section").filter(has_text="Testburg").first
    # The same day as the application: refused with the date rule, on the result page.
    card.get_by_label("With effect on").fill(applied.isoformat())
    card.get_by_label("Decision that approved it").select_option(index=1)
    card.get_by_role("button", name="Accept and approve the membership").click()
    expect(page.get_by_role("alert")).to_contain_text("Statute 2017 Art. 5.1(b)")
    assert axe_violations(page) == []

    form = page.locator("form").filter(has_text="Accept and approve the membership")
    form.get_by_label("With effect on").fill((applied + dt.timedelta(days=1)).isoformat())
    form.get_by_label("Decision that approved it").select_option(index=1)
    form.get_by_role("button", name="Accept and approve the membership").click()
    expect(page.get_by_role("status")).to_contain_text("Testburg is now a Full member of WeGO.")
    expect(page.locator("#history")).to_contain_text("Associate member (Active)")
    expect(page.locator("#history")).to_contain_text("Full member (Active)")
    assert Application.objects.get(pk=application.pk).status == Application.Status.ACCEPTED
    assert axe_violations(page) == []
