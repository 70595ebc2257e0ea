"""End-to-end in Chromium: a motion that approves a member, from the meeting page to the
member's record; and closing a meeting through its confirmation, without JavaScript."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.governance import services
from intercity.governance.models import Decision, Meeting
from intercity.network.models import Network

pytestmark = pytest.mark.browser

DAY = dt.date(2018, 6, 20)


def excom_in_session(present: int) -> Meeting:
    """WeGO's Executive Committee of 20 June 2018 with its first delegates checked in."""
    staff = person("sam", Role.SECRETARIAT)
    meeting = services.create_meeting(
        staff,
        Network.objects.get(slug="wego"),
        "executive-committee",
        title="EXCOM 2018",
        date=DAY,
    )
    services.add_agenda_item(staff, meeting, number="1", title="New members")
    for participant in list(meeting.participants.select_related("organisation"))[:present]:
        services.check_in(staff, participant, "in_person")
    return meeting


def test_a_motion_approving_a_member_shows_on_the_members_record(page):
    meeting = excom_in_session(present=5)
    voters = [
        p.organisation.name
        for p in meeting.participants.filter(attendance="in_person").select_related("organisation")
    ]
    log_in(page, "sam")
    page.goto(f"/networks/wego/meetings/{meeting.key}/")

    item = page.locator("article").filter(has_text="New members")
    item.get_by_text("Add a motion").click()
    step_one = item.locator("details[id^='form-motion']")
    step_one.get_by_label("Title").fill("Approve Accra as a Full member")
    step_one.get_by_label("If adopted, it").select_option(label="Approve a member in a category")
    step_one.get_by_role("button", name="Put the motion").click()

    # The second step asks for what the effect needs.
    expect(page.get_by_role("heading", name="Put a motion")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Organisation").select_option(label="Accra (Associate member, active)")
    page.get_by_label("Membership category").select_option(label="Full member")
    page.get_by_role("button", name="Put the motion").click()

    motion = page.locator("section.live-decision").filter(has_text="Approve Accra")
    expect(motion).to_contain_text("If adopted: Accra approved as a full member")
    for name in voters:
        button = page.get_by_role("button", name=f"Yes from {name}")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    expect(motion).to_contain_text("5 yes, 0 no, 0 abstaining")
    motion.get_by_text("Close the vote…").click()
    motion.get_by_role("button", name=re.compile("^Close the vote on")).click()
    expect(motion.locator(".outcome")).to_have_text("Adopted")
    expect(motion).to_contain_text("Applied: Accra approved as a full member")

    motion.get_by_role("link", name="Approve Accra as a Full member").click()
    expect(page.locator("#effects")).to_contain_text("What it changed")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Accra's record")).click()
    expect(page.get_by_role("heading", name="Accra", exact=True)).to_be_visible()
    decision = Decision.objects.get(title="Approve Accra as a Full member")
    history = page.locator("table").filter(has_text=decision.reference)
    expect(history).to_contain_text("Full member")
    expect(history).to_contain_text("20 June 2018")


def test_closing_a_meeting_asks_first_and_works_without_javascript(browser, site):
    meeting = excom_in_session(present=0)
    context = browser.new_context(base_url=site, java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    log_in(tab, "sam")
    tab.goto(f"/networks/wego/meetings/{meeting.key}/")
    close = tab.get_by_role("button", name="Yes, close the meeting")
    expect(close).to_be_hidden()
    tab.get_by_text("Close the meeting…").click()
    confirm = tab.locator("#close-meeting")
    expect(confirm).to_contain_text("a closed meeting is not reopened")
    expect(confirm).to_contain_text("No motion or election is open.")
    expect(confirm).to_contain_text("19 participants are not checked in")
    close.click()
    expect(tab.locator(".messages")).to_contain_text("EXCOM 2018: closed.")
    expect(tab.locator(".badge")).to_have_text("Closed")
    expect(tab.locator("#close-meeting")).to_have_count(0)
    context.close()


def test_the_motion_page_and_ascn_pages_pass_axe_and_fit_a_phone(phone):
    meeting = excom_in_session(present=0)
    ascn = services.create_meeting(
        User.objects.get(username="sam"),
        Network.objects.get(slug="ascn"),
        "annual-meeting",
        title="ASCN Annual Meeting 2019",
        date=dt.date(2019, 7, 8),
    )
    item = meeting.agenda.get()
    log_in(phone, "sam")
    paths = [
        f"/networks/wego/meetings/{meeting.key}/agenda/{item.pk}/motions/?effect=approve-membership",
        f"/networks/ascn/meetings/{ascn.key}/",
        "/networks/ascn/governance/",
        "/networks/ascn/regional-offices/",
        "/networks/ascn/officers/",
        "/networks/ascn/deadlines/",
    ]
    for path in paths:
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    phone.goto(f"/networks/wego/meetings/{meeting.key}/")
    phone.get_by_text("Close the meeting…").click()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
