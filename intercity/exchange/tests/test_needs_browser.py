"""End-to-end in Chromium: Makati's officer posts a need through the page, the Secretariat
runs the matching and accepts the proposal on its page, and Makati's officer sees the match
with its reason. The main pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.exchange.tests import factories_needs as make

pytestmark = pytest.mark.browser


def test_a_city_posts_a_need_and_sees_its_match_with_the_reason(page, phone, browser, site):
    person("miguel", Role.CITY_OFFICER, "makati")
    seoul = person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    make.offer(seoul, "seoul", title="Seoul trains on bus information")

    log_in(page, "miguel")
    page.goto("/exchange/needs/mine/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Post a need").click()
    page.get_by_label("Title").fill("Real-time bus information")
    page.get_by_label("Description").fill("Bus arrival times on phones and at stops.")
    page.get_by_label("Theme").select_option(label="Mobile Government")
    page.get_by_label("Training").check()
    page.get_by_label("Languages").select_option(["en"])
    assert axe_violations(page) == []
    page.get_by_role("button", name="Post the need").click()
    expect(page.get_by_text("Your need is posted.")).to_be_visible()

    staff = browser.new_context(base_url=site).new_page()
    log_in(staff, "sam")
    staff.goto("/exchange/matching/")
    staff.get_by_role("button", name="Run the matching for WeGO").click()
    expect(staff.get_by_text("Both are about the theme Mobile Government. (+30)")).to_be_visible()
    assert axe_violations(staff) == []
    staff.get_by_role("button", name="Accept Seoul for Makati").click()
    expect(staff.get_by_text("Accepted: Seoul will help Makati.")).to_be_visible()

    page.goto("/exchange/needs/mine/")
    expect(page.get_by_text("Matched with:")).to_be_visible()
    expect(page.get_by_text("Both are about the theme Mobile Government. (+30)")).to_be_visible()
    page.get_by_role("link", name="The exchange").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seoul → Makati")
    assert axe_violations(page) == []

    log_in(phone, "miguel")
    for path in ("/exchange/needs/mine/", "/exchange/needs/", "/exchange/needs/new/"):
        phone.goto(path)
        assert horizontal_overflow(phone) == 0, path
    log_in(phone, "sam")
    phone.goto("/exchange/matching/")
    assert horizontal_overflow(phone) == 0
