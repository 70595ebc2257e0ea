"""End-to-end: the Secretariat runs a meeting of WeGO's Executive Committee in Chromium."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.governance import services
from intercity.governance.models import Meeting, Participant
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser

KEY = "executive-committee-2018-04-12"
MEETING = f"/networks/wego/meetings/{KEY}/"


def delegate_names(meeting: Meeting) -> list[str]:
    delegates = meeting.participants.filter(role=Participant.Role.DELEGATE)
    return [str(p.organisation) for p in delegates.select_related("organisation")]


def test_secretariat_runs_a_small_excom_meeting_end_to_end(page):
    person("sam", Role.SECRETARIAT)
    log_in(page, "sam")
    page.goto("/networks/wego/")
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Body").select_option("executive-committee")
    page.get_by_label("Title").fill("2018 WeGO Executive Committee Meeting")
    page.get_by_label("Date").fill("2018-04-12")
    page.get_by_label("Venue").fill("Seoul City Hall")
    page.get_by_role("button", name="Create the meeting").click()
    expect(page.locator(".messages")).to_contain_text("19 members invited")
    roll = page.locator("#roll")
    expect(roll).to_contain_text("Present: 0 of 19 voting members; quorum needs 5")

    # Four members in the room, one on the line: remote counts as present (Art. 20).
    names = delegate_names(Meeting.objects.get(key=KEY))[:5]
    for name in names[:4]:
        page.get_by_role("button", name=f"In person for {name}").click()
        expect(page.get_by_role("button", name=f"In person for {name}")).to_have_attribute(
            "aria-pressed", "true"
        )
    page.get_by_role("button", name=f"Remote for {names[4]}").click()
    expect(roll).to_contain_text("Present: 5 of 19 voting members; quorum needs 5")
    expect(page.locator("#live-status")).to_contain_text(f"{names[4]}: remote.")

    page.get_by_text("Add an agenda item").click()
    agenda_form = page.locator("#form-agenda")
    agenda_form.get_by_label("Title").fill("Budget 2018")
    agenda_form.get_by_role("button", name="Add the item").click()
    expect(page.locator(".messages")).to_contain_text("Agenda item 1. Budget 2018 added.")

    item = page.locator("article").filter(has_text="Budget 2018")
    item.get_by_text("Add a motion").click()
    motion_form = item.locator("details[id^='form-motion']")
    motion_form.get_by_label("Title").fill("Approve the 2018 budget")
    motion_form.get_by_label("Text of the motion").fill("The budget for 2018 as presented.")
    motion_form.get_by_label("Decided by the rule for").select_option("ordinary-motion")
    motion_form.get_by_role("button", name="Put the motion").click()
    expect(page.locator(".messages")).to_contain_text("put to the Executive Committee")

    for name, choice in zip(names, ["Yes", "Yes", "Yes", "No", "Abstain"], strict=True):
        button = page.get_by_role("button", name=f"{choice} from {name}")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    motion = page.locator("section.live-decision").filter(has_text="Approve the 2018 budget")
    expect(motion).to_contain_text("3 yes, 1 no, 1 abstaining; 5 of the 5 voting members")

    motion.get_by_text("Close the vote…").click()
    motion.get_by_role("button", name=re.compile("^Close the vote on")).click()
    expect(motion.locator(".outcome")).to_have_text("Adopted")
    expect(motion.locator(".explanation")).to_contain_text(
        "5 of 19 present; quorum is one fourth or more of all 19 members"
    )

    page.get_by_role("link", name="Memorandum", exact=True).click()
    expect(page.locator("main")).to_contain_text("Approve the 2018 budget")


def test_check_in_works_without_javascript(browser, site):
    staff = person("sam", Role.SECRETARIAT)
    meeting = services.create_meeting(
        staff,
        Network.objects.get(slug="wego"),
        "executive-committee",
        title="2018 WeGO Executive Committee Meeting",
        date=dt.date(2018, 4, 12),
    )
    name = delegate_names(meeting)[0]
    context = browser.new_context(base_url=site, java_script_enabled=False)
    tab = context.new_page()
    log_in(tab, "sam")
    tab.goto(MEETING)
    tab.get_by_role("button", name=f"Remote for {name}").click()
    expect(tab.locator(".messages")).to_contain_text(f"{name}: remote.")
    expect(tab.locator("#roll")).to_contain_text("Present: 1 of 19 voting members")
    context.close()


def a_meeting_in_full_swing() -> Meeting:
    """Attendance taken, a motion adopted, one open with votes, an election with warnings."""
    staff = person("sam", Role.SECRETARIAT)
    meeting = services.create_meeting(
        staff,
        Network.objects.get(slug="wego"),
        "executive-committee",
        title="2018 WeGO Executive Committee Meeting",
        date=dt.date(2018, 4, 12),
        venue="Seoul City Hall",
    )
    people = list(meeting.participants.select_related("organisation"))
    voters = [p.organisation for p in people if p.organisation is not None]
    for participant in people[:6]:
        services.check_in(staff, participant, "in_person")
    services.check_in(staff, people[6], "remote")
    services.check_in(staff, people[7], "absent")
    item = services.add_agenda_item(staff, meeting, number="1", title="Budget 2018")
    services.add_document(staff, item, title="Budget 2018", reference="Handbook p. 12")
    adopted = services.propose_motion(staff, item, title="Approve the 2017 accounts")
    for voter in voters[:5]:
        services.record_vote(staff, adopted, voter, "yes")
    services.close_motion(staff, adopted)
    open_motion = services.propose_motion(staff, item, title="Approve the 2018 budget")
    for voter, choice in zip(voters[:3], ["yes", "no", "abstain"], strict=True):
        services.record_vote(staff, open_motion, voter, choice)
    election_item = services.add_agenda_item(staff, meeting, number="2", title="President")
    election = services.open_election(staff, election_item, title="", office="president")
    services.add_candidate(
        staff, election, Organisation.objects.get(key="makati"), dt.date(2018, 3, 30)
    )
    services.add_candidate(
        staff, election, Organisation.objects.get(key="seoul"), dt.date(2018, 1, 5)
    )
    return meeting


def test_meeting_and_decision_pages_pass_axe_and_fit_a_phone(phone):
    a_meeting_in_full_swing()
    paths = [
        MEETING,
        "/networks/wego/decisions/",
        "/networks/wego/governance/",
        "/networks/wego/officers/",
        "/networks/wego/deadlines/",
    ]
    for logged_in in (False, True):
        if logged_in:
            log_in(phone, "sam")
            paths += ["/networks/wego/meetings/new/", "/networks/wego/written-consents/new/"]
        for path in paths:
            phone.goto(path)
            assert axe_violations(phone) == [], path
            overflow = horizontal_overflow(phone)
            assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    # With every staff form opened, as the Secretariat uses them.
    phone.goto(MEETING)
    for summary in phone.locator("details.staff > summary").all():
        summary.click()
    assert axe_violations(phone) == []
    overflow = horizontal_overflow(phone)
    assert overflow <= 0, f"the meeting page with its forms open scrolls sideways by {overflow}px"
