"""The CP-SAT scheduler: on random small events its schedule breaks no rule, keeps to everyone's
availability, does at least as well as the greedy pass, and is optimal where brute force can
check it; announced placements that still fit never move; the answer explains itself."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intercity.exchange import rules_schedule, solver
from intercity.exchange.rules_schedule import Meeting, Participant, Placement, Problem

DAY = dt.datetime(2017, 6, 27, 9, 0)
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def at(quarters: int) -> dt.datetime:
    return DAY + dt.timedelta(minutes=15 * quarters)


@st.composite
def events(draw, with_keep: bool = False, max_meetings: int = 5):
    """2 to 4 participants with one or two windows starting on any quarter hour (so grids are
    off each other), 30-minute slots, 1 or 2 rooms, up to `max_meetings` meetings."""
    count = draw(st.integers(2, 4))
    people = []
    for index in range(count):
        windows = []
        for _ in range(draw(st.integers(1, 2))):
            start = at(draw(st.integers(0, 8)))
            windows.append((start, start + dt.timedelta(minutes=30 * draw(st.integers(1, 3)))))
        people.append(Participant(f"p{index}", tuple(windows)))
    meetings = []
    for index in range(draw(st.integers(1, max_meetings))):
        a, b = draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True))
        meetings.append(Meeting(f"m{index}", f"p{a}", f"p{b}", draw(st.integers(1, 3))))
    rooms = tuple(f"R{n}" for n in range(draw(st.integers(1, 2))))
    keep: list[Placement] = []
    if with_keep:
        # Announced where the meeting could go (so that it still fits, unless another
        # announcement or the room says otherwise), or anywhere (so that it must move).
        possible = rules_schedule.candidate_starts(
            Problem(30, rooms, tuple(people), tuple(meetings))
        )
        for meeting in meetings:
            how = draw(st.sampled_from(["not announced", "anywhere", "possible", "possible"]))
            if how == "not announced":
                continue
            room = draw(st.sampled_from([*rooms, *rooms, "Gone"]))
            if how == "possible" and possible[meeting.id]:
                start = draw(st.sampled_from(possible[meeting.id]))
            else:
                start = at(draw(st.integers(0, 10)))
            keep.append(Placement(meeting.id, room, start))
        if draw(st.booleans()):
            keep.append(Placement("withdrawn", rooms[0], at(0)))
    return Problem(30, rooms, tuple(people), tuple(meetings), keep=tuple(keep))


def weights(problem: Problem) -> dict[str, int]:
    """The keep rule's order of rank as numbers: an announced meeting that must move outranks
    every new meeting together; then priority; then, as a tie-break, one more meeting."""
    verdict = rules_schedule.announced(problem)
    fixed = {p.meeting for p in verdict.fits}
    new = sum(m.priority for m in problem.meetings if m.id not in fixed | set(verdict.reasons))
    scale = len(problem.meetings) - len(fixed) + 1
    return {
        m.id: (m.priority + (new + 1 if m.id in verdict.must_move else 0)) * scale + 1
        for m in problem.meetings
    }


def brute_force_best(problem: Problem) -> int:
    """The best weighted schedule, by trying every start and room for every meeting (or none),
    the announced placements that still fit held where they are."""
    verdict = rules_schedule.announced(problem)
    fixed = list(verdict.fits)
    fixed_ids = {p.meeting for p in fixed}
    starts = rules_schedule.candidate_starts(problem)
    free = [m for m in problem.meetings if m.id not in fixed_ids]
    weight = weights(problem)
    best = 0

    def search(index: int, chosen: list[Placement], value: int) -> None:
        nonlocal best
        if index == len(free):
            best = max(best, value)
            return
        meeting = free[index]
        search(index + 1, chosen, value)
        for start in starts[meeting.id]:
            for room in problem.rooms:
                trial = [*chosen, Placement(meeting.id, room, start)]
                if not rules_schedule.violations(problem, trial):
                    search(index + 1, trial, value + weight[meeting.id])

    search(0, fixed, 0)
    return best


@QUICK
@given(events())
def test_the_schedule_breaks_no_rule_and_beats_or_equals_greedy(problem):
    assert rules_schedule.validate(problem) == []
    schedule = solver.solve(problem, time_limit_s=5)
    assert rules_schedule.violations(problem, schedule.scheduled) == []
    people = {p.id: p for p in problem.participants}
    meetings = {m.id: m for m in problem.meetings}
    slot = dt.timedelta(minutes=30)
    for placed in schedule.scheduled:
        meeting = meetings[placed.meeting]
        for who in (meeting.a, meeting.b):
            assert any(
                s <= placed.start and placed.start + slot <= e for s, e in people[who].available
            )
    greedy = rules_schedule.greedy(problem)
    assert schedule.greedy_scheduled == len(greedy)
    assert schedule.total_priority >= rules_schedule.total_priority(problem, greedy)
    assert sorted([p.meeting for p in schedule.scheduled] + list(schedule.unscheduled)) == sorted(
        meetings
    )


@QUICK
@given(events())
def test_the_schedule_is_optimal_as_brute_force_finds(problem):
    schedule = solver.solve(problem, time_limit_s=5)
    assert schedule.optimal
    weight = weights(problem)
    assert sum(weight[p.meeting] for p in schedule.scheduled) == brute_force_best(problem)


@QUICK
@given(events(with_keep=True, max_meetings=4))
def test_rescheduling_keeps_what_still_fits_and_is_optimal_under_the_keep_rule(problem):
    schedule = solver.solve(problem, time_limit_s=5)
    assert rules_schedule.violations(problem, schedule.scheduled) == []
    verdict = rules_schedule.announced(problem)
    # Never moved, never dropped: every announced placement that still fits.
    assert set(verdict.fits) <= set(schedule.scheduled)
    assert set(schedule.kept) == {p.meeting for p in verdict.fits}
    assert set(schedule.moved) == {p.meeting for p in problem.keep} - set(schedule.kept)
    placed = {p.meeting for p in schedule.scheduled}
    assert set(schedule.dropped) == set(schedule.moved) - placed
    assert set(schedule.reasons) == set(schedule.moved)
    weight = weights(problem)
    value = sum(weight[p.meeting] for p in schedule.scheduled if p not in verdict.fits)
    assert schedule.optimal
    assert value == brute_force_best(problem)


def test_an_announced_meeting_that_must_move_outranks_new_ones_of_higher_priority():
    day = dt.datetime(2017, 6, 28, 9)
    hour = dt.timedelta(hours=1)
    problem = Problem(
        30,
        ("Matchmaking room",),
        (
            Participant("Madrid", ((day, day + hour),)),
            Participant("Cali", ((day, day + hour),)),
            Participant("CCUD", ((day, day + hour),)),
        ),
        (
            Meeting("m6", "Madrid", "Cali", priority=1),
            Meeting("m11", "Madrid", "CCUD", priority=3),
            Meeting("m8", "Cali", "CCUD", priority=3),
        ),
        # Announced in a room that has since been given to another session.
        keep=(Placement("m6", "Room B", day),),
    )
    schedule = solver.solve(problem, time_limit_s=5)
    placed = {p.meeting for p in schedule.scheduled}
    assert "m6" in placed
    assert schedule.moved == ("m6",)
    assert schedule.dropped == ()
    assert schedule.reasons == {"m6": "Room Room B is no longer available."}


def test_the_seed_day_of_23_meetings_in_one_room_is_explained_in_words():
    pairs = [("Sejong", "Chengdu"), ("Seoul", "La Union"), ("Seoul", "Tshwane"), ("Seoul", "Kabul")]
    day = dt.datetime(2017, 6, 27, 9)
    people = {name for pair in pairs for name in pair}
    problem = Problem(
        30,
        ("Matchmaking room",),
        tuple(Participant(n, ((day, day + dt.timedelta(hours=1)),)) for n in sorted(people)),
        tuple(Meeting(f"m{i + 1}", a, b) for i, (a, b) in enumerate(pairs)),
    )
    schedule = solver.solve(problem, time_limit_s=5)
    # Seoul has three requests and two slots; the room holds one meeting at a time: 2 fit.
    assert len(schedule.scheduled) == 2
    assert schedule.optimal
    assert schedule.explanation == (
        "Placed 2 of 4 meetings, total priority 2. The greedy pass placed 2 (total priority 2). "
        "CP-SAT proved that no schedule reaches a higher total priority."
    )


def test_the_solver_improves_on_greedy_where_greedy_takes_the_contested_slot():
    # Greedy puts m1 at 9:00, the only hour p3 can meet p1; the solver moves m1 to 9:30.
    day = dt.datetime(2017, 6, 29, 9)
    half = dt.timedelta(minutes=30)
    problem = Problem(
        30,
        ("R1", "R2"),
        (
            Participant("p1", ((day, day + 2 * half),)),
            Participant("p2", ((day, day + 2 * half),)),
            Participant("p3", ((day, day + half),)),
        ),
        (Meeting("m1", "p1", "p2"), Meeting("m2", "p1", "p3")),
    )
    schedule = solver.solve(problem, time_limit_s=5)
    assert schedule.greedy_scheduled == 1
    assert len(schedule.scheduled) == 2
    assert schedule.total_priority == 2
    assert schedule.greedy_total_priority == 1


def test_a_tiny_time_limit_still_answers_at_least_the_greedy_schedule():
    day = dt.datetime(2030, 6, 27, 9)
    people = tuple(Participant(f"p{i}", ((day, day + dt.timedelta(hours=4)),)) for i in range(40))
    meetings = tuple(
        Meeting(f"m{i}-{j}", f"p{i}", f"p{j}", 1 + (i + j) % 3)
        for i in range(40)
        for j in range(i + 1, 40)
        if (i * 7 + j) % 5 == 0
    )
    problem = Problem(30, ("R1", "R2", "R3"), people, meetings)
    schedule = solver.solve(problem, time_limit_s=0.01)
    assert rules_schedule.violations(problem, schedule.scheduled) == []
    assert schedule.total_priority >= schedule.greedy_total_priority
    assert not schedule.optimal
    assert "may not be optimal" in schedule.explanation


def test_a_large_event_is_improved_by_neighbourhoods_without_breaking_a_rule(monkeypatch):
    """The path a large event takes (over LARGE_MODEL variables), forced on a middling one:
    the meetings of a few participants at a time are placed again by CP-SAT."""
    monkeypatch.setattr(solver, "LARGE_MODEL", 0)
    monkeypatch.setattr(solver, "NEIGHBOURHOOD", 20)
    day = dt.datetime(2030, 6, 27, 9)
    people = tuple(
        Participant(
            f"p{i}",
            (
                (day + dt.timedelta(minutes=30 * (i % 4)), day + dt.timedelta(hours=2 + i % 3)),
                (day + dt.timedelta(hours=5), day + dt.timedelta(hours=6 + i % 2)),
            ),
        )
        for i in range(30)
    )
    meetings = tuple(
        Meeting(f"m{i}-{j}", f"p{i}", f"p{j}", 1 + (i * j) % 3)
        for i in range(30)
        for j in range(i + 1, 30)
        if (i + 2 * j) % 7 == 0
    )
    base = Problem(30, ("R1", "R2", "R3"), people, meetings)
    announced = rules_schedule.greedy(base)[:5]
    problem = Problem(30, base.rooms, people, meetings, keep=announced)
    schedule = solver.solve(problem, time_limit_s=1.5)
    assert schedule.details["neighbourhoods"] > 0
    assert rules_schedule.violations(problem, schedule.scheduled) == []
    assert set(announced) <= set(schedule.scheduled)
    assert schedule.kept == tuple(p.meeting for p in announced)
    assert schedule.total_priority >= schedule.greedy_total_priority
    assert not schedule.optimal


def test_announced_rooms_off_one_grid_are_modelled_room_by_room():
    """Counting rooms is not enough here: the new meeting (9:45) overlaps an announced one in
    each room (9:30 in R1, 10:00 in R2), never two at once, yet no room is free for it."""
    day = dt.datetime(2017, 6, 27)

    def hhmm(hour, minute):
        return day.replace(hour=hour, minute=minute)

    window = ((hhmm(9, 0), hhmm(11, 0)),)
    problem = Problem(
        30,
        ("R1", "R2"),
        (
            Participant("Minsk", window),
            Participant("Krasnodar", window),
            Participant("Hebron", window),
            Participant("Dubai", window),
            Participant("Magas", ((hhmm(9, 45), hhmm(10, 15)),)),
            Participant("Tashkent", ((hhmm(9, 45), hhmm(10, 15)),)),
        ),
        (
            Meeting("m17", "Minsk", "Krasnodar"),
            Meeting("m19", "Hebron", "Dubai"),
            Meeting("new", "Magas", "Tashkent", priority=3),
        ),
        keep=(Placement("m17", "R1", hhmm(9, 30)), Placement("m19", "R2", hhmm(10, 0))),
    )
    schedule = solver.solve(problem, time_limit_s=5)
    assert schedule.details["rooms_in_model"] == 1
    assert schedule.kept == ("m17", "m19")
    assert schedule.unscheduled == ("new",)
    assert schedule.optimal
    assert rules_schedule.violations(problem, schedule.scheduled) == []
