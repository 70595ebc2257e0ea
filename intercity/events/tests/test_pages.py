"""The events pages: the 2017 programme by day with its rooms and its links to the records of
governance and awards; a visitor registers, chooses sessions, downloads the .ics and a badge
by the private link; the organiser alone sees the participants and their badges."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from intercity.events import seed
from intercity.events.models import Event, Registration, SessionKind
from intercity.events.tests import factories as f

pytestmark = pytest.mark.django_db


def the_2017_assembly() -> Event:
    return Event.objects.get(name=seed.NAME)


def test_the_2017_programme_shows_four_days_with_their_rooms(client: Client):
    page = client.get(f"/events/{the_2017_assembly().pk}/").content.decode()
    for day in ("27 June 2017", "28 June 2017", "29 June 2017", "30 June 2017"):
        assert day in page
    for room in ("Assembly Hall", "Conference Room", "Oblomov Res.", "Lenin Memorial"):
        assert room in page
    assert "17:00–18:30" in page  # the EXCOM meeting, Ulyanovsk time


def test_the_excom_meeting_and_the_awards_ceremony_link_to_their_records(client: Client):
    page = client.get(f"/events/{the_2017_assembly().pk}/").content.decode()
    assert 'href="/networks/wego/meetings/wego-excom-2017/"' in page
    assert "/awards/editions/" in page
    assert "3rd WeGO Smart Sustainable City Awards" in page
    assert "/exchange/matchmaking/" in page


def test_the_events_list_and_a_session_page_answer(client: Client):
    event = the_2017_assembly()
    assert seed.NAME in client.get("/events/").content.decode()
    session = event.sessions.get(title="World Mayors Roundtable")
    page = client.get(f"/events/{event.pk}/sessions/{session.pk}/").content.decode()
    assert "Mr. Gary Fowlie" in page
    assert "Moderator" in page
    assert client.get(f"/events/{event.pk}/sessions/999999/").status_code == 404


def test_a_closed_event_refuses_registration_on_its_page(client: Client):
    event = the_2017_assembly()
    response = client.post(
        f"/events/{event.pk}/register/",
        {"name": "A", "email": "a@example.org", "organisation": "X"},
    )
    assert response.status_code == 400


def test_a_visitor_registers_chooses_and_downloads_the_agenda(client: Client):
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    talk = f.session(event, "Data for city services", f.at(1, "10:00"), f.at(1, "11:00"))
    clash = f.session(event, "Open procurement", f.at(1, "10:30"), f.at(1, "11:30"))

    response = client.post(
        f"/events/{event.pk}/register/",
        {
            "category": delegate.pk,
            "name": "Ana",
            "email": "ana@example.org",
            "organisation": "Madrid",
        },
    )
    registration = Registration.objects.get(email="ana@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/events/registration/{registration.token}/"
    mine = response["Location"]
    client.post(mine + "choose/", {"session": talk.pk})
    page = client.post(mine + "choose/", {"session": clash.pk}, follow=True).content.decode()
    assert "take place at the same time" in page

    calendar = Calendar.from_ical(client.get(mine + "agenda.ics").content)
    summaries = sorted(str(c["summary"]) for c in calendar.walk("VEVENT"))
    assert summaries == ["Data for city services", "Open procurement"]
    assert client.get(mine + "badge.pdf").content.startswith(b"%PDF")


def test_a_registration_page_needs_its_secret_link(client: Client):
    assert client.get("/events/registration/guess/").status_code == 404


def test_only_the_organiser_sees_participants_and_badges(client: Client, secretariat, citizen):
    event = f.event()
    delegate = f.category(event, "delegate", ())
    client.post(
        f"/events/{event.pk}/register/",
        {
            "category": delegate.pk,
            "name": "Ana",
            "email": "ana@example.org",
            "organisation": "Madrid",
        },
    )
    client.force_login(citizen)
    assert client.get(f"/events/{event.pk}/participants/").status_code in (302, 403)
    client.force_login(secretariat)
    page = client.get(f"/events/{event.pk}/participants/").content.decode()
    assert "ana@example.org" in page
    assert client.get(f"/events/{event.pk}/badges.pdf").content.startswith(b"%PDF")
