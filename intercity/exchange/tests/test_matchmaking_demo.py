"""The demonstration event: marked, with Seoul and Makati, a request Makati can accept, and
loaded once."""

from __future__ import annotations

import pytest

from intercity.exchange import demo_matchmaking
from intercity.exchange.models_matchmaking import MatchmakingEvent, MeetingRequest

pytestmark = pytest.mark.django_db


def test_the_demo_event_is_marked_and_makati_has_a_request_to_accept():
    created = demo_matchmaking.load()
    assert created["matchmaking event"] == 1
    event = MatchmakingEvent.objects.get(name=demo_matchmaking.NAME)
    assert event.is_demo
    pending = MeetingRequest.objects.get(
        event=event, requester__organisation__key="seoul", target__organisation__key="makati"
    )
    assert pending.status == MeetingRequest.Status.PENDING
    assert MeetingRequest.objects.filter(event=event, status="accepted").count() == 6
    assert sum(demo_matchmaking.load().values()) == 0
