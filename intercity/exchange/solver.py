"""The matchmaking scheduler: places the accepted meetings of a `rules_schedule.Problem` so that
as many as possible (by priority) take place, with OR-Tools CP-SAT under a time limit, and runs
the greedy pass on the same problem so the gain shows.

SKELETON: until the CP-SAT model lands, `solve` returns the greedy placement (optimal=False).
"""

from __future__ import annotations

import time

from intercity.exchange import rules_schedule
from intercity.exchange.rules_schedule import Problem, Schedule


def solve(problem: Problem, time_limit_s: float = 10.0) -> Schedule:
    started = time.perf_counter()
    placements = rules_schedule.greedy(problem)
    seconds = time.perf_counter() - started
    placed = {p.meeting for p in placements}
    return Schedule(
        scheduled=placements,
        unscheduled=tuple(m.id for m in problem.meetings if m.id not in placed),
        optimal=False,
        greedy_scheduled=len(placements),
        explanation=f"Greedy pass only: {len(placements)} of {len(problem.meetings)} placed.",
        solve_seconds=seconds,
        greedy_seconds=seconds,
    )
