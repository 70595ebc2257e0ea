"""The roll-up's arithmetic: weights, missing years, dropped lines, and a report's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from intercity.plans import rules_plans as rules
from intercity.plans.rules_plans import LineInput, ReportInput


def line(
    pk: int,
    reports: list[tuple[int, str, str]],
    budget: str | None = None,
    currency: str = "THB",
    city: int = 1,
) -> LineInput:
    return LineInput(
        line_id=pk,
        title=f"line {pk}",
        city_id=city,
        city=f"city {city}",
        state="TH",
        budget=Decimal(budget) if budget is not None else None,
        currency=currency if budget is not None else "",
        reports=tuple(
            ReportInput(year, dt.date(year, 12, 1), status, Decimal(pct))
            for year, status, pct in reports
        ),
    )


def test_lines_with_budgets_in_one_currency_are_weighted_by_budget() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2020,
        [
            line(1, [(2020, "on_track", "10")], budget="300"),
            line(2, [(2020, "on_track", "50")], budget="100"),
        ],
    )
    assert result.weighting == rules.BUDGET
    # 3/4 * 10 + 1/4 * 50 = 20
    assert result.percent == Fraction(20)
    assert [f.weight for f in result.lines] == [Fraction(3, 4), Fraction(1, 4)]
    assert "weighted by their budgets" in result.explanation


def test_a_line_without_budget_makes_every_line_count_equally() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2020,
        [line(1, [(2020, "on_track", "10")], budget="300"), line(2, [(2020, "delayed", "50")])],
    )
    assert result.weighting == rules.EQUAL
    assert result.percent == Fraction(30)
    assert "weighted equally" in result.explanation


def test_budgets_in_two_currencies_are_not_added_up() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2020,
        [
            line(1, [(2020, "on_track", "10")], budget="300", currency="THB"),
            line(2, [(2020, "on_track", "40")], budget="100", currency="USD"),
        ],
    )
    assert result.weighting == rules.EQUAL
    assert result.percent == Fraction(25)


def test_a_missing_year_carries_the_last_report_forward_and_says_so() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2021,
        [
            line(1, [(2019, "on_track", "20"), (2020, "on_track", "35")]),
            line(2, [(2021, "on_track", "65")]),
        ],
    )
    first = result.lines[0]
    assert first.basis == rules.CARRIED_FORWARD
    assert first.from_year == 2020
    assert first.percent == Decimal("35")
    assert result.percent == Fraction(50)
    assert "carried forward" in result.explanation
    assert "2020" in result.explanation


def test_a_line_never_reported_is_left_out_and_counted_as_not_reported() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2020,
        [line(1, [(2020, "on_track", "40")]), line(2, [(2021, "on_track", "90")])],
    )
    assert result.lines[1].basis == rules.NOT_REPORTED
    assert result.lines[1].weight == 0
    assert result.percent == Fraction(40)
    assert result.count(rules.NOT_REPORTED) == 1
    assert "never reported" in result.explanation


def test_a_dropped_line_is_left_out() -> None:
    result = rules.city_rollup(
        1,
        "Bangkok",
        2022,
        [
            line(1, [(2020, "dropped", "10")], budget="900"),
            line(2, [(2022, "on_track", "70")], budget="100"),
        ],
    )
    assert result.lines[0].basis == rules.LEFT_OUT_DROPPED
    assert result.weighting == rules.BUDGET
    assert result.percent == Fraction(70)


def test_a_city_with_no_report_has_no_figure() -> None:
    result = rules.city_rollup(1, "Bangkok", 2018, [line(1, [(2019, "on_track", "10")])])
    assert result.percent is None
    assert result.shown is None
    assert "No line of Bangkok" in result.explanation


def test_a_state_averages_its_cities_each_counting_once() -> None:
    big = rules.city_rollup(
        1, "Bangkok", 2020, [line(i, [(2020, "on_track", "90")]) for i in range(5)]
    )
    small = rules.city_rollup(2, "Phuket", 2020, [line(9, [(2020, "delayed", "30")], city=2)])
    silent = rules.city_rollup(3, "Chonburi", 2020, [line(10, [], city=3)])
    state = rules.group_rollup(rules.BY_STATE, "TH", "Thailand", 2020, [big, small, silent])
    assert state.percent == Fraction(60)
    assert state.shown == Decimal("60.0")
    assert "Chonburi" in state.explanation
    assert len(state.lines) == 7


def test_shown_rounds_half_up_to_one_decimal() -> None:
    assert rules.shown(Fraction(1, 3) * 100) == Decimal("33.3")
    assert rules.shown(Fraction(125, 1000)) == Decimal("0.1")


@given(
    st.lists(
        st.tuples(st.integers(0, 100), st.one_of(st.none(), st.integers(1, 10_000))),
        min_size=1,
        max_size=8,
    )
)
def test_a_city_figure_lies_between_its_lines_figures(values: list[tuple[int, int | None]]) -> None:
    lines = [
        line(i, [(2020, "on_track", str(pct))], budget=str(b) if b is not None else None)
        for i, (pct, b) in enumerate(values)
    ]
    result = rules.city_rollup(1, "X", 2020, lines)
    assert result.percent is not None
    assert min(p for p, _ in values) <= result.percent <= max(p for p, _ in values)
    assert sum(f.weight for f in result.lines) == 1


def check(**overrides: object) -> rules.Ruling:
    args: dict[str, object] = {
        "status": "on_track",
        "percent": Decimal("40"),
        "year": 2020,
        "as_of": dt.date(2020, 12, 1),
        "first_year": 2018,
        "last_year": 2025,
        "today": dt.date(2024, 1, 1),
        "previous_status": "on_track",
    }
    args.update(overrides)
    return rules.check_report(**args)  # type: ignore[arg-type]


def test_a_report_consistent_with_its_status_is_allowed() -> None:
    assert check().allowed


def test_a_report_that_breaks_a_rule_is_refused_with_its_reason() -> None:
    assert "100%" in check(status="completed").reason
    assert "0%" in check(status="not_started").reason
    assert not check(percent=Decimal("101")).allowed
    assert "future" in check(as_of=dt.date(2024, 6, 1), year=2024).reason
    assert "2018 to 2025" in check(year=2026, as_of=dt.date(2026, 1, 1)).reason
    assert "completed" in check(previous_status="completed").reason
    assert "dropped" in check(previous_status="dropped").reason
    assert not check(status="paused").allowed


def test_indicator_share_measures_the_way_from_baseline_to_target() -> None:
    assert rules.indicator_share(Decimal("10"), Decimal("30"), Decimal("25")) == Fraction(3, 4)
    assert rules.indicator_share(Decimal("5"), Decimal("5"), Decimal("7")) is None
