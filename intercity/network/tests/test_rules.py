import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intercity.network.rules import PeriodState, parse_incumbent_term, refuse_membership_change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-2018", (2014, 2018)),
        ("2015 – 2019", (2015, 2019)),
        ("2016", (2016, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_incumbent_term_is_read_as_years(text, expected):
    assert parse_incumbent_term(text) == expected


@pytest.mark.parametrize("text", ["since 2014", "2018-2014", "14-18"])
def test_unreadable_or_backwards_terms_are_refused(text):
    with pytest.raises(ValueError, match="term"):
        parse_incumbent_term(text)


def test_a_membership_starts_active():
    start = PeriodState(dt.date(2017, 1, 1), "full", "withdrawn")
    assert refuse_membership_change(None, start) == "A membership starts as an active membership."
    assert (
        refuse_membership_change(None, PeriodState(dt.date(2017, 1, 1), "full", "active")) is None
    )


def test_a_change_cannot_predate_the_period_it_closes():
    current = PeriodState(dt.date(2017, 6, 27), "full", "active")
    refusal = refuse_membership_change(
        current, PeriodState(dt.date(2017, 6, 1), "full", "withdrawn")
    )
    assert refusal is not None
    assert "after 2017-06-27" in refusal


def test_a_change_must_change_something():
    current = PeriodState(dt.date(2017, 6, 27), "full", "active")
    refusal = refuse_membership_change(current, PeriodState(dt.date(2018, 1, 1), "full", "active"))
    assert refusal == "The membership is already full (active)."


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
states = st.sampled_from(["active", "suspended", "withdrawn"])
categories = st.sampled_from(["full", "associate", "friendship"])


@given(dates, categories, states, dates, categories, states)
def test_a_later_real_change_is_always_accepted_and_an_earlier_one_never(d1, c1, s1, d2, c2, s2):
    refusal = refuse_membership_change(PeriodState(d1, c1, s1), PeriodState(d2, c2, s2))
    if d2 > d1 and (c1, s1) != (c2, s2):
        assert refusal is None
    else:
        assert refusal is not None
