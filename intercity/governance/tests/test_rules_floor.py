"""The floor's pure rules: seats to the most votes, a tie at the last seat named for a run-off,
the order of the speakers list and the time left of a speech."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from intercity.governance import rules_floor

NAMES = st.sampled_from(["Agra", "Chengdu", "Hebron", "Kigali", "Makati", "Seoul", "Sejong"])
TALLIES = st.dictionaries(NAMES, st.integers(min_value=0, max_value=40), max_size=7)


@given(TALLIES, st.integers(min_value=1, max_value=6))
def test_no_more_are_elected_than_seats_and_the_elected_outvote_the_rest(votes, seats):
    result = rules_floor.elect_seats(votes, seats)
    assert len(result.elected) + result.open_seats == seats
    assert not set(result.elected) & set(result.tied)
    others = [n for name, n in votes.items() if name not in result.elected]
    for name in result.elected:
        assert votes[name] > 0
        assert all(votes[name] >= n for n in others)
        assert all(votes[name] > votes[t] for t in result.tied)


@given(TALLIES, st.integers(min_value=1, max_value=6))
def test_a_tie_is_named_only_when_equal_votes_straddle_the_last_seat(votes, seats):
    result = rules_floor.elect_seats(votes, seats)
    if result.tied:
        counts = {votes[name] for name in result.tied}
        assert len(counts) == 1
        assert len(result.tied) > result.open_seats > 0
        assert "run-off" in result.explanation
        assert "Art. 12.4" in result.explanation


@given(TALLIES, st.integers(min_value=1, max_value=6))
def test_the_result_does_not_depend_on_the_order_candidates_are_listed(votes, seats):
    forward = rules_floor.elect_seats(votes, seats)
    backward = rules_floor.elect_seats(dict(reversed(list(votes.items()))), seats)
    assert forward == backward


def test_two_seats_three_candidates_tied_for_the_second():
    result = rules_floor.elect_seats({"Makati": 6, "Seoul": 4, "Chengdu": 4}, 2)
    assert result.elected == ("Makati",)
    assert result.tied == ("Chengdu", "Seoul")
    assert result.open_seats == 1


def test_too_many_votes_for_the_voters_and_seats_are_named():
    problems = rules_floor.ballot_problems({"Makati": 3, "Seoul": 3, "Agra": 1}, 2, 3)
    assert problems == [
        "7 votes in all, more than 3 voters x 2 seats = 6 (Art. 12.4: each voter votes for at "
        "most as many candidates as there are seats)."
    ]
    assert rules_floor.ballot_problems({"Makati": 3, "Seoul": 3}, 2, 3) == []


REQUESTS = st.lists(
    st.builds(
        rules_floor.Request,
        st.integers(min_value=1, max_value=10_000),
        st.integers(min_value=-50, max_value=50),
        st.integers(min_value=0, max_value=3),
    ),
    unique_by=lambda r: r.key,
    max_size=12,
)


@given(REQUESTS)
def test_first_time_speakers_all_come_before_anyone_speaking_again(requests):
    order = rules_floor.speaking_order(requests, first_time_first=True)
    assert sorted(order, key=lambda r: r.key) == sorted(requests, key=lambda r: r.key)
    seen_repeat = False
    for request in order:
        if request.spoken_before:
            seen_repeat = True
        else:
            assert not seen_repeat


@given(REQUESTS)
def test_without_the_rule_the_list_follows_the_places(requests):
    order = rules_floor.speaking_order(requests, first_time_first=False)
    assert [r.position for r in order] == sorted(r.position for r in requests)


@given(st.integers(min_value=0, max_value=7200), st.integers(min_value=10, max_value=3600))
def test_the_time_left_is_the_limit_less_the_whole_seconds_gone(elapsed, limit):
    start = dt.datetime(2018, 6, 20, 10, 0, tzinfo=dt.UTC)
    now = start + dt.timedelta(seconds=elapsed, microseconds=999_999)
    assert rules_floor.remaining_seconds(start, now, limit) == limit - elapsed


def test_the_clock_shows_minutes_and_seconds_and_runs_over_below_zero():
    assert rules_floor.clock_words(90) == "1:30"
    assert rules_floor.clock_words(-5) == "-0:05"


def test_a_pending_amendment_is_named_in_the_refusal():
    refusal = rules_floor.amendments_pending_refusal("Budget", ["Spend 12"])
    assert refusal is not None
    assert "'Spend 12' is undecided" in refusal
    assert rules_floor.amendments_pending_refusal("Budget", []) is None
