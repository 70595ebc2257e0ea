"""The seed: the 23 matchmaking meetings of the 4th WeGO General Assembly (seed 002), held,
without invented times or rooms, loaded once."""

from __future__ import annotations

import pytest

from intercity.exchange import seed_matchmaking
from intercity.exchange.models_matchmaking import MatchmakingEvent, MeetingRequest

pytestmark = pytest.mark.django_db


def test_the_2017_matchmaking_has_the_23_meetings_of_the_report():
    event = MatchmakingEvent.objects.get(name=seed_matchmaking.NAME)
    assert (str(event.starts_on), str(event.ends_on)) == ("2017-06-27", "2017-06-29")
    assert event.time_zone == "Europe/Ulyanovsk"
    assert event.slot_minutes == 30
    meetings = MeetingRequest.objects.filter(event=event)
    assert meetings.count() == 23
    assert set(meetings.values_list("status", "held")) == {("accepted", True)}
    assert not event.rooms.exists()
    assert not event.runs.exists()
    first = meetings.get(source__endswith="meeting 1")
    assert (first.requester.organisation.key, first.target.organisation.key) == (
        "sejong",
        "chengdu",
    )
    assert "seed 002" in first.source


def test_loading_the_seed_again_adds_nothing():
    assert sum(seed_matchmaking.load().values()) == 0


def test_a_held_meeting_is_on_the_agenda_with_its_time_unknown(secretariat):
    from intercity.exchange.services import matchmaking as services

    event = MatchmakingEvent.objects.get(name=seed_matchmaking.NAME)
    dubai = event.participants.get(organisation__key="dubai")
    items = services.agenda(secretariat, dubai)
    assert len(items) == 4  # Hebron, Magas, Re-Imagining Cities Foundation, Veracruz
    assert {i.other.organisation.key for i in items} == {
        "hebron",
        "magas",
        "re-imagining-cities-foundation",
        "veracruz",
    }
    assert all(i.starts_at is None and i.room == "" for i in items)
