"""Factories of the matchmaking part: an event with rooms and delegations, their windows and
requests, made through the services as staff would (SYSTEM acts as the Secretariat)."""

from __future__ import annotations

import datetime as dt

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_matchmaking import (
    MatchmakingEvent,
    MatchmakingParticipant,
    MeetingRequest,
)
from intercity.exchange.services import matchmaking as services
from intercity.network.models import Network, Organisation

DAY = dt.date(2030, 6, 27)


def event(
    *,
    rooms: tuple[str, ...] = ("Room A",),
    name: str = "Matchmaking at the test assembly",
    days: int = 2,
    time_zone: str = "Asia/Seoul",
) -> MatchmakingEvent:
    made = services.create_event(
        SYSTEM,
        network=Network.objects.get(slug="wego"),
        name=name,
        place="Seoul",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=days - 1),
        time_zone=time_zone,
    )
    for room in rooms:
        services.add_room(SYSTEM, made, room)
    return made


def delegation(
    at: MatchmakingEvent,
    key: str,
    windows: tuple[tuple[int, int], ...] = ((9, 12),),
    day: dt.date = DAY,
) -> MatchmakingParticipant:
    """The registry's organisation `key` at the event, available on `day` in each (from, to)
    pair of hours."""
    participant = services.add_participant(SYSTEM, at, Organisation.objects.get(key=key))
    for start, end in windows:
        services.add_window(
            SYSTEM,
            participant,
            dt.datetime.combine(day, dt.time(start)),
            dt.datetime.combine(day, dt.time(end)),
        )
    return participant


def accepted(
    a: MatchmakingParticipant, b: MatchmakingParticipant, priority: int = 2
) -> MeetingRequest:
    request = services.request_meeting(SYSTEM, a, b, priority=priority)
    return services.accept(SYSTEM, request.pk)


def closed(at: MatchmakingEvent) -> MatchmakingEvent:
    return services.close_requests(SYSTEM, at)
