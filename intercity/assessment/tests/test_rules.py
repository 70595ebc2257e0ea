"""The scoring, gap, recommendation, target and peer rules, on small instruments built here
so each test shows its own arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intercity.assessment import rules
from intercity.assessment.rules import (
    Band,
    Expectations,
    Instrument,
    Level,
    Module,
    Option,
    Question,
    QuestionType,
    Section,
)

LEVELS = (
    Level(1, "Foundational", Fraction(0)),
    Level(2, "Developing", Fraction(20)),
    Level(3, "Established", Fraction(40)),
    Level(4, "Integrated", Fraction(60)),
    Level(5, "Leading", Fraction(80)),
)


def scale(code: str, weight: int = 1, required: bool = True) -> Question:
    return Question(code, QuestionType.SCALE, weight=Fraction(weight), required=required)


def tiny(*sections: Section) -> Instrument:
    return Instrument("test", 1, sections, LEVELS)


ONE_SCALE = tiny(Section("only", "Only", Fraction(1), (scale("Q1"),)))


# --- Level boundaries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "score", "level"),
    [(1, 0, 1), (2, 25, 2), (3, 50, 3), (4, 75, 4), (5, 100, 5)],
)
def test_a_scale_answer_scores_its_share_of_the_range(answer, score, level):
    result = rules.score(ONE_SCALE, {"Q1": answer})
    assert result.score == score
    assert result.level.level == level


def test_a_score_exactly_on_a_level_minimum_reaches_that_level():
    # Two questions weighted 3 and 2: 3 x 0 + 2 x 1 over 5 = 2/5 = 40 exactly.
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A", 3), scale("B", 2))))
    result = rules.score(instrument, {"A": 1, "B": 5})
    assert result.score == Fraction(40)
    assert result.level.level == 3


def test_a_score_a_hair_below_a_minimum_stays_on_the_level_below():
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A", 1), scale("B", 1), scale("C", 1))))
    # (1/4 + 1/4 + 1/2) / 3 = 1/3 -> 33.3 (level 2); (1/2 + 1/4 + 1/2) / 3 = 5/12 -> 41.7 (level 3)
    low = rules.score(instrument, {"A": 2, "B": 2, "C": 3})
    assert low.score == Fraction(100, 3)
    assert low.level.level == 2
    high = rules.score(instrument, {"A": 3, "B": 2, "C": 3})
    assert high.score == Fraction(125, 3)
    assert high.level.level == 3


def test_section_weights_weigh_the_overall_score_and_the_explanation_shows_them():
    instrument = tiny(
        Section("context", "Context", Fraction(1), (scale("C1"),)),
        Section("strategy", "Strategy", Fraction(3, 2), (scale("S1"),)),
    )
    result = rules.score(instrument, {"C1": 5, "S1": 1})
    # (1 x 100 + 3/2 x 0) / (5/2) = 40
    assert result.score == 40
    assert result.level.name == "Established"
    assert "(1 x 100.0 + 3/2 x 0.0) / (1 + 3/2) = 40.0" in result.explanation
    assert "level 4 (Integrated) needs 60.0" in result.explanation


# --- Answer types ---------------------------------------------------------------------------------


def test_yes_no_scores_one_for_yes_unless_inverted():
    plain = Question("Y", QuestionType.YES_NO)
    inverted = Question("N", QuestionType.YES_NO, invert=True)
    assert rules.answer_score(plain, True) == 1
    assert rules.answer_score(plain, False) == 0
    assert rules.answer_score(inverted, True) == 0


def test_multiple_choice_adds_option_scores_and_caps_at_one():
    question = Question(
        "M",
        QuestionType.MULTIPLE,
        options=(
            Option("a", "A", Fraction(1, 2)),
            Option("b", "B", Fraction(2, 3)),
            Option("none", "None of these", Fraction(0), exclusive=True),
        ),
    )
    assert rules.answer_score(question, ["a"]) == Fraction(1, 2)
    assert rules.answer_score(question, ["a", "b"]) == 1
    _, problem = rules.normalise(question, ["a", "none"])
    assert problem == "“None of these” cannot be combined with other options"


def test_number_bands_score_by_the_first_band_above_the_value():
    question = Question(
        "U",
        QuestionType.NUMBER,
        bands=(
            Band(Decimal(5), Fraction(1)),
            Band(Decimal(10), Fraction(1, 2)),
            Band(None, Fraction(0)),
        ),
        minimum=Decimal(0),
        maximum=Decimal(100),
        unit="%",
    )
    assert rules.answer_score(question, "4.99") == 1
    assert rules.answer_score(question, "5") == Fraction(1, 2)  # 'below' is exclusive
    assert rules.answer_score(question, "10") == 0
    assert rules.normalise(question, "101") == ("101", "enter at most 100 %")
    assert rules.normalise(question, "-1") == ("-1", "enter at least 0 %")
    assert rules.normalise(question, "lots")[1] == "enter a number"
    assert rules.normalise(question, "1,500")[1] == "enter at most 100 %"


def test_text_answers_are_not_scored():
    instrument = tiny(
        Section(
            "s",
            "S",
            Fraction(1),
            (scale("A"), Question("T", QuestionType.TEXT, weight=Fraction(0))),
        )
    )
    assert rules.score(instrument, {"A": 5, "T": "Our strategy 2024-2028"}).score == 100


@pytest.mark.parametrize(
    ("question", "value", "problem"),
    [
        (scale("S"), "6", "choose from 1 to 5"),
        (scale("S"), "three", "choose a whole number from 1 to 5"),
        (Question("Y", QuestionType.YES_NO), "maybe", "answer yes or no"),
        (
            Question(
                "C",
                QuestionType.SINGLE,
                options=(Option("a", "A", Fraction(0)), Option("b", "B", Fraction(1))),
            ),
            "c",
            "choose one of: a, b",
        ),
    ],
)
def test_invalid_answers_are_named(question, value, problem):
    assert rules.normalise(question, value)[1] == problem


# --- Missing answers ------------------------------------------------------------------------------


def test_a_missing_required_answer_is_a_problem_when_complete_is_asked():
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A"), scale("B"))))
    result = rules.score(instrument, {"A": 5})
    assert result.problems == (rules.Problem("B", "this question is required"),)
    assert not result.complete


def test_a_draft_scores_what_has_been_answered():
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A"), scale("B"))))
    result = rules.score(instrument, {"A": 5}, complete=False)
    assert result.problems == ()
    assert result.score == 100
    assert result.sections[0].answered == 1


def test_an_unanswered_optional_question_leaves_the_mean():
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A"), scale("B", required=False))))
    result = rules.score(instrument, {"A": 4})
    assert result.complete
    assert result.score == 75  # not (75 + 0) / 2


def test_unknown_question_codes_are_refused():
    result = rules.score(ONE_SCALE, {"Q1": 3, "Q9": 2})
    assert rules.Problem("Q9", "not a question of this instrument version") in result.problems


def test_no_overall_score_until_every_section_is_scored_when_complete():
    instrument = tiny(
        Section("a", "A", Fraction(1), (scale("A1"),)),
        Section("b", "B", Fraction(1), (scale("B1"),)),
    )
    result = rules.score(instrument, {"A1": 5})
    assert result.score is None
    assert result.level is None


# --- Properties -----------------------------------------------------------------------------------

WEIGHTS = st.integers(min_value=0, max_value=5)


@st.composite
def instruments_and_answers(draw):
    sizes = draw(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=4))
    sections = []
    answers = {}
    for s_index, size in enumerate(sizes):
        questions = []
        for q_index in range(size):
            code = f"S{s_index}Q{q_index}"
            weight = draw(WEIGHTS) if q_index else draw(st.integers(min_value=1, max_value=5))
            questions.append(scale(code, weight))
            answers[code] = draw(st.integers(min_value=1, max_value=5))
        weight = Fraction(draw(st.integers(min_value=1, max_value=4)), 2)
        sections.append(Section(f"s{s_index}", f"S{s_index}", weight, tuple(questions)))
    return tiny(*sections), answers


# Drawing a whole instrument is slow on a loaded machine (six suites at once): the health check
# measured the machine, not the strategy.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(instruments_and_answers())
def test_scores_stay_between_0_and_100_and_the_level_matches_the_score(case):
    instrument, answers = case
    result = rules.score(instrument, answers)
    assert 0 <= result.score <= 100
    reached = [lv for lv in LEVELS if lv.min_score <= result.score]
    assert result.level == reached[-1]


@given(instruments_and_answers(), st.data())
def test_a_better_answer_never_lowers_the_score(case, data):
    instrument, answers = case
    code = data.draw(st.sampled_from(sorted(answers)))
    if answers[code] == 5:
        return
    better = {**answers, code: answers[code] + 1}
    assert rules.score(instrument, better).score >= rules.score(instrument, answers).score


# --- The instrument itself ------------------------------------------------------------------------


def test_an_instrument_without_a_required_scored_question_in_a_section_is_unusable():
    instrument = tiny(Section("s", "S", Fraction(1), (scale("A", required=False),)))
    assert rules.instrument_problems(instrument) == [
        "Section s: it needs at least one required scored question."
    ]


def test_levels_must_start_at_zero_and_rise():
    broken = Instrument(
        "x", 1, ONE_SCALE.sections, (Level(1, "a", Fraction(10)), Level(2, "b", Fraction(5)))
    )
    problems = rules.instrument_problems(broken)
    assert "Its lowest level must start at score 0." in problems
    assert "Higher levels must need higher scores." in problems


def test_duplicate_codes_and_falling_bands_are_found():
    number = Question(
        "N",
        QuestionType.NUMBER,
        bands=(
            Band(Decimal(10), Fraction(0)),
            Band(Decimal(5), Fraction(1)),
            Band(None, Fraction(1)),
        ),
    )
    instrument = tiny(Section("s", "S", Fraction(1), (scale("N"), number)))
    problems = rules.instrument_problems(instrument)
    assert "Question code N is used twice." in problems
    assert "N: its bands must rise." in problems


def test_a_number_question_without_bounds_cannot_be_published():
    unbounded = Question(
        "N", QuestionType.NUMBER, bands=(Band(Decimal(10), Fraction(0)), Band(None, Fraction(1)))
    )
    problems = rules.instrument_problems(tiny(Section("s", "S", Fraction(1), (unbounded,))))
    assert "N: a number question needs a minimum and a maximum." in problems


# --- Gap and recommendations (seed 001, Annex, Phases 2-3) ----------------------------------------

EXPECTED = Expectations(
    statuses=("none", "planned", "pilot", "operating"),
    by_level={
        1: {"admin": "pilot", "groupware": "pilot"},
        2: {"admin": "operating", "groupware": "operating", "call": "pilot", "gis": "planned"},
        3: {
            "admin": "operating",
            "groupware": "operating",
            "call": "operating",
            "gis": "pilot",
            "mobile": "planned",
        },
    },
)
MODULES = [
    Module("admin", 1, "Administration", ("strategy",)),
    Module("gis", 2, "Spatial data", ("infrastructure",)),
    Module("mobile", 5, "Mobile", ("usage",)),
    Module("call", 6, "Call centre", ("usage",)),
    Module("groupware", 8, "Groupware", ("infrastructure",)),
]


def test_the_gap_lists_modules_below_the_status_expected_at_the_level():
    found = rules.gaps(EXPECTED, 2, {"admin": "operating", "groupware": "pilot", "call": "pilot"})
    assert [(g.module, g.expected, g.current, g.shortfall) for g in found] == [
        ("groupware", "operating", "pilot", 1),
        ("gis", "planned", "none", 1),
    ]


def test_recommendations_order_by_shortfall_then_weakest_factor_then_the_next_level():
    systems = {"admin": "pilot", "groupware": "operating", "call": "none", "gis": "none"}
    found = rules.recommend(
        EXPECTED, MODULES, 2, systems, {"strategy": Fraction(30), "usage": Fraction(70)}
    )
    assert [(r.module, r.priority, r.tier) for r in found] == [
        ("call", 1, "expected"),  # none -> pilot: two steps short
        ("admin", 2, "expected"),  # one step short, its factor (strategy 30) is the weaker
        ("gis", 3, "expected"),  # one step short, no factor scored
        ("mobile", 4, "next-level"),  # what level 3 adds
    ]


def test_a_gap_first_expected_below_the_citys_level_is_overdue_and_comes_first():
    found = rules.recommend(EXPECTED, MODULES, 3, {"admin": "pilot", "groupware": "operating"}, {})
    assert [(r.module, r.tier) for r in found] == [
        ("admin", "overdue"),  # operating expected since level 2; the city is at level 3
        ("call", "expected"),  # none -> operating
        ("gis", "expected"),  # none -> pilot
        ("mobile", "expected"),  # none -> planned
    ]
    assert found[0].reason == "Expected operating from level 2; you report pilot."


def test_within_a_tier_the_larger_shortfall_comes_first_then_the_weaker_factor():
    systems = {"admin": "operating", "groupware": "operating"}
    found = rules.recommend(
        EXPECTED,
        MODULES,
        2,
        {**systems, "call": "planned", "gis": "none"},
        {"usage": Fraction(20), "infrastructure": Fraction(90)},
        {"usage": "Information usage", "infrastructure": "Information infrastructure"},
    )
    assert [r.module for r in found] == ["call", "gis", "mobile"]
    # call: planned -> pilot (1 step), gis: none -> planned (1 step): the weaker factor first.
    assert "weakest related factor: Information usage 20.0" in found[0].reason


def test_a_city_running_everything_expected_gets_only_next_level_modules():
    systems = {"admin": "operating", "groupware": "operating", "call": "pilot", "gis": "planned"}
    found = rules.recommend(EXPECTED, MODULES, 2, systems, {})
    # One step short each, no factor scored: seed 001's numbering decides.
    assert [(r.module, r.tier) for r in found] == [
        ("gis", "next-level"),
        ("mobile", "next-level"),
        ("call", "next-level"),
    ]


def test_expectations_must_not_fall_from_one_level_to_the_next():
    falling = Expectations(
        statuses=EXPECTED.statuses,
        by_level={1: {"admin": "operating"}, 2: {"admin": "pilot", "ghost": "dreaming"}},
    )
    problems = rules.expectation_problems(falling, ["admin"])
    assert "Level 2: admin expects less than at the level below." in problems
    assert "Level 2: unknown module ghost." in problems
    assert "Level 2: unknown status dreaming." in problems


def test_systems_not_reported_count_as_none_and_unknown_ones_are_refused():
    clean, problems = rules.check_systems(
        EXPECTED, ["admin", "gis"], {"admin": "pilot", "x": "pilot"}
    )
    assert clean == {"admin": "pilot", "gis": "none"}
    assert problems == [rules.Problem("systems.x", "not a sectoral module")]
    _, problems = rules.check_systems(EXPECTED, ["admin"], {"admin": "finished"})
    assert problems == [
        rules.Problem("systems.admin", "choose one of: none, planned, pilot, operating")
    ]


# --- Targets --------------------------------------------------------------------------------------


def test_targets_are_for_two_to_five_years_ahead_and_not_below_the_current_level():
    problems = rules.target_problems(ONE_SCALE, 2026, {"only": 2}, 2027, {"only": 3})
    assert rules.Problem("targets.only", "a target cannot be below the current level") in problems
    assert any(p.code == "target_year" and "2028 to 2031" in p.message for p in problems)
    assert rules.target_problems(ONE_SCALE, 2026, {"only": 4}, 2031, {"only": 3}) == []
    assert rules.target_problems(ONE_SCALE, 2026, {"only": 9}, 2030)[0].message == (
        "choose a level from 1 to 5"
    )
    assert rules.target_problems(ONE_SCALE, 2026, {"elsewhere": 3}, 2030)[0].code == (
        "targets.elsewhere"
    )


# --- Peers ----------------------------------------------------------------------------------------


def test_quartiles_interpolate_between_ranks_exactly():
    stats = rules.peer_stats([Fraction(v) for v in (10, 20, 30, 40)])
    assert stats.median == 25
    assert stats.lower_quartile == Fraction(35, 2)  # 10 + 0.75 x 10
    assert stats.upper_quartile == Fraction(65, 2)


@given(st.lists(st.fractions(min_value=0, max_value=100), min_size=1, max_size=30))
def test_quartiles_are_ordered_and_within_the_values(values):
    stats = rules.peer_stats(values)
    assert min(values) == stats.minimum <= stats.lower_quartile <= stats.median
    assert stats.median <= stats.upper_quartile <= stats.maximum == max(values)


def test_position_counts_peers_below_and_above_with_ties_as_half():
    peers = [Fraction(v) for v in (10, 20, 20, 40)]
    stats = rules.peer_stats(peers)
    where = rules.position(Fraction(20), peers, stats)
    assert (where.below, where.equal, where.above) == (1, 2, 1)
    assert where.percentile == 50
    assert where.words == "at or above the peer median"
    assert rules.position(Fraction(50), peers, stats).words == "in the top quarter of the peers"


def test_population_bands_take_the_first_band_above_the_population():
    bands = [
        rules.PopulationBand("small", "Small", 300_000),
        rules.PopulationBand("large", "Large", None),
    ]
    assert rules.population_band(299_999, bands).slug == "small"
    assert rules.population_band(300_000, bands).slug == "large"
    assert rules.population_band(None, bands) is None


# --- Common challenges (seed 001 Phase 2) ---------------------------------------------------------


def test_a_citys_main_challenge_is_the_group_of_its_weakest_factors():
    groups = [
        rules.ChallengeGroup("infra", "Building Infrastructure", ("infrastructure",), ("gis",)),
        rules.ChallengeGroup("engage", "Citizen Engagement", ("usage",), ("call",)),
    ]
    scores = {"infrastructure": Fraction(70), "usage": Fraction(35)}
    behind = [rules.Recommendation("call", 1, "expected", "")]
    found = rules.challenges(groups, scores, behind)
    assert [c.group for c in found] == ["engage", "infra"]
    assert found[0].shortfall == 65
    assert found[0].gaps == 1


def test_the_head_city_of_a_group_is_the_strongest_there():
    assert rules.lead_city({"Makati": Fraction(60), "Seoul": Fraction(85)}) == "Seoul"
    assert rules.lead_city({"B": Fraction(5), "A": Fraction(5)}) == "A"
    assert rules.lead_city({}) is None


# --- Over the years -------------------------------------------------------------------------------


def test_changes_compare_sections_directly_or_through_a_documented_map():
    earlier = {"old-strategy": Fraction(40)}
    later = {"strategy": Fraction(55), "new": Fraction(10)}
    changes = rules.compare(earlier, later, {"strategy": "old-strategy"})
    assert changes[0].delta == 15
    assert changes[1].delta is None
