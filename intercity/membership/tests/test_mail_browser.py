"""End-to-end in Chromium: the Secretariat queues fee reminders and the page names the member
with no e-mail address instead of counting its reminder as sent; the page passes axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, log_in
from intercity.membership import services
from intercity.membership.models import Figure
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser


def test_a_member_with_no_address_is_named_when_reminders_are_queued(page):
    staff = person("sam", Role.SECRETARIAT)
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=Decimal(36000), source="t"
    )
    services.run_invoicing(staff, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15))
    log_in(page, "sam")
    page.goto("/networks/wego/staff/arrears/")
    expect(page.locator("#reminder-counts")).to_have_text("Reminders: 0 queued, 0 sent, 0 failed.")
    page.get_by_role("button", name="Queue a reminder for each unpaid invoice").click()
    expect(page.get_by_role("status")).to_contain_text("0 reminders queued.")
    expect(page.get_by_role("status")).to_contain_text("No e-mail address for Goyang: not sent.")
    expect(page.locator("#reminder-trouble")).to_contain_text(
        "No e-mail address for Goyang: not sent."
    )
    assert axe_violations(page) == []
