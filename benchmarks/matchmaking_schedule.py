"""Benchmark: the matchmaking scheduler on a generated event of 1,000 participants over two
days with 5,000 accepted meeting requests, in one run: meetings placed and solve time for the
solver (OR-Tools CP-SAT, `exchange.solver.solve`) and for the greedy pass (the baseline,
`exchange.rules_schedule.greedy`, timed alone on the same problem).

    .venv/bin/python benchmarks/matchmaking_schedule.py [--participants N] [--requests N]
        [--rooms N] [--time-limit S] [--workers N] [--seed N]

The event (seeded, so every run draws the same one): two days, 09:00 to 18:00, 30-minute
slots. Each participant is available in one to three windows a day (60 minutes to 4 hours,
on the hour or half hour); one in ten keeps a quarter-hour grid (windows from 09:15), off the
others' grid, as delegations arriving from another session do. Requests go more often to a few
sought-after participants (a heavy tail, as at a General Assembly: the host city, the large
companies); priorities 1 to 3 (1 the most often). A pair is requested once. Rooms: 50.

The goal (issue 20): more meetings than the greedy pass, in under 10 s. The solver's time
limit is the whole call (greedy hint and model building included). The figures depend on the
machine and its load (printed with them); the schedule of each is checked for violations.
No database: the scheduler is pure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.settings")

GOAL_SECONDS = 10.0
DAYS = (dt.date(2030, 6, 27), dt.date(2030, 6, 28))


def load_average() -> str:
    """Other work on the machine skews every figure; printed so a reader can tell."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg()) + " (1, 5, 15 min)"


def generate(participants: int, requests: int, rooms: int, seed: int) -> object:
    from intercity.exchange.rules_schedule import Meeting, Participant, Problem

    rnd = random.Random(seed)  # noqa: S311 - a reproducible event, not a secret
    people = []
    for index in range(participants):
        off_grid = rnd.random() < 0.1
        windows: list[tuple[dt.datetime, dt.datetime]] = []
        for day in DAYS:
            free_from = dt.datetime.combine(day, dt.time(9, 15 if off_grid else 0))
            closes = dt.datetime.combine(day, dt.time(18, 0))
            for _window in range(rnd.randint(1, 3)):
                start = free_from + dt.timedelta(minutes=30 * rnd.randint(0, 6))
                end = start + dt.timedelta(minutes=30 * rnd.randint(2, 8))
                if end > closes:
                    break
                windows.append((start, end))
                free_from = end + dt.timedelta(minutes=30)
        if not windows:
            start = dt.datetime.combine(DAYS[0], dt.time(10, 15 if off_grid else 0))
            windows.append((start, start + dt.timedelta(hours=2)))
        people.append(Participant(f"p{index + 1}", tuple(windows)))
    # Heavy tail: participant i is drawn with weight 1 / (i + 10).
    weights = [1 / (i + 10) for i in range(participants)]
    pairs: set[tuple[int, int]] = set()
    meetings: list[Meeting] = []
    while len(meetings) < requests:
        a = rnd.randrange(participants)
        b = rnd.choices(range(participants), weights=weights)[0]
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        priority = rnd.choices((1, 2, 3), weights=(6, 3, 1))[0]
        meetings.append(Meeting(f"m{len(meetings) + 1}", f"p{a + 1}", f"p{b + 1}", priority))
    return Problem(
        slot_minutes=30,
        rooms=tuple(f"Room {n + 1}" for n in range(rooms)),
        participants=tuple(people),
        meetings=tuple(meetings),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=9.0)
    parser.add_argument("--workers", type=int, default=0, help="CP-SAT workers (0: default)")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()

    import django

    django.setup()
    from intercity.exchange import rules_schedule, solver
    from intercity.exchange.rules_schedule import Problem

    print(f"date: {dt.datetime.now():%Y-%m-%d %H:%M}; load average: {load_average()}")
    print(
        f"machine: Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )
    started = time.perf_counter()
    problem = generate(args.participants, args.requests, args.rooms, args.seed)
    assert isinstance(problem, Problem)
    problems = rules_schedule.validate(problem)
    if problems:
        print("the generated event is invalid:", problems[:3])
        return 1
    print(
        f"event: {len(problem.participants):,} participants, {len(problem.meetings):,} "
        f"requests, {len(problem.rooms)} rooms, 2 days of 30-minute slots "
        f"(generated in {time.perf_counter() - started:.2f} s)"
    )

    started = time.perf_counter()
    baseline = rules_schedule.greedy(problem)
    greedy_seconds = time.perf_counter() - started
    greedy_total = rules_schedule.total_priority(problem, baseline)

    started = time.perf_counter()
    careful = rules_schedule.contested_pass(problem)
    careful_seconds = time.perf_counter() - started

    workers = args.workers or solver.DEFAULT_WORKERS
    schedule = solver.solve(problem, time_limit_s=args.time_limit, workers=workers)

    for name, placements in (
        ("greedy", baseline),
        ("careful pass", careful),
        ("solver", schedule.scheduled),
    ):
        broken = rules_schedule.violations(problem, placements)
        if broken:
            print(f"{name}: {len(broken)} violations, e.g. {broken[0]}")
            return 1
    print(
        f"  greedy (baseline): {len(baseline):,} meetings placed, total priority "
        f"{greedy_total:,}, in {greedy_seconds:.2f} s"
    )
    print(
        f"  careful pass (the solver's hint, alone): {len(careful):,} meetings placed, total "
        f"priority {rules_schedule.total_priority(problem, careful):,}, in {careful_seconds:.2f} s"
    )
    print(
        f"  solver (CP-SAT, {schedule.details['workers']} worker(s), limit {args.time_limit:g} s): "
        f"{len(schedule.scheduled):,} meetings placed, total priority "
        f"{schedule.total_priority:,}, in {schedule.solve_seconds:.2f} s "
        f"({'optimal' if schedule.optimal else 'stopped at the time limit'}; "
        f"{schedule.details['variables']:,} meeting-start pairs, "
        f"{schedule.details['neighbourhoods']:,} neighbourhoods solved, "
        f"{schedule.details['improving']:,} of them better)"
    )
    gain = len(schedule.scheduled) - len(baseline)
    print(
        f"  ratio: {len(schedule.scheduled) / max(1, len(baseline)):.3f} of the greedy's "
        f"meetings ({gain:+,}), {schedule.total_priority / max(1, greedy_total):.3f} of its "
        f"total priority"
    )
    met = gain > 0 and schedule.solve_seconds < GOAL_SECONDS
    print(
        f"  goal (more meetings than greedy, under {GOAL_SECONDS:g} s): "
        f"{'met' if met else 'NOT met'}"
    )
    print(f"  explanation: {schedule.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
