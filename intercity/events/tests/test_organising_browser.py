"""End-to-end in Chromium: the Secretariat's Sam creates an event of WeGO, adds a room, a
registration category and a session, and opens registration; a visitor on a phone registers
and finds the session in the programme of their registration. The pages pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow, log_in

pytestmark = pytest.mark.browser


def test_an_organiser_builds_an_event_and_a_visitor_registers_for_it(page, phone, secretariat):
    log_in(page, "sam")
    page.goto("/events/")
    page.get_by_role("link", name="Organise the events of WeGO").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events of WeGO")
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Name", exact=True).fill("Smart Cities Forum 2031")
    page.get_by_label("Kind", exact=True).select_option("conference")
    page.get_by_label("Place", exact=True).fill("Seoul")
    page.get_by_label("First day").fill("2031-05-06")
    page.get_by_label("Last day").fill("2031-05-07")
    page.get_by_label("Time zone").select_option("Asia/Seoul")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organising Smart Cities Forum 2031")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Add a room").click()
    page.get_by_label("Name", exact=True).fill("Grand Hall")
    page.get_by_label("Seats", exact=True).fill("300")
    page.get_by_label("Interpretation").fill("English, Korean")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The room is saved.")).to_be_visible()

    page.get_by_role("link", name="Add a registration category").click()
    page.get_by_label("Name", exact=True).fill("Delegate")
    page.get_by_label("Code", exact=True).fill("delegate")
    page.get_by_label("Conference session or forum").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The registration category is saved.")).to_be_visible()

    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Title", exact=True).fill("Data for city services")
    page.get_by_label("Kind", exact=True).select_option("conference")
    page.get_by_label("Day", exact=True).fill("2031-05-06")
    page.get_by_label("Starts", exact=True).fill("10:00")
    page.get_by_label("Ends", exact=True).fill("11:30")
    page.get_by_label("Room", exact=True).select_option(label="Grand Hall")
    page.get_by_label("Speakers").fill("Ana García; Madrid City Council")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The session is saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Data for city services")).to_be_visible()

    page.get_by_role("button", name="Open registration").click()
    expect(page.get_by_text("Registration is open.").first).to_be_visible()
    page.get_by_role("link", name="The event's public page").click()
    event_url = page.url
    expect(page.get_by_role("link", name="Organise this event")).to_be_visible()

    phone.goto(event_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Smart Cities Forum 2031")
    expect(phone.get_by_role("link", name="Organise this event")).to_have_count(0)
    expect(phone.get_by_text("10:00–11:30")).to_be_visible()
    phone.get_by_role("link", name="Register").click()
    expect(phone.get_by_text("Your place is held for 48 hours")).to_be_visible()
    phone.get_by_label("Delegate").check()
    phone.get_by_label("Your name").fill("Bo Kim")
    phone.get_by_label("E-mail").fill("bo@example.org")
    phone.get_by_label("Organisation").fill("Seoul Metropolitan Government")
    phone.get_by_role("button", name="Register").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("My registration")
    phone.get_by_role("button", name="Add to my agenda Data for city services").click()
    expect(phone.locator("#agenda")).to_contain_text("Data for city services")
    expect(phone.locator("#agenda")).to_contain_text("Grand Hall")
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
