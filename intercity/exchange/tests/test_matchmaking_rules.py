"""The matchmaking rules, pure: windows, requests, the problem built from an event's rows,
why a meeting is unplaced, which announced meetings moved."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from intercity.exchange import rules_matchmaking as rules
from intercity.exchange.rules_schedule import Placement, greedy, validate, violations

DAY = dt.date(2030, 6, 27)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute))


def check(start: dt.datetime, end: dt.datetime) -> list[str]:
    return rules.window_problems(start, end, first_day=DAY, last_day=DAY, slot_minutes=30)


def test_a_window_of_whole_slots_inside_the_day_is_acceptable():
    assert check(at(9), at(12)) == []


@given(st.integers(0, 47), st.integers(1, 48))
def test_a_window_is_accepted_exactly_when_it_is_whole_slots_inside_the_day(start, length):
    first = at(0) + dt.timedelta(minutes=15 * start)
    last = first + dt.timedelta(minutes=15 * length)
    whole = length % 2 == 0
    inside = last <= at(0) + dt.timedelta(days=1)
    assert (check(first, last) == []) == (whole and inside)


def test_the_request_refusals_are_words():
    state = rules.PairState(
        same=False, pending_either_way=False, accepted_either_way=True, requests_open=True
    )
    assert rules.request_refusal(state) == "These two delegations already have an accepted meeting."
    assert (
        rules.request_refusal(
            rules.PairState(
                same=False, pending_either_way=False, accepted_either_way=False, requests_open=True
            )
        )
        == ""
    )


def test_the_problem_keeps_only_announced_meetings_still_accepted():
    problem = rules.build_problem(
        slot_minutes=30,
        rooms=[7],
        windows={1: [(at(9), at(10))], 2: [(at(9), at(10))]},
        accepted=[rules.Row(10, 1, 2, 2)],
        announced=[rules.Announced(10, 7, at(9)), rules.Announced(11, 7, at(9, 30))],
    )
    assert validate(problem) == []
    assert [m.id for m in problem.meetings] == ["m10"]
    assert problem.keep == (Placement("m10", "r7", at(9)),)


def test_why_unplaced_says_the_slots_were_taken_by_another_meeting():
    problem = rules.build_problem(
        slot_minutes=30,
        rooms=[1, 2],
        windows={1: [(at(9), at(9, 30))], 2: [(at(9), at(9, 30))], 3: [(at(9), at(9, 30))]},
        accepted=[rules.Row(1, 1, 2, 3), rules.Row(2, 1, 3, 1)],
    )
    placed = greedy(problem)
    assert violations(problem, placed) == []
    assert [p.meeting for p in placed] == ["m1"]
    why = rules.why_unplaced(problem, placed, "m2", {"p1": "Seoul", "p3": "Makati"})
    assert why == (
        "Seoul and Makati share 1 free slot, and it was taken: 1 by another meeting of one of "
        "them, 0 with every room full."
    )


def test_announced_placements_are_kept_or_moved():
    keep = (
        Placement("m1", "r1", at(9)),
        Placement("m2", "r1", at(10)),
        Placement("m3", "r1", at(11)),
    )
    now = (Placement("m1", "r1", at(9)), Placement("m2", "r2", at(10)))
    changes = rules.compare_with_announced(keep, now)
    assert changes == rules.Changes(kept=("m1",), moved=("m2", "m3"))
