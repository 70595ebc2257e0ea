"""The pure scheduling endpoint: a signed-in caller sends a whole event and gets its schedule
with the greedy comparison; nothing is stored; bad problems and oversized ones are 422s with
{"detail": ...}; an anonymous caller is refused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intercity.exchange import api_schedule

pytestmark = pytest.mark.django_db

URL = "/api/v1/exchange/matchmaking/schedule"


def event(**changes):
    body = {
        "slot_minutes": 30,
        "rooms": ["Matchmaking room"],
        "participants": [
            {"id": "Hebron", "available": [["2017-06-27T10:00", "2017-06-27T11:00"]]},
            {"id": "Moscow", "available": [["2017-06-27T10:00", "2017-06-27T10:30"]]},
            {"id": "Dubai", "available": [["2017-06-27T10:00", "2017-06-27T11:00"]]},
        ],
        "meetings": [
            {"id": "m7", "a": "Hebron", "b": "Moscow", "priority": 1},
            {"id": "m19", "a": "Hebron", "b": "Dubai", "priority": 2},
        ],
        "time_limit_s": 5,
    }
    body.update(changes)
    return body


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_a_signed_in_caller_gets_the_optimal_schedule_and_the_greedy_comparison(
    client, seoul_officer
):
    client.force_login(seoul_officer)
    with CaptureQueriesContext(connection) as queries:
        response = post(client, event())
    assert response.status_code == 200
    body = response.json()
    # Greedy gives 10:00 to m19 (higher priority) and loses m7, Moscow's only slot.
    assert body["scheduled"] == [
        {"meeting": "m7", "room": "Matchmaking room", "start": "2017-06-27T10:00"},
        {"meeting": "m19", "room": "Matchmaking room", "start": "2017-06-27T10:30"},
    ]
    assert body["unscheduled"] == []
    assert body["optimal"] is True
    assert body["greedy_scheduled"] == 1
    assert body["total_priority"] == 3
    assert body["greedy_total_priority"] == 2
    assert body["explanation"].startswith("Placed 2 of 2 meetings, total priority 3.")
    # Pure: nothing written (the session and user are read for the login only).
    assert not [
        q
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_announced_placements_are_kept_and_the_moves_are_explained(client, seoul_officer):
    client.force_login(seoul_officer)
    keep = [
        {"meeting": "m19", "room": "Matchmaking room", "start": "2017-06-27T10:00"},
        {"meeting": "m7", "room": "Room 2", "start": "2017-06-27T10:30"},
    ]
    body = post(client, event(keep=keep)).json()
    assert body["kept"] == ["m19"]
    assert body["moved"] == ["m7"]
    assert body["dropped"] == ["m7"]
    assert body["reasons"] == {"m7": "Room Room 2 is no longer available."}
    assert body["scheduled"] == [
        {"meeting": "m19", "room": "Matchmaking room", "start": "2017-06-27T10:00"}
    ]


def test_an_anonymous_caller_is_refused(client, db):
    response = post(client, event())
    assert response.status_code == 401
    assert response.json()["detail"]


def test_an_unknown_participant_is_a_422(client, seoul_officer):
    client.force_login(seoul_officer)
    meetings = [{"id": "m20", "a": "Magas", "b": "Dubai"}]
    response = post(client, event(meetings=meetings))
    assert response.status_code == 422
    assert response.json() == {"detail": "Meeting m20: unknown participant Magas."}


def test_a_window_that_ends_before_it_starts_is_a_422(client, seoul_officer):
    client.force_login(seoul_officer)
    participants = [{"id": "Hebron", "available": [["2017-06-27T11:00", "2017-06-27T10:00"]]}]
    response = post(client, event(participants=participants, meetings=[]))
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Participant Hebron: the window 2017-06-27T11:00 to 2017-06-27T10:00 ends "
        "before it starts."
    }


def test_a_slot_that_does_not_divide_a_window_is_a_422(client, seoul_officer):
    client.force_login(seoul_officer)
    participants = [{"id": "Hebron", "available": [["2017-06-27T10:00", "2017-06-27T10:45"]]}]
    response = post(client, event(participants=participants, meetings=[]))
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Participant Hebron: the window 2017-06-27T10:00 to 2017-06-27T10:45 is not a "
        "whole number of 30-minute slots."
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_limit_s", 31),
        ("time_limit_s", 0),
        ("slot_minutes", 0),
        ("rooms", [f"R{n}" for n in range(api_schedule.MAX_ROOMS + 1)]),
        ("participants", [{"id": "x", "available": [["2017-06-27T25:00", "2017-06-27T26:00"]]}]),
        ("participants", [{"id": "x", "available": [["0001-01-01T10:00", "0001-01-01T11:00"]]}]),
        ("participants", [{"id": "x", "available": [["2017-06-27 10:00", "2017-06-27T11:00"]]}]),
    ],
)
def test_values_beyond_the_bounds_are_422s(client, seoul_officer, field, value):
    client.force_login(seoul_officer)
    response = post(client, event(**{field: value}))
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_problem_with_too_much_work_is_refused_before_any_is_done(
    client, seoul_officer, monkeypatch
):
    client.force_login(seoul_officer)
    monkeypatch.setattr(api_schedule, "MAX_WORK", 5)
    monkeypatch.setattr("intercity.exchange.solver.solve", lambda *a, **k: pytest.fail("solved"))
    response = post(client, event())
    assert response.status_code == 422
    assert "too large" in response.json()["detail"]
