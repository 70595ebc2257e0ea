"""End-to-end in Chromium: a visitor (not signed in) registers for an event, builds a personal
agenda (an overlap is warned, a session of another category is not offered) and downloads it
as .ics; the 2017 programme shows its four days with rooms and links the EXCOM meeting and the
awards ceremony to their records. The pages pass axe and fit a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.events import seed
from intercity.events.models import Event, SessionKind
from intercity.events.tests import factories as f

pytestmark = pytest.mark.browser


def test_a_visitor_registers_builds_an_agenda_and_downloads_it(page, phone):
    event = f.event(name="Smart Cities Forum")
    f.category(event, "observer", (SessionKind.CONFERENCE,))
    room = event.rooms.create(name="Grand Hall", capacity=300, interpretation="English, Korean")
    f.session(event, "Data for city services", f.at(1, "10:00"), f.at(1, "11:00"), room=room)
    f.session(event, "Open procurement", f.at(1, "10:30"), f.at(1, "11:30"))
    f.session(event, "EXCOM", f.at(2, "09:00"), f.at(2, "10:00"), kind=SessionKind.EXCOM)

    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Smart Cities Forum")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Observer").check()
    page.get_by_label("Your name").fill("Ana García")
    page.get_by_label("E-mail").fill("ana@example.org")
    page.get_by_label("Organisation").fill("Madrid City Council")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My registration")
    expect(page.get_by_text("You are registered.")).to_be_visible()

    page.get_by_role("button", name="Add to my agenda Data for city services").click()
    expect(page.get_by_text("Added to your agenda: Data for city services")).to_be_visible()
    page.get_by_role("button", name="Add to my agenda Open procurement").click()
    expect(page.get_by_text("take place at the same time").first).to_be_visible()
    expect(page.locator("#agenda li")).to_have_count(2)
    expect(page.get_by_role("button", name="Add to my agenda EXCOM")).to_have_count(0)
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="My agenda for my calendar (iCalendar)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "SUMMARY:Data for city services" in text
    assert "TZID=Asia/Seoul" in text
    mine = page.url

    phone.goto(mine)
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert horizontal_overflow(phone) == 0


def test_the_2017_programme_shows_four_days_and_links_its_records(page, phone):
    event = Event.objects.get(name=seed.NAME)
    page.goto(f"/events/{event.pk}/")
    for number in range(1, 5):
        expect(page.get_by_role("heading", name=f"Day {number}:")).to_be_visible()
    expect(page.locator("#rooms")).to_contain_text("Assembly Hall")
    expect(page.locator("#rooms")).to_contain_text("Lenin Memorial")
    page.get_by_role("link", name="Record: 2017 WeGO Executive Committee Meeting").click()
    expect(page).to_have_url(
        f"{page.url.split('/networks/')[0]}/networks/wego/meetings/wego-excom-2017/"
    )
    page.go_back()
    page.get_by_role("link", name="Record: 3rd WeGO Smart Sustainable City Awards").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("3rd WeGO Smart Sustainable")
    page.goto(f"/events/{event.pk}/")
    assert axe_violations(page) == []
    for url in ("/events/", f"/events/{event.pk}/"):
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        assert horizontal_overflow(phone) == 0, url
