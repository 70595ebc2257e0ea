"""End-to-end in Chromium: a visitor goes from the ASCN's network page to its timeline (months
shown as months, the Framework's endorsement dates); the Secretariat records the first annual
meeting's outcome. The network page and the timeline pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_timeline_and_the_secretariat_records_an_outcome(page, phone):
    person("sam", Role.SECRETARIAT)

    page.goto("/networks/ascn/")
    expect(page.get_by_role("link", name="How cities become members of ASCN")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ASCN timeline")
    expect(
        page.get_by_role("heading", name="ASEAN Smart Cities Framework", exact=True)
    ).to_be_visible()
    expect(page.locator("#year-2018")).to_be_visible()
    expect(page.get_by_text("Every date here is a plan")).to_be_visible()
    assert axe_violations(page) == []

    phone.goto("/networks/ascn/timeline/")
    assert horizontal_overflow(phone) == 0
    phone.goto("/networks/ascn/")
    assert horizontal_overflow(phone) == 0

    log_in(page, "sam")
    page.goto("/networks/ascn/timeline/")
    meeting = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="First Annual Meeting of the ASCN")
    )
    meeting.get_by_role("link", name="Edit").click()
    page.get_by_label("Status").select_option("happened")
    page.get_by_label("Outcome").fill("The ASEAN Smart Cities Framework was endorsed.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the milestone").click()
    expect(page.get_by_text("The milestone is saved.")).to_be_visible()
    expect(meeting).to_contain_text("The ASEAN Smart Cities Framework was endorsed.")
    expect(meeting).to_contain_text("Happened")
