"""End-to-end in Chromium: the Secretariat changes a session's capacity, closes its call
early, and cancels another session; the programme's page shows it cancelled and its totals
unchanged. The pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.learning.tests.factories_training import open_session

pytestmark = pytest.mark.browser

PROGRAMME = "/learning/programmes/seoul-e-government-training/"


def test_the_secretariat_changes_a_capacity_closes_a_call_and_cancels_a_session(page, phone):
    person("sam", Role.SECRETARIAT)
    kept = open_session(capacity=20)
    dropped = open_session(capacity=10, title="Seoul e-Government Training 2027 (autumn)")

    log_in(page, "sam")
    page.goto(f"/learning/sessions/{kept.pk}/")
    page.get_by_role("link", name="Change the dates, place or capacity").click()
    page.get_by_label("Capacity (places)").fill("12")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("The session is updated.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("12")

    page.get_by_role("button", name="Close the call now").click()
    expect(page.get_by_text("The call is closed: nobody can apply any more.")).to_be_visible()
    expect(page.locator("#call-closed-early")).to_be_visible()
    expect(page.get_by_role("button", name="Reopen the call")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/learning/sessions/{dropped.pk}/")
    page.get_by_role("link", name="Cancel the session").click()
    expect(page.get_by_text("0 applicants are told by e-mail")).to_be_visible()
    page.get_by_role("button", name="Cancel the session").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Reason of the cancellation").fill("The venue is closed for works.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel the session").click()
    expect(page.locator("#cancelled")).to_contain_text("The venue is closed for works.")

    page.goto(PROGRAMME)
    expect(page.locator("tr", has_text=dropped.title)).to_contain_text("Cancelled")
    expect(page.locator("tr", has_text=kept.title).first).to_contain_text("Open for applications")
    expect(
        page.get_by_text("In all: 57 people from 22 cities. The cancelled session is not counted.")
    ).to_be_visible()
    assert axe_violations(page) == []

    for path in (PROGRAMME, f"/learning/sessions/{dropped.pk}/"):
        phone.goto(path)
        assert horizontal_overflow(phone) == 0, path
