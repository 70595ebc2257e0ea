"""End-to-end in Chromium: the chair opens the speakers list, a city officer asks to speak,
the chair gives the floor and the clock counts down; an amendment is adopted before its
motion, which is refused a vote until then."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.governance import services
from intercity.governance.models import Decision, Participant
from intercity.network.models import Network

pytestmark = pytest.mark.browser


def a_meeting_with_a_motion():
    staff = person("sam", Role.SECRETARIAT)
    person("seo", Role.CITY_OFFICER, "seoul")
    meeting = services.create_meeting(
        staff,
        Network.objects.get(slug="wego"),
        "executive-committee",
        title="2018 WeGO Executive Committee Meeting",
        date=dt.date(2018, 4, 12),
    )
    people = list(meeting.participants.select_related("organisation").order_by("id"))
    for participant in people[:6]:
        services.check_in(staff, participant, Participant.Attendance.IN_PERSON)
    item = services.add_agenda_item(staff, meeting, number="1", title="Work plan 2019")
    services.propose_motion(staff, item, title="Adopt the work plan", text="Two workshops.")
    floor = f"/networks/wego/meetings/{meeting.key}/agenda/{item.pk}/floor/"
    return meeting, floor, [p.organisation.name for p in people[:6]]


def test_the_chair_gives_the_floor_to_a_delegate_who_asked_and_the_clock_runs(browser, site):
    _meeting, floor, _names = a_meeting_with_a_motion()
    chair = browser.new_context(base_url=site).new_page()
    chair.set_default_timeout(10_000)
    log_in(chair, "sam")
    chair.goto(floor)
    chair.get_by_role("button", name="Open the speakers list").click()
    expect(chair.locator(".messages")).to_contain_text("The speakers list is open.")

    delegate = browser.new_context(base_url=site).new_page()
    delegate.set_default_timeout(10_000)
    log_in(delegate, "seo")
    delegate.goto(floor)
    expect(delegate.get_by_role("button", name="Open the speakers list")).to_have_count(0)
    delegate.get_by_role("button", name="Ask to speak for Seoul").click()
    expect(delegate.locator(".messages")).to_contain_text("Seoul is on the speakers list.")

    chair.reload()
    expect(chair.locator(".speakers-queue")).to_contain_text("Seoul")
    chair.get_by_role("button", name="Give the floor to the next speaker").click()
    expect(chair.locator(".current-speaker")).to_contain_text("Seoul")
    clock = chair.locator("#speech-clock")
    expect(clock).to_have_text(re.compile(r"^[23]:\d\d$"))
    shown = clock.inner_text()
    expect(clock).not_to_have_text(shown)  # the page counts down on its own

    delegate.reload()
    expect(delegate.locator(".current-speaker")).to_contain_text("Seoul")
    expect(delegate.locator("#speech-clock")).to_have_text(re.compile(r"^[23]:\d\d$"))
    chair.get_by_role("button", name="End the speech").click()
    expect(chair.locator(".messages")).to_contain_text("Seoul's speech has ended.")


def test_an_amendment_is_adopted_before_its_motion(page):
    meeting, floor, names = a_meeting_with_a_motion()
    log_in(page, "sam")
    page.goto(floor)
    motion = page.locator("article").filter(has_text="Adopt the work plan").first
    motion.get_by_text("Move an amendment").click()
    motion.get_by_label("Title").fill("Three workshops")
    motion.get_by_label("What it changes").fill("Two becomes three.")
    motion.get_by_label("The motion's text as amended").fill("Three workshops.")
    motion.get_by_role("button", name="Move the amendment").click()
    expect(page.locator(".messages")).to_contain_text("Amendment 'Three workshops' moved")

    motion_id = Decision.objects.get(title="Adopt the work plan").pk
    amendment_id = Decision.objects.get(title="Three workshops").pk
    page.goto(f"/networks/wego/meetings/{meeting.key}/")
    first = page.locator(f"#decision-{motion_id}")
    for name in names[:5]:
        first.get_by_role("button", name=f"Yes from {name}").click()
        expect(first.get_by_role("button", name=f"Yes from {name}")).to_have_attribute(
            "aria-pressed", "true"
        )
    first.get_by_text("Close the vote…").click()
    first.get_by_role("button", name=re.compile("^Close the vote on")).click()
    expect(page.locator("#live-status")).to_contain_text("cannot be put to the vote yet")

    amendment = page.locator(f"#decision-{amendment_id}")
    for name in names[:5]:
        amendment.get_by_role("button", name=f"Yes from {name}").click()
        expect(amendment.get_by_role("button", name=f"Yes from {name}")).to_have_attribute(
            "aria-pressed", "true"
        )
    amendment.get_by_text("Close the vote…").click()
    amendment.get_by_role("button", name=re.compile("^Close the vote on")).click()
    expect(amendment.locator(".outcome")).to_have_text("Adopted")

    first = page.locator(f"#decision-{motion_id}")
    first.get_by_text("Close the vote…").click()
    first.get_by_role("button", name=re.compile("^Close the vote on")).click()
    expect(first.locator(".outcome")).to_have_text("Adopted")

    page.goto(floor)
    expect(page.locator("#amendments")).to_contain_text("Text as amended: Three workshops.")
    expect(page.locator("#amendments")).to_contain_text("Text as moved: Two workshops.")


def test_the_floor_page_passes_axe_and_fits_a_phone(phone):
    _meeting, floor, _names = a_meeting_with_a_motion()
    for logged_in in (False, True):
        if logged_in:
            log_in(phone, "sam")
        phone.goto(floor)
        for summary in phone.locator("details.staff > summary").all():
            summary.click()
        assert axe_violations(phone) == []
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"the floor page scrolls sideways on a phone by {overflow}px"
