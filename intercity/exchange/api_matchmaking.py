"""The exchange API, matchmaking part: `GET /api/v1/exchange/matchmaking/events` lists the
events (public), `GET .../events/{id}` adds the participants and rooms, and `GET
.../participants/{id}/agenda` gives a delegation's announced meetings to its own officers and
staff (signed in). Each handler calls the matchmaking services and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.exchange.models_matchmaking import MatchmakingEvent, MatchmakingParticipant
from intercity.exchange.services import matchmaking as services

router = Router(tags=["exchange"])

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
AUTH_ERRORS: dict[int, Any] = {**ERRORS, 401: ErrorOut, 403: ErrorOut}


class MatchmakingEventOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. wego.")
    name: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    time_zone: str = Field(description="The event's time zone (IANA name); agendas use it.")
    slot_minutes: int
    status: str = Field(description="open, closed, scheduled or announced.")
    is_demo: bool
    source: str = Field(description="The seed passage the event comes from, if any.")


class MatchmakingParticipantOut(Schema):
    id: int
    organisation: OrganisationRef
    kind: str = Field(description="The organisation's kind: city, company, ...")


class MatchmakingEventDetailOut(MatchmakingEventOut):
    participants: list[MatchmakingParticipantOut]
    rooms: list[str]


class AgendaMeetingOut(Schema):
    request_id: int
    with_organisation: OrganisationRef
    room: str = Field(description="Empty for a held meeting whose room is not recorded.")
    starts_at: dt.datetime | None = Field(
        description="In the event's time zone; null for a held meeting whose time is unknown."
    )
    ends_at: dt.datetime | None


class AgendaOut(Schema):
    participant: MatchmakingParticipantOut
    event: MatchmakingEventOut
    meetings: list[AgendaMeetingOut]


def _event(event: MatchmakingEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "network": event.network.slug,
        "name": event.name,
        "place": event.place,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "time_zone": event.time_zone,
        "slot_minutes": event.slot_minutes,
        "status": event.status,
        "is_demo": event.is_demo,
        "source": event.source,
    }


def _participant(p: MatchmakingParticipant) -> dict[str, Any]:
    return {
        "id": p.pk,
        "organisation": {
            "id": p.organisation.pk,
            "name": p.organisation.name,
            "country": str(p.organisation.country or ""),
        },
        "kind": p.organisation.kind,
    }


@router.get(
    "/exchange/matchmaking/events",
    response={200: list[MatchmakingEventOut], **ERRORS},
    summary="Matchmaking events, the latest first",
)
def list_events(request: HttpRequest) -> list[dict[str, Any]]:
    return [_event(e) for e in services.events()[:200]]


@router.get(
    "/exchange/matchmaking/events/{event_id}",
    response={200: MatchmakingEventDetailOut, **ERRORS},
    summary="A matchmaking event with its participants and rooms",
)
def get_event(request: HttpRequest, event_id: DbId) -> dict[str, Any]:
    event = services.get_event(event_id)
    return {
        **_event(event),
        "participants": [_participant(p) for p in services.participants(event)],
        "rooms": [r.name for r in services.rooms(event)],
    }


@router.get(
    "/exchange/matchmaking/participants/{participant_id}/agenda",
    response={200: AgendaOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="A delegation's announced matchmaking meetings (its officers and staff)",
)
def get_agenda(request: HttpRequest, participant_id: DbId) -> dict[str, Any]:
    participant = services.get_participant(participant_id)
    items = services.agenda(request.user, participant)
    return {
        "participant": _participant(participant),
        "event": _event(participant.event),
        "meetings": [
            {
                "request_id": item.request.pk,
                "with_organisation": _participant(item.other)["organisation"],
                "room": item.room,
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
            }
            for item in items
        ],
    }
