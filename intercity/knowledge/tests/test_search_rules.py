"""The search's pure rules: words of a query, matching, rank, highlighting, the bands, and
how alike two projects are (with hypothesis properties)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from intercity.knowledge import rules_search as rules
from intercity.knowledge.rules import fold, search_text


def test_a_query_is_folded_and_cut_into_distinct_words() -> None:
    assert rules.query_words("São-Paulo, SAO 2024!") == ["sao", "paulo", "2024"]
    assert rules.query_words("서울시의 북촌") == ["서울시의", "북촌"]
    assert len(rules.query_words(" ".join(f"w{i}" for i in range(30)))) == rules.MAX_QUERY_WORDS


def test_a_word_matches_the_start_of_a_word_and_chinese_anywhere() -> None:
    text = search_text("Waste sensors", "서울시의 리빙랩", "北京市智慧交通")
    assert rules.matches(text, ["sensor"])
    assert rules.matches(text, ["서울"])
    assert rules.matches(text, ["交通"])
    assert not rules.matches(text, ["ensor"])
    assert not rules.matches(text, ["sensor", "metro"])


def test_a_word_in_the_title_ranks_higher_and_repeats_count_less_and_less() -> None:
    in_title = search_text("Waste bins", "Bins for the city")
    in_body = search_text("Street bins", "Waste waste waste")
    assert rules.rank(in_title, ["waste"]) > rules.rank(in_body, ["waste"])
    once, twice = search_text("t", "waste"), search_text("t", "waste waste")
    thrice = search_text("t", "waste waste waste")
    assert rules.rank(twice, ["waste"]) - rules.rank(once, ["waste"]) > (
        rules.rank(thrice, ["waste"]) - rules.rank(twice, ["waste"])
    )
    assert rules.rank(once, ["metro"]) == 0


def test_the_highlight_marks_the_original_letters_of_a_folded_match() -> None:
    pieces = rules.highlight("Cable cars for Medellín's hills", ["medellin"])
    assert ("Medellín", True) in pieces
    assert "".join(p for p, _ in pieces) == "Cable cars for Medellín's hills"


def test_the_highlight_starts_near_the_first_match_of_a_long_text() -> None:
    text = "word " * 200 + "Target here " + "word " * 200
    pieces = rules.highlight(text, ["target"], limit=100)
    assert pieces[0] == ("…", False)
    assert ("Target", True) in pieces


def test_populations_and_budgets_fall_in_their_bands() -> None:
    assert rules.band_of(None, rules.CITY_SIZES) == rules.UNKNOWN
    assert rules.band_of(499_999, rules.CITY_SIZES) == "under-500k"
    assert rules.band_of(500_000, rules.CITY_SIZES) == "500k-1m"
    assert rules.band_of(10_000_000, rules.CITY_SIZES) == "over-10m"
    assert rules.band_of(Decimal("99999.99"), rules.BUDGETS) == "under-100k"
    assert rules.band_of(Decimal(100_000_000), rules.BUDGETS) == "over-100m"


@given(st.integers(min_value=0, max_value=10**15))
def test_every_population_has_exactly_one_band(population: int) -> None:
    inside = [
        b
        for b in rules.CITY_SIZES
        if (b.low is None or population >= b.low) and (b.high is None or population < b.high)
    ]
    assert len(inside) == 1
    assert rules.band_of(population, rules.CITY_SIZES) == inside[0].key


@given(st.text(max_size=80))
def test_a_text_always_matches_its_own_words(text: str) -> None:
    folded = search_text(text)
    assert rules.matches(folded, rules.query_words(text))


@given(st.text(max_size=60), st.text(max_size=60))
def test_matching_ignores_accents_and_case(text: str, noise: str) -> None:
    folded = search_text(noise, text)
    assert rules.matches(folded, rules.query_words(text.upper()))
    assert rules.matches(folded, rules.query_words(fold(text)))


@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=8), max_size=4))
def test_the_highlight_keeps_the_text_it_shows(text: str, query: list[str]) -> None:
    pieces = rules.highlight(text, [fold(q) for q in query], limit=1000)
    shown = "".join(p for p, _ in pieces)
    assert shown == text or not text


profiles = st.builds(
    rules.Profile,
    project_id=st.integers(1, 50),
    themes=st.frozensets(st.sampled_from(["Mobility", "Labs", "Water", "Energy"])),
    sdgs=st.frozensets(st.integers(1, 17), max_size=4),
    terms=st.frozensets(st.sampled_from(["waste", "sensor", "bus", "tram", "solar"])),
)
WEIGHTS = {"waste": 2.0, "sensor": 1.5, "bus": 0.5, "tram": 3.0, "solar": 0.0}


@given(profiles, st.lists(profiles, max_size=12))
def test_most_alike_never_offers_the_project_itself_and_is_ordered(
    me: rules.Profile, others: list[rules.Profile]
) -> None:
    best = rules.most_alike(me, others, WEIGHTS, limit=20)
    assert all(b.project_id != me.project_id for b in best)
    keys = [(-b.score, b.project_id) for b in best]
    assert keys == sorted(keys)
    assert all(0 < b.score <= 1 for b in best)
    assert best == rules.most_alike(me, list(reversed(others)), WEIGHTS, limit=20) or len(
        {o.project_id for o in others}
    ) < len(others)


@given(profiles, profiles)
def test_each_reason_is_something_both_share(a: rules.Profile, b: rules.Profile) -> None:
    found = rules.likeness(a, b, WEIGHTS)
    assert set(found.shared_themes) <= a.themes & b.themes
    assert set(found.shared_terms) <= a.terms & b.terms
    assert set(found.shared_sdgs) == a.sdgs & b.sdgs
    assert "solar" not in found.shared_terms  # a word in every project says nothing


def test_rarer_words_weigh_more() -> None:
    assert rules.rarity(1, 1000) > rules.rarity(100, 1000) > rules.rarity(1000, 1000)
    assert rules.rarity(1000, 1000) == 0


def test_distinctive_words_leave_out_stop_words_numbers_and_short_words() -> None:
    text = search_text("The waste of the city", "waste 2024 bus 북촌 of waste")
    assert rules.distinctive_candidates(text) == ["waste", "bus", "북촌"]
