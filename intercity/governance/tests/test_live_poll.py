"""Polls of the live pages answered before the middleware stack (governance/live_poll.py):
what is answered early, with one read, and what must still go through the views."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from intercity.governance.models import Participant
from intercity.governance.services import live
from intercity.governance.tests.live_fixtures import Room, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(secretariat: Any, wego: Any, seoul_officer: Any, makati_officer: Any) -> Room:
    cache.clear()
    return make_room(secretariat, wego, seoul_officer, makati_officer)


def url(name: str, room: Room, *args: Any) -> str:
    return reverse(name, args=["wego", room.meeting.key, *args])


def projector(room: Room) -> str:
    return url(
        "governance_live_projector_fragment", room, live.live_settings(room.meeting).projector_key
    )


def phone_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ticket_and_version(phone: Client, room: Room) -> tuple[str, str]:
    """What the delegate's page polls with, read from the page itself."""
    page = phone.get(url("governance_live", room)).content.decode()
    start = page.index('id="live-room"')
    poll = page[start:].split('hx-get="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    query = parse_qs(urlsplit(poll).query)
    return query["t"][0], query["v"][0]


def test_an_unchanged_projector_poll_is_answered_204_with_one_read(room, django_assert_num_queries):
    now, address = live.version(room.meeting.pk), projector(room)
    with django_assert_num_queries(1):
        answer = Client().get(address, {"v": now, "l": "en"})
    assert answer.status_code == 204
    assert answer["Cache-Control"] == "no-store"


def test_a_projector_poll_with_a_wrong_key_is_not_answered_early(room):
    now = live.version(room.meeting.pk)
    wrong = url("governance_live_projector_fragment", room, "not-the-key")
    assert Client().get(wrong, {"v": now}).status_code == 404


def test_a_changed_projector_region_is_rendered_once_then_served_from_the_cache(
    room, seoul_officer, django_assert_num_queries
):
    before = live.version(room.meeting.pk)
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    live.cast_ballot(seoul_officer, room.secret, "no")
    address = projector(room)
    first = Client().get(address, {"v": before, "l": "en"})
    assert first.status_code == 200
    assert "1 of 1 present members has voted" in first.content.decode()
    with django_assert_num_queries(1):
        again = Client().get(address, {"v": before, "l": "en"})
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_each_screen_keeps_the_language_it_asks_for(room, seoul_officer):
    before = live.version(room.meeting.pk)
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    english = Client().get(projector(room), {"v": before, "l": "en"}).content.decode()
    spanish = Client().get(projector(room), {"v": before, "l": "es"}).content.decode()
    assert "No vote is open." not in english  # two motions are open
    assert "l=es" in spanish
    assert "l=en" in english
    assert english != spanish
    # A language the site does not offer is not served early; the view answers in its own.
    assert Client().get(projector(room), {"v": before, "l": "xx"}).status_code == 200


def test_an_unchanged_delegate_poll_with_its_ticket_is_answered_204_with_one_read(
    room, seoul_officer, django_assert_num_queries
):
    phone = phone_of(seoul_officer)
    ticket, version = ticket_and_version(phone, room)
    with django_assert_num_queries(1):
        answer = Client().get(url("governance_live_fragment", room), {"t": ticket, "v": version})
    assert answer.status_code == 204


def test_a_delegate_poll_without_a_good_ticket_goes_through_sign_in(room, seoul_officer):
    phone = phone_of(seoul_officer)
    ticket, version = ticket_and_version(phone, room)
    fragment = url("governance_live_fragment", room)
    forged = ticket[:-2] + ("AA" if not ticket.endswith("AA") else "BB")
    for query in ({"v": version}, {"t": forged, "v": version}, {"t": "", "v": version}):
        answer = Client().get(fragment, query)
        assert answer.status_code == 302, query  # to the sign-in page, as before
        assert "/login" in answer["Location"] or "login" in answer["Location"]


def test_a_ticket_of_one_meeting_says_nothing_about_another(
    room, secretariat, wego, seoul_officer, makati_officer
):
    other = make_room(secretariat, wego, seoul_officer, makati_officer, day=dt.date(2026, 9, 1))
    phone = phone_of(seoul_officer)
    ticket, version = ticket_and_version(phone, room)
    answer = Client().get(url("governance_live_fragment", other), {"t": ticket, "v": version})
    assert answer.status_code == 302


def test_other_members_ballots_leave_a_delegates_region_unchanged_and_its_own_move_it(
    room, seoul_officer, makati_officer
):
    seoul = phone_of(seoul_officer)
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    live.delegate_check_in(makati_officer, room.meeting, remote=True)
    ticket, version = ticket_and_version(seoul, room)
    fragment = url("governance_live_fragment", room)
    live.cast_ballot(makati_officer, room.secret, "yes")
    live.cast_ballot(makati_officer, room.named, "no")
    assert Client().get(fragment, {"t": ticket, "v": version}).status_code == 204
    # Seoul voting from another device (the API) moves Seoul's region: the phone hears of it.
    live.cast_ballot(seoul_officer, room.secret, "no")
    changed = seoul.get(fragment, {"t": ticket, "v": version})
    assert changed.status_code == 200
    assert "Your member has voted." in changed.content.decode()


def test_the_clerk_recording_a_members_ballot_moves_that_members_region(
    room, secretariat, seoul_officer
):
    seoul = phone_of(seoul_officer)
    ticket, version = ticket_and_version(seoul, room)
    participant = room.meeting.participants.get(organisation=room.seoul)
    from intercity.governance import services

    services.check_in(secretariat, participant, Participant.Attendance.IN_PERSON)
    fragment = url("governance_live_fragment", room)
    answer = seoul.get(fragment, {"t": ticket, "v": version})
    assert answer.status_code == 200
    assert "You are checked in." in answer.content.decode()
    _ticket, version = ticket_and_version(seoul, room)
    live.cast_ballot(secretariat, room.named, "yes", organisation=room.seoul)
    answer = seoul.get(fragment, {"t": ticket, "v": version})
    assert answer.status_code == 200
    assert "(recorded by the clerk)" in answer.content.decode()


def test_a_change_of_the_meetings_settings_moves_every_delegates_region(
    room, secretariat, seoul_officer
):
    seoul = phone_of(seoul_officer)
    ticket, version = ticket_and_version(seoul, room)
    live.set_ballots_changeable(secretariat, room.meeting, False)
    answer = Client().get(url("governance_live_fragment", room), {"t": ticket, "v": version})
    assert answer.status_code == 302  # changed: the early path gives way to the full one
    assert (
        seoul.get(url("governance_live_fragment", room), {"t": ticket, "v": version}).status_code
        == 200
    )
