"""In Chromium: Seoul's CPS administrator shares Seoul's figures, Makati already does, and
anyone reads the two cities side by side on WeGO's page, opens a figure to see the numbers
behind it, chooses the last 12 months and sorts by a column; the Secretariat sees both on its
page. Every page passes axe and fits a phone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.network.models import Organisation
from intercity.participation import services
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    officer_of,
    staff_of,
)

pytestmark = pytest.mark.browser


def filed(jurisdiction, service, days_ago, where, staff=None, hours=None):
    when = timezone.now() - dt.timedelta(days=days_ago)
    report = services.submit_report(
        jurisdiction,
        services.Submission(
            service_code=service,
            description="Broken kerb outside Park Ji-hoon's shop",
            latitude=where[0],
            longitude=where[1],
            email="jihoon.private@example.org",
        ),
        now=when,
    )
    if hours is not None:
        services.change_status(staff, report, "acknowledged", now=when + dt.timedelta(minutes=10))
        services.change_status(staff, report, "resolved", now=when + dt.timedelta(hours=hours))
    return report


@pytest.fixture
def two_cities(site):
    from intercity.participation.models import Jurisdiction

    Organisation.objects.filter(key="seoul").update(population=9_400_000, population_year=2024)
    seoul = Jurisdiction.objects.get(slug="seoul")
    jiwoo = staff_of("jiwoo", "seoul")
    for days, hours in ((3, 10), (4, 30), (200, 5)):
        filed(seoul, "pothole", days, IN_SEOUL, jiwoo, hours)
    makati_officer = officer_of("makati-officer", "makati")
    makati = makati_jurisdiction(makati_officer)
    filed(makati, "pothole", 2, IN_MAKATI, makati_officer, 12)
    services.share_performance(makati_officer, makati, timezone.now())
    person("seojun", Role.CPS_ADMIN, "seoul")
    return seoul


def test_wego_page_compares_two_sharing_cities(browser, site, page, phone, two_cities):
    log_in(page, "seojun")
    page.goto("/cps/seoul/setup/sharing/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sharing figures with the network")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Share these figures with the network").click()
    expect(page.get_by_role("status")).to_contain_text("Seoul now shares its figures")
    expect(page.get_by_role("button", name="Stop sharing")).to_be_visible()

    reader = browser.new_context(base_url=site).new_page()
    reader.set_default_timeout(10_000)
    reader.goto("/networks/wego/#cps-compared")
    section = reader.locator("#cps-compared")
    expect(section.get_by_role("heading", name="Citizens' reports compared")).to_be_visible()
    table = section.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody th")).to_have_text(["Makati", "Seoul"])
    seoul_row = table.locator("tbody tr").filter(has_text="Seoul")
    # Two reports in 90 days for 9,400,000 residents: 0.00 per 1,000, and why.
    seoul_row.locator("summary").first.click()
    expect(seoul_row.locator("details").first).to_contain_text("9,400,000 residents")
    makati_row = table.locator("tbody tr").filter(has_text="Makati")
    expect(makati_row).to_contain_text("population unknown")
    expect(section).not_to_contain_text("Park Ji-hoon")
    expect(section).not_to_contain_text("jihoon.private@example.org")
    assert axe_violations(reader) == []

    # The last 12 months, swapped in by htmx: Seoul's report of 200 days ago counts.
    section.get_by_label("Period").select_option(label="Last 12 months")
    section.get_by_role("button", name="Show").click()
    seoul_row = section.locator("tbody tr").filter(has_text="Seoul")
    seoul_row.locator("summary").first.click()
    expect(seoul_row.locator("details").first).to_contain_text("3 reports filed")
    # Sorted by median time to resolve: Makati (12 h) before Seoul (10 h, 30 h, 5 h: 10 h).
    section.get_by_role("link", name="Median time to resolve").click()
    expect(reader.locator("#cps-compared th[aria-sort]")).to_have_text("Median time to resolve")
    expect(reader.locator("#cps-compared tbody th")).to_have_text(["Seoul", "Makati"])

    phone.goto("/networks/wego/#cps-compared")
    expect(phone.locator("#cps-compared tbody tr")).to_have_count(2)
    assert horizontal_overflow(phone) == 0

    person("sam", Role.SECRETARIAT)
    office = browser.new_context(base_url=site).new_page()
    office.set_default_timeout(10_000)
    log_in(office, "sam")
    office.goto("/cps-compared/")
    expect(office.locator("tbody th")).to_have_text(["Makati", "Seoul"])
    assert axe_violations(office) == []

    # Seoul stops: WeGO's page says why no city is compared, at once.
    page.get_by_role("button", name="Stop sharing").click()
    expect(page.get_by_role("status")).to_contain_text("no longer shares")
    reader.goto("/networks/wego/#cps-compared")
    expect(reader.locator("#cps-compared")).to_contain_text("Only 1 city of this network")
