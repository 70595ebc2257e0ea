"""The matchmaking scheduler's rules, pure (no ORM, no request): what a problem is, whether it
is well formed, where a meeting may go, whether a schedule keeps the rules, which announced
placements still hold, and the greedy pass the solver is compared with. The optimal placement
is `solver.solve` (OR-Tools CP-SAT). Seed 002 (WeGO General Assembly 2017): 23 pre-arranged
bilateral meetings of 30 minutes, held privately in a matchmaking room.

A problem: the slot length, the rooms, the participants with their availability windows
(local times of the event, naive), the accepted meetings (two participants and a priority),
and the placements already announced (kept where they still fit). A meeting takes one slot in
one room; no participant and no room has two meetings at once; both participants are
available for the whole slot. Slots start on the grid of a window (its start plus a whole
number of slots); two participants' grids may be off each other (one window starts at 10:00,
another at 10:15), so "at once" means overlapping in time, not "in the same slot".

The keep rule (rescheduling after a late change), decided here and applied by both the greedy
pass and the solver, in this order of rank:
1. An announced placement that still fits stays exactly where it was announced (same start,
   same room). It still fits when its meeting is still accepted, its room still exists, both
   participants are still available for the whole slot, and it clashes with no announced
   placement that ranks before it (higher priority, then the order given).
2. An announced meeting that no longer fits where it was (still accepted) is placed elsewhere
   if it can be, before any meeting that was never announced: announced meetings outrank new
   ones, whatever their priorities.
3. The other meetings are placed for the highest total priority.
So an announced meeting that still fits is never dropped, and one that must move is dropped
only when no placement at all is left for it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Times are written to the minute: "YYYY-MM-DDTHH:MM".
TIME_FORMAT = "%Y-%m-%dT%H:%M"


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
    # Of `moved`, the announced meetings no longer scheduled at all (withdrawn, or no place left).
    dropped: tuple[str, ...] = ()
    # Why each of `moved` could not stay where it was announced, in words.
    reasons: dict[str, str] = field(default_factory=dict)
    total_priority: int = 0
    greedy_total_priority: int = 0


@dataclass(frozen=True)
class Announced:
    """The keep rule's verdict on `Problem.keep`: the placements that stay, and for each other
    announced meeting why it cannot stay (`withdrawn`: no longer among the meetings)."""

    fits: tuple[Placement, ...]
    must_move: tuple[str, ...]
    withdrawn: tuple[str, ...]
    reasons: dict[str, str]


def _at(moment: dt.datetime) -> str:
    return moment.strftime(TIME_FORMAT)


def validate(problem: Problem) -> list[str]:
    """What makes the problem unusable, in words (empty when it is well formed)."""
    errors: list[str] = []
    if problem.slot_minutes <= 0:
        errors.append(_("slot_minutes must be a positive number of minutes."))
        return errors
    slot = dt.timedelta(minutes=problem.slot_minutes)
    if len(set(problem.rooms)) != len(problem.rooms):
        errors.append(_("Each room must be named once."))
    seen_people: set[str] = set()
    for participant in problem.participants:
        if participant.id in seen_people:
            errors.append(_("Participant %(id)s is given twice.") % {"id": participant.id})
        seen_people.add(participant.id)
        for start, end in participant.available:
            if end <= start:
                errors.append(
                    _("Participant %(id)s: the window %(start)s to %(end)s ends before it starts.")
                    % {"id": participant.id, "start": _at(start), "end": _at(end)}
                )
            elif (end - start) % slot:
                errors.append(
                    _(
                        "Participant %(id)s: the window %(start)s to %(end)s is not a whole "
                        "number of %(minutes)s-minute slots."
                    )
                    % {
                        "id": participant.id,
                        "start": _at(start),
                        "end": _at(end),
                        "minutes": problem.slot_minutes,
                    }
                )
    seen_meetings: set[str] = set()
    for meeting in problem.meetings:
        if meeting.id in seen_meetings:
            errors.append(_("Meeting %(id)s is given twice.") % {"id": meeting.id})
        seen_meetings.add(meeting.id)
        for who in (meeting.a, meeting.b):
            if who not in seen_people:
                errors.append(
                    _("Meeting %(id)s: unknown participant %(who)s.")
                    % {"id": meeting.id, "who": who}
                )
        if meeting.a == meeting.b:
            errors.append(
                _("Meeting %(id)s: a participant cannot meet themselves.") % {"id": meeting.id}
            )
        if meeting.priority < 1:
            errors.append(
                _("Meeting %(id)s: the priority must be at least 1.") % {"id": meeting.id}
            )
    announced: set[str] = set()
    for placed in problem.keep:
        if placed.meeting in announced:
            errors.append(_("Meeting %(id)s is announced twice in keep.") % {"id": placed.meeting})
        announced.add(placed.meeting)
    return errors


def grid_size(problem: Problem) -> int:
    """How many slot starts the participants' windows hold together: the measure of the work
    `candidate_starts` does (each meeting looks at both its participants' grids), computed
    without listing them, so an edge can refuse a problem too large before any work."""
    if problem.slot_minutes <= 0:
        return 0
    slot = dt.timedelta(minutes=problem.slot_minutes)
    per_person = {
        p.id: sum(max(0, (end - start) // slot) for start, end in p.available)
        for p in problem.participants
    }
    return sum(per_person.get(m.a, 0) + per_person.get(m.b, 0) for m in problem.meetings)


def off_one_grid(problem: Problem) -> bool:
    """Whether some slots may start off the others' grid (a window at 10:15 beside ones at
    10:00 with 30-minute slots), counting the announced starts too."""
    if problem.slot_minutes <= 0:
        return False
    starts = [start for p in problem.participants for start, _end in p.available]
    starts += [placed.start for placed in problem.keep]
    minute = dt.timedelta(minutes=1)
    return len({(s - dt.datetime(2000, 1, 1)) // minute % problem.slot_minutes for s in starts}) > 1


def work(problem: Problem) -> int:
    """The size of the solver's model, bounded before building it: the slot starts looked at
    (`grid_size`), times the rooms when the solver must place rooms itself (announced
    placements fixed in their rooms and slots off one grid, see solver.py)."""
    size = grid_size(problem)
    if problem.keep and off_one_grid(problem):
        size *= max(1, len(problem.rooms))
    return size


def _grid(participant: Participant, slot: dt.timedelta) -> Iterable[dt.datetime]:
    for start, end in participant.available:
        at = start
        while at + slot <= end:
            yield at
            at += slot


def _inside(participant: Participant, start: dt.datetime, slot: dt.timedelta) -> bool:
    return any(s <= start and start + slot <= e for s, e in participant.available)


def candidate_starts(problem: Problem) -> dict[str, list[dt.datetime]]:
    """Per meeting, the slot starts at which both its participants are available, in order.
    A start is on the grid of a window of either participant; an announced start that still
    fits is a candidate too, even off both grids (it was announced, so it stands)."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    people = {p.id: p for p in problem.participants}
    grids: dict[str, set[dt.datetime]] = {}
    announced = {placed.meeting: placed.start for placed in problem.keep}
    found: dict[str, list[dt.datetime]] = {}
    for meeting in problem.meetings:
        a, b = people[meeting.a], people[meeting.b]
        for person in (a, b):
            if person.id not in grids:
                grids[person.id] = set(_grid(person, slot))
        starts = grids[a.id] | grids[b.id]
        if meeting.id in announced:
            starts.add(announced[meeting.id])
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


def priority_order(meetings: Sequence[Meeting]) -> list[Meeting]:
    """Highest priority first, then in the order given: the order of the greedy pass and of
    the keep rule's ties."""
    ranked = sorted(enumerate(meetings), key=lambda im: (-im[1].priority, im[0]))
    return [meeting for _index, meeting in ranked]


def announced(problem: Problem) -> Announced:
    """The keep rule (module docstring, step 1): which announced placements still fit, and why
    each other one cannot stay."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    people = {p.id: p for p in problem.participants}
    meetings = {m.id: m for m in problem.meetings}
    rooms = set(problem.rooms)
    by_meeting = {placed.meeting: placed for placed in problem.keep}
    withdrawn = tuple(p.meeting for p in problem.keep if p.meeting not in meetings)
    reasons: dict[str, str] = {m: _("The meeting is no longer accepted.") for m in withdrawn}
    fits: list[Placement] = []
    must_move: list[str] = []
    taken: dict[tuple[str, str], list[tuple[dt.datetime, str]]] = {}
    ranked = [m for m in priority_order(problem.meetings) if m.id in by_meeting]
    for meeting in ranked:
        placed = by_meeting[meeting.id]
        reason = ""
        if placed.room not in rooms:
            reason = _("Room %(room)s is no longer available.") % {"room": placed.room}
        else:
            for who in (meeting.a, meeting.b):
                if not _inside(people[who], placed.start, slot):
                    reason = _("%(who)s is no longer available at %(start)s.") % {
                        "who": who,
                        "start": _at(placed.start),
                    }
                    break
        if not reason:
            keys = (("room", placed.room), ("person", meeting.a), ("person", meeting.b))
            for key in keys:
                clash = next(
                    (m for t, m in taken.get(key, []) if abs(t - placed.start) < slot), None
                )
                if clash is not None:
                    reason = _("It clashes with meeting %(other)s, announced before it.") % {
                        "other": clash
                    }
                    break
        if reason:
            must_move.append(meeting.id)
            reasons[meeting.id] = reason
            continue
        fits.append(placed)
        for key in (("room", placed.room), ("person", meeting.a), ("person", meeting.b)):
            taken.setdefault(key, []).append((placed.start, meeting.id))
    return Announced(tuple(fits), tuple(must_move), withdrawn, reasons)


def total_priority(problem: Problem, placements: Iterable[Placement]) -> int:
    priorities = {m.id: m.priority for m in problem.meetings}
    return sum(priorities.get(placed.meeting, 0) for placed in placements)


class _Busy:
    """When one person or room is taken: starts in order, so "free for a slot at t" is two
    bisections rather than a pass over the day."""

    def __init__(self, slot: dt.timedelta) -> None:
        self.slot = slot
        self.starts: list[dt.datetime] = []

    def free(self, start: dt.datetime) -> bool:
        index = bisect.bisect_right(self.starts, start - self.slot)
        return index == len(self.starts) or self.starts[index] >= start + self.slot

    def take(self, start: dt.datetime) -> None:
        bisect.insort(self.starts, start)


def greedy(problem: Problem) -> tuple[Placement, ...]:
    """The plain pass a person would make: the announced placements that still fit stay (the
    keep rule), then the announced meetings that must move, then the others by priority
    (highest first, then in the order given), each at its earliest free slot in the first
    free room."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    starts = candidate_starts(problem)
    verdict = announced(problem)
    people = {p.id: _Busy(slot) for p in problem.participants}
    rooms = {r: _Busy(slot) for r in problem.rooms}
    meetings = {m.id: m for m in problem.meetings}

    def take(meeting: Meeting, room: str, start: dt.datetime) -> None:
        people[meeting.a].take(start)
        people[meeting.b].take(start)
        rooms[room].take(start)

    placed: list[Placement] = []
    for stays in verdict.fits:
        placed.append(stays)
        take(meetings[stays.meeting], stays.room, stays.start)
    fixed = {p.meeting for p in verdict.fits}
    moving = set(verdict.must_move)
    ranked = priority_order(problem.meetings)
    order = [m for m in ranked if m.id in moving] + [
        m for m in ranked if m.id not in moving and m.id not in fixed
    ]
    for meeting in order:
        a, b = people[meeting.a], people[meeting.b]
        for start in starts[meeting.id]:
            if not (a.free(start) and b.free(start)):
                continue
            room = next((r for r in problem.rooms if rooms[r].free(start)), None)
            if room is None:
                continue
            placed.append(Placement(meeting.id, room, start))
            take(meeting, room, start)
            break
    return tuple(placed)


def contested_pass(problem: Problem) -> tuple[Placement, ...]:
    """A more careful pass than `greedy`, the solver's starting point (its hint): the keep rule
    first, as greedy; then the meetings by priority (highest first), among equals the one with
    the fewest possible starts first; each at the possible start that the fewest meetings not
    yet placed of its two participants also want (then the earliest), in the first free room.
    It leaves the contested hours to those who have no other choice."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    starts = candidate_starts(problem)
    verdict = announced(problem)
    people = {p.id: _Busy(slot) for p in problem.participants}
    rooms = {r: _Busy(slot) for r in problem.rooms}
    meetings = {m.id: m for m in problem.meetings}
    placed: list[Placement] = []

    def take(meeting: Meeting, room: str, start: dt.datetime) -> None:
        people[meeting.a].take(start)
        people[meeting.b].take(start)
        rooms[room].take(start)

    for stays in verdict.fits:
        placed.append(stays)
        take(meetings[stays.meeting], stays.room, stays.start)
    fixed = {p.meeting for p in verdict.fits}
    moving = set(verdict.must_move)
    waiting = [m for m in problem.meetings if m.id not in fixed]
    wanted: dict[tuple[str, dt.datetime], int] = {}
    for meeting in waiting:
        for start in starts[meeting.id]:
            for who in (meeting.a, meeting.b):
                wanted[(who, start)] = wanted.get((who, start), 0) + 1
    position = {m.id: i for i, m in enumerate(problem.meetings)}
    order = sorted(
        waiting,
        key=lambda m: (
            m.id not in moving,
            -m.priority,
            len(starts[m.id]),
            position[m.id],
        ),
    )
    for meeting in order:
        a, b = people[meeting.a], people[meeting.b]
        best: tuple[int, dt.datetime, str] | None = None
        for start in starts[meeting.id]:
            wanted[(meeting.a, start)] -= 1
            wanted[(meeting.b, start)] -= 1
            if not (a.free(start) and b.free(start)):
                continue
            demand = wanted[(meeting.a, start)] + wanted[(meeting.b, start)]
            if best is not None and (demand, start) >= best[:2]:
                continue
            room = next((r for r in problem.rooms if rooms[r].free(start)), None)
            if room is not None:
                best = (demand, start, room)
        if best is not None:
            placed.append(Placement(meeting.id, best[2], best[1]))
            take(meeting, best[2], best[1])
    return tuple(placed)


def assign_rooms(
    problem: Problem,
    timed: Sequence[tuple[str, dt.datetime]],
    fixed: Sequence[Placement] = (),
) -> tuple[Placement, ...] | None:
    """Rooms for meetings whose starts are decided, `fixed` ones in their own room: by start
    time, each in the first room free for its whole slot (interval partitioning). With no
    fixed room this always succeeds when no more meetings overlap at any moment than there are
    rooms; with fixed rooms it can fail only when starts are off each other's grid (None)."""
    slot = dt.timedelta(minutes=problem.slot_minutes)
    booked = {room: _Busy(slot) for room in problem.rooms}
    for placed in fixed:
        booked[placed.room].take(placed.start)
    result: list[Placement] = list(fixed)
    for meeting, start in sorted(timed, key=lambda pair: (pair[1], pair[0])):
        room = next((r for r in problem.rooms if booked[r].free(start)), None)
        if room is None:
            return None
        booked[room].take(start)
        result.append(Placement(meeting, room, start))
    return tuple(result)
