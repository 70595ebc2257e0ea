"""End-to-end in Chromium: Bangkok's officer ranks the external partners, staff enter a
partner's ranking, run the matching and confirm, publish, and the public list shows the pair.
The rounds page, the ranking page, the staff's round page and the public list pass axe and fit
a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.exchange.tests import factories_twinning as make

pytestmark = pytest.mark.browser


def test_an_officer_ranks_staff_match_and_confirm_and_the_pair_is_published(
    page, phone, browser, site
):
    person("nok", Role.CITY_OFFICER, "bangkok")
    person("sam", Role.SECRETARIAT)
    round_ = make.round_()
    make.ranks(round_, "adb", ["bangkok", "manila"])
    bangkok = make.participant(round_, "bangkok")

    # Bangkok's officer finds the ranking on the rounds page and ranks two partners.
    log_in(page, "nok")
    page.goto("/exchange/twinning/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Ranking of Bangkok in {round_}").click()
    page.get_by_label("Asian Development Bank (ADB)").select_option("1")
    page.get_by_label("World Bank").select_option("2")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the ranking").click()
    expect(page.get_by_text("The ranking of Bangkok is saved.")).to_be_visible()
    expect(page.locator("#current li").first).to_have_text("Asian Development Bank (ADB)")

    # Staff run the matching with the cities proposing, then confirm and publish.
    staff = browser.new_context(base_url=site).new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto(f"/exchange/twinning/{round_.pk}/manage/")
    expect(staff.locator("#participants")).to_contain_text("1. Asian Development Bank (ADB)")
    assert axe_violations(staff) == []
    staff.get_by_label("The pilot cities propose").check()
    staff.get_by_role("button", name="Run the matching").click()
    expect(staff.get_by_text("No blocking pair: stable.")).to_be_visible()
    expect(staff.locator("#pairs")).to_contain_text(
        "Bangkok put Asian Development Bank (ADB) at rank 1"
    )
    assert axe_violations(staff) == []
    staff.get_by_role("button", name="Confirm the pair of Bangkok").click()
    expect(
        staff.get_by_text("The pair Bangkok – Asian Development Bank (ADB) is confirmed.")
    ).to_be_visible()
    staff.get_by_role("button", name="Publish the pairings").click()
    expect(staff.get_by_text("The pairs are published.")).to_be_visible()
    staff.context.close()

    # The ranking can no longer change; anyone reads the published pair.
    page.goto(f"/exchange/twinning/{round_.pk}/rank/{bangkok.pk}/")
    expect(page.get_by_text("The matching of this round has already run")).to_be_visible()
    phone.goto(f"/exchange/twinning/{round_.pk}/")
    row = phone.get_by_role("row").filter(has_text="Bangkok")
    expect(row).to_contain_text("Asian Development Bank (ADB)")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
    phone.goto("/exchange/twinning/")
    assert horizontal_overflow(phone) == 0
    log_in(phone, "sam")
    phone.goto(f"/exchange/twinning/{round_.pk}/manage/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert horizontal_overflow(phone) == 0
    phone.goto("/exchange/twinning/")
    expect(phone.get_by_role("button", name="Open the round")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
