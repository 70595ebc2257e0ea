"""A session of the Seoul programme half a year ahead, with a call open today and two lessons,
made through the services, for tests of other apps too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from intercity.accounts.permissions import SYSTEM
from intercity.learning.models_training import Programme, TrainingSession
from intercity.learning.services import classroom
from intercity.learning.services import training as services


def today() -> dt.date:
    return timezone.localdate()


def open_session(
    *,
    capacity: int = 20,
    per_city_limit: int = 2,
    lessons: int = 2,
    new_cities_first: bool = True,
    title: str = "Seoul e-Government Training 2027",
) -> TrainingSession:
    programme = Programme.objects.get(slug="seoul-e-government-training")
    session = services.add_session(
        SYSTEM,
        programme,
        title=title,
        starts_on=today() + dt.timedelta(days=180),
        ends_on=today() + dt.timedelta(days=184),
        place="Seoul Human Resources Development Center",
        capacity=capacity,
        curriculum=[("lecture", "Open data in city government"), ("technical_visit", "TOPIS")],
    )
    services.open_call(
        SYSTEM,
        session,
        opens_on=today() - dt.timedelta(days=30),
        closes_on=today() + dt.timedelta(days=90),
        per_city_limit=per_city_limit,
        new_cities_first=new_cities_first,
    )
    for n in range(lessons):
        classroom.add_lesson(
            SYSTEM, session, title=f"Lesson {n + 1}", body="Read this and think.", minutes=5
        )
    return services.get_session(session.pk)


def application(user: Any, session: TrainingSession, city_key: str, name: str = "") -> Any:
    from intercity.network.models import Organisation

    return services.apply(
        user,
        session,
        Organisation.objects.get(key=city_key),
        full_name=name or user.username.title(),
        position_title="Director of IT",
        motivation="To learn from Seoul.",
        today=today(),
    )
