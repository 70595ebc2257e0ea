"""The matchmaking scheduler: places the accepted meetings of a `rules_schedule.Problem` so that
the total priority of the meetings that take place is as high as possible, with OR-Tools CP-SAT
under a time limit, and runs the greedy pass on the same problem so the gain shows.

The model (docs/matchmaking-scheduler.md):
- one yes/no variable per meeting and candidate start (both participants available);
- each meeting at most once;
- each participant in at most one meeting at any moment. Meetings all last one slot, so the
  meetings that overlap one moment are those that started less than a slot before one of the
  starts: one "at most one" per participant and start, which is right also when two
  participants' grids are off each other (10:00 and 10:15);
- rooms are interchangeable: at each start, no more meetings under way than rooms. For
  intervals of one length this is enough for rooms to be given afterwards (by start time, the
  first free room), so the model has no room variables;
- announced placements that still fit are fixed (the keep rule, rules_schedule), and the
  announced meetings that must move outrank every new one in the objective.
With announced placements fixed in their rooms and starts off a common grid, giving rooms
afterwards can fail; that case (rare: it needs both) has a room per variable instead.

The greedy placement is the solver's hint, and whichever of the two is better is returned, so
a timeout never does worse than the greedy pass. `optimal` is true only when CP-SAT proves it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import random
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ortools.sat.python import cp_model

from intercity.exchange import rules_schedule
from intercity.exchange.rules_schedule import Placement, Problem, Schedule

# CP-SAT's parallel workers: one per core, at most 8 (its full portfolio); one when the
# machine has one core. The API's time limit bounds how long they run.
DEFAULT_WORKERS = max(1, min(8, os.cpu_count() or 1))
# Above this many variables (meeting and start pairs) CP-SAT does not get the whole event at
# once but neighbourhoods of about NEIGHBOURHOOD meetings (`_neighbourhoods`): measured on the
# benchmark (docs/matchmaking-scheduler.md), CP-SAT's presolve of the whole model of 1,000
# participants and 5,000 requests took most of a 10 s budget on two loaded cores and its search
# then improved little on the hint.
LARGE_MODEL = 10_000
NEIGHBOURHOOD = 150


@dataclass
class _Model:
    model: cp_model.CpModel
    # (meeting, start in minutes, room or "" when rooms are given afterwards) -> variable
    variables: dict[tuple[str, int, str], Any]
    weights: dict[str, int]
    explicit_rooms: bool


def _minutes(moment: dt.datetime, origin: dt.datetime) -> int:
    return int((moment - origin) // dt.timedelta(minutes=1))


def _overlapping(
    items: Sequence[tuple[int, Any]], slot: int, points: Sequence[int]
) -> list[tuple[int, list[Any]]]:
    """For each point, the items (sorted by start) whose slot is under way at it: started at
    the point or less than a slot before."""
    starts = [t for t, _item in items]
    groups = []
    for point in points:
        low = bisect.bisect_right(starts, point - slot)
        high = bisect.bisect_right(starts, point)
        groups.append((point, [item for _t, item in items[low:high]]))
    return groups


def _weights(problem: Problem, verdict: rules_schedule.Announced) -> dict[str, int]:
    """Lexicographic, in one number: announced meetings that must move first (the keep rule),
    then the total priority, then (a tie-break) the number of meetings. Priorities are scaled by
    one more than the number of meetings to place, so every meeting adds 1 and no number of
    meetings outweighs one point of priority; an announced meeting that must move gets more
    than all new meetings together."""
    fixed = {p.meeting for p in verdict.fits}
    new_total = sum(
        m.priority for m in problem.meetings if m.id not in fixed and m.id not in verdict.reasons
    )
    scale = len(problem.meetings) - len(fixed) + 1
    return {
        m.id: (m.priority + (new_total + 1 if m.id in verdict.reasons else 0)) * scale + 1
        for m in problem.meetings
    }


def _build(
    problem: Problem,
    free: Sequence[rules_schedule.Meeting],
    fixed: Sequence[Placement],
    candidates: dict[str, list[dt.datetime]],
    origin: dt.datetime,
    weights: dict[str, int],
    rooms_may_be_fixed: bool = True,
) -> _Model:
    """The model of placing `free` around the `fixed` placements. `rooms_may_be_fixed`: the
    fixed placements keep their rooms (announced ones); otherwise only their number counts
    (a neighbourhood's surroundings, whose rooms are given again at the end)."""
    slot = problem.slot_minutes
    meetings = {m.id: m for m in problem.meetings}
    fixed_people: dict[str, list[int]] = defaultdict(list)
    fixed_rooms: dict[str, list[int]] = defaultdict(list)
    for placed in fixed:
        at = _minutes(placed.start, origin)
        meeting = meetings[placed.meeting]
        fixed_people[meeting.a].append(at)
        fixed_people[meeting.b].append(at)
        fixed_rooms[placed.room].append(at)
    fixed_all = sorted(t for times in fixed_rooms.values() for t in times)

    def clear(times: list[int], at: int) -> bool:
        return all(abs(t - at) >= slot for t in times)

    # Candidate starts, less those that clash with a fixed placement of either participant.
    starts: dict[str, list[int]] = {}
    for meeting in free:
        starts[meeting.id] = [
            at
            for at in (_minutes(s, origin) for s in candidates[meeting.id])
            if clear(fixed_people[meeting.a], at) and clear(fixed_people[meeting.b], at)
        ]
    every_start = {t for times in starts.values() for t in times} | set(fixed_all)
    on_one_grid = len({t % slot for t in every_start}) <= 1
    explicit_rooms = rooms_may_be_fixed and bool(fixed) and not on_one_grid

    model = cp_model.CpModel()
    variables: dict[tuple[str, int, str], Any] = {}
    per_person: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    per_room: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for meeting in free:
        own = []
        for at in starts[meeting.id]:
            rooms = (
                [r for r in problem.rooms if clear(fixed_rooms[r], at)] if explicit_rooms else [""]
            )
            for room in rooms:
                var = model.new_bool_var(f"{meeting.id}@{at}{room}")
                variables[(meeting.id, at, room)] = var
                own.append(var)
                per_person[meeting.a].append((at, var))
                per_person[meeting.b].append((at, var))
                per_room[room].append((at, var))
        if len(own) > 1:
            model.add_at_most_one(own)

    for items in per_person.values():
        items.sort(key=lambda pair: pair[0])
        points = sorted({t for t, _var in items})
        for _point, group in _overlapping(items, slot, points):
            if len(group) > 1:
                model.add_at_most_one(group)

    if explicit_rooms:
        for items in per_room.values():
            items.sort(key=lambda pair: pair[0])
            points = sorted({t for t, _var in items})
            for _point, group in _overlapping(items, slot, points):
                if len(group) > 1:
                    model.add_at_most_one(group)
    else:
        items = sorted(per_room[""], key=lambda pair: pair[0])
        points = sorted({t for t, _var in items} | set(fixed_all))
        for point, group in _overlapping(items, slot, points):
            low = bisect.bisect_right(fixed_all, point - slot)
            high = bisect.bisect_right(fixed_all, point)
            capacity = len(problem.rooms) - (high - low)
            if len(group) > capacity:
                model.add(sum(group) <= max(0, capacity))

    model.maximize(sum(weights[key[0]] * var for key, var in variables.items()))
    return _Model(model, variables, weights, explicit_rooms)


def _objective(weights: dict[str, int], placements: Sequence[Placement], fixed: set[str]) -> int:
    return sum(weights[p.meeting] for p in placements if p.meeting not in fixed)


def _read(
    solver: cp_model.CpSolver, built: _Model, origin: dt.datetime
) -> list[tuple[str, dt.datetime, str]]:
    """The chosen (meeting, start, room or "") of a solved model."""
    return [
        (m, origin + dt.timedelta(minutes=at), room)
        for (m, at, room), var in built.variables.items()
        if solver.boolean_value(var)
    ]


def _hint(built: _Model, placements: Sequence[Placement], origin: dt.datetime) -> None:
    chosen = {
        (p.meeting, _minutes(p.start, origin), p.room if built.explicit_rooms else "")
        for p in placements
    }
    for key, var in built.variables.items():
        built.model.add_hint(var, key in chosen)


def _neighbourhoods(
    problem: Problem,
    verdict: rules_schedule.Announced,
    candidates: dict[str, list[dt.datetime]],
    origin: dt.datetime,
    weights: dict[str, int],
    current: tuple[Placement, ...],
    deadline: float,
    counts: dict[str, int],
) -> tuple[Placement, ...]:
    """Large neighbourhood search for a large event, with CP-SAT on each neighbourhood: the
    meetings of a few participants (one drawn at random and partners of theirs, about
    `NEIGHBOURHOOD` meetings) are taken out and placed again optimally around all the others
    (held where they are), until the deadline; a neighbourhood's better placement replaces
    the current one. Rooms are given again at the end (only their number counts meanwhile)."""
    announced = {p.meeting for p in verdict.fits}
    movable = [m for m in problem.meetings if m.id not in announced]
    of_person: dict[str, list[rules_schedule.Meeting]] = defaultdict(list)
    for meeting in movable:
        of_person[meeting.a].append(meeting)
        of_person[meeting.b].append(meeting)
    people = sorted(of_person)
    rnd = random.Random(0)  # noqa: S311 - a search order, not a secret
    placed = {p.meeting: p for p in current}
    while people and time.perf_counter() < deadline - 0.05:
        chosen: set[str] = set()
        free: dict[str, rules_schedule.Meeting] = {}
        queue = [rnd.choice(people)]
        while queue and len(free) < NEIGHBOURHOOD:
            who = queue.pop(rnd.randrange(len(queue)))
            if who in chosen:
                continue
            chosen.add(who)
            for meeting in of_person[who]:
                free[meeting.id] = meeting
                queue.append(meeting.b if meeting.a == who else meeting.a)
        fixed = [p for m, p in placed.items() if m not in free]
        built = _build(
            problem,
            list(free.values()),
            fixed,
            candidates,
            origin,
            weights,
            rooms_may_be_fixed=False,
        )
        before = [placed[m] for m in free if m in placed]
        _hint(built, before, origin)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, min(1.0, deadline - time.perf_counter()))
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
        status = solver.solve(built.model)
        counts["neighbourhoods"] += 1
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        after = [Placement(m, "", start) for m, start, _room in _read(solver, built, origin)]
        if _objective(weights, after, set()) > _objective(weights, before, set()):
            counts["improving"] += 1
            for meeting_id in free:
                placed.pop(meeting_id, None)
            placed.update({p.meeting: p for p in after})
    timed = [(m, p.start) for m, p in placed.items() if m not in announced]
    rooms = rules_schedule.assign_rooms(problem, timed, verdict.fits)
    # Counting rooms is exact here (nothing fixed off one grid): rooms are always found.
    return rooms if rooms is not None else current


def _explain(
    problem: Problem,
    schedule_count: int,
    total: int,
    greedy_count: int,
    greedy_total: int,
    proven: bool,
    improved: bool,
    time_limit_s: float,
    kept: int,
    dropped: int,
) -> str:
    of = len(problem.meetings)
    parts = [
        ngettext(
            "Placed %(placed)d of %(of)d meeting, total priority %(total)d.",
            "Placed %(placed)d of %(of)d meetings, total priority %(total)d.",
            of,
        )
        % {"placed": schedule_count, "of": of, "total": total},
        _("The greedy pass placed %(placed)d (total priority %(total)d).")
        % {"placed": greedy_count, "total": greedy_total},
    ]
    if proven:
        # Translators: CP-SAT is the name of the solver (OR-Tools), not translated.
        parts.append(_("CP-SAT proved that no schedule reaches a higher total priority."))
    elif improved:
        parts.append(
            _(
                "CP-SAT stopped at the time limit (%(seconds)s s) with the best schedule it "
                "found; it may not be optimal."
            )
            % {"seconds": f"{time_limit_s:g}"}
        )
    else:
        parts.append(
            _(
                "CP-SAT found nothing better than the greedy pass within the time limit "
                "(%(seconds)s s): the greedy schedule is given; it may not be optimal."
            )
            % {"seconds": f"{time_limit_s:g}"}
        )
    if problem.keep:
        announced = len(problem.keep)
        parts.append(
            _(
                "Announced meetings: %(announced)d; kept where announced: %(kept)d; moved: "
                "%(moved)d; dropped: %(dropped)d."
            )
            % {
                "announced": announced,
                "kept": kept,
                "moved": announced - kept - dropped,
                "dropped": dropped,
            }
        )
    return " ".join(parts)


def solve(problem: Problem, time_limit_s: float = 10.0, workers: int = DEFAULT_WORKERS) -> Schedule:
    """The best schedule CP-SAT finds within `time_limit_s` (the whole call: the greedy pass
    and building the model count), never worse than the greedy pass. The problem must be valid
    (`rules_schedule.validate` empty)."""
    started = time.perf_counter()
    greedy_placements = rules_schedule.greedy(problem)
    greedy_seconds = time.perf_counter() - started

    verdict = rules_schedule.announced(problem)
    fixed = {p.meeting for p in verdict.fits}
    weights = _weights(problem, verdict)
    candidates = rules_schedule.candidate_starts(problem)
    every = [s for starts in candidates.values() for s in starts]
    origin = min(every, default=dt.datetime(2000, 1, 1))
    free = [m for m in problem.meetings if m.id not in fixed]
    size = sum(len(candidates[m.id]) for m in free)
    # The hint: the better of the greedy pass and the more careful pass (rules_schedule).
    careful = rules_schedule.contested_pass(problem)
    hint = max((careful, greedy_placements), key=lambda found: _objective(weights, found, fixed))
    placements: tuple[Placement, ...] = hint
    proven = False
    details = {"variables": size, "workers": max(1, workers), "neighbourhoods": 0, "improving": 0}
    large = size > LARGE_MODEL and not (verdict.fits and rules_schedule.off_one_grid(problem))
    if large:
        details["workers"] = 1
        placements = _neighbourhoods(
            problem,
            verdict,
            candidates,
            origin,
            weights,
            hint,
            started + time_limit_s,
            details,
        )
    else:
        built = _build(problem, free, verdict.fits, candidates, origin, weights)
        details["variables"] = len(built.variables)
        details["constraints"] = len(built.model.proto.constraints)
        details["rooms_in_model"] = int(built.explicit_rooms)
        _hint(built, [p for p in hint if p.meeting not in fixed], origin)
        solver = cp_model.CpSolver()
        spent = time.perf_counter() - started
        solver.parameters.max_time_in_seconds = max(0.05, time_limit_s - spent)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = 0
        status = solver.solve(built.model)
        proven = status == cp_model.OPTIMAL
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = _read(solver, built, origin)
            found: tuple[Placement, ...] | None
            if built.explicit_rooms:
                found = (*verdict.fits, *(Placement(m, r, at) for m, at, r in chosen))
            else:
                timed = [(m, at) for m, at, _r in chosen]
                found = rules_schedule.assign_rooms(problem, timed, verdict.fits)
            if found is not None and (
                proven or _objective(weights, found, fixed) > _objective(weights, hint, fixed)
            ):
                placements = found
            else:
                proven = False
    improved = _objective(weights, placements, fixed) > _objective(
        weights, greedy_placements, fixed
    )
    if not (improved or proven):
        # No better than the greedy pass: its schedule, the one a person would recognise.
        placements = greedy_placements
    seconds = time.perf_counter() - started

    order = {m.id: i for i, m in enumerate(problem.meetings)}
    placements = tuple(sorted(placements, key=lambda p: (p.start, order[p.meeting])))
    placed = {p.meeting: p for p in placements}
    announced = {p.meeting: p for p in problem.keep}
    kept = tuple(m for m, p in announced.items() if placed.get(m) == p)
    moved = tuple(m for m in announced if m not in kept)
    dropped = tuple(m for m in moved if m not in placed)
    total = rules_schedule.total_priority(problem, placements)
    greedy_total = rules_schedule.total_priority(problem, greedy_placements)
    explanation = _explain(
        problem,
        len(placements),
        total,
        len(greedy_placements),
        greedy_total,
        proven,
        improved,
        time_limit_s,
        len(kept),
        len(dropped),
    )
    return Schedule(
        scheduled=placements,
        unscheduled=tuple(m.id for m in problem.meetings if m.id not in placed),
        optimal=proven,
        greedy_scheduled=len(greedy_placements),
        explanation=explanation,
        kept=kept,
        moved=moved,
        dropped=dropped,
        reasons={m: verdict.reasons[m] for m in moved if m in verdict.reasons},
        solve_seconds=seconds,
        greedy_seconds=greedy_seconds,
        total_priority=total,
        greedy_total_priority=greedy_total,
        details=details,
    )
