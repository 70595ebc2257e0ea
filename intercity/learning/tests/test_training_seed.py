"""The seeded training record reproduces seed 001's table of past sessions and seed 003's
Chengdu programmes."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.learning.models_training import (
    Programme,
    ReportedSurvey,
    SessionCity,
    TrainingSession,
)
from intercity.learning.services import training as services

pytestmark = pytest.mark.django_db


def test_the_seoul_sessions_2011_2013_are_57_people_from_22_cities():
    sessions = list(
        TrainingSession.objects.filter(programme__slug="seoul-e-government-training").order_by(
            "number"
        )
    )
    assert [s.reported_participants for s in sessions] == [13, 7, 19, 18]
    assert sum(s.reported_participants or 0 for s in sessions) == 57
    assert [s.cities.count() for s in sessions] == [9, 5, 11, 12]
    distinct = SessionCity.objects.filter(session__in=sessions).values("organisation").distinct()
    assert distinct.count() == 22
    assert [s.starts_on for s in sessions] == [
        dt.date(2011, 9, 4),
        dt.date(2012, 5, 29),
        dt.date(2012, 7, 1),
        dt.date(2013, 6, 23),
    ]
    assert services.programme_totals(services.get_programme("seoul-e-government-training")) == (
        57,
        22,
    )


def test_the_2013_session_names_its_twelve_cities_in_the_seed_order():
    session = TrainingSession.objects.get(programme__slug="seoul-e-government-training", number=4)
    assert [c.organisation.name for c in session.cities.all()][:3] == [
        "Barcelona",
        "Chengdu",
        "Muscat",
    ]
    assert "White Nile State" in services.participation(session).cities


def test_seoul_pays_all_but_the_airfare_within_its_budget_of_36000_usd_for_20_people():
    seoul = Programme.objects.get(slug="seoul-e-government-training")
    assert (seoul.budget_per_session, seoul.currency, seoul.budget_people) == (36000, "USD", 20)
    assert seoul.participants_pay == ["Round-trip airfare"]
    assert "Hotel accommodation" in seoul.host_pays
    assert ReportedSurvey.objects.get(programme=seoul).satisfied_percent == 97


def test_chengdu_runs_its_2016_and_2017_programmes_through_the_asia_regional_office():
    chengdu = Programme.objects.get(slug="chengdu-e-government-training")
    assert chengdu.organiser == "WeGO Asia Regional Office, Chengdu"
    assert [(s.starts_on, s.precision) for s in chengdu.sessions.all()] == [
        (dt.date(2016, 11, 1), "month"),
        (dt.date(2017, 10, 1), "month"),
    ]


def test_seeding_twice_changes_nothing():
    from intercity.learning import seed

    assert sum(seed.load().values()) == 0
