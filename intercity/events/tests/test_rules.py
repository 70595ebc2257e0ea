"""The rules of registration and agendas, pure: who may attend what, places, overlaps."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from intercity.events import rules

T0 = dt.datetime(2031, 5, 6, 9, 0, tzinfo=dt.UTC)


def slot(key: int, start_minutes: int, length: int | None) -> rules.Slot:
    start = T0 + dt.timedelta(minutes=start_minutes)
    end = None if length is None else start + dt.timedelta(minutes=length)
    return rules.Slot(key, f"S{key}", start, end)


def test_a_category_may_attend_the_kinds_it_lists():
    assert rules.may_attend("Observer", {"conference"}, "conference", "Conference", "S1").allowed


def test_a_refusal_names_the_category_the_session_and_its_kind():
    ruling = rules.may_attend(
        "Observer", {"conference"}, "excom", "Executive Committee meeting", "EXCOM Meeting"
    )
    assert not ruling.allowed
    assert "Observer" in ruling.explanation
    assert "EXCOM Meeting" in ruling.explanation
    assert "Executive Committee meeting" in ruling.explanation


def test_the_smallest_known_limit_holds():
    assert rules.limit(None, None) is None
    assert rules.limit(300, None) == 300
    assert rules.limit(300, 40) == 40


def test_the_last_place_is_given_and_then_refused_with_the_count():
    assert rules.place_left("the forum", 2, 1).allowed
    refused = rules.place_left("the forum", 2, 2)
    assert not refused.allowed
    assert "2" in refused.explanation
    assert rules.place_left("the forum", None, 10_000).allowed


def test_registration_is_refused_when_closed_or_over():
    day = dt.date(2031, 5, 7)
    assert rules.registration_open("F", True, day, day).allowed
    assert "closed" in rules.registration_open("F", False, day, day).explanation
    assert "over" in rules.registration_open("F", True, day, day + dt.timedelta(1)).explanation


def test_sessions_that_touch_do_not_overlap_but_those_that_cross_do():
    first, touching, crossing = slot(1, 0, 60), slot(2, 60, 30), slot(3, 30, 60)
    assert rules.overlaps([first, touching]) == []
    assert rules.overlaps([first, crossing]) == [(first, crossing)]
    assert "S1" in rules.overlap_warning(first, crossing)


def test_a_session_without_an_end_overlaps_one_it_starts_in():
    assert rules.overlaps([slot(1, 0, 60), slot(2, 30, None)]) != []
    assert rules.overlaps([slot(1, 0, 60), slot(2, 90, None)]) == []


@given(st.lists(st.tuples(st.integers(0, 600), st.integers(1, 240)), max_size=8))
def test_overlap_is_symmetric_and_pairs_are_listed_once(spans):
    slots = [slot(i, start, length) for i, (start, length) in enumerate(spans)]
    pairs = rules.overlaps(slots)
    keys = [frozenset((a.key, b.key)) for a, b in pairs]
    assert len(keys) == len(set(keys))
    for a in slots:
        for b in slots:
            assert (b in rules.overlapping(a, slots)) == (a in rules.overlapping(b, slots))
