"""The scheduler's pure rules: what makes a problem unusable (the API's 422 cases, word for
word), where a meeting may start when grids are off each other, what a schedule breaks, the
keep rule's verdict on announced placements, and the greedy pass."""

from __future__ import annotations

import datetime as dt

from intercity.exchange.rules_schedule import (
    Meeting,
    Participant,
    Placement,
    Problem,
    announced,
    candidate_starts,
    greedy,
    off_one_grid,
    validate,
    violations,
    work,
)

DAY = dt.datetime(2017, 6, 27)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return DAY.replace(hour=hour, minute=minute)


def person(pid: str, *windows: tuple[dt.datetime, dt.datetime]) -> Participant:
    return Participant(pid, tuple(windows))


def test_a_well_formed_problem_has_no_complaint():
    problem = Problem(
        30,
        ("Matchmaking room",),
        (person("Hebron", (at(10), at(12))), person("Moscow", (at(11), at(12)))),
        (Meeting("m7", "Hebron", "Moscow"),),
    )
    assert validate(problem) == []


def test_an_unknown_participant_is_named():
    problem = Problem(
        30, ("R1",), (person("Minsk", (at(9), at(10))),), (Meeting("m17", "Minsk", "Krasnodar"),)
    )
    assert validate(problem) == ["Meeting m17: unknown participant Krasnodar."]


def test_a_window_that_ends_before_it_starts_is_named():
    problem = Problem(30, ("R1",), (person("Magas", (at(12), at(11))),), ())
    assert validate(problem) == [
        "Participant Magas: the window 2017-06-27T12:00 to 2017-06-27T11:00 ends before it starts."
    ]


def test_a_window_that_is_not_a_whole_number_of_slots_is_named():
    problem = Problem(30, ("R1",), (person("Dubai", (at(9), at(9, 45))),), ())
    assert validate(problem) == [
        "Participant Dubai: the window 2017-06-27T09:00 to 2017-06-27T09:45 is not a whole "
        "number of 30-minute slots."
    ]


def test_duplicates_self_meetings_and_priorities_below_one_are_named():
    problem = Problem(
        30,
        ("R1", "R1"),
        (person("Cali", (at(9), at(10))), person("Cali", (at(9), at(10)))),
        (Meeting("m1", "Cali", "Cali", 0), Meeting("m1", "Cali", "Cali")),
        keep=(Placement("m1", "R1", at(9)), Placement("m1", "R1", at(9))),
    )
    assert validate(problem) == [
        "Each room must be named once.",
        "Participant Cali is given twice.",
        "Meeting m1: a participant cannot meet themselves.",
        "Meeting m1: the priority must be at least 1.",
        "Meeting m1 is given twice.",
        "Meeting m1: a participant cannot meet themselves.",
        "Meeting m1 is announced twice in keep.",
    ]


def test_a_meeting_may_start_on_either_grid_when_both_are_free_for_the_whole_slot():
    # Seoul's window starts on the hour, La Union's on the quarter hour.
    problem = Problem(
        30,
        ("R1",),
        (person("Seoul", (at(10), at(11, 30))), person("La Union", (at(10, 15), at(11, 15)))),
        (Meeting("m2", "Seoul", "La Union"),),
    )
    assert candidate_starts(problem)["m2"] == [at(10, 15), at(10, 30), at(10, 45)]
    assert off_one_grid(problem)


def test_overlapping_slots_off_the_grid_are_a_double_booking():
    problem = Problem(
        30,
        ("R1", "R2"),
        (
            person("Seoul", (at(10), at(12))),
            person("Tshwane", (at(10), at(12))),
            person("Kabul", (at(10, 15), at(12, 15))),
        ),
        (Meeting("m3", "Seoul", "Tshwane"), Meeting("m5", "Seoul", "Kabul")),
    )
    busy = [Placement("m3", "R1", at(10)), Placement("m5", "R2", at(10, 15))]
    assert violations(problem, busy) == ["m5: person Seoul is booked twice."]
    same_room = [Placement("m3", "R1", at(10)), Placement("m5", "R1", at(10, 30))]
    assert violations(problem, same_room) == []
    outside = [Placement("m5", "R3", at(9, 45))]
    assert violations(problem, outside) == [
        "m5: no such room R3.",
        "m5: Seoul is not available then.",
        "m5: Kabul is not available then.",
    ]


def test_the_keep_rule_says_which_announced_placements_stay_and_why_others_cannot():
    problem = Problem(
        30,
        ("R1",),
        (
            person("Veracruz", (at(9), at(11))),
            person("Dubai", (at(10), at(11))),
            person("FMDV", (at(9), at(11))),
            person("RIC", (at(9), at(11))),
        ),
        (
            Meeting("m22", "Veracruz", "Dubai", priority=2),
            Meeting("m10", "Veracruz", "FMDV"),
            Meeting("m23", "Veracruz", "RIC"),
        ),
        keep=(
            Placement("m22", "R1", at(10)),
            Placement("m10", "R1", at(10)),  # clashes with m22, which ranks before it
            Placement("m23", "R2", at(9)),  # the room is gone
            Placement("m9", "R1", at(9, 30)),  # no longer accepted
        ),
    )
    verdict = announced(problem)
    assert verdict.fits == (Placement("m22", "R1", at(10)),)
    assert verdict.must_move == ("m10", "m23")
    assert verdict.withdrawn == ("m9",)
    assert verdict.reasons == {
        "m9": "The meeting is no longer accepted.",
        "m10": "It clashes with meeting m22, announced before it.",
        "m23": "Room R2 is no longer available.",
    }


def test_a_participant_no_longer_available_moves_the_announced_meeting():
    problem = Problem(
        30,
        ("R1",),
        (person("Minsk", (at(14), at(15))), person("Tashkent", (at(9), at(15)))),
        (Meeting("m18", "Minsk", "Tashkent"),),
        keep=(Placement("m18", "R1", at(9)),),
    )
    verdict = announced(problem)
    assert verdict.reasons == {"m18": "Minsk is no longer available at 2017-06-27T09:00."}
    assert greedy(problem) == (Placement("m18", "R1", at(14)),)


def test_greedy_takes_the_highest_priority_first_at_its_earliest_slot_in_the_first_room():
    problem = Problem(
        30,
        ("R1", "R2"),
        (
            person("ITU", (at(9), at(10))),
            person("TM Forum", (at(9), at(10))),
            person("ICLEI", (at(9), at(10))),
        ),
        (
            Meeting("m14", "TM Forum", "ITU"),
            Meeting("m15", "TM Forum", "ICLEI"),
            Meeting("m16", "ITU", "ICLEI", priority=3),
        ),
    )
    assert greedy(problem) == (
        Placement("m16", "R1", at(9)),
        Placement("m14", "R1", at(9, 30)),
    )


def test_the_work_counts_rooms_only_when_announced_placements_sit_off_one_grid():
    people = (person("A", (at(9), at(11))), person("B", (at(9, 15), at(10, 15))))
    meetings = (Meeting("m1", "A", "B"),)
    assert work(Problem(30, ("R1", "R2", "R3"), people, meetings)) == 6
    kept = (Placement("m1", "R1", at(9, 15)),)
    assert work(Problem(30, ("R1", "R2", "R3"), people, meetings, keep=kept)) == 18
