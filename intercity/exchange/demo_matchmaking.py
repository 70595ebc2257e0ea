"""Demonstration data of the matchmaking part for `make run`, marked as such: a matchmaking
event a month from today (named and flagged as a demonstration), three rooms, Seoul, Makati
(the demo logins `seoul` and `makati`), other cities and companies, their availability on
both days, some accepted requests and some waiting for an answer (one to Makati from Seoul,
so `makati` can accept it), ready for staff to close and schedule. Idempotent: an existing
demonstration event is left as it is."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_matchmaking import MatchmakingEvent
from intercity.exchange.services import matchmaking as services
from intercity.network.models import Network, Organisation

NAME = "Smart Cities Matchmaking (demonstration)"
KEYS = ("seoul", "makati", "sejong", "chengdu", "moscow", "madrid", "kt", "sberbank", "siklu")
# (requester, target, priority, accepted?)
REQUESTS = (
    ("sejong", "chengdu", 3, True),
    ("madrid", "seoul", 2, True),
    ("kt", "sejong", 2, True),
    ("moscow", "sberbank", 1, True),
    ("chengdu", "madrid", 2, True),
    ("siklu", "makati", 2, True),
    ("seoul", "makati", 3, False),
    ("kt", "makati", 1, False),
    ("makati", "moscow", 2, False),
)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="wego").first()
    if network is None or MatchmakingEvent.objects.filter(name=NAME, is_demo=True).exists():
        return created
    organisations = Organisation.objects.in_bulk(list(KEYS), field_name="key")
    first = timezone.localdate() + dt.timedelta(days=30)
    event = services.create_event(
        SYSTEM,
        network=network,
        name=NAME,
        place="Seoul (demonstration)",
        starts_on=first,
        ends_on=first + dt.timedelta(days=1),
        time_zone="Asia/Seoul",
        description="Demonstration data: the event, its delegations and requests are made up.",
        is_demo=True,
    )
    created["matchmaking event"] += 1
    for name in ("Room A", "Room B", "Room C"):
        services.add_room(SYSTEM, event, name)
        created["matchmaking room"] += 1
    delegations = {}
    for key in KEYS:
        if key not in organisations:
            continue
        participant = services.add_participant(SYSTEM, event, organisations[key])
        delegations[key] = participant
        created["matchmaking participant"] += 1
        for day in (first, first + dt.timedelta(days=1)):
            for start, end in ((9, 12), (14, 17)):
                services.add_window(
                    SYSTEM,
                    participant,
                    dt.datetime.combine(day, dt.time(start)),
                    dt.datetime.combine(day, dt.time(end)),
                )
                created["matchmaking window"] += 1
    for a, b, priority, accepted in REQUESTS:
        if a not in delegations or b not in delegations:
            continue
        request = services.request_meeting(
            SYSTEM, delegations[a], delegations[b], priority=priority, message="Demonstration."
        )
        if accepted:
            services.accept(SYSTEM, request.pk)
        created["matchmaking request"] += 1
    return created
