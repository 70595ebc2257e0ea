"""Demonstration data for `make run`, marked as such: an upcoming event of WeGO in 2027, open
for registration, with rooms (seats and interpretation), a track, a programme over two days
and the four registration categories (delegate, observer, company, speaker) with the kinds of
session each may attend. Its name says it is a demonstration. Idempotent."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter

from django.db import transaction

from intercity.events.models import (
    AllowedKind,
    Event,
    RegistrationCategory,
    Room,
    Session,
    SessionKind,
    Track,
)
from intercity.network.models import Network

NAME = "WeGO Smart Cities Forum 2027 (demonstration)"
ZONE = "Asia/Seoul"
K = SessionKind
CATEGORIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("delegate", "Delegate", "A member's official delegate.", tuple(K.values)),
    (
        "observer",
        "Observer",
        "A guest of the network, without a vote.",
        (K.ASSEMBLY, K.CEREMONY, K.CONFERENCE, K.WORKSHOP, K.MEAL, K.BREAK, K.VISIT),
    ),
    (
        "company",
        "Company",
        "A company or its representative.",
        (K.CEREMONY, K.CONFERENCE, K.WORKSHOP, K.MATCHMAKING, K.MEAL, K.BREAK),
    ),
    (
        "speaker",
        "Speaker",
        "A speaker or moderator of a session.",
        (K.ASSEMBLY, K.CEREMONY, K.CONFERENCE, K.WORKSHOP, K.PRESS, K.MEAL, K.BREAK, K.VISIT),
    ),
)
ROOMS = (("Grand Hall", 300, "English, Korean, Russian, Spanish"), ("Room 201", 40, "English"))
# (day, start, end, title, room, kind, track)
PROGRAMME = (
    (1, "10:00", "12:00", "Executive Committee meeting", "Room 201", K.EXCOM, False),
    (1, "13:00", "14:00", "Opening plenary", "Grand Hall", K.ASSEMBLY, False),
    (1, "14:30", "16:00", "Session 1: Data for city services", "Grand Hall", K.CONFERENCE, True),
    (1, "14:30", "16:00", "Workshop: open procurement", "Room 201", K.WORKSHOP, True),
    (2, "09:30", "11:00", "Session 2: Cities and climate", "Grand Hall", K.CONFERENCE, True),
    (2, "11:30", "12:30", "Awards ceremony", "Grand Hall", K.CEREMONY, False),
    (2, "12:30", "14:00", "Farewell lunch", "", K.MEAL, False),
)


def _first_day() -> dt.date:
    return dt.date(2027, 10, 12)


@transaction.atomic
def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="wego").first()
    if network is None or Event.objects.filter(name=NAME, is_demo=True).exists():
        return created
    first = _first_day()
    event = Event.objects.create(
        network=network,
        name=NAME,
        kind=Event.Kind.CONFERENCE,
        place="Seoul, Republic of Korea",
        starts_on=first,
        ends_on=first + dt.timedelta(days=1),
        time_zone=ZONE,
        capacity=400,
        registration_open=True,
        description="A demonstration event: register, choose sessions, download your agenda.",
        is_demo=True,
    )
    created["events"] += 1
    for order, (code, name, description, kinds) in enumerate(CATEGORIES):
        category = RegistrationCategory.objects.create(
            event=event, code=code, name=name, description=description, order=order
        )
        AllowedKind.objects.bulk_create(AllowedKind(category=category, kind=k) for k in kinds)
        created["categories"] += 1
    rooms = {}
    for name, seats, languages in ROOMS:
        rooms[name] = Room.objects.create(
            event=event, name=name, capacity=seats, interpretation=languages
        )
        created["rooms"] += 1
    track = Track.objects.create(event=event, name="Smart city practice")
    zone = zoneinfo.ZoneInfo(ZONE)
    for day, start, end, title, room, kind, in_track in PROGRAMME:
        date = first + dt.timedelta(days=day - 1)

        def at(clock: str, date: dt.date = date) -> dt.datetime:
            return dt.datetime.combine(date, dt.time.fromisoformat(clock), tzinfo=zone)

        Session.objects.create(
            event=event,
            title=title,
            kind=kind,
            starts_at=at(start),
            ends_at=at(end),
            room=rooms.get(room),
            track=track if in_track else None,
        )
        created["sessions"] += 1
    return created
