"""The training rules: the fair selection rule (hypothesis), survey arithmetic, eligibility for
a certificate and the verification code's form."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from intercity.learning import rules_training as rules


def candidate(i: int, city: int, *, endorsed: bool = True, new: bool = False) -> rules.Candidate:
    return rules.Candidate(i, city, f"City {city}", endorsed, i, new)


candidates = st.lists(st.tuples(st.integers(1, 6), st.booleans(), st.booleans()), max_size=30).map(
    lambda rows: [
        rules.Candidate(i, city, f"City {city}", endorsed, i, new)
        for i, (city, endorsed, new) in enumerate(rows)
    ]
)


@given(candidates, st.integers(0, 25), st.integers(1, 4), st.booleans())
def test_selection_respects_capacity_city_limit_and_endorsement(found, capacity, limit, new_first):
    outcomes = rules.select(
        found, capacity=capacity, per_city_limit=limit, new_cities_first=new_first
    )
    by_id = {c.id: c for c in found}
    assert sorted(o.id for o in outcomes) == sorted(c.id for c in found)
    selected = [o for o in outcomes if o.decision == rules.SELECTED]
    assert len(selected) <= capacity
    per_city = Counter(by_id[o.id].city_id for o in selected)
    assert all(n <= limit for n in per_city.values())
    assert all(by_id[o.id].endorsed for o in selected)
    assert all(o.reason for o in outcomes)
    # Nobody eligible waits while a place is free.
    waiting = [o for o in outcomes if o.decision == rules.WAITLISTED]
    if len(selected) < capacity:
        assert all(per_city[by_id[o.id].city_id] == limit for o in waiting)


@given(candidates, st.integers(1, 25), st.integers(2, 4))
def test_no_city_has_a_second_place_while_another_city_waits_for_its_first(found, capacity, limit):
    outcomes = rules.select(found, capacity=capacity, per_city_limit=limit, new_cities_first=True)
    by_id = {c.id: c for c in found}
    selected_cities = Counter(by_id[o.id].city_id for o in outcomes if o.decision == rules.SELECTED)
    waiting_cities = {by_id[o.id].city_id for o in outcomes if o.decision == rules.WAITLISTED}
    if any(n >= 2 for n in selected_cities.values()):
        assert all(selected_cities[city] >= 1 for city in waiting_cities)


def test_new_cities_come_first_within_a_round_and_the_reason_says_so():
    found = [candidate(1, 1), candidate(2, 2, new=True), candidate(3, 3)]
    outcomes = {
        o.id: o for o in rules.select(found, capacity=2, per_city_limit=1, new_cities_first=True)
    }
    assert outcomes[2].decision == rules.SELECTED
    assert outcomes[2].rank == 1
    assert "new to the programme" in outcomes[2].reason
    assert outcomes[1].decision == rules.SELECTED
    assert outcomes[3].decision == rules.WAITLISTED
    assert "All 2 places" in outcomes[3].reason


def test_a_third_officer_of_a_city_waits_when_the_limit_is_two():
    found = [candidate(1, 1), candidate(2, 1), candidate(3, 1)]
    outcomes = {
        o.id: o for o in rules.select(found, capacity=10, per_city_limit=2, new_cities_first=False)
    }
    assert [outcomes[i].decision for i in (1, 2, 3)] == ["selected", "selected", "waitlisted"]
    assert "already has 2 places" in outcomes[3].reason


def test_an_application_without_the_city_endorsement_is_not_selected():
    outcome = rules.select(
        [candidate(1, 1, endorsed=False)], capacity=5, per_city_limit=2, new_cities_first=True
    )[0]
    assert outcome.decision == rules.NOT_SELECTED
    assert outcome.rank is None
    assert "endorsed" in outcome.reason


def test_survey_shares_are_exact_fractions_and_the_per_cent_rounds_half_up():
    answers = [
        {
            "lecture_contents": 5,
            "lecturers": 4,
            "accommodation": 4,
            "visits": 3,
        },  # mean 4: satisfied
        {"lecture_contents": 3, "lecturers": 4, "accommodation": 4, "visits": 4},  # 3.75: not
        {"lecture_contents": 5, "lecturers": 5, "accommodation": 5, "visits": 5},
    ]
    result = rules.survey_result(answers)
    assert result.respondents == 3
    assert result.satisfied == Fraction(2, 3)
    assert rules.percent(result.satisfied) == rules.Decimal("66.7")
    assert result.by_aspect["visits"] == Fraction(2, 3)
    assert result.mean_by_aspect["lecture_contents"] == Fraction(13, 3)
    assert rules.percent(Fraction(1, 8)) == rules.Decimal("12.5")
    assert rules.percent(Fraction(1, 2000)) == rules.Decimal("0.1")  # 0.05 rounds up


@given(st.lists(st.fixed_dictionaries({a: st.integers(1, 5) for a in rules.ASPECTS}), min_size=1))
def test_the_satisfied_share_counts_respondents_whose_mean_is_at_least_four(answers):
    result = rules.survey_result(answers)
    expected = sum(1 for a in answers if sum(a.values()) >= 16)
    assert result.satisfied == Fraction(expected, len(answers))
    assert 0 <= rules.percent(result.satisfied) <= 100


def test_an_empty_survey_has_no_respondents():
    assert rules.survey_result([]).respondents == 0


def test_a_certificate_needs_selection_attendance_and_every_lesson():
    assert not rules.may_have_certificate(
        selected=False, attended=True, lessons=0, completed=0
    ).allowed
    assert not rules.may_have_certificate(
        selected=True, attended=None, lessons=0, completed=0
    ).allowed
    unfinished = rules.may_have_certificate(selected=True, attended=True, lessons=3, completed=1)
    assert not unfinished.allowed
    assert "2 of the session's 3 lessons" in unfinished.reason
    assert rules.may_have_certificate(selected=True, attended=True, lessons=3, completed=3).allowed


def test_applying_needs_a_member_city_and_an_open_call():
    day = dt.date(2027, 3, 1)
    kwargs = {"opens_on": dt.date(2027, 1, 1), "closes_on": dt.date(2027, 4, 30), "already": False}
    assert rules.may_apply(today=day, is_member=True, **kwargs).allowed
    assert not rules.may_apply(today=day, is_member=False, **kwargs).allowed
    assert not rules.may_apply(today=dt.date(2027, 5, 1), is_member=True, **kwargs).allowed
    assert not rules.may_apply(today=dt.date(2026, 12, 31), is_member=True, **kwargs).allowed


@given(st.binary(min_size=16, max_size=16))
def test_a_verification_code_is_three_groups_of_four_unambiguous_characters(raw):
    code = rules.verification_code(raw)
    assert len(code) == 14
    assert code[4] == code[9] == "-"
    assert not set(code) & set("01ILO")


@given(st.integers(1, 200), st.integers(0, 200))
def test_a_capacity_is_accepted_exactly_when_it_keeps_a_place_for_everyone_selected(
    capacity, selected
):
    start = dt.date(2027, 5, 3)
    ruling = rules.may_change_session(
        cancelled=False, starts_on=start, ends_on=start, capacity=capacity, selected=selected
    )
    assert ruling.allowed == (capacity >= selected)
    if not ruling.allowed:
        assert str(selected) in ruling.reason


@given(st.integers(-30, 30))
def test_a_session_ends_on_or_after_the_day_it_starts(days):
    start = dt.date(2027, 5, 3)
    ruling = rules.may_change_session(
        cancelled=False,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days),
        capacity=10,
        selected=0,
    )
    assert ruling.allowed == (days >= 0)


def test_a_session_without_an_end_date_and_a_cancelled_session():
    start = dt.date(2027, 5, 3)
    assert rules.may_change_session(
        cancelled=False, starts_on=start, ends_on=None, capacity=1, selected=0
    ).allowed
    refused = rules.may_change_session(
        cancelled=True, starts_on=start, ends_on=None, capacity=1, selected=0
    )
    assert not refused.allowed
    assert "cancelled" in refused.reason


@given(st.integers(-20, 20), st.booleans(), st.booleans(), st.booleans())
def test_a_call_is_reopened_only_before_its_closing_day_if_closed_early_and_nobody_selected(
    days_left, closed_early, selected, cancelled
):
    closes = dt.date(2027, 3, 31)
    today = closes - dt.timedelta(days=days_left)
    ruling = rules.may_reopen_call(
        cancelled=cancelled,
        closes_on=closes,
        closed_early=closed_early,
        selected=selected,
        today=today,
    )
    assert ruling.allowed == (closed_early and not selected and not cancelled and today <= closes)
    assert ruling.allowed or ruling.reason


@given(st.integers(-20, 20), st.booleans(), st.booleans())
def test_a_call_is_closed_early_once_and_only_before_its_closing_day(
    days_left, closed_early, cancelled
):
    closes = dt.date(2027, 3, 31)
    today = closes - dt.timedelta(days=days_left)
    ruling = rules.may_close_call_early(
        cancelled=cancelled, closes_on=closes, closed_early=closed_early, today=today
    )
    assert ruling.allowed == (not closed_early and not cancelled and today <= closes)


def test_an_application_to_a_call_closed_early_or_a_cancelled_session_is_refused_in_words():
    day = dt.date(2027, 3, 1)
    common = {
        "opens_on": day,
        "closes_on": day + dt.timedelta(days=30),
        "today": day,
        "is_member": True,
        "already": False,
    }
    assert rules.may_apply(**common).allowed
    assert rules.may_apply(**common, closed_early=True).reason == "The call is closed."
    assert rules.may_apply(**common, cancelled=True).reason == "This session is cancelled."


@given(
    st.lists(st.booleans(), max_size=12),
    st.sets(st.integers(0, 15)),
    st.integers(0, 11),
)
def test_retiring_a_lesson_never_undoes_a_completed_classroom(retired, completed, retire):
    lessons = [(i, r) for i, r in enumerate(retired)]
    before = rules.classroom_progress(lessons, completed)
    assert 0 <= before.completed <= before.lessons
    assert before.lessons == sum(1 for r in retired if not r)
    after = rules.classroom_progress([(i, r or i == retire) for i, r in lessons], completed)
    assert after.lessons <= before.lessons
    assert after.completed <= before.completed
    if before.done:
        assert after.done


@given(st.lists(st.integers(1, 99), min_size=1, max_size=8, unique=True), st.data())
def test_moving_a_lesson_keeps_every_lesson_once_and_swaps_it_with_its_neighbour(order, data):
    item = data.draw(st.sampled_from(order))
    step = data.draw(st.sampled_from([-1, 1]))
    outcome = rules.move(order, item, step)
    assert sorted(outcome.order) == sorted(order)
    index = order.index(item)
    if 0 <= index + step < len(order):
        assert outcome.allowed
        assert outcome.order.index(item) == index + step
    else:
        assert not outcome.allowed
        assert outcome.order == order
        assert outcome.reason


@given(st.integers(1, 50), st.integers(0, 50), st.integers(-5, 5))
def test_a_secondment_call_keeps_a_place_for_every_officer_selected(places, selected, days):
    opens = dt.date(2027, 1, 1)
    ruling = rules.may_change_secondment_call(
        withdrawn=False,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=days),
        places=places,
        term_months=12,
        selected=selected,
    )
    assert ruling.allowed == (places >= selected and days >= 0)
