"""The ASCN's representation page in a browser: public, it passes axe and fits a phone; the
ASEAN Secretariat's refused nomination is shown on it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.plans.tests import factories_representation as make

pytestmark = pytest.mark.browser

PAGE = "/networks/ascn/representation/"


def test_a_visitor_reads_the_representation_and_malaysias_disagreement(page, phone):
    page.goto("/networks/ascn/")
    page.get_by_role("link", name="Representation").first.click()
    expect(page.get_by_role("heading", name="Malaysia")).to_be_visible()
    expect(page.locator("#state-MY")).to_contain_text("The list and the rule disagree")
    expect(page.locator("#state-TH")).to_contain_text("Bangkok")
    assert axe_violations(page) == []
    phone.goto(PAGE)
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []


def test_the_secretariat_is_told_why_a_fourth_thai_city_is_refused(page):
    person("sam", Role.SECRETARIAT)
    city = make.city("Chiang Mai", "TH")
    log_in(page, "sam")
    page.goto(PAGE)
    page.get_by_label("ASEAN Member State", exact=True).select_option("TH")
    page.get_by_label("City", exact=True).select_option(str(city.pk))
    page.get_by_role("button", name="Nominate").click()
    expect(page.get_by_role("alert")).to_contain_text("Thailand already has 3 pilot cities")
    assert axe_violations(page) == []
