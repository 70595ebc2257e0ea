"""The seed: the programme of the 4th WeGO General Assembly from seed 002, four days in
Ulyanovsk's time, with its rooms, loaded once."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.events import seed, services
from intercity.events.models import Event, Session

pytestmark = pytest.mark.django_db


def the_2017_assembly() -> Event:
    return Event.objects.get(name=seed.NAME)


def test_the_2017_general_assembly_has_four_days_in_ulyanovsk_time():
    event = the_2017_assembly()
    assert (event.starts_on, event.ends_on) == (dt.date(2017, 6, 27), dt.date(2017, 6, 30))
    assert event.time_zone == "Europe/Ulyanovsk"
    days = services.programme(event)
    assert [day.day.day for day in days] == [27, 28, 29, 30]
    assert all(day.sessions for day in days)


def test_the_excom_meeting_is_on_the_first_day_at_five_in_the_assembly_hall():
    excom = Session.objects.get(event=the_2017_assembly(), title="EXCOM Meeting")
    local = services.local(excom.event, excom.starts_at)
    assert (local.date(), local.strftime("%H:%M")) == (dt.date(2017, 6, 27), "17:00")
    assert excom.room is not None
    assert excom.room.name == "Assembly Hall"
    assert (excom.record_module, excom.record_ref) == ("governance", "wego-excom-2017")


def test_the_rooms_are_the_programmes_without_invented_seats():
    rooms = list(services.rooms(the_2017_assembly()))
    assert {r.name for r in rooms} == set(seed.ROOMS)
    assert all(r.capacity is None and r.interpretation == "" for r in rooms)


def test_the_awards_ceremony_names_the_head_of_the_judging_panel():
    ceremony = Session.objects.get(event=the_2017_assembly(), title__contains="Awards Ceremony")
    assert ceremony.record_module == "awards"
    assert [p.name for p in ceremony.people.all()] == ["Dr. Marc Wolfram"]


def test_loading_twice_adds_nothing():
    before = Session.objects.count()
    assert sum(seed.load().values()) == 0
    assert Session.objects.count() == before
