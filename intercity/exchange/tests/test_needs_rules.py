"""The pair quality and the matching: who may be paired, how many points and why, and a
matching whose total no other assignment beats (checked by trying every one)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.exchange import rules_needs as rules
from intercity.exchange.rules_needs import Side

D = dt.date


def need(**kw):
    base = {"id": 1, "city": 10, "theme": "mobile-government", "languages": frozenset({"en"})}
    return Side(**{**base, **kw})


def offer(**kw):
    base = {"id": 1, "city": 20, "theme": "mobile-government", "languages": frozenset({"en"})}
    return Side(**{**base, **kw})


def test_a_city_is_never_paired_with_itself():
    q = rules.quality(need(city=5), offer(city=5))
    assert not q.candidate
    assert q.refusal == rules.SAME_CITY


def test_cities_without_a_shared_language_are_not_paired():
    q = rules.quality(need(languages=frozenset({"ko"})), offer(languages=frozenset({"es"})))
    assert not q.candidate
    assert q.refusal == rules.NO_LANGUAGE


def test_periods_that_do_not_overlap_are_not_paired():
    q = rules.quality(
        need(start=D(2026, 1, 1), end=D(2026, 3, 31)), offer(start=D(2026, 4, 1), end=None)
    )
    assert not q.candidate
    assert q.refusal == rules.NO_OVERLAP


def test_a_different_theme_and_module_is_not_a_pair():
    q = rules.quality(need(theme="big-data-gis"), offer(theme="mobile-government"))
    assert not q.candidate
    assert q.refusal == rules.UNRELATED


def test_the_same_module_pairs_across_themes():
    q = rules.quality(
        need(theme="big-data-gis", module="e-procurement"),
        offer(theme="e-public-administration", module="e-procurement"),
    )
    assert q.candidate
    assert [r.code for r in q.reasons] == ["module", "language"]
    assert q.score == rules.POINTS["module"] + rules.POINTS["language"]


def test_every_reason_counts_its_points_and_is_told():
    q = rules.quality(
        need(
            module="bus-information-system",
            gap_modules=frozenset({"bus-information-system"}),
            region="asia",
            forms=frozenset({"training", "study_visit"}),
            start=D(2026, 1, 1),
            end=D(2026, 6, 30),
            languages=frozenset({"en", "ko"}),
        ),
        offer(
            module="bus-information-system",
            region="asia",
            forms=frozenset({"training"}),
            start=D(2026, 6, 1),
            end=D(2026, 12, 31),
            languages=frozenset({"ko"}),
        ),
    )
    assert [r.code for r in q.reasons] == [
        "theme",
        "module",
        "gap",
        "language",
        "form",
        "region",
        "period",
    ]
    assert q.score == sum(rules.POINTS.values()) == 105
    words = [rules.reason_text(r.as_dict(), {"language": {"ko": "Korean"}}) for r in q.reasons]
    assert "They share a language: Korean. (+10)" in words
    assert any("self-assessment found a gap" in w for w in words)


def test_an_open_period_neither_refuses_nor_earns_the_overlap():
    q = rules.quality(need(start=D(2026, 1, 1)), offer(end=D(2026, 12, 31)))
    assert q.candidate
    assert "period" not in [r.code for r in q.reasons]


def test_the_matching_prefers_total_quality_over_the_number_of_pairs():
    # Need 1 fits offer A very well (100) and offer B barely (40); need 2 fits only A (40).
    # Two pairs (1-B, 2-A) make 80; the one pair 1-A makes 100, and wins.
    n1 = need(
        id=1,
        city=1,
        module="m",
        gap_modules=frozenset({"m"}),
        forms=frozenset({"training"}),
        region="asia",
        languages=frozenset({"en", "ko"}),
    )
    n2 = need(id=2, city=2)
    a = offer(id=1, city=3, module="m", forms=frozenset({"training"}), region="asia")
    b = offer(id=2, city=4, languages=frozenset({"ko"}))
    assert rules.quality(n1, a).score == 100
    result = rules.match([n1, n2], [a, b])
    assert [(p.need, p.offer) for p in result.pairs] == [(1, 1)]
    assert result.total == 100 == rules.brute_force_total([n1, n2], [a, b])
    assert result.unmatched == {2: rules.TAKEN}
    assert "total quality 100" in result.explanation


def test_an_offer_serves_no_more_cities_than_its_capacity():
    needs = [need(id=i, city=i) for i in range(1, 5)]
    result = rules.match(needs, [offer(id=9, city=99, capacity=2)])
    assert len(result.pairs) == 2
    assert sorted(result.unmatched.values()) == [rules.TAKEN, rules.TAKEN]


def test_a_need_without_any_possible_offer_is_said_so():
    result = rules.match([need(languages=frozenset({"ru"}))], [offer()])
    assert result.pairs == ()
    assert result.unmatched == {1: rules.NO_CANDIDATE}
    assert rules.refusal_text(rules.NO_CANDIDATE) == "No open offer could meet this need."


THEMES = ["a", "b"]
LANGS = ["en", "ko", "es"]


@st.composite
def sides(draw, count_max: int, offer_side: bool):
    count = draw(st.integers(0, count_max))
    found = []
    for i in range(count):
        start = draw(st.none() | st.integers(0, 10))
        length = draw(st.integers(0, 6))
        found.append(
            Side(
                id=i + 1,
                city=draw(st.integers(1, 4)),
                theme=draw(st.sampled_from(THEMES)),
                module=draw(st.sampled_from(["", "m1", "m2"])),
                region=draw(st.sampled_from(["", "r1", "r2"])),
                languages=frozenset(draw(st.sets(st.sampled_from(LANGS), min_size=1))),
                forms=frozenset(draw(st.sets(st.sampled_from(["training", "study_visit"])))),
                start=None if start is None else D(2026, 1, 1) + dt.timedelta(days=start),
                end=None if start is None else D(2026, 1, 1) + dt.timedelta(days=start + length),
                capacity=draw(st.integers(1, 2)) if offer_side else 1,
                gap_modules=frozenset()
                if offer_side
                else frozenset(draw(st.sets(st.sampled_from(["m1", "m2"])))),
            )
        )
    return found


@settings(max_examples=150)
@given(needs=sides(5, offer_side=False), offers=sides(3, offer_side=True))
def test_the_matching_is_optimal_and_within_capacity(needs, offers):
    result = rules.match(needs, offers)
    assert result.total == rules.brute_force_total(needs, offers)
    assert result.total == sum(p.score for p in result.pairs)
    assert len({p.need for p in result.pairs}) == len(result.pairs)
    capacity = {o.id: o.capacity for o in offers}
    for offer_id in {p.offer for p in result.pairs}:
        assert sum(1 for p in result.pairs if p.offer == offer_id) <= capacity[offer_id]
    by_id_n = {n.id: n for n in needs}
    by_id_o = {o.id: o for o in offers}
    for p in result.pairs:
        q = rules.quality(by_id_n[p.need], by_id_o[p.offer])
        assert q.candidate
        assert q.score == p.score
        assert p.reasons
    assert set(result.unmatched) == set(by_id_n) - {p.need for p in result.pairs}
