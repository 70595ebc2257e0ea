"""In Chromium: a citizen starting a report next to an existing one sees it while filling the
form and follows it instead of filing another."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.participation import services
from intercity.participation.models import Follower, Jurisdiction, Report, Supporter
from intercity.participation.tests.factories import IN_SEOUL

pytestmark = pytest.mark.browser


def existing_pothole() -> Report:
    return services.submit_report(
        Jurisdiction.objects.get(slug="seoul"),
        services.Submission(
            "pothole",
            "Deep pothole in the bus lane outside exit 3",
            IN_SEOUL[0],
            IN_SEOUL[1],
            address="110 Sejong-daero",
        ),
    )


def start_a_report_next_to_it(tab):
    tab.goto("/cps/seoul/report/")
    tab.get_by_label("What is the problem?").select_option("pothole")
    tab.get_by_label("Describe it").fill("A hole in the road by the station")
    tab.get_by_label("Latitude").fill(str(IN_SEOUL[0] + Decimal("0.0003")))  # about 33 m north
    tab.get_by_label("Longitude").fill(str(IN_SEOUL[1]))
    tab.get_by_label("Longitude").press("Tab")  # leaving the field sends 'change'


def test_a_citizen_starting_a_report_next_to_one_follows_it_instead(page):
    existing = existing_pothole()
    start_a_report_next_to_it(page)
    suggestions = page.get_by_role("region", name="Already reported nearby?")
    expect(suggestions).to_contain_text(existing.public_id)
    expect(suggestions).to_contain_text("33 metres away")
    page.get_by_label("E-mail").fill("minjun@example.org")
    page.get_by_role("button", name="This is my problem too").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Report {existing.public_id}")
    expect(page.get_by_text("1 person reported this too.")).to_be_visible()
    assert Report.objects.count() == 1
    assert Supporter.objects.filter(report=existing).count() == 1
    assert Follower.objects.filter(report=existing, email="minjun@example.org").exists()


def test_without_javascript_the_nearby_list_comes_with_the_form(browser, site):
    existing = existing_pothole()
    context = browser.new_context(base_url=site, java_script_enabled=False)
    tab = context.new_page()
    start_a_report_next_to_it(tab)
    tab.get_by_role("button", name="Look for the same problem nearby").click()
    expect(tab.get_by_label("Describe it")).to_have_value("A hole in the road by the station")
    expect(tab.get_by_role("region", name="Already reported nearby?")).to_contain_text(
        existing.public_id
    )
    tab.get_by_role("button", name="This is my problem too").click()
    expect(tab.get_by_text("1 person reported this too.")).to_be_visible()
    assert Report.objects.count() == 1
    context.close()


def test_the_form_with_suggestions_passes_axe_and_fits_a_phone(phone):
    existing_pothole()
    start_a_report_next_to_it(phone)
    expect(phone.get_by_role("button", name="This is my problem too")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0


def test_reports_near_a_point_pass_axe_and_fit_a_phone(phone):
    existing = existing_pothole()
    lat, lon = IN_SEOUL
    phone.goto(f"/cps/seoul/reports/?lat={lat}&long={lon}&radius=500")
    expect(phone.get_by_text("0 metres away")).to_be_visible()
    expect(phone.get_by_role("link", name="Pothole")).to_have_count(1)
    assert existing.public_id in phone.content()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    phone.goto(f"/cps/seoul/reports/?lat={lat}&long={lon}&radius=50000")
    expect(phone.get_by_role("alert")).to_contain_text("radius is between 1 and 20,000 metres.")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
