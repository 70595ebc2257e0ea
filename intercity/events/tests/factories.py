"""Events for tests: an event with rooms, categories (and what each may attend) and sessions,
built through the models (the organiser's forms are not part of this module yet)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from intercity.events.models import (
    AllowedKind,
    Event,
    RegistrationCategory,
    Room,
    Session,
    SessionKind,
)
from intercity.network.models import Network

ZONE = zoneinfo.ZoneInfo("Asia/Seoul")
FIRST_DAY = dt.date(2031, 5, 6)


def at(day: int, clock: str) -> dt.datetime:
    return dt.datetime.combine(
        FIRST_DAY + dt.timedelta(days=day - 1), dt.time.fromisoformat(clock), tzinfo=ZONE
    )


def event(**values: Any) -> Event:
    defaults: dict[str, Any] = {
        "network": Network.objects.get(slug="wego"),
        "name": "Test Forum",
        "kind": Event.Kind.CONFERENCE,
        "place": "Seoul",
        "starts_on": FIRST_DAY,
        "ends_on": FIRST_DAY + dt.timedelta(days=1),
        "time_zone": "Asia/Seoul",
        "registration_open": True,
    }
    return Event.objects.create(**{**defaults, **values})


def category(ev: Event, code: str, kinds: tuple[str, ...]) -> RegistrationCategory:
    made = RegistrationCategory.objects.create(event=ev, code=code, name=code.title())
    AllowedKind.objects.bulk_create(AllowedKind(category=made, kind=k) for k in kinds)
    return made


def session(
    ev: Event,
    title: str,
    start: dt.datetime,
    end: dt.datetime | None,
    *,
    kind: str = SessionKind.CONFERENCE,
    room: Room | None = None,
    capacity: int | None = None,
) -> Session:
    return Session.objects.create(
        event=ev,
        title=title,
        kind=kind,
        starts_at=start,
        ends_at=end,
        room=room,
        capacity=capacity,
    )
