"""The representation rule as pure checks (seed 004, Scope and para. 8)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from intercity.plans import rules_representation as rules

INAUGURAL = rules.Rule(3, True, dt.date(2018, 1, 1), "004, Scope and para. 8")
DAY = dt.date(2018, 6, 1)
THAILAND = rules.StateCities("Thailand", ["Bangkok", "Chonburi", "Phuket"], "Bangkok")


def test_a_fourth_city_is_refused_with_the_numbers_and_the_source():
    ruling = rules.may_nominate(INAUGURAL, THAILAND, "Chiang Mai", DAY)
    assert not ruling.allowed
    assert (ruling.count, ruling.limit) == (3, 3)
    assert "already has 3 pilot cities (Bangkok, Chonburi, Phuket)" in ruling.reason
    assert "up to 3" in ruling.reason
    assert "004, Scope and para. 8" in ruling.reason


def test_a_city_already_nominated_is_said_so_whatever_its_spelling():
    ruling = rules.may_nominate(INAUGURAL, THAILAND, "  PHUKET ", DAY)
    assert not ruling.allowed
    assert "already a pilot city of Thailand" in ruling.reason


def test_a_second_city_fits_and_the_answer_counts_places():
    laos = rules.StateCities("Laos", ["Vientiane"], "Vientiane")
    ruling = rules.may_nominate(INAUGURAL, laos, "Luang Prabang", DAY)
    assert ruling.allowed
    assert "1 of 3 places" in ruling.reason
    assert "number 2" in ruling.reason


def test_the_last_place_is_kept_for_the_capital():
    state = rules.StateCities("Laos", ["Luang Prabang", "Pakse"], "Vientiane")
    refused = rules.may_nominate(INAUGURAL, state, "Savannakhet", DAY)
    assert not refused.allowed
    assert "kept for Vientiane" in refused.reason
    assert rules.may_nominate(INAUGURAL, state, "Vientiane", DAY).allowed


def test_no_rule_before_the_first_one_takes_effect():
    assert rules.rule_in_force([INAUGURAL], dt.date(2017, 12, 31)) is None
    ruling = rules.may_nominate(None, THAILAND, "Chiang Mai", dt.date(2017, 12, 31))
    assert not ruling.allowed
    assert ruling.limit is None
    assert "No representation rule" in ruling.reason


def test_a_later_rule_makes_room_for_expansion():
    later = rules.Rule(5, True, dt.date(2026, 1, 1), "expansion")
    assert rules.rule_in_force([INAUGURAL, later], dt.date(2025, 12, 31)) == INAUGURAL
    assert rules.rule_in_force([INAUGURAL, later], dt.date(2026, 1, 1)) == later
    assert rules.may_nominate(later, THAILAND, "Chiang Mai", dt.date(2026, 2, 1)).allowed


def test_malaysias_four_cities_disagree_with_the_rule_and_it_says_why():
    malaysia = rules.StateCities(
        "Malaysia", ["Johor Bahru", "Kota Kinabalu", "Kuala Lumpur", "Kuching"], "Kuala Lumpur"
    )
    said = rules.disagreement(INAUGURAL, malaysia)
    assert "4 pilot cities" in said
    assert "1 more than the 3" in said
    assert "room for expansion" in said
    assert rules.disagreement(INAUGURAL, THAILAND) == ""


def test_a_list_without_its_capital_is_pointed_out():
    state = rules.StateCities("Laos", ["Luang Prabang"], "Vientiane")
    assert "Vientiane is not one of Laos's" in rules.disagreement(INAUGURAL, state)


@given(
    limit=st.integers(min_value=1, max_value=6),
    names=st.lists(st.sampled_from([f"City {i}" for i in range(12)]), max_size=20),
)
def test_nominating_one_by_one_never_passes_the_limit(limit, names):
    rule = rules.Rule(limit, True, dt.date(2018, 1, 1), "rule")
    cities: list[str] = []
    for name in names:
        state = rules.StateCities("State", list(cities), "City 0")
        if rules.may_nominate(rule, state, name, DAY).allowed:
            cities.append(name)
    assert len(cities) <= limit
    assert len(set(cities)) == len(cities)
    if len(cities) == limit:
        assert "City 0" in cities
