"""The matchmaking scheduler as a pure API: `POST /api/v1/exchange/matchmaking/schedule` takes a
whole problem (slot length, rooms, participants with their availability, accepted meetings,
placements already announced) and answers the schedule; nothing is stored.

Signed-in callers only (an API token or the session login): one call may keep CP-SAT busy for
up to `MAX_TIME_LIMIT_S` seconds, which no anonymous visitor should be able to ask of the
server. Every size is bounded in the schema (rooms, participants, windows, meetings) and the
work the candidate starts take is bounded before any is done (`MAX_WORK`), so a large or
absurd body is a 422, not a busy worker."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import BeforeValidator, WithJsonSchema

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import EARLIEST, LATEST
from intercity.core.errors import DomainError
from intercity.core.schemas import ErrorOut
from intercity.exchange import rules_schedule, solver

router = Router(tags=["exchange"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}

MAX_TIME_LIMIT_S = 30.0
MAX_ROOMS = 200
MAX_PARTICIPANTS = 2_000
MAX_WINDOWS = 24
MAX_MEETINGS = 5_000
# Slot starts looked at over all meetings (rules_schedule.work): about 20 possible slots for
# each of 5,000 meetings' two participants, with room to spare; the benchmark's event of 1,000
# participants and 5,000 requests needs about 140,000 (docs/matchmaking-scheduler.md).
MAX_WORK = 400_000

_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _minute(value: Any) -> dt.datetime:
    """ "YYYY-MM-DDTHH:MM", local time of the event, within the dates the platform accepts."""
    if not isinstance(value, str) or not _MINUTE.fullmatch(value):
        raise ValueError(_("Expected a time written YYYY-MM-DDTHH:MM."))
    try:
        moment = dt.datetime.strptime(value, rules_schedule.TIME_FORMAT)
    except ValueError:
        raise ValueError(_("Expected a time written YYYY-MM-DDTHH:MM.")) from None
    if not EARLIEST <= moment.date() <= LATEST:
        raise ValueError(
            _("%(time)s is outside the dates accepted (%(earliest)s to %(latest)s).")
            % {"time": value, "earliest": EARLIEST, "latest": LATEST}
        )
    return moment


Minute = Annotated[
    dt.datetime,
    BeforeValidator(_minute),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$",
            "description": "YYYY-MM-DDTHH:MM, local time of the event.",
        }
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=64)]


class SchedulerParticipantIn(Schema):
    id: Name
    available: list[tuple[Minute, Minute]] = Field(
        max_length=MAX_WINDOWS,
        description="Availability windows [start, end], each a whole number of slots.",
    )


class SchedulerMeetingIn(Schema):
    id: Name
    a: Name = Field(description="A participant's id (the requester).")
    b: Name = Field(description="A participant's id (the one who accepted).")
    priority: int = Field(1, ge=1, le=1000)


class SchedulerPlacementIn(Schema):
    meeting: Name
    room: Name
    start: Minute


class SchedulerProblemIn(Schema):
    slot_minutes: int = Field(30, ge=5, le=480)
    rooms: list[Name] = Field(max_length=MAX_ROOMS)
    participants: list[SchedulerParticipantIn] = Field(max_length=MAX_PARTICIPANTS)
    meetings: list[SchedulerMeetingIn] = Field(max_length=MAX_MEETINGS)
    keep: list[SchedulerPlacementIn] = Field(
        default_factory=list,
        max_length=MAX_MEETINGS,
        description="Placements already announced: kept where they still fit.",
    )
    time_limit_s: float = Field(10.0, gt=0, le=MAX_TIME_LIMIT_S)


class SchedulerPlacementOut(Schema):
    meeting: str
    room: str
    start: str = Field(description="YYYY-MM-DDTHH:MM.")


class SchedulerResultOut(Schema):
    scheduled: list[SchedulerPlacementOut] = Field(description="In order of start.")
    unscheduled: list[str] = Field(description="The meetings left out, in the order given.")
    optimal: bool = Field(description="True only when CP-SAT proved no better schedule exists.")
    greedy_scheduled: int = Field(description="How many the greedy pass places.")
    explanation: str
    total_priority: int
    greedy_total_priority: int
    kept: list[str] = Field(description="Announced meetings kept where they were.")
    moved: list[str] = Field(description="Announced meetings moved or dropped.")
    dropped: list[str] = Field(description="Of moved, those no longer scheduled.")
    reasons: dict[str, str] = Field(description="Why each moved meeting could not stay.")
    solve_seconds: float
    greedy_seconds: float


def _problem(payload: SchedulerProblemIn) -> rules_schedule.Problem:
    return rules_schedule.Problem(
        slot_minutes=payload.slot_minutes,
        rooms=tuple(payload.rooms),
        participants=tuple(
            rules_schedule.Participant(p.id, tuple((s, e) for s, e in p.available))
            for p in payload.participants
        ),
        meetings=tuple(
            rules_schedule.Meeting(m.id, m.a, m.b, m.priority) for m in payload.meetings
        ),
        keep=tuple(rules_schedule.Placement(k.meeting, k.room, k.start) for k in payload.keep),
    )


@router.post(
    "/exchange/matchmaking/schedule",
    response={200: SchedulerResultOut, **ERRORS},
    auth=signed_in,
    summary="Schedule matchmaking meetings (pure: nothing is stored)",
)
def schedule(request: HttpRequest, payload: SchedulerProblemIn) -> dict[str, Any]:
    problem = _problem(payload)
    problems = rules_schedule.validate(problem)
    if problems:
        raise DomainError(" ".join(problems[:20]), status=422)
    work = rules_schedule.work(problem)
    if work > MAX_WORK:
        raise DomainError(
            _(
                "The problem is too large: its meetings have %(work)s possible slot starts to "
                "look at, and at most %(limit)s are accepted. Send fewer meetings or shorter "
                "windows."
            )
            % {"work": work, "limit": MAX_WORK},
            status=422,
        )
    result = solver.solve(problem, time_limit_s=payload.time_limit_s)
    return {
        "scheduled": [
            {"meeting": p.meeting, "room": p.room, "start": p.start.strftime("%Y-%m-%dT%H:%M")}
            for p in result.scheduled
        ],
        "unscheduled": list(result.unscheduled),
        "optimal": result.optimal,
        "greedy_scheduled": result.greedy_scheduled,
        "explanation": result.explanation,
        "total_priority": result.total_priority,
        "greedy_total_priority": result.greedy_total_priority,
        "kept": list(result.kept),
        "moved": list(result.moved),
        "dropped": list(result.dropped),
        "reasons": result.reasons,
        "solve_seconds": round(result.solve_seconds, 3),
        "greedy_seconds": round(result.greedy_seconds, 3),
    }
