"""Demonstration data for `make run` (not from the seeds): a 2027 session of the Seoul
programme with a call open now, so the demo city officer (`seoul`) can apply, two short
lessons for its classroom, and an open secondment call. Made through the services; what exists
is left alone."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from intercity.accounts.permissions import SYSTEM
from intercity.learning.models_secondment import SecondmentCall
from intercity.learning.models_training import Programme, TrainingSession
from intercity.learning.services import classroom
from intercity.learning.services import secondment as secondment_services
from intercity.learning.services import training as services

TITLE = "Seoul e-Government Training 2027 (demonstration)"
LESSONS = [
    (
        "What a city data center does",
        "A data center hosts the city's systems in one place. Read how Seoul's data center "
        "keeps its services running, then note one system of your city that could move there.",
    ),
    (
        "Traffic information for citizens",
        "Seoul's TOPIS gathers traffic data from buses, taxis and roads. Think about which data "
        "your city already collects and who could use it.",
    ),
]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    programme = Programme.objects.filter(slug="seoul-e-government-training").first()
    if programme is None:
        return created
    today = timezone.localdate()
    session = TrainingSession.objects.filter(programme=programme, title=TITLE).first()
    if session is None:
        session = services.add_session(
            SYSTEM,
            programme,
            title=TITLE,
            starts_on=dt.date(2027, 6, 14),
            ends_on=dt.date(2027, 6, 18),
            place="Seoul Human Resources Development Center",
            capacity=20,
            curriculum=[
                ("lecture", "Municipal e-governance: theory and practice"),
                ("technical_visit", "Seoul Data Center"),
                ("technical_visit", "TOPIS"),
                ("cultural_visit", "Han River Cruise Tour"),
            ],
        )
        services.open_call(
            SYSTEM,
            session,
            opens_on=min(today, dt.date(2026, 11, 1)),
            closes_on=max(today + dt.timedelta(days=60), dt.date(2027, 4, 30)),
            per_city_limit=2,
            new_cities_first=True,
            text="Demonstration data: a call for the 2027 session, not from the seeds.",
        )
        for title, body in LESSONS:
            classroom.add_lesson(SYSTEM, session, title=title, body=body, minutes=10)
        created["learning.demo_session"] += 1
    if not SecondmentCall.objects.filter(title__endswith="(demonstration)").exists():
        secondment_services.open_call(
            SYSTEM,
            programme.network,
            title="Programme officer at the Secretariat (demonstration)",
            description="Demonstration data: a secondment call, not from the seeds.",
            places=1,
            term_months=12,
            opens_on=min(today, dt.date(2026, 11, 1)),
            closes_on=max(today + dt.timedelta(days=60), dt.date(2027, 4, 30)),
        )
        created["learning.demo_secondment_call"] += 1
    return created
