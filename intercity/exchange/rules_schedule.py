"""The matchmaking scheduler's rules, pure (no ORM, no request): what a problem is, whether it
is well formed, where a meeting may go, whether a schedule keeps the rules, and the greedy
pass the solver is compared with. The optimal placement is `solver.solve` (OR-Tools CP-SAT).

A problem: the slot length, the rooms, the participants with their availability windows
(local times of the event, naive), the accepted meetings (two participants and a priority),
and the placements already announced (kept where they still fit). A meeting takes one slot in
one room; no participant and no room has two meetings in one slot; both participants are
available for the whole slot. Slots start on the grid of a window (its start plus a whole
number of slots).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Participant:
    id: str
    available: tuple[tuple[dt.datetime, dt.datetime], ...]


@dataclass(frozen=True)
class Meeting:
    id: str
    a: str
    b: str
    priority: int = 1


@dataclass(frozen=True)
class Placement:
    meeting: str
    room: str
    start: dt.datetime


@dataclass(frozen=True)
class Problem:
    slot_minutes: int
    rooms: tuple[str, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    # Placements already announced: kept where they still fit (rescheduling after a change).
    keep: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class Schedule:
    scheduled: tuple[Placement, ...]
    unscheduled: tuple[str, ...]
    optimal: bool
    greedy_scheduled: int
    explanation: str
    # Of `Problem.keep`, the meetings kept where announced and those that had to move or drop.
    kept: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    solve_seconds: float = 0.0
    greedy_seconds: float = 0.0
    details: dict[str, int] = field(default_factory=dict)


def validate(problem: Problem) -> list[str]:
    """What makes the problem unusable, in words (empty when it is well formed)."""
    errors: list[str] = []
    if problem.slot_minutes <= 0:
        errors.append("slot_minutes must be a positive number of minutes.")
        return errors
    slot = dt.timedelta(minutes=problem.slot_minutes)
    known = {p.id for p in problem.participants}
    for participant in problem.participants:
        for start, end in participant.available:
            if end <= start:
                errors.append(
                    f"Participant {participant.id}: the window {start:%Y-%m-%dT%H:%M} to "
                    f"{end:%Y-%m-%dT%H:%M} ends before it starts."
                )
            elif (end - start) % slot:
                errors.append(
                    f"Participant {participant.id}: the window {start:%Y-%m-%dT%H:%M} to "
                    f"{end:%Y-%m-%dT%H:%M} is not a whole number of "
                    f"{problem.slot_minutes}-minute slots."
                )
    for meeting in problem.meetings:
        for who in (meeting.a, meeting.b):
            if who not in known:
                errors.append(f"Meeting {meeting.id}: unknown participant {who}.")
        if meeting.a == meeting.b:
            errors.append(f"Meeting {meeting.id}: a participant cannot meet themselves.")
    return errors


def _grid(participant: Participant, slot: dt.timedelta) -> Iterable[dt.datetime]:
    for start, end in participant.available:
        at = start
        while at + slot <= end:
            yield at
            at += slot


def _inside(participant: Participant, start: dt.datetime, slot: dt.timedelta) -> bool:
    return any(s <= start and start + slot <= e for s, e in participant.available)


def candidate_starts(problem: Problem) -> dict[str, list[dt.datetime]]:
    """Per meeting, the slot starts at which both its participants are available, in order."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    people = {p.id: p for p in problem.participants}
    found: dict[str, list[dt.datetime]] = {}
    for meeting in problem.meetings:
        a, b = people[meeting.a], people[meeting.b]
        starts = set(_grid(a, slot)) | set(_grid(b, slot))
        found[meeting.id] = sorted(s for s in starts if _inside(a, s, slot) and _inside(b, s, slot))
    return found


def violations(problem: Problem, placements: Iterable[Placement]) -> list[str]:
    """What a schedule breaks, in words: a person or a room booked twice at once, a meeting
    outside its participants' availability, an unknown room or meeting, a meeting placed twice."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    people = {p.id: p for p in problem.participants}
    meetings = {m.id: m for m in problem.meetings}
    rooms = set(problem.rooms)
    broken: list[str] = []
    seen: set[str] = set()
    busy: dict[tuple[str, str], list[dt.datetime]] = {}
    for placed in placements:
        meeting = meetings.get(placed.meeting)
        if meeting is None:
            broken.append(f"{placed.meeting}: no such meeting.")
            continue
        if placed.meeting in seen:
            broken.append(f"{placed.meeting}: placed twice.")
        seen.add(placed.meeting)
        if placed.room not in rooms:
            broken.append(f"{placed.meeting}: no such room {placed.room}.")
        for who in (meeting.a, meeting.b):
            if not _inside(people[who], placed.start, slot):
                broken.append(f"{placed.meeting}: {who} is not available then.")
        for key in (("room", placed.room), ("person", meeting.a), ("person", meeting.b)):
            for other in busy.get(key, []):
                if abs(other - placed.start) < slot:
                    broken.append(f"{placed.meeting}: {key[0]} {key[1]} is booked twice.")
            busy.setdefault(key, []).append(placed.start)
    return broken


def greedy(problem: Problem) -> tuple[Placement, ...]:
    """The plain pass a person would make: meetings by priority (highest first, then in the
    order given), each at its earliest free slot in the first free room."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    starts = candidate_starts(problem)
    taken_people: dict[str, list[dt.datetime]] = {}
    taken_rooms: dict[str, list[dt.datetime]] = {}

    def free(times: list[dt.datetime], start: dt.datetime) -> bool:
        return all(abs(t - start) >= slot for t in times)

    placed: list[Placement] = []
    order = sorted(enumerate(problem.meetings), key=lambda im: (-im[1].priority, im[0]))
    for _index, meeting in order:
        for start in starts[meeting.id]:
            if not (
                free(taken_people.get(meeting.a, []), start)
                and free(taken_people.get(meeting.b, []), start)
            ):
                continue
            room = next((r for r in problem.rooms if free(taken_rooms.get(r, []), start)), None)
            if room is None:
                continue
            placed.append(Placement(meeting.id, room, start))
            taken_people.setdefault(meeting.a, []).append(start)
            taken_people.setdefault(meeting.b, []).append(start)
            taken_rooms.setdefault(room, []).append(start)
            break
    return tuple(placed)
