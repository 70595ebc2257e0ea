"""The matchmaking part's rules, pure (no ORM, no request, no clock): whether an availability
window is acceptable, whether a meeting request may be made, how an event's rows become the
scheduler's `Problem`, why a meeting was not placed, and which announced meetings a rerun kept
where they were (seed 002: pre-arranged 30-minute meetings, "held privately in an official
matchmaking meeting room").

Times here are the event's local wall-clock times, naive, as `rules_schedule` wants them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.exchange.rules_schedule import (
    Meeting,
    Participant,
    Placement,
    Problem,
    Schedule,
    candidate_starts,
)


def window_problems(
    start: dt.datetime,
    end: dt.datetime,
    *,
    first_day: dt.date,
    last_day: dt.date,
    slot_minutes: int,
    others: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> list[str]:
    """What is wrong with an availability window (local times), in words; empty when it is
    acceptable: it ends after it starts, lies inside the event's days, is a whole number of
    slots and does not overlap the participant's other windows."""
    problems: list[str] = []
    if end <= start:
        problems.append(_("The window must end after it starts."))
        return problems
    if start.date() < first_day or (end - dt.timedelta(microseconds=1)).date() > last_day:
        problems.append(
            _("The window must lie inside the event's days, %(first)s to %(last)s.")
            % {"first": first_day.isoformat(), "last": last_day.isoformat()}
        )
    slot = dt.timedelta(minutes=slot_minutes)
    if (end - start) % slot:
        problems.append(
            _("The window must be a whole number of %(minutes)s-minute meetings.")
            % {"minutes": slot_minutes}
        )
    for other_start, other_end in others:
        if start < other_end and other_start < end:
            problems.append(
                _("The window overlaps another window of the delegation (%(start)s to %(end)s).")
                % {
                    "start": other_start.strftime("%Y-%m-%d %H:%M"),
                    "end": other_end.strftime("%H:%M"),
                }
            )
    return problems


@dataclass(frozen=True)
class PairState:
    """What already links two delegations at an event, as the service read it."""

    same: bool
    pending_either_way: bool
    accepted_either_way: bool
    requests_open: bool


def request_refusal(state: PairState) -> str:
    """Why a meeting request may not be made, in words; empty when it may."""
    if not state.requests_open:
        return _("This event no longer takes meeting requests.")
    if state.same:
        return _("A delegation cannot request a meeting with itself.")
    if state.accepted_either_way:
        return _("These two delegations already have an accepted meeting.")
    if state.pending_either_way:
        return _("A request between these two delegations is already waiting for an answer.")
    return ""


# --- The scheduler's problem -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """An accepted request as the scheduler sees it."""

    id: int
    a: int
    b: int
    priority: int


@dataclass(frozen=True)
class Announced:
    """Where an announced run put a request: room id, local start."""

    request: int
    room: int
    start: dt.datetime


def participant_key(pk: int) -> str:
    return f"p{pk}"


def meeting_key(pk: int) -> str:
    return f"m{pk}"


def room_key(pk: int) -> str:
    return f"r{pk}"


def key_id(key: str) -> int:
    return int(key[1:])


def build_problem(
    *,
    slot_minutes: int,
    rooms: Iterable[int],
    windows: dict[int, list[tuple[dt.datetime, dt.datetime]]],
    accepted: Iterable[Row],
    announced: Iterable[Announced] = (),
) -> Problem:
    """The scheduler's problem: every participant with its windows (a participant without a
    window is known but never available), each accepted request a meeting, the announced
    placements of requests still accepted as `keep`."""
    meetings = tuple(
        Meeting(meeting_key(r.id), participant_key(r.a), participant_key(r.b), r.priority)
        for r in accepted
    )
    wanted = {m.id for m in meetings}
    room_keys = tuple(room_key(pk) for pk in rooms)
    people = set(windows)
    for row in accepted:
        people.update((row.a, row.b))
    participants = tuple(
        Participant(participant_key(pk), tuple(sorted(windows.get(pk, []))))
        for pk in sorted(people)
    )
    keep = tuple(
        Placement(meeting_key(a.request), room_key(a.room), a.start)
        for a in announced
        if meeting_key(a.request) in wanted and room_key(a.room) in room_keys
    )
    return Problem(
        slot_minutes=slot_minutes,
        rooms=room_keys,
        participants=participants,
        meetings=meetings,
        keep=keep,
    )


def why_unplaced(
    problem: Problem, placements: Iterable[Placement], meeting_id: str, names: dict[str, str]
) -> str:
    """Why a meeting has no place in a schedule, in words: no common time at all, or every
    common slot taken (by one of the two delegations' other meetings, or every room full)."""
    meeting = next(m for m in problem.meetings if m.id == meeting_id)
    a, b = names.get(meeting.a, meeting.a), names.get(meeting.b, meeting.b)
    if not problem.rooms:
        return _("The event has no meeting room.")
    starts = candidate_starts(problem)[meeting_id]
    if not starts:
        return _("%(a)s and %(b)s are never available at the same time.") % {"a": a, "b": b}
    slot = dt.timedelta(minutes=problem.slot_minutes)
    by_id = {m.id: m for m in problem.meetings}
    busy_people = 0
    full_rooms = 0
    placed = list(placements)
    for start in starts:
        at_once = [p for p in placed if abs(p.start - start) < slot]
        if any({by_id[p.meeting].a, by_id[p.meeting].b} & {meeting.a, meeting.b} for p in at_once):
            busy_people += 1
        elif len({p.room for p in at_once}) >= len(problem.rooms):
            full_rooms += 1
    return ngettext(
        "%(a)s and %(b)s share %(n)s free slot, and it was taken: %(busy)s by another "
        "meeting of one of them, %(full)s with every room full.",
        "%(a)s and %(b)s share %(n)s free slots, and all were taken: %(busy)s by another "
        "meeting of one of them, %(full)s with every room full.",
        len(starts),
    ) % {"a": a, "b": b, "n": len(starts), "busy": busy_people, "full": full_rooms}


@dataclass(frozen=True)
class Changes:
    kept: tuple[str, ...]
    moved: tuple[str, ...]


def compare_with_announced(keep: Iterable[Placement], scheduled: Iterable[Placement]) -> Changes:
    """Of the announced placements, those the new schedule left where they were (same room,
    same start) and those it moved or could not place again."""
    now = {p.meeting: p for p in scheduled}
    kept: list[str] = []
    moved: list[str] = []
    for before in keep:
        after = now.get(before.meeting)
        if after is not None and after.room == before.room and after.start == before.start:
            kept.append(before.meeting)
        else:
            moved.append(before.meeting)
    return Changes(tuple(kept), tuple(moved))


def explain(schedule: Schedule, meetings: int, changes: Changes) -> str:
    """The run in words: how many were placed against the greedy pass, and whether the
    placement is proven the best."""
    placed = len(schedule.scheduled)
    words = [
        ngettext(
            "%(placed)s of %(total)s accepted meeting placed.",
            "%(placed)s of %(total)s accepted meetings placed.",
            meetings,
        )
        % {"placed": placed, "total": meetings},
        _("A greedy pass (highest priority first, earliest free slot) places %(greedy)s.")
        % {"greedy": schedule.greedy_scheduled},
    ]
    if placed > schedule.greedy_scheduled:
        words.append(
            _("The solver places %(more)s more than the greedy pass.")
            % {"more": placed - schedule.greedy_scheduled}
        )
    words.append(
        _("The placement is proven optimal.")
        if schedule.optimal
        else _("The placement is not proven optimal (time limit, or the greedy pass alone).")
    )
    if changes.kept or changes.moved:
        words.append(
            _(
                "Of the meetings announced before, %(kept)s stay where they were and "
                "%(moved)s moved."
            )
            % {"kept": len(changes.kept), "moved": len(changes.moved)}
        )
    return " ".join(words)
