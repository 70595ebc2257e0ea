"""The training record as the seeds give it. Idempotent.

- Seed 001, Agenda 3 "e-Government Training": the Seoul programme (objectives, frequency,
  Seoul's budget of about 36,000 USD for one session of 20 people, who pays what), its four
  past sessions 2011-2013 with their participant cities, numbers of people, dates and technical
  visits ("57 people from 22 cities"), and the survey ("about 97% of respondents are
  satisfied"). The table names no participant: each session keeps its reported number and its
  cities. The third session's year cell is empty; it sits between the 2012 and 2013 rows and
  is dated 2012. The location column ("Seoul Human Resources Development Center") is one cell
  spanning the rows.
- Seed 003, the Asia Regional Office's report: Chengdu's programme, held in November 2016 and
  planned for the end of October 2017 in Chengdu; the Europe Regional Office's annual
  e-Government Webinar (the third, on Open Government Innovation, 22 December 2016, with its
  three speakers' topics; the next in December 2017).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from intercity.learning.models_training import (
    CurriculumItem,
    Programme,
    ReportedSurvey,
    SessionCity,
    TrainingSession,
)
from intercity.network.models import Network, Organisation

S001 = "001, Agenda 3 (e-Government Training)"
S001_TABLE = "001, Agenda 3 (e-Government Training), 4. Past Sessions"
S003_ASIA = "003, Agenda 4 (Regional Offices' annual reports), A. WeGO Asia Regional Office"
S003_EUROPE = "003, Agenda 4 (Regional Offices' annual reports), B. WeGO Europe Regional Office"
SHRDC = "Seoul Human Resources Development Center"

SEOUL_SESSIONS: list[dict[str, Any]] = [
    {
        "number": 1,
        "title": "Seoul e-Government Training 2011",
        "starts_on": dt.date(2011, 9, 4),
        "ends_on": dt.date(2011, 9, 10),
        "participants": 13,
        "cities": [
            "batam",
            "jakarta",
            "mexico-city",
            "muscat",
            "nairobi",
            "dar-es-salaam",
            "chengdu",
            "hunan-province",
            "bucharest",
        ],
        "visits": [
            "Seoul Data Center",
            "Digital Media City",
            "Transportation Operation and Information System (TOPIS)",
            "120 Dasan Call Center",
            "Dongdaemoon Design Plaza",
            "Seoul Hangang Projects Headquarters",
            "Banpo Bridge Rainbow Fountain",
            "National Museum of Korea",
        ],
    },
    {
        "number": 2,
        "title": "Seoul e-Government Training 2012 (1)",
        "starts_on": dt.date(2012, 5, 29),
        "ends_on": dt.date(2012, 6, 6),
        "participants": 7,
        "cities": ["mexico-city", "nairobi", "maputo", "hasahisa-locality", "dar-es-salaam"],
        "visits": [
            "120 Dasan Call Center",
            "Ride on a Boat on Han River",
            "Guro District Office",
            "Nonverbal Musical Performance 'Nanta'",
            "Seoul Data Center",
            "Korea Information Certificate Authority",
            "Kyungbok Palace",
        ],
    },
    {
        "number": 3,
        "title": "Seoul e-Government Training 2012 (2)",
        "starts_on": dt.date(2012, 7, 1),
        "ends_on": dt.date(2012, 7, 7),
        "participants": 19,
        "cities": [
            "mexico-city",
            "bucharest",
            "nairobi",
            "muscat",
            "hunan-province",
            "addis-ababa",
            "maputo",
            "ulaanbaatar",
            "dar-es-salaam",
            "khartoum-state",
            "umelgoura",
        ],
        "visits": ["Seongsu IT Integration Center", "New Seoul City Hall", "Samsung d'light"],
    },
    {
        "number": 4,
        "title": "Seoul e-Government Training 2013",
        "starts_on": dt.date(2013, 6, 23),
        "ends_on": dt.date(2013, 6, 30),
        "participants": 18,
        "cities": [
            "barcelona",
            "chengdu",
            "muscat",
            "maputo",
            "seberang-perai",
            "ulaanbaatar",
            "khartoum-state",
            "hebron",
            "shaikan-locality",
            "ankara",
            "ulyanovsk-region",
            "white-nile-state",
        ],
        "visits": [
            "Seoul Data Center",
            "TOPIS",
            "Han River Cruise Tour",
            "Samsung D'light",
            "Seoul Namsan Traditional Theater",
            "Seoul N-Tower",
        ],
    },
]
CULTURAL = {
    "Banpo Bridge Rainbow Fountain",
    "National Museum of Korea",
    "Ride on a Boat on Han River",
    "Nonverbal Musical Performance 'Nanta'",
    "Kyungbok Palace",
    "Han River Cruise Tour",
    "Seoul Namsan Traditional Theater",
    "Seoul N-Tower",
}
HOST_PAYS = [
    "Hotel accommodation",
    "Airport transfer",
    "Lectures and tours",
    "Meals",
    "Local transport",
]


def _programme(slug: str, **values: object) -> tuple[Programme, bool]:
    return Programme.objects.update_or_create(slug=slug, defaults=values)


def _session(programme: Programme, number: int, **values: object) -> tuple[TrainingSession, bool]:
    return TrainingSession.objects.update_or_create(
        programme=programme, number=number, defaults=values
    )


def _curriculum(session: TrainingSession, items: list[tuple[str, str]]) -> None:
    for position, (kind, title) in enumerate(items):
        CurriculumItem.objects.update_or_create(
            session=session, position=position, defaults={"kind": kind, "title": title}
        )


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    wego = Network.objects.filter(slug="wego").first()
    if wego is None:
        return created
    orgs = {o.key: o for o in Organisation.objects.all()}

    seoul, new = _programme(
        "seoul-e-government-training",
        network=wego,
        title="Seoul e-Government Training Programme",
        host=orgs["seoul"],
        organiser="WeGO Secretariat",
        funder=orgs["seoul"],
        objectives=(
            "Develop human resources by enhancing the digital capabilities of public employees "
            "of member cities. Strengthen the network and solidarity among members. Morning "
            "lectures on the theory and practice of municipal e-governance, and afternoon tours "
            "to technical and cultural sites."
        ),
        frequency="One or two sessions a year, 5 days each",
        budget_per_session=Decimal("36000"),
        currency="USD",
        budget_people=20,
        host_pays=HOST_PAYS,
        participants_pay=["Round-trip airfare"],
        source=S001,
    )
    created["learning.programme"] += new
    for row in SEOUL_SESSIONS:
        session, new = _session(
            seoul,
            int(row["number"]),
            title=row["title"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            precision=TrainingSession.Precision.DAY,
            place=SHRDC,
            capacity=None,
            status=TrainingSession.Status.HELD,
            reported_participants=row["participants"],
            source=S001_TABLE,
        )
        created["learning.session"] += new
        for position, key in enumerate(row["cities"]):
            _city, new = SessionCity.objects.update_or_create(
                session=session, organisation=orgs[key], defaults={"position": position}
            )
            created["learning.session_city"] += new
        _curriculum(
            session,
            [
                (
                    CurriculumItem.Kind.CULTURAL_VISIT
                    if visit in CULTURAL
                    else CurriculumItem.Kind.TECHNICAL_VISIT,
                    visit,
                )
                for visit in row["visits"]
            ],
        )
    _survey, new = ReportedSurvey.objects.update_or_create(
        programme=seoul,
        defaults={
            "satisfied_percent": Decimal("97"),
            "approximate": True,
            "aspects": (
                "lecture contents, lecturers, hotel accommodation and facilities, "
                "technical/cultural visits"
            ),
            "source": "001, Agenda 3 (e-Government Training), Survey Results",
        },
    )
    created["learning.reported_survey"] += new

    chengdu, new = _programme(
        "chengdu-e-government-training",
        network=wego,
        title="Chengdu WeGO e-Government Training Program",
        host=orgs["chengdu"],
        organiser="WeGO Asia Regional Office, Chengdu",
        funder=orgs["chengdu"],
        objectives=(
            "The Asia Regional Office's e-Government training for WeGO members, with program "
            "officers sent by the Secretariat to support it."
        ),
        frequency="Once a year",
        host_pays=[],
        participants_pay=[],
        source=S003_ASIA,
    )
    created["learning.programme"] += new
    for number, title, starts, status in (
        (1, "Chengdu e-Government Training 2016", dt.date(2016, 11, 1), "held"),
        (2, "Chengdu e-Government Training 2017", dt.date(2017, 10, 1), "planned"),
    ):
        _s, new = _session(
            chengdu,
            number,
            title=title,
            starts_on=starts,
            ends_on=None,
            precision=TrainingSession.Precision.MONTH,
            place="Chengdu, China",
            status=status,
            source=S003_ASIA,
        )
        created["learning.session"] += new

    webinar, new = _programme(
        "europe-e-government-webinar",
        network=wego,
        title="E-Government Webinar for WeGO members",
        host=orgs["ulyanovsk-region"],
        organiser="WeGO Europe Regional Office, Ulyanovsk Region",
        funder=orgs["ulyanovsk-region"],
        objectives="The Europe Regional Office's annual e-Government webinar for WeGO members.",
        frequency="Once a year",
        host_pays=[],
        participants_pay=[],
        source=S003_EUROPE,
    )
    created["learning.programme"] += new
    third, new = _session(
        webinar,
        3,
        title="Third annual e-Government Webinar: Open Government Innovation",
        starts_on=dt.date(2016, 12, 22),
        ends_on=dt.date(2016, 12, 22),
        precision=TrainingSession.Precision.DAY,
        place="Online",
        status=TrainingSession.Status.HELD,
        source=S003_EUROPE,
    )
    created["learning.session"] += new
    _curriculum(
        third,
        [
            (CurriculumItem.Kind.LECTURE, "Socio-economic benefits from Big Data for Smart city"),
            (CurriculumItem.Kind.LECTURE, "Digital ecosystem for Smart Data share"),
            (CurriculumItem.Kind.LECTURE, "E-Government challenges management"),
        ],
    )
    _s, new = _session(
        webinar,
        4,
        title="E-Government Webinar 2017",
        starts_on=dt.date(2017, 12, 1),
        ends_on=None,
        precision=TrainingSession.Precision.MONTH,
        place="Online",
        status=TrainingSession.Status.PLANNED,
        source=S003_EUROPE,
    )
    created["learning.session"] += new
    return created
