"""End-to-end in Chromium: Seoul's officer requests a meeting with Makati, Makati's officer
accepts (a second browser), staff close the requests, schedule and announce, and both agendas
show the meeting with its room and time; the PDF and the .ics answer with their types and
hold the meeting. The main pages pass axe and fit a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.exchange.tests import factories_matchmaking as make

pytestmark = pytest.mark.browser


def test_a_delegate_requests_the_other_accepts_and_both_agendas_show_it(page, phone, browser, site):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("miguel", Role.CITY_OFFICER, "makati")
    person("sam", Role.SECRETARIAT)
    event = make.event(rooms=("Room A",))
    seoul = make.delegation(event, "seoul", windows=((10, 11),))
    makati = make.delegation(event, "makati", windows=((9, 12),))

    # Seoul's officer requests the meeting from the event page.
    log_in(page, "seoyeon")
    page.goto(f"/exchange/matchmaking/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.name)
    assert axe_violations(page) == []
    page.get_by_label("Meet with").select_option(label="Makati")
    page.get_by_label("Priority").select_option(label="High")
    page.get_by_label("Message").fill("Smart mobility data.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request to meet Makati is sent.")).to_be_visible()

    # Makati's officer, in a second browser, accepts it.
    other = browser.new_context(base_url=site).new_page()
    other.set_default_timeout(10_000)
    log_in(other, "miguel")
    other.goto(f"/exchange/matchmaking/{event.pk}/requests/")
    assert axe_violations(other) == []
    other.get_by_role("button", name="Accept the meeting with Seoul").click()
    expect(other.get_by_text("You accepted the meeting.")).to_be_visible()

    # Staff close the requests, schedule and announce.
    staff = browser.new_context(base_url=site).new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto(f"/exchange/matchmaking/{event.pk}/")
    staff.get_by_role("button", name="Close the requests").click()
    expect(staff.get_by_text("Requests are closed.")).to_be_visible()
    staff.goto(f"/exchange/matchmaking/{event.pk}/schedule/")
    staff.get_by_role("button", name="Schedule the meetings").click()
    expect(staff.locator("#explanation")).to_contain_text("1 of 1 accepted meeting placed")
    assert axe_violations(staff) == []
    staff.get_by_role("button", name="Announce the schedule").click()
    expect(staff.get_by_text("The schedule is announced")).to_be_visible()
    staff.context.close()

    # Both agendas show the meeting with its room and local time.
    for tab, mine, with_whom in ((page, seoul, "Makati"), (other, makati, "Seoul")):
        tab.goto(f"/exchange/matchmaking/agenda/{mine.pk}/")
        row = tab.locator("#agenda tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(with_whom)
        expect(row).to_contain_text("Room A")
        expect(row).to_contain_text("10:00–10:30")
        assert axe_violations(tab) == []
        pdf = tab.request.get(f"/exchange/matchmaking/agenda/{mine.pk}/agenda.pdf")
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")
        ics = tab.request.get(f"/exchange/matchmaking/agenda/{mine.pk}/agenda.ics")
        assert ics.headers["content-type"].startswith("text/calendar")
        assert f"Matchmaking meeting with {with_whom}" in ics.text()
        assert "TZID=Asia/Seoul" in ics.text()
    other.context.close()

    # Phone: the event page and the agenda fit 375 px.
    log_in(phone, "seoyeon")
    for url in (
        f"/exchange/matchmaking/{event.pk}/",
        f"/exchange/matchmaking/agenda/{seoul.pk}/",
        f"/exchange/matchmaking/{event.pk}/requests/",
        "/exchange/",
    ):
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        assert horizontal_overflow(phone) == 0, url
