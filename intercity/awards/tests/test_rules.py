"""The awards procedure of seed 002 ("Evaluation and Selection of Winners") at the edges of
each rule: scores from 1 to 10 per criterion, an application's score the mean over the judges
who scored it, the five highest to round 2 (a tie at the fifth place left to the head of
panel), two votes per judge, most votes Gold and second Silver, a tie on votes broken by the
round-1 scores, a tie on both left to the panel."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from intercity.awards.rules import (
    GOLD,
    SILVER,
    PlaceTie,
    Procedure,
    RuleError,
    application_score,
    check_ballot,
    check_choice,
    check_score,
    check_scorecard,
    count_round2,
    normalised_ranking,
    rank_round1,
    shown,
    weighted_mean,
)

EQUAL = [Fraction(1), Fraction(1)]


def refused(code: str, call, *args, **kwargs) -> RuleError:
    with pytest.raises(RuleError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def one_judge(**scores: int) -> dict[str, list[list[int] | None]]:
    """Applications scored by one judge on one criterion: the score is the application's."""
    return {key: [[score]] for key, score in scores.items()}


# --- Scores and scorecards -----------------------------------------------------------------


@pytest.mark.parametrize("score", [1, 5, 10])
def test_a_whole_number_from_1_to_10_is_a_score(score):
    assert check_score(score, Procedure()) == score


@pytest.mark.parametrize("score", [0, 11, -1, 100, 10**30])
def test_a_score_outside_1_to_10_is_refused_naming_the_scale(score):
    error = refused("score-out-of-range", check_score, score, Procedure())
    assert error.message == f"{score} is outside the scale: a score goes from 1 to 10."


@pytest.mark.parametrize("score", [7.5, 8.0, "8", None, True, False, Decimal("8"), [8]])
def test_a_score_that_is_not_a_whole_number_is_refused(score):
    error = refused("score-not-a-number", check_score, score, Procedure())
    assert error.message == "A score is a whole number from 1 to 10."


def test_the_scale_is_the_editions():
    scale = Procedure(score_min=0, score_max=5)
    assert check_score(0, scale) == 0
    assert check_score(5, scale) == 5
    error = refused("score-out-of-range", check_score, 6, scale)
    assert "from 0 to 5" in error.message


@pytest.mark.parametrize("scores", [[8], [8, 8, 8], []])
def test_a_scorecard_scores_every_criterion_once(scores):
    error = refused("scorecard-incomplete", check_scorecard, scores, 2, Procedure())
    assert error.message == (
        f"A scorecard needs 2 scores, one per criterion; it has {len(scores)}."
    )


def test_a_complete_scorecard_with_a_score_off_the_scale_is_refused_for_that_score():
    check_scorecard([1, 10], 2, Procedure())
    refused("score-out-of-range", check_scorecard, [1, 11], 2, Procedure())
    refused("score-not-a-number", check_scorecard, [True, 8], 2, Procedure())


def test_round1_refuses_any_card_off_the_scale_or_not_whole():
    refused("score-out-of-range", rank_round1, {"a1": [[9, 8], None, [7, 0]]})
    refused("score-not-a-number", rank_round1, {"a1": [[9, 8.5]]})
    refused("score-not-a-number", rank_round1, {"a1": [[9, False]]})


def test_round1_refuses_scorecards_of_different_lengths_naming_them():
    error = refused("scorecard-incomplete", rank_round1, {"a1": [[9, 8]], "a2": [[9, 8, 7]]})
    assert error.message == (
        "Every scorecard of a category scores the same criteria; these have 2, 3."
    )


def test_round1_refuses_scorecards_without_criteria():
    refused("no-criteria", rank_round1, {"a1": [[]], "a2": [[]]})
    refused("no-criteria", rank_round1, {"a1": [None]}, weights=[])


def test_round1_refuses_a_card_that_does_not_match_the_criteria_weighted():
    refused("scorecard-incomplete", rank_round1, {"a1": [[9, 8]]}, weights=[Fraction(1)] * 3)


@pytest.mark.parametrize("weight", [Fraction(0), Fraction(-1)])
def test_a_criterions_weight_is_more_than_zero(weight):
    refused("weight-not-positive", rank_round1, {"a1": [[9, 8]]}, weights=[Fraction(1), weight])


# --- An application's score ----------------------------------------------------------------


def test_a_judges_score_is_the_mean_of_the_criteria_weighted():
    assert weighted_mean([9, 6], EQUAL) == Fraction(15, 2)
    assert weighted_mean([9, 6], [Fraction(2), Fraction(1)]) == 8
    assert weighted_mean([9, 6], [Fraction(1, 3), Fraction(2, 3)]) == 7


def test_weights_change_the_ranking():
    cards = {"a1": [[10, 4]], "a2": [[5, 8]]}
    assert [r.id for r in rank_round1(cards).ranking] == ["a1", "a2"]  # 7 against 6.5
    heavy_second = rank_round1(cards, weights=[Fraction(1), Fraction(3)])
    assert [(r.id, r.score) for r in heavy_second.ranking] == [
        ("a2", Fraction(29, 4)),
        ("a1", Fraction(11, 2)),
    ]


def test_an_applications_score_is_the_mean_over_the_judges_who_scored_it():
    # The example: judge 2 had a conflict.
    assert application_score([[9, 8], None, [7, 7]], EQUAL) == Fraction(31, 4)
    assert application_score([None, None], EQUAL) is None
    assert application_score([], EQUAL) is None


def test_a_conflict_neither_helps_nor_penalises_in_the_ranking():
    ranking = rank_round1(
        {
            "a1": [[9, 9], None, [7, 7]],  # 8 over the two judges who could score it
            "a2": [[8, 8], [8, 8], [8, 8]],
            "a3": [[9, 9], [6, 6], [7, 7]],  # 22/3
        }
    ).ranking
    assert [(r.id, r.score, r.judges) for r in ranking] == [
        ("a1", Fraction(8), 2),
        ("a2", Fraction(8), 3),
        ("a3", Fraction(22, 3), 3),
    ]


cards_strategy = st.lists(
    st.one_of(st.none(), st.lists(st.integers(1, 10), min_size=3, max_size=3)),
    min_size=1,
    max_size=7,
)
weights_strategy = st.lists(
    st.fractions(min_value=Fraction(1, 10), max_value=10), min_size=3, max_size=3
)


@given(cards_strategy, weights_strategy)
def test_a_score_is_within_the_scale_and_its_judges_scores(cards, weights):
    score = application_score(cards, weights)
    given_scores = [weighted_mean(c, weights) for c in cards if c is not None]
    if not given_scores:
        assert score is None
        return
    assert score is not None
    assert 1 <= min(given_scores) <= score <= max(given_scores) <= 10


@given(cards_strategy, weights_strategy, st.integers(0, 7))
def test_adding_a_conflicted_judge_leaves_the_score_unchanged(cards, weights, at):
    with_conflict = [*cards[:at], None, *cards[at:]]
    assert application_score(with_conflict, weights) == application_score(cards, weights)


@given(cards_strategy, weights_strategy, st.data())
def test_a_conflict_for_a_judge_who_scored_the_mean_leaves_the_score_unchanged(
    cards, weights, data
):
    scored = [i for i, c in enumerate(cards) if c is not None]
    assume(len(scored) >= 2)
    judge = data.draw(st.sampled_from(scored))
    before = application_score(cards, weights)
    after = application_score([None if i == judge else c for i, c in enumerate(cards)], weights)
    # Removing one judge's score moves the mean unless that score was the mean itself.
    assert (after == before) == (weighted_mean(cards[judge], weights) == before)


@given(st.lists(st.integers(1, 10), min_size=2, max_size=2), st.integers(1, 6), st.data())
def test_a_conflict_for_judges_who_scored_alike_changes_nothing(card, judges, data):
    # Every judge gave the same weighted mean (the same card in any order): any of them may
    # turn out to have a conflict and the score stays that mean.
    cards: list[list[int] | None] = [data.draw(st.permutations(card)) for _ in range(judges + 1)]
    conflicted = data.draw(st.integers(0, judges))
    before = application_score(cards, EQUAL)
    cards[conflicted] = None
    assert application_score(cards, EQUAL) == before == Fraction(sum(card), 2)


# --- Round 1: ranking and finalists --------------------------------------------------------


def test_the_five_highest_go_on_to_round_2_and_the_explanation_names_their_scores():
    result = rank_round1(
        {
            "a1": [[9, 8], None, [7, 7]],
            "a2": [[10, 10], [9, 9], [9, 10]],
            "a3": [[5, 5], [5, 6], [6, 6]],
            "a4": [[8, 8], [8, 7], [8, 8]],
            "a5": [[4, 4], [3, 3], None],
            "a6": [[7, 7], [7, 7], [7, 7]],
        }
    )
    assert result.finalists == ("a2", "a4", "a1", "a6", "a3")
    assert result.tie is None
    assert result.scores["a5"] == Fraction(7, 2)
    assert result.explanation == (
        "6 applications ranked by the mean of their judges' weighted scores. "
        "The 5 highest go on to round 2: a2 (9.50), a4 (7.83), a1 (7.75), a6 (7.00), a3 (5.50)."
    )
    assert "a5" not in result.explanation


def test_fewer_applications_than_finalists_all_go_on():
    result = rank_round1(one_judge(a1=7, a2=9, a3=7))
    assert result.finalists == ("a2", "a1", "a3")
    assert result.tie is None
    assert result.explanation == (
        "3 applications ranked by the mean of their judges' weighted scores. "
        "The 3 highest go on to round 2: a2 (9.00), a1 (7.00), a3 (7.00)."
    )


def test_as_many_applications_as_finalists_all_go_on_even_when_tied():
    result = rank_round1(one_judge(a1=7, a2=7, a3=7, a4=7, a5=7))
    assert result.finalists == ("a1", "a2", "a3", "a4", "a5")
    assert result.tie is None


def test_a_single_finalist_is_named_in_the_singular():
    result = rank_round1(one_judge(a1=6))
    assert result.finalists == ("a1",)
    assert result.explanation == (
        "1 application ranked by the mean of its judges' weighted scores. "
        "The highest goes on to round 2: a1 (6.00)."
    )


def test_an_application_nobody_scored_is_ranked_last_and_does_not_go_on():
    result = rank_round1({"a1": [[5], None], "a2": [None, None], "a3": [None, [9]]})
    assert [(r.id, r.score, r.judges) for r in result.ranking] == [
        ("a3", Fraction(9), 1),
        ("a1", Fraction(5), 1),
        ("a2", None, 0),
    ]
    assert result.finalists == ("a3", "a1")
    assert "Nobody scored a2: it cannot go on." in result.explanation


def test_nobody_scored_anything_no_finalist_and_no_tie():
    result = rank_round1({"a1": [None], "a2": [None]})
    assert result.finalists == ()
    assert result.tie is None
    assert "Nobody scored a1, a2" in result.explanation


def test_unscored_applications_do_not_make_a_tie_at_the_fifth_place():
    apps = one_judge(a1=9, a2=8, a3=7, a4=6, a5=5)
    apps |= {"a6": [None], "a7": [None]}
    result = rank_round1(apps)
    assert result.finalists == ("a1", "a2", "a3", "a4", "a5")
    assert result.tie is None


@pytest.mark.parametrize(
    ("scores", "sure", "tied", "places", "score"),
    [
        # one place, two candidates: the seed's own shape
        ([9, 8, 7, 6, 5, 5, 4], ["a1", "a2", "a3", "a4"], ["a5", "a6"], 1, 5),
        # one place, three candidates
        ([9, 8, 7, 6, 5, 5, 5], ["a1", "a2", "a3", "a4"], ["a5", "a6", "a7"], 1, 5),
        # two places, three candidates (a tie at the fourth and fifth places)
        ([9, 8, 7, 5, 5, 5, 4], ["a1", "a2", "a3"], ["a4", "a5", "a6"], 2, 5),
        # every place tied
        ([5, 5, 5, 5, 5, 5], [], ["a1", "a2", "a3", "a4", "a5", "a6"], 5, 5),
        # a tie from the first place down
        ([9, 9, 9, 9, 9, 9, 2], [], ["a1", "a2", "a3", "a4", "a5", "a6"], 5, 9),
    ],
)
def test_a_tie_at_the_fifth_place_is_left_to_the_head_of_panel(scores, sure, tied, places, score):
    result = rank_round1(one_judge(**{f"a{i + 1}": s for i, s in enumerate(scores)}))
    assert list(result.finalists) == sure
    assert result.tie is not None
    assert list(result.tie.candidates) == tied
    assert result.tie.places == places
    assert result.tie.score == score


def test_a_tie_above_the_fifth_place_is_no_tie_for_a_place():
    result = rank_round1(one_judge(a1=9, a2=8, a3=8, a4=6, a5=6, a6=5))
    assert result.finalists == ("a1", "a2", "a3", "a4", "a5")
    assert result.tie is None


def test_a_tie_below_the_fifth_place_is_no_tie_for_a_place():
    result = rank_round1(one_judge(a1=9, a2=8, a3=7, a4=6, a5=5, a6=4, a7=4))
    assert result.finalists == ("a1", "a2", "a3", "a4", "a5")
    assert result.tie is None


def test_the_tie_explanation_names_the_score_and_how_many_the_head_of_panel_chooses():
    one = rank_round1(
        {
            "a1": [[9, 9]],
            "a2": [[8, 8]],
            "a3": [[8, 7]],
            "a4": [[7, 8]],
            "a5": [[7, 7]],
            "a6": [[7, 7]],
        },
        procedure=Procedure(finalists=4),
    )
    assert one.finalists == ("a1", "a2", "a3", "a4")
    assert one.tie is None
    tie = rank_round1(one_judge(a1=9, a2=8, a3=7, a4=7, a5=7), procedure=Procedure(finalists=4))
    assert "The 2 highest go on to round 2: a1 (9.00), a2 (8.00)." in tie.explanation
    assert "a3, a4, a5 share the last finalists' places with 7.00" in tie.explanation
    assert "the head of panel chooses 2 of them." in tie.explanation
    single = rank_round1(one_judge(a1=9, a2=8, a3=7, a4=6, a5=5, a6=5))
    assert single.explanation.endswith(
        "a5, a6 share the last finalist's place with 5.00: the head of panel chooses 1 of them."
    )


def test_the_tie_is_on_the_exact_score_not_the_rounded_one():
    # 22/3 (7.33) and 733/100 would read alike; the tie is only on equal fractions.
    apps = one_judge(a1=9, a2=9, a3=9, a4=9)
    apps["a5"] = [[8], [7], [7]]  # 22/3
    apps["a6"] = [[7], [8], [7]]  # 22/3
    apps["a7"] = [[7], [7], [7], [8]]  # 29/4
    result = rank_round1(apps)
    assert result.tie is not None
    assert result.tie.candidates == ("a5", "a6")
    assert result.tie.score == Fraction(22, 3)


def test_the_number_of_finalists_is_the_editions():
    result = rank_round1(one_judge(a1=9, a2=8, a3=7), procedure=Procedure(finalists=2))
    assert result.finalists == ("a1", "a2")
    assert result.tie is None


# Applications scored by up to four judges on two criteria, any of them conflicted; small
# scales make ties at the boundary common.
applications_strategy = st.dictionaries(
    st.from_regex(r"a[0-9]{1,2}", fullmatch=True),
    st.lists(
        st.one_of(st.none(), st.lists(st.integers(1, 4), min_size=2, max_size=2)),
        min_size=1,
        max_size=4,
    ),
    min_size=1,
    max_size=12,
)


@given(applications_strategy, st.integers(2, 6))
def test_finalists_and_the_tie_fill_exactly_the_places(applications, k):
    result = rank_round1(applications, procedure=Procedure(finalists=k))
    scores = result.scores
    scored = [key for key, score in scores.items() if score is not None]
    tied = set(result.tie.candidates) if result.tie else set()
    places = result.tie.places if result.tie else 0
    if len(scored) > k:
        assert len(result.finalists) + places == k
    else:
        assert set(result.finalists) == set(scored)
        assert result.tie is None
    # Every sure finalist scores strictly above every application that is not one.
    others = [key for key in scored if key not in result.finalists]
    for finalist in result.finalists:
        assert all(scores[finalist] > scores[other] for other in others)
    if result.tie:
        assert 1 <= result.tie.places < len(tied)
        assert all(scores[key] == result.tie.score for key in tied)
        assert tied.isdisjoint(result.finalists)
        # Nobody outside the tie has its score and is left out.
        assert {key for key in others if scores[key] == result.tie.score} == tied
        assert shown(result.tie.score) in result.explanation


@given(applications_strategy)
def test_the_ranking_is_best_first_with_the_unscored_last(applications):
    ranking = rank_round1(applications).ranking
    assert sorted(r.id for r in ranking) == sorted(applications)
    values = [r.score for r in ranking]
    scored = [v for v in values if v is not None]
    assert values == scored + [None] * (len(values) - len(scored))
    assert scored == sorted(scored, reverse=True)
    for row in ranking:
        assert row.judges == sum(card is not None for card in applications[row.id])


# --- The head of panel's choice ------------------------------------------------------------


def test_the_head_of_panel_chooses_exactly_the_places_among_the_tied():
    check_choice(["a5", "a6", "a7"], 2, ["a7", "a5"])
    error = refused("choice-count", check_choice, ["a5", "a6", "a7"], 2, ["a7"])
    assert error.message == "Choose exactly 2 applications."
    assert refused("choice-count", check_choice, ["a5", "a6"], 1, []).message == (
        "Choose exactly 1 application."
    )
    refused("choice-count", check_choice, ["a5", "a6", "a7"], 1, ["a5", "a6"])
    error = refused("choice-not-tied", check_choice, ["a5", "a6"], 1, ["a4"])
    assert error.message == "a4 is not among the tied applications."
    refused("choice-duplicate", check_choice, ["a5", "a6", "a7"], 2, ["a5", "a5"])


# --- Normalisation -------------------------------------------------------------------------


def test_normalisation_weighs_a_strict_and_a_generous_judge_alike_beside_the_raw_place():
    # The generous judge spreads 9-10, the strict one 2-6: raw means favour a1 (the generous
    # judge's favourite), z-scores favour a2 (the strict judge's wider preference).
    applications = {
        "a1": [[10], [2]],
        "a2": [[9], [6]],
        "a3": [[9], [2]],
    }
    raw = rank_round1(applications)
    assert [r.id for r in raw.ranking] == ["a2", "a1", "a3"]
    rows = normalised_ranking(applications)
    assert [(r.id, r.raw_place) for r in rows] == [("a2", 1), ("a1", 2), ("a3", 3)]
    assert rows[0].z is not None
    assert rows[0].z > 0
    assert all(r.z is not None and r.z.as_tuple().exponent == -3 for r in rows)
    # z-scores of each judge sum to zero, so their means do too (up to rounding).
    assert abs(sum(r.z for r in rows if r.z is not None)) <= Decimal("0.003")


def test_a_judge_who_scores_all_alike_says_nothing_about_order():
    rows = normalised_ranking({"a1": [[7], [9]], "a2": [[7], [3]], "a3": [None, None]})
    z = {r.id: r.z for r in rows}
    assert z["a1"] == Decimal("0.500")  # judge 1 contributes 0, judge 2 +1
    assert z["a2"] == Decimal("-0.500")
    assert z["a3"] is None
    assert rows[-1].id == "a3"


# --- Round 2: ballots ----------------------------------------------------------------------

FINALISTS = ("a1", "a2", "a3", "a4", "a5")


def test_a_ballot_names_two_different_finalists():
    check_ballot(["a1", "a3"], FINALISTS)


def test_a_vote_for_a_non_finalist_is_refused():
    error = refused("vote-not-finalist", check_ballot, ["a1", "a9"], FINALISTS)
    assert error.message == "a9 is not a finalist of this category."


def test_two_votes_for_one_application_are_refused():
    error = refused("vote-twice", check_ballot, ["a1", "a1"], FINALISTS)
    assert error.message == "A judge votes for an application once; a1 is chosen twice."
    refused("vote-twice", check_ballot, ["a2", "a1", "a2"], FINALISTS)


@pytest.mark.parametrize("ballot", [[], ["a1"], ["a1", "a2", "a3"]])
def test_too_many_or_too_few_votes_are_refused_naming_both_counts(ballot):
    error = refused("vote-count", check_ballot, ballot, FINALISTS)
    assert error.message == (
        f"A judge votes for exactly 2 finalists; this ballot has {len(ballot)}."
    )


def test_the_votes_per_judge_are_the_editions():
    three = Procedure(votes_per_judge=3)
    check_ballot(["a1", "a2", "a3"], FINALISTS, procedure=three)
    refused("vote-count", check_ballot, ["a1", "a2"], FINALISTS, procedure=three)
    one = Procedure(votes_per_judge=1)
    error = refused("vote-count", check_ballot, ["a1", "a2"], FINALISTS, procedure=one)
    assert error.message == "A judge votes for exactly 1 finalist; this ballot has 2."


def test_a_vote_for_a_conflicted_finalist_is_refused():
    error = refused("vote-conflicted", check_ballot, ["a1", "a2"], FINALISTS, conflicted={"a2"})
    assert error.message == (
        "The judge declared a conflict of interest with a2 and may not vote for it."
    )
    check_ballot(["a1", "a3"], FINALISTS, conflicted={"a2"})


def test_counting_refuses_the_whole_count_for_one_bad_ballot():
    refused(
        "vote-conflicted",
        count_round2,
        FINALISTS,
        [["a1", "a2"], ["a1", "a3"]],
        {},
        conflicted=[set(), {"a3"}],
    )
    refused("vote-count", count_round2, FINALISTS, [["a1", "a2"], ["a1"]], {})


# --- Round 2: counting ---------------------------------------------------------------------

SCORES = {
    "a1": Fraction(8),
    "a2": Fraction(31, 4),
    "a3": Fraction(15, 2),
    "a4": Fraction(7),
    "a5": Fraction(13, 2),
}


def test_most_votes_is_gold_and_second_is_silver():
    result = count_round2(
        FINALISTS,
        [["a1", "a3"], ["a3", "a4"], ["a3", "a1"], ["a2", "a3"], ["a1", "a5"], ["a2", "a4"]],
        SCORES,
    )
    assert result.votes == {"a1": 3, "a2": 2, "a3": 4, "a4": 2, "a5": 1}
    assert (result.gold, result.silver, result.ties) == ("a3", "a1", ())
    assert result.rulings == {"a3": "Gold: a3 with 4 votes.", "a1": "Silver: a1 with 3 votes."}
    assert result.explanation == (
        "6 ballots counted (a3 4, a1 3, a2 2, a4 2, a5 1). "
        "Gold: a3 with 4 votes. Silver: a1 with 3 votes."
    )


def test_a_tie_on_votes_for_gold_is_broken_by_the_round1_scores():
    result = count_round2(FINALISTS, [["a2", "a3"], ["a3", "a2"], ["a1", "a4"]], SCORES)
    # a2 and a3 have 2 votes each; a2 scored 7.75 in round 1, a3 7.50.
    assert (result.gold, result.silver, result.ties) == ("a2", "a3", ())
    assert result.rulings["a2"] == (
        "Gold: a2 with 2 votes. Equal on votes with a3; the tie is broken by the round-1 "
        "scores: 7.75 against 7.50."
    )
    assert result.rulings["a3"] == (
        "Silver: a3 with 2 votes. Equal on votes with a2, whose round-1 score (7.75) is "
        "higher than its 7.50."
    )
    assert result.rulings["a2"] in result.explanation
    assert result.rulings["a3"] in result.explanation


def test_a_tie_on_votes_for_silver_is_broken_by_the_round1_scores():
    result = count_round2(
        FINALISTS, [["a5", "a4"], ["a5", "a3"], ["a5", "a1"], ["a4", "a3"]], SCORES
    )
    # a5 3 votes; a3 and a4 2 each: a3 scored 7.50, a4 7.00.
    assert (result.gold, result.silver, result.ties) == ("a5", "a3", ())
    assert result.rulings["a5"] == "Gold: a5 with 3 votes."
    assert result.rulings["a3"] == (
        "Silver: a3 with 2 votes. Equal on votes with a4; the tie is broken by the round-1 "
        "scores: 7.50 against 7.00."
    )


def test_a_three_way_tie_on_votes_is_ordered_by_the_round1_scores():
    result = count_round2(FINALISTS, [["a4", "a5"], ["a5", "a3"], ["a3", "a4"]], SCORES)
    assert (result.gold, result.silver, result.ties) == ("a3", "a4", ())
    assert result.rulings["a3"].endswith("7.50 against 7.00, 6.50.")
    assert result.rulings["a4"] == (
        "Silver: a4 with 2 votes. Equal on votes with a3, whose round-1 score (7.50) is "
        "higher than its 7.00. Equal on votes with a5; the tie is broken by the round-1 "
        "scores: 7.00 against 6.50."
    )
    assert "a5" not in result.rulings


EVEN = {key: Fraction(15, 2) for key in FINALISTS}


def test_a_double_tie_for_gold_is_left_to_the_panel_for_gold_and_silver():
    result = count_round2(FINALISTS, [["a1", "a2"], ["a2", "a1"], ["a3", "a4"]], EVEN)
    assert (result.gold, result.silver) == (None, None)
    assert result.ties == (
        PlaceTie(places=(GOLD, SILVER), candidates=("a1", "a2"), votes=2, score=Fraction(15, 2)),
    )
    assert result.rulings == {}
    assert result.explanation.endswith(
        "a1, a2 are equal on votes (2) and on round-1 scores (7.50): "
        "the panel decides Gold and Silver."
    )


def test_a_double_tie_for_silver_is_left_to_the_panel_after_gold():
    result = count_round2(FINALISTS, [["a3", "a1"], ["a3", "a2"], ["a3", "a4"], ["a1", "a2"]], EVEN)
    assert (result.gold, result.silver) == ("a3", None)
    assert result.ties == (
        PlaceTie(places=(SILVER,), candidates=("a1", "a2"), votes=2, score=Fraction(15, 2)),
    )
    assert result.explanation.endswith(
        "Gold: a3 with 3 votes. a1, a2 are equal on votes (2) and on round-1 scores (7.50): "
        "the panel decides Silver."
    )


def test_a_three_way_double_tie_for_gold_is_left_to_the_panel_for_both_places():
    result = count_round2(FINALISTS, [["a1", "a2"], ["a2", "a3"], ["a3", "a1"]], EVEN)
    assert (result.gold, result.silver) == (None, None)
    assert result.ties == (
        PlaceTie(
            places=(GOLD, SILVER), candidates=("a1", "a2", "a3"), votes=2, score=Fraction(15, 2)
        ),
    )


def test_a_three_way_double_tie_for_silver_is_left_to_the_panel():
    result = count_round2(
        FINALISTS,
        [["a5", "a1"], ["a5", "a2"], ["a5", "a3"], ["a5", "a4"], ["a1", "a2"], ["a3", "a4"]],
        EVEN,
    )
    assert result.gold == "a5"
    assert result.silver is None
    assert result.ties == (
        PlaceTie(places=(SILVER,), candidates=("a1", "a2", "a3", "a4"), votes=2, score=EVEN["a1"]),
    )


def test_a_tie_on_votes_with_two_equal_best_scores_leaves_both_places_to_the_panel():
    scores = {**EVEN, "a3": Fraction(7)}
    result = count_round2(FINALISTS, [["a1", "a2"], ["a2", "a3"], ["a3", "a1"]], scores)
    assert (result.gold, result.silver) == (None, None)
    assert [t.candidates for t in result.ties] == [("a1", "a2")]
    assert "a3" not in result.rulings


def test_gold_by_the_tie_break_and_a_double_tie_for_silver():
    scores = {**EVEN, "a1": Fraction(9)}
    result = count_round2(FINALISTS, [["a1", "a2"], ["a2", "a3"], ["a3", "a1"]], scores)
    assert result.gold == "a1"
    assert result.silver is None
    assert result.ties == (
        PlaceTie(places=(SILVER,), candidates=("a2", "a3"), votes=2, score=Fraction(15, 2)),
    )
    assert result.rulings["a1"].endswith("9.00 against 7.50, 7.50.")


def test_a_finalist_nobody_voted_for_is_not_placed():
    one_vote = Procedure(votes_per_judge=1)
    result = count_round2(FINALISTS, [["a4"], ["a4"]], SCORES, procedure=one_vote)
    assert (result.gold, result.silver, result.ties) == ("a4", None, ())
    assert result.votes["a1"] == 0
    assert result.explanation == (
        "2 ballots counted (a4 2, a1 0, a2 0, a3 0, a5 0). Gold: a4 with 2 votes. "
        "No other finalist received a vote: no Silver is awarded."
    )


def test_a_single_ballot_is_named_in_the_singular():
    result = count_round2(FINALISTS, [["a1", "a2"]], SCORES)
    assert result.explanation.startswith("1 ballot counted (a1 1, a2 1, a3 0, a4 0, a5 0).")
    assert result.rulings["a1"].startswith("Gold: a1 with 1 vote.")


ballots_strategy = st.integers(1, 3).flatmap(
    lambda per_judge: st.tuples(
        st.just(per_judge),
        st.lists(
            st.permutations(FINALISTS).map(lambda order: list(order[:per_judge])),
            max_size=8,
        ),
        st.fixed_dictionaries(
            {key: st.sampled_from([Fraction(7), Fraction(15, 2), Fraction(8)]) for key in FINALISTS}
        ),
    )
)


@given(ballots_strategy)
def test_round2_counts_every_vote_and_places_by_votes_then_scores(drawn):
    per_judge, ballots, scores = drawn
    result = count_round2(
        FINALISTS, ballots, scores, procedure=Procedure(votes_per_judge=per_judge)
    )
    votes = result.votes
    assert sum(votes.values()) == len(ballots) * per_judge
    assert list(votes) == list(FINALISTS)
    placed = [p for p in (result.gold, result.silver) if p is not None]
    assert len(set(placed)) == len(placed)
    for app in placed:
        assert votes[app] > 0
        assert f"{app} with {votes[app]} vote" in result.rulings[app]
    if result.gold is not None:
        assert all(
            (votes[result.gold], scores[result.gold]) > (votes[o], scores[o])
            for o in FINALISTS
            if o != result.gold
        )
    if result.silver is not None:
        assert result.gold is not None
        assert all(
            (votes[result.silver], scores[result.silver]) > (votes[o], scores[o])
            for o in FINALISTS
            if o not in (result.gold, result.silver)
        )
    # Each place is given once: to a finalist or to the panel's decision among a tie.
    places = [p for p in ("gold", "silver") if getattr(result, p)] + [
        p for tie in result.ties for p in tie.places
    ]
    assert len(places) == len(set(places))
    for tie in result.ties:
        assert len(tie.candidates) >= len(tie.places)
        assert {(votes[c], scores[c]) for c in tie.candidates} == {(tie.votes, tie.score)}
        assert all(votes[c] > 0 for c in tie.candidates)
    if not ballots:
        assert result.gold is None
        assert result.ties == ()


def test_no_ballot_places_nobody_and_says_so():
    result = count_round2(FINALISTS, [], SCORES)
    assert (result.gold, result.silver, result.ties) == (None, None, ())
    assert result.votes == dict.fromkeys(FINALISTS, 0)
    assert result.explanation == (
        "0 ballots counted (a1 0, a2 0, a3 0, a4 0, a5 0). "
        "No finalist received a vote: no Gold and Silver is awarded."
    )


@given(applications_strategy, st.randoms(use_true_random=False))
def test_the_order_applications_and_judges_are_given_in_changes_nothing(applications, rnd):
    keys = list(applications)
    rnd.shuffle(keys)
    judges = max(len(cards) for cards in applications.values())
    order = list(range(judges))
    rnd.shuffle(order)

    def judge_order(cards):
        padded = [*cards, *[None] * (judges - len(cards))]
        return [padded[j] for j in order]

    shuffled = {key: judge_order(applications[key]) for key in keys}
    before, after = rank_round1(applications), rank_round1(shuffled)
    assert (after.ranking, after.finalists, after.tie) == (
        before.ranking,
        before.finalists,
        before.tie,
    )


@given(ballots_strategy, st.randoms(use_true_random=False))
def test_the_order_ballots_are_counted_in_changes_nothing(drawn, rnd):
    per_judge, ballots, scores = drawn
    procedure = Procedure(votes_per_judge=per_judge)
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    before = count_round2(FINALISTS, ballots, scores, procedure=procedure)
    after = count_round2(FINALISTS, shuffled, scores, procedure=procedure)
    assert after == before
