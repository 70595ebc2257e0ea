"""The events API: `GET /api/v1/events` lists the events (public), `GET /api/v1/events/{id}`
gives one with its rooms, tracks, registration categories and programme of sessions (times in
the event's time zone, with their rooms, chairs, moderators and speakers). Each handler calls
the services and answers; registrations stay private (pages by secret link)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut
from intercity.events import services
from intercity.events.models import Event, Session

router = Router(tags=["events"])

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class EventsEventOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. wego.")
    name: str
    kind: str = Field(description="general_assembly, excom, webinar, training or conference.")
    place: str
    starts_on: dt.date
    ends_on: dt.date
    time_zone: str = Field(description="The event's time zone (IANA name); times use it.")
    registration_open: bool
    capacity: int | None = Field(description="Places of the event; null: no limit.")
    is_demo: bool
    source: str = Field(description="The seed passage the event comes from, if any.")


class EventsRoomOut(Schema):
    id: int
    name: str
    capacity: int | None = Field(description="Seats; null when not recorded.")
    interpretation: str = Field(description="Languages interpreted in the room; may be empty.")


class EventsPersonOut(Schema):
    name: str
    role: str = Field(description="chair, moderator or speaker.")
    affiliation: str


class EventsSessionOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: dt.datetime = Field(description="In the event's time zone.")
    ends_at: dt.datetime | None = Field(description="Null when the programme gives no end.")
    room: str = Field(description="The room's name; empty when none is given.")
    track: str
    capacity: int | None = Field(description="Places (the session's or its room's); null: none.")
    cancelled: bool = Field(description="True when the organiser cancelled the session.")
    people: list[EventsPersonOut]


class EventsCategoryOut(Schema):
    code: str
    name: str
    may_attend: list[str] = Field(description="The kinds of session this category may attend.")


class EventsEventDetailOut(EventsEventOut):
    rooms: list[EventsRoomOut]
    tracks: list[str]
    categories: list[EventsCategoryOut]
    sessions: list[EventsSessionOut]


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "network": event.network.slug,
        "name": event.name,
        "kind": event.kind,
        "place": event.place,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "time_zone": event.time_zone,
        "registration_open": event.registration_open,
        "capacity": event.capacity,
        "is_demo": event.is_demo,
        "source": event.source,
    }


def _session(event: Event, session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "title": session.title,
        "kind": session.kind,
        "starts_at": services.local(event, session.starts_at),
        "ends_at": services.local(event, session.ends_at) if session.ends_at else None,
        "room": session.room.name if session.room else "",
        "track": session.track.name if session.track else "",
        "capacity": services.seats(session),
        "cancelled": session.cancelled_at is not None,
        "people": [
            {"name": p.name, "role": p.role, "affiliation": p.affiliation}
            for p in session.people.all()
        ],
    }


@router.get(
    "/events",
    response={200: list[EventsEventOut], **ERRORS},
    summary="Events, the latest first",
)
def list_event_programmes(request: HttpRequest) -> list[dict[str, Any]]:
    return [_event(e) for e in services.events()[:200]]


@router.get(
    "/events/{event_id}",
    response={200: EventsEventDetailOut, **ERRORS},
    summary="An event with its rooms, tracks, categories and programme of sessions",
)
def get_event_programme(request: HttpRequest, event_id: DbId) -> dict[str, Any]:
    event = services.get_event(event_id)
    return {
        **_event(event),
        "rooms": [
            {"id": r.pk, "name": r.name, "capacity": r.capacity, "interpretation": r.interpretation}
            for r in services.rooms(event)
        ],
        "tracks": [t.name for t in event.tracks.all()],
        "categories": [
            {"code": c.code, "name": c.name, "may_attend": sorted(services.allowed_kinds(c))}
            for c in services.categories(event)
        ],
        "sessions": [_session(event, s) for s in services.sessions(event)],
    }
