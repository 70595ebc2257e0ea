"""The events API: the list, and an event's programme with sessions, rooms and times in the
event's time zone."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.events import seed
from intercity.events.models import Event

pytestmark = pytest.mark.django_db


def test_the_list_names_the_2017_general_assembly(client: Client):
    found = client.get("/api/v1/events").json()
    assert any(e["name"] == seed.NAME and e["time_zone"] == "Europe/Ulyanovsk" for e in found)


def test_an_event_gives_its_programme_with_rooms_and_local_times(client: Client):
    event = Event.objects.get(name=seed.NAME)
    body = client.get(f"/api/v1/events/{event.pk}").json()
    assert {r["name"] for r in body["rooms"]} == set(seed.ROOMS)
    excom = next(s for s in body["sessions"] if s["title"] == "EXCOM Meeting")
    assert excom["starts_at"] == "2017-06-27T17:00:00+04:00"
    assert excom["room"] == "Assembly Hall"
    gala = next(s for s in body["sessions"] if s["title"].startswith("WeGO Gala Dinner"))
    assert gala["ends_at"] is None
    assert excom["cancelled"] is False


def test_an_unknown_event_is_a_404_in_words(client: Client):
    response = client.get("/api/v1/events/999999")
    assert response.status_code == 404
    assert "No such event" in response.json()["detail"]
