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


# --- The organiser's programme -------------------------------------------------------------

D1 = dt.date(2031, 5, 6)
D2 = dt.date(2031, 5, 7)


def test_a_session_within_the_days_is_allowed_and_one_outside_is_refused_naming_both():
    assert rules.within_days("Opening", D1, D1, D1, D2).allowed
    ruling = rules.within_days("Closing", D2 + dt.timedelta(days=1), D2, D1, D2)
    assert not ruling.allowed
    assert "Closing" in ruling.explanation
    assert "2031-05-06 to 2031-05-07" in ruling.explanation


def test_a_session_running_past_the_last_midnight_falls_outside():
    assert not rules.within_days("Gala", D2, D2 + dt.timedelta(days=1), D1, D2).allowed


def test_two_sessions_in_one_room_may_not_overlap_and_the_refusal_names_the_other():
    ruling = rules.room_free(slot(1, 30, 60), "Grand Hall", [slot(2, 0, 60)])
    assert not ruling.allowed
    assert "Grand Hall" in ruling.explanation
    assert "S2" in ruling.explanation
    assert "09:00" in ruling.explanation


def test_sessions_that_touch_share_a_room_and_a_session_does_not_clash_with_itself():
    assert rules.room_free(slot(1, 60, 30), "Hall", [slot(2, 0, 60)]).allowed
    assert rules.room_free(slot(1, 0, 60), "Hall", [slot(1, 0, 60)]).allowed


def test_a_session_may_not_offer_more_places_than_its_room_has_seats():
    assert rules.fits_room("Talk", 50, "Room 201", 50).allowed
    assert rules.fits_room("Talk", None, "Room 201", 10).allowed
    assert rules.fits_room("Talk", 500, "Room 201", None).allowed
    ruling = rules.fits_room("Talk", 51, "Room 201", 50)
    assert not ruling.allowed
    assert "51" in ruling.explanation
    assert "50 seats" in ruling.explanation


def test_the_days_may_not_be_shortened_past_a_session():
    held = [rules.Held("Closing", D2, D2), rules.Held("Opening", D1, D1)]
    assert rules.days_keep_sessions(D1, D2, held).allowed
    ruling = rules.days_keep_sessions(D1, D1, held)
    assert not ruling.allowed
    assert "Closing" in ruling.explanation
    two = rules.days_keep_sessions(D2 + dt.timedelta(days=1), D2 + dt.timedelta(days=2), held)
    assert "2 sessions" in two.explanation
    assert "Opening" in two.explanation


def test_days_and_times_in_order():
    assert not rules.days_in_order(D2, D1).allowed
    assert rules.days_in_order(D1, D1).allowed
    assert not rules.times_in_order("Talk", T0, T0).allowed
    assert rules.times_in_order("Talk", T0, None).allowed


@given(st.integers(0, 600), st.integers(1, 240), st.integers(0, 600), st.integers(1, 240))
def test_room_free_is_the_negation_of_overlapping(a_start, a_length, b_start, b_length):
    one, two = slot(1, a_start, a_length), slot(2, b_start, b_length)
    assert rules.room_free(one, "Hall", [two]).allowed == (rules.overlapping(one, [two]) == [])
    assert (
        rules.room_free(one, "Hall", [two]).allowed == rules.room_free(two, "Hall", [one]).allowed
    )


@given(
    st.lists(st.tuples(st.integers(0, 10), st.integers(0, 2)), max_size=6),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_the_days_keep_every_session_exactly_when_each_lies_within_them(sessions, first, length):
    start, end = D1 + dt.timedelta(days=first), D1 + dt.timedelta(days=first + length)
    held = [
        rules.Held(f"S{i}", D1 + dt.timedelta(days=day), D1 + dt.timedelta(days=day + extra))
        for i, (day, extra) in enumerate(sessions)
    ]
    every_within = all(
        rules.within_days(h.title, h.starts_on, h.ends_on, start, end).allowed for h in held
    )
    assert rules.days_keep_sessions(start, end, held).allowed == every_within
