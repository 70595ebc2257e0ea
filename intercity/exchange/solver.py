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
# Above this many variables CP-SAT's slower presolve steps are left out (see `solve`).
LARGE_MODEL = 10_000


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


def _build(
    problem: Problem,
    verdict: rules_schedule.Announced,
    candidates: dict[str, list[dt.datetime]],
    origin: dt.datetime,
) -> _Model:
    slot = problem.slot_minutes
    meetings = {m.id: m for m in problem.meetings}
    fixed = {p.meeting: p for p in verdict.fits}
    fixed_people: dict[str, list[int]] = defaultdict(list)
    fixed_rooms: dict[str, list[int]] = defaultdict(list)
    for placed in verdict.fits:
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
    for meeting in problem.meetings:
        if meeting.id in fixed:
            continue
        starts[meeting.id] = [
            at
            for at in (_minutes(s, origin) for s in candidates[meeting.id])
            if clear(fixed_people[meeting.a], at) and clear(fixed_people[meeting.b], at)
        ]
    every_start = {t for times in starts.values() for t in times} | set(fixed_all)
    on_one_grid = len({t % slot for t in every_start}) <= 1
    explicit_rooms = bool(fixed) and not on_one_grid

    new_total = sum(
        m.priority for m in problem.meetings if m.id not in fixed and m.id not in verdict.reasons
    )
    weights = {
        m.id: m.priority + (new_total + 1 if m.id in verdict.reasons else 0)
        for m in problem.meetings
    }

    model = cp_model.CpModel()
    variables: dict[tuple[str, int, str], Any] = {}
    per_person: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    per_room: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for meeting in problem.meetings:
        if meeting.id not in starts:
            continue
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


def _objective(built: _Model, placements: Sequence[Placement], fixed: set[str]) -> int:
    return sum(built.weights[p.meeting] for p in placements if p.meeting not in fixed)


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
    candidates = rules_schedule.candidate_starts(problem)
    every = [s for starts in candidates.values() for s in starts]
    origin = min(every, default=dt.datetime(2000, 1, 1))
    built = _build(problem, verdict, candidates, origin)

    # The hint: the better of the greedy pass and the more careful pass (rules_schedule).
    careful = rules_schedule.contested_pass(problem)
    hint = max(
        (careful, greedy_placements), key=lambda placements: _objective(built, placements, fixed)
    )
    hinted = {
        (p.meeting, _minutes(p.start, origin), p.room if built.explicit_rooms else "")
        for p in hint
        if p.meeting not in fixed
    }
    for key, var in built.variables.items():
        built.model.add_hint(var, key in hinted)

    solver = cp_model.CpSolver()
    spent = time.perf_counter() - started
    solver.parameters.max_time_in_seconds = max(0.05, time_limit_s - spent)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = 0
    if len(built.variables) > LARGE_MODEL:
        # Measured on the benchmark (docs/matchmaking-scheduler.md): on a large event, probing
        # and symmetry detection take most of a 10 s budget and find nothing the search needs.
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    status = solver.solve(built.model)

    placements: tuple[Placement, ...] = hint
    proven = status == cp_model.OPTIMAL
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [key for key, var in built.variables.items() if solver.boolean_value(var)]
        found: tuple[Placement, ...] | None
        if built.explicit_rooms:
            found = (
                *verdict.fits,
                *(Placement(m, r, origin + dt.timedelta(minutes=at)) for m, at, r in chosen),
            )
        else:
            timed = [(m, origin + dt.timedelta(minutes=at)) for m, at, _r in chosen]
            found = rules_schedule.assign_rooms(problem, timed, verdict.fits)
        if found is not None and (
            proven or _objective(built, found, fixed) > _objective(built, hint, fixed)
        ):
            placements = found
        else:
            proven = False
    improved = _objective(built, placements, fixed) > _objective(built, greedy_placements, fixed)
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
        details={
            "variables": len(built.variables),
            "constraints": len(built.model.proto.constraints),
            "workers": max(1, workers),
            "rooms_in_model": int(built.explicit_rooms),
        },
    )
