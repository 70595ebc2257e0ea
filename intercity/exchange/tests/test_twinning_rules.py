"""The twinning rules and the library behind them: for random rankings (incomplete lists,
unequal sides, either side proposing) the stable matching has no blocking pair, pairs nobody
with someone they did not rank, gives each city at most one partner and no partner more
cities than it takes; and the checks themselves catch what they are there to catch."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.exchange import rules_twinning as rules
from intercity.exchange.services.twinning import stable_matching


@st.composite
def rankings(draw: st.DrawFn) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Cities c0.. and partners p0.. in unequal numbers, each ranking a random subset of the
    other side in a random order (some rank nobody)."""
    n_cities = draw(st.integers(0, 7))
    n_partners = draw(st.integers(0, 7))
    cities = [f"c{i}" for i in range(n_cities)]
    partners = [f"p{i}" for i in range(n_partners)]

    def ranking(others: list[str]) -> list[str]:
        chosen = draw(st.lists(st.sampled_from(others), unique=True) if others else st.just([]))
        return list(chosen)

    return (
        {c: ranking(partners) for c in cities},
        {p: ranking(cities) for p in partners},
    )


def _check(prefs_a, prefs_b, matched, capacity):
    assert rules.validity_problems(prefs_a, prefs_b, matched, capacity) == []
    assert rules.blocking_pairs(prefs_a, prefs_b, matched, capacity) == []
    for city, partner in matched.items():  # individually rational, both ways
        assert partner in prefs_a[city]
        assert city in prefs_b[partner]
    taken = list(matched.values())
    assert all(taken.count(p) <= capacity for p in set(taken))


@settings(max_examples=300, deadline=None)
@given(rankings(), st.sampled_from(["cities", "partners"]))
def test_the_stable_matching_has_no_blocking_pair_whichever_side_proposes(lists, proposing):
    prefs_a, prefs_b = lists
    matched = stable_matching(prefs_a, prefs_b, 1, proposing)
    _check(prefs_a, prefs_b, matched, 1)


@settings(max_examples=200, deadline=None)
@given(rankings(), st.sampled_from(["cities", "partners"]), st.integers(1, 3))
def test_a_partner_taking_several_cities_still_gets_a_stable_matching(lists, proposing, capacity):
    prefs_a, prefs_b = lists
    matched = stable_matching(prefs_a, prefs_b, capacity, proposing)
    _check(prefs_a, prefs_b, matched, capacity)


def _all_matchings(prefs_a, prefs_b):
    """Every individually rational one-to-one matching (brute force, for small cases)."""
    cities = list(prefs_a)
    options = [[None, *[p for p in prefs_a[c] if c in prefs_b.get(p, [])]] for c in cities]
    for choice in itertools.product(*options):
        taken = [p for p in choice if p is not None]
        if len(taken) == len(set(taken)):
            yield {c: p for c, p in zip(cities, choice, strict=True) if p is not None}


@settings(max_examples=150, deadline=None)
@given(rankings())
def test_the_proposing_side_gets_its_best_stable_matching(lists):
    """Checked by brute force over every stable matching: with the cities proposing, no city
    does better in any stable matching; with the partners proposing, no partner does."""
    prefs_a, prefs_b = lists
    stable = [
        m for m in _all_matchings(prefs_a, prefs_b) if not rules.blocking_pairs(prefs_a, prefs_b, m)
    ]
    assert stable  # a stable matching always exists
    by_cities = stable_matching(prefs_a, prefs_b, 1, "cities")
    by_partners = stable_matching(prefs_a, prefs_b, 1, "partners")

    def city_rank(m, c):
        return prefs_a[c].index(m[c]) if c in m else len(prefs_a[c])

    def partner_rank(m, p):
        inverse = {v: k for k, v in m.items()}
        return prefs_b[p].index(inverse[p]) if p in inverse else len(prefs_b[p])

    for other in stable:
        assert all(city_rank(by_cities, c) <= city_rank(other, c) for c in prefs_a)
        assert all(partner_rank(by_partners, p) <= partner_rank(other, p) for p in prefs_b)


def test_a_blocking_pair_is_found_and_explained():
    prefs_a = {"Da Nang": ["Partner A", "Partner B"], "Cebu City": ["Partner A"]}
    prefs_b = {"Partner A": ["Da Nang", "Cebu City"], "Partner B": ["Da Nang"]}
    # Da Nang would rather have Partner A, who would rather have Da Nang than Cebu City.
    blocking = rules.blocking_pairs(
        prefs_a, prefs_b, {"Da Nang": "Partner B", "Cebu City": "Partner A"}
    )
    assert [(b.city, b.partner) for b in blocking] == [("Da Nang", "Partner A")]
    assert blocking[0].explanation == (
        "Da Nang ranked Partner A above Partner B, and Partner A ranked Da Nang above Cebu City."
    )
    summary = rules.stability_summary(
        prefs_a, prefs_b, {"Da Nang": "Partner B", "Cebu City": "Partner A"}
    )
    assert summary.startswith("Not stable: 1 blocking pair.")


def test_an_unpaired_city_and_a_partner_with_room_block():
    prefs = {"c": ["p"]}, {"p": ["c"]}
    blocking = rules.blocking_pairs(*prefs, {})
    assert blocking[0].explanation == "c has no partner, and p has room for another city."
    assert rules.stability_summary(*prefs, {"c": "p"}) == "No blocking pair: stable."


def test_a_pair_that_one_side_did_not_rank_is_not_valid():
    prefs_a = {"c0": ["p0"], "c1": ["p0"]}
    prefs_b = {"p0": ["c0"]}
    problems = rules.validity_problems(prefs_a, prefs_b, {"c1": "p0"})
    assert problems == ["p0 is paired with c1, which it did not rank."]
    crowded = rules.validity_problems(
        {"c0": ["p0"], "c1": ["p0"]}, {"p0": ["c0", "c1"]}, {"c0": "p0", "c1": "p0"}
    )
    assert crowded == ["p0 is paired with 2 cities; it takes at most 1."]
    assert rules.validity_problems(prefs_a, prefs_b, {"c9": "p0"}) == [
        "c9 is not a city taking part."
    ]


def test_one_sided_wishes_are_cut_and_those_left_with_nobody_leave():
    cities, partners = rules.acceptable_lists(
        {"c0": ["p0", "p1"], "c1": ["p1"]}, {"p0": ["c1"], "p1": ["c0"]}
    )
    assert cities == {"c0": ["p1"]}
    assert partners == {"p1": ["c0"]}


def test_a_ranking_naming_someone_twice_or_a_stranger_is_refused():
    problems = rules.ranking_problems(["p0", "p0", "x"], ["p0", "p1"])
    assert problems == [
        "p0 is ranked 2 times; rank each one once.",
        "x is not taking part on the other side.",
    ]
    assert rules.ranking_problems(["p1", "p0"], ["p0", "p1"]) == []


def test_the_ranks_say_where_each_put_the_other():
    ranks = rules.ordinal_ranks({"c": ["p1", "p0"]}, {"p0": ["c"]}, "c", "p0")
    assert ranks == rules.Ranks(city_rank=2, city_ranked=2, partner_rank=1, partner_ranked=1)


def test_a_round_moves_one_step_forward_only():
    assert rules.may_move(rules.OPEN, rules.MATCHED)
    assert rules.may_move(rules.CONFIRMED, rules.PUBLISHED)
    assert not rules.may_move(rules.MATCHED, rules.PUBLISHED)
    assert not rules.may_move(rules.PUBLISHED, rules.OPEN)
