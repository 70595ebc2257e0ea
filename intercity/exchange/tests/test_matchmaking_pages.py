"""The matchmaking pages and API as people use them: the event page, requests, scheduling,
the agenda (page, PDF, iCalendar) and who may see it."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_matchmaking import MeetingRequest
from intercity.exchange.services import matchmaking as services
from intercity.exchange.tests import factories_matchmaking as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    event = make.event(rooms=("Room A",))
    seoul = make.delegation(event, "seoul", windows=((10, 11),))
    makati = make.delegation(event, "makati", windows=((9, 12),))
    meeting = make.accepted(seoul, makati)
    make.closed(event)
    run = services.schedule(SYSTEM, event, seen_runs=0)
    services.announce(SYSTEM, event, run.pk)
    return event, seoul, makati, meeting


def test_an_officer_requests_a_meeting_from_the_event_page(client, seoul_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    client.force_login(seoul_officer)
    page = client.get(f"/exchange/matchmaking/{event.pk}/")
    assert "Request a meeting" in page.content.decode()
    prefix = f"request-p{seoul.pk}"
    sent = client.post(
        f"/exchange/matchmaking/{event.pk}/request/",
        {"participant": seoul.pk, f"{prefix}-target": makati.pk, f"{prefix}-priority": 3},
    )
    assert sent.status_code == 302
    assert MeetingRequest.objects.get(requester=seoul).target == makati
    again = client.post(
        f"/exchange/matchmaking/{event.pk}/request/",
        {"participant": seoul.pk, f"{prefix}-target": makati.pk, f"{prefix}-priority": 3},
    )
    assert again.status_code == 409
    assert "already waiting for an answer" in again.content.decode()


def test_a_bad_window_comes_back_as_a_message_on_the_page(client, seoul_officer):
    event = make.event()
    seoul = make.delegation(event, "seoul", windows=())
    client.force_login(seoul_officer)
    prefix = f"window-p{seoul.pk}"
    answer = client.post(
        f"/exchange/matchmaking/{event.pk}/windows/",
        {
            "participant": seoul.pk,
            f"{prefix}-day": "2030-06-27",
            f"{prefix}-start": "09:00",
            f"{prefix}-end": "09:45",
        },
    )
    assert answer.status_code == 400
    assert "whole number of 30-minute meetings" in answer.content.decode()
    assert not seoul.windows.exists()


def test_the_scheduling_page_is_for_staff_and_explains_the_run(
    client, secretariat, seoul_officer, announced
):
    event = announced[0]
    client.force_login(seoul_officer)
    assert client.get(f"/exchange/matchmaking/{event.pk}/schedule/").status_code == 403
    client.force_login(secretariat)
    body = client.get(f"/exchange/matchmaking/{event.pk}/schedule/").content.decode()
    assert "1 of 1 accepted meeting placed" in body
    assert "Greedy pass" in body


def test_the_agenda_as_page_pdf_and_icalendar(client, seoul_officer, makati_officer, announced):
    event, seoul, _, meeting = announced
    client.force_login(seoul_officer)
    page = client.get(f"/exchange/matchmaking/agenda/{seoul.pk}/").content.decode()
    assert "Makati" in page
    assert "Room A" in page
    pdf = client.get(f"/exchange/matchmaking/agenda/{seoul.pk}/agenda.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    ics = client.get(f"/exchange/matchmaking/agenda/{seoul.pk}/agenda.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["uid"]) == f"matchmaking-{event.pk}-meeting-{meeting.pk}@intercity"
    start = entry.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (10, "Asia/Seoul")
    assert "Makati" in str(entry["summary"])
    assert calendar.walk("VTIMEZONE")
    # Makati's officer may not read Seoul's agenda.
    client.force_login(makati_officer)
    assert client.get(f"/exchange/matchmaking/agenda/{seoul.pk}/").status_code == 403
    assert client.get(f"/exchange/matchmaking/agenda/{seoul.pk}/agenda.ics").status_code == 403


def test_the_api_lists_events_and_gives_an_agenda_to_its_officers(client, seoul_officer, announced):
    event, seoul, _, _ = announced
    listed = client.get("/api/v1/exchange/matchmaking/events").json()
    assert event.pk in {row["id"] for row in listed}
    detail = client.get(f"/api/v1/exchange/matchmaking/events/{event.pk}").json()
    assert detail["rooms"] == ["Room A"]
    assert (
        client.get(f"/api/v1/exchange/matchmaking/participants/{seoul.pk}/agenda").status_code
        == 401
    )
    client.force_login(seoul_officer)
    agenda = client.get(f"/api/v1/exchange/matchmaking/participants/{seoul.pk}/agenda").json()
    [meeting] = agenda["meetings"]
    assert meeting["with_organisation"]["name"] == "Makati"
    assert meeting["starts_at"].endswith("+09:00")
    assert client.get("/api/v1/exchange/matchmaking/events/999999999").status_code == 404


def test_the_start_page_shows_a_delegate_the_requests_waiting(client, makati_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    services.request_meeting(SYSTEM, seoul, makati)
    client.force_login(makati_officer)
    body = client.get("/start/").content.decode()
    assert "1 meeting request waits for your answer." in body
