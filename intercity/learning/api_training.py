"""The learning API, training part (public):

- `GET /api/v1/learning/programmes`: every training programme with its host, funder, budget,
  who pays what, and its sessions with their participant cities and counts;
- `GET /api/v1/learning/certificates/{code}`: whether a certificate's code is valid, for whom
  and for what (404 for a code no certificate has)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.core.errors import NotFound
from intercity.core.schemas import ErrorOut
from intercity.learning.models_training import Programme, TrainingSession
from intercity.learning.services import classroom
from intercity.learning.services import training as services

router = Router(tags=["learning"])

# 400: a NUL character in the path (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut}


class LearningSessionOut(Schema):
    id: int
    number: int
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    precision: str = Field(description="day, or month when the source gives only the month.")
    place: str
    status: str = Field(description="planned, open, held or cancelled.")
    cancelled_reason: str = Field(description="Why the Secretariat cancelled it, if it did.")
    capacity: int | None
    participants: int | None = Field(
        description="People who took part: selected applications, else the source's number."
    )
    cities: list[str] = Field(description="The participant cities.")
    source: str


class LearningProgrammeOut(Schema):
    slug: str
    title: str
    network: str
    host: str
    organiser: str
    funder: str
    budget_per_session: str | None = Field(description="An exact decimal, e.g. '36000.00'.")
    currency: str
    budget_people: int | None
    host_pays: list[str]
    participants_pay: list[str]
    participants: int = Field(description="People over every session not cancelled.")
    cities: int = Field(description="Distinct participant cities over every session not cancelled.")
    sessions: list[LearningSessionOut]
    source: str


class LearningCertificateOut(Schema):
    code: str
    valid: bool = Field(description="False once the certificate is revoked.")
    holder: str
    city: str
    session: str
    programme: str
    issued_on: dt.date
    revoked_on: dt.date | None = Field(description="The day the certificate was revoked.")
    revoked_reason: str


def _session(session: TrainingSession) -> dict[str, Any]:
    taken = services.participation(session)
    return {
        "id": session.pk,
        "number": session.number,
        "title": session.title,
        "starts_on": session.starts_on,
        "ends_on": session.ends_on,
        "precision": session.precision,
        "place": session.place,
        "status": session.status,
        "cancelled_reason": session.cancelled_reason,
        "capacity": session.capacity,
        "participants": taken.participants,
        "cities": taken.cities,
        "source": session.source,
    }


def _programme(programme: Programme) -> dict[str, Any]:
    people, cities = services.programme_totals(programme)
    return {
        "slug": programme.slug,
        "title": programme.title,
        "network": programme.network.slug,
        "host": programme.host.name,
        "organiser": programme.organiser,
        "funder": programme.funder.name if programme.funder else "",
        "budget_per_session": str(programme.budget_per_session)
        if programme.budget_per_session is not None
        else None,
        "currency": programme.currency,
        "budget_people": programme.budget_people,
        "host_pays": list(programme.host_pays),
        "participants_pay": list(programme.participants_pay),
        "participants": people,
        "cities": cities,
        "sessions": [_session(s) for s in programme.sessions.all()],
        "source": programme.source,
    }


@router.get(
    "/learning/programmes",
    response={200: list[LearningProgrammeOut], 400: ErrorOut},
    summary="Training programmes with their sessions, participant cities and counts",
)
def programmes(request: HttpRequest) -> list[dict[str, Any]]:
    return [_programme(p) for p in services.programmes()]


@router.get(
    "/learning/certificates/{code}",
    response={200: LearningCertificateOut, **ERRORS},
    summary="Whether a training certificate's verification code is valid, for whom and what",
)
def certificate(request: HttpRequest, code: str) -> dict[str, Any]:
    found = classroom.find_certificate(code[:40])
    if found is None:
        raise NotFound("No certificate has this verification code.")
    return {
        "code": found.code,
        "valid": found.revoked_at is None,
        "holder": found.holder,
        "city": found.city,
        "session": found.session_title,
        "programme": found.programme_title,
        "issued_on": found.issued_at.date(),
        "revoked_on": found.revoked_at.date() if found.revoked_at else None,
        "revoked_reason": found.revoked_reason,
    }
