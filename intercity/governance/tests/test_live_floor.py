"""The speakers list in the live room: on the board for every screen, and asked for from a
delegate's phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from intercity.core.errors import PermissionDenied
from intercity.governance.services import floor, live
from intercity.governance.tests.live_fixtures import Room, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(secretariat: Any, wego: Any, seoul_officer: Any, makati_officer: Any) -> Room:
    made = make_room(secretariat, wego, seoul_officer, makati_officer)
    live.delegate_check_in(seoul_officer, made.meeting, remote=True)
    floor.set_speakers_list_open(secretariat, made.item, True)
    return made


def url(name: str, room: Room, *args: Any) -> str:
    return reverse(name, args=["wego", room.meeting.key, *args])


def phone_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_asks_for_the_floor_from_the_phone_and_the_board_shows_the_queue(
    room, secretariat, seoul_officer
):
    phone = phone_of(seoul_officer)
    page = phone.get(url("governance_live", room)).content.decode()
    assert 'id="ask-floor"' in page
    answer = phone.post(
        url("governance_live_speak", room),
        {"item": room.item.pk, "do": "request"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "You are number 1 on the speakers list." in answer
    board = Client().get(
        url("governance_live_projector", room, live.live_settings(room.meeting).projector_key)
    )
    text = board.content.decode()
    assert "Waiting to speak" in text
    assert "Seoul" in text.split('id="live-speakers"', 1)[1]
    floor.start_speech(secretariat, room.item)
    state = live.room_state(room.meeting)
    assert state.floor.current.participant.organisation == room.seoul
    mine = phone.get(url("governance_live", room)).content.decode()
    assert "You have the floor." in mine


def test_a_delegate_withdraws_the_request_and_a_second_request_is_refused_in_words(
    room, seoul_officer
):
    phone = phone_of(seoul_officer)
    speak = url("governance_live_speak", room)
    phone.post(speak, {"item": room.item.pk, "do": "request"}, HTTP_HX_REQUEST="true")
    again = phone.post(speak, {"item": room.item.pk, "do": "request"}, HTTP_HX_REQUEST="true")
    assert "already on the speakers list" in again.content.decode()
    gone = phone.post(speak, {"item": room.item.pk, "do": "withdraw"}, HTTP_HX_REQUEST="true")
    assert "Your request to speak is withdrawn." in gone.content.decode()
    assert live.room_state(room.meeting).floor.queue == []
    twice = phone.post(speak, {"item": room.item.pk, "do": "withdraw"}, HTTP_HX_REQUEST="true")
    assert "not waiting to speak" in twice.content.decode()


def test_a_delegate_asks_the_floor_only_for_their_own_member(room, seoul_officer, judge):
    makati = room.meeting.participants.get(organisation=room.makati)
    with pytest.raises(PermissionDenied):
        floor.request_to_speak(seoul_officer, room.item, makati)
    assert (
        phone_of(judge).post(url("governance_live_speak", room), {"item": room.item.pk}).status_code
        == 403
    )


def test_an_unknown_item_is_refused(room, seoul_officer):
    answer = phone_of(seoul_officer).post(
        url("governance_live_speak", room),
        {"item": "999999", "do": "request"},
        HTTP_HX_REQUEST="true",
    )
    assert "No such agenda item at this meeting." in answer.content.decode()


def test_a_speech_moves_the_meetings_version(room, secretariat):
    before = live.version(room.meeting.pk)
    floor.set_speakers_list_open(secretariat, room.item, False)
    assert live.version(room.meeting.pk) > before
