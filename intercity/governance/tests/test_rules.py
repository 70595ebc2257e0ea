"""The statute engine at the edges of every rule, in each version."""

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from intercity.governance.rules import (
    CandidacyCheck,
    Comparison,
    Count,
    Outcome,
    Threshold,
    Voter,
    add_months,
    candidacy_problems,
    composition_problems,
    count_problems,
    deadlines,
    decide,
    elect,
    rule_on,
    versions_from_data,
    voters,
)

VERSIONS = versions_from_data(
    yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "seed_data/wego/statutes.yaml").read_text()
    )
)
D2012, D2016, D2017 = dt.date(2013, 9, 3), dt.date(2016, 10, 12), dt.date(2017, 6, 28)
EXCOM, GA = "executive-committee", "general-assembly"


def motion(on, body, **counts):
    return decide(rule_on(VERSIONS, on, "ordinary-motion", body), Count(**counts))


def test_the_issues_example_reads_as_arithmetic_in_words():
    ruling = motion(D2017, EXCOM, members_total=14, present=4, yes=2, no=1, abstain=1)
    assert ruling.outcome == Outcome.ADOPTED
    assert ruling.explanation == (
        "4 of 14 present; quorum is one fourth or more of all 14 members = 7/2 (3.5); "
        "2 yes, 1 no, 1 abstaining; adoption needs one half or more of the 4 present = 2; adopted"
    )


@pytest.mark.parametrize(
    ("present", "outcome"),
    [(3, Outcome.NOT_QUORATE), (4, Outcome.ADOPTED), (5, Outcome.ADOPTED)],
)
def test_2017_quorum_is_one_fourth_or_more_of_all_members(present, outcome):
    # 16 members: one fourth is exactly 4.
    assert motion(D2017, GA, members_total=16, present=present, yes=present).outcome == outcome


@pytest.mark.parametrize(
    ("present", "outcome"),
    [
        (4, Outcome.NOT_QUORATE),
        (5, Outcome.NOT_QUORATE),
        (6, Outcome.NOT_QUORATE),
        (7, Outcome.ADOPTED),
    ],
)
def test_2012_quorum_is_more_than_one_third(present, outcome):
    # 18 members: one third is exactly 6, which is not "more than" one third.
    assert motion(D2012, GA, members_total=18, present=present, yes=present).outcome == outcome


def test_2014_quorum_is_one_third_or_more():
    assert motion(D2016, EXCOM, members_total=18, present=6, yes=6).outcome == Outcome.ADOPTED
    assert motion(D2016, EXCOM, members_total=18, present=5, yes=5).outcome == Outcome.NOT_QUORATE


@pytest.mark.parametrize(
    ("yes", "outcome"), [(4, Outcome.REJECTED), (5, Outcome.ADOPTED), (6, Outcome.ADOPTED)]
)
def test_concurrence_is_one_half_or_more_of_those_present(yes, outcome):
    # 10 present: one half is 5; abstentions count as present but not as yes.
    ruling = motion(D2017, GA, members_total=20, present=10, yes=yes, no=10 - yes - 1, abstain=1)
    assert ruling.outcome == outcome


def test_a_tie_is_rejected_under_the_2012_text():
    ruling = motion(D2012, GA, members_total=12, present=8, yes=4, no=4)
    assert ruling.outcome == Outcome.REJECTED
    assert "a tie is rejected" in ruling.explanation


def test_a_2017_excom_tie_waits_for_the_secretary_generals_casting_vote():
    tie = motion(D2017, EXCOM, members_total=20, present=8, yes=4, no=4)
    assert tie.outcome == Outcome.TIE
    assert "casting vote" in tie.explanation
    assert (
        motion(D2017, EXCOM, members_total=20, present=8, yes=4, no=4, casting_vote="no").outcome
        == Outcome.REJECTED
    )
    assert (
        motion(D2017, EXCOM, members_total=20, present=8, yes=4, no=4, casting_vote="yes").outcome
        == Outcome.ADOPTED
    )


def test_a_2017_ga_tie_is_decided_by_the_thresholds_alone():
    # Art. 16.1: one half or more of those present; 4 of 8 is one half.
    assert motion(D2017, GA, members_total=20, present=8, yes=4, no=4).outcome == Outcome.ADOPTED


def test_decisions_either_side_of_28_june_2017_follow_their_own_version():
    counts = {"members_total": 20, "present": 6, "yes": 6}
    before = motion(dt.date(2017, 6, 27), EXCOM, **counts)
    after = motion(dt.date(2017, 6, 28), EXCOM, **counts)
    assert before.rule.statute_version == "Statute as amended 2014-11-05"
    assert before.outcome == Outcome.NOT_QUORATE  # 6 < one third of 20
    assert after.rule.statute_version == "Statute 2017"
    assert after.outcome == Outcome.ADOPTED  # 6 >= one fourth of 20


@pytest.mark.parametrize(
    ("on", "consents", "outcome"),
    [
        (dt.date(2017, 6, 27), 13, Outcome.REJECTED),  # two thirds of 20 is 13 1/3
        (dt.date(2017, 6, 27), 14, Outcome.ADOPTED),
        (dt.date(2017, 6, 28), 9, Outcome.REJECTED),
        (dt.date(2017, 6, 28), 10, Outcome.ADOPTED),  # half or more of 20
    ],
)
def test_written_consent_half_since_2017_two_thirds_before(on, consents, outcome):
    rule = rule_on(VERSIONS, on, "written-consent", EXCOM)
    ruling = decide(rule, Count(members_total=20, present=consents, yes=consents))
    assert ruling.outcome == outcome


def test_regional_office_dissolution_needed_two_thirds_before_2017():
    rule = rule_on(VERSIONS, D2016, "regional-office-dissolution", EXCOM)
    assert decide(rule, Count(members_total=18, present=9, yes=5, no=4)).outcome == Outcome.REJECTED
    assert decide(rule, Count(members_total=18, present=9, yes=6, no=3)).outcome == Outcome.ADOPTED
    after = rule_on(VERSIONS, D2017, "regional-office-dissolution", EXCOM)
    assert decide(after, Count(members_total=18, present=9, yes=5, no=4)).outcome == Outcome.ADOPTED


def test_joint_projects_need_more_than_half_attending_and_agreeing():
    rule = rule_on(VERSIONS, D2017, "joint-project-funding", GA)
    assert decide(rule, Count(members_total=100, present=50, yes=50)).outcome == Outcome.NOT_QUORATE
    assert (
        decide(rule, Count(members_total=100, present=51, yes=25, no=26)).outcome
        == Outcome.REJECTED
    )
    assert (
        decide(rule, Count(members_total=100, present=51, yes=26, no=25)).outcome == Outcome.ADOPTED
    )


def test_a_special_general_assembly_needs_a_simple_majority_of_excom_since_2017():
    rule = rule_on(VERSIONS, D2017, "special-general-assembly", EXCOM)
    assert (
        decide(rule, Count(members_total=20, present=20, yes=10, no=10)).outcome == Outcome.REJECTED
    )
    assert (
        decide(rule, Count(members_total=20, present=20, yes=11, no=9)).outcome == Outcome.ADOPTED
    )
    unanimous = rule_on(VERSIONS, D2016, "special-general-assembly", EXCOM)
    assert (
        decide(unanimous, Count(members_total=20, present=20, yes=19, no=1)).outcome
        == Outcome.REJECTED
    )


def test_no_rule_before_the_first_text_on_record():
    with pytest.raises(ValueError, match="No statute text on record for 2011-01-01"):
        rule_on(VERSIONS, dt.date(2011, 1, 1), "ordinary-motion", GA)
    with pytest.raises(ValueError, match="has no rule for 'written-consent' decisions"):
        rule_on(VERSIONS, D2012, "written-consent", EXCOM)


@pytest.mark.parametrize(
    ("count", "problem"),
    [
        (Count(members_total=10, present=11, yes=1), "11 present is more than the 10 members"),
        (Count(members_total=10, present=5, yes=3, no=2, abstain=1), "more than the 5 present"),
        (Count(members_total=10, present=5, yes=-1), "yes cannot be negative"),
        (
            Count(members_total=10, present=5, yes=1, casting_vote="maybe"),
            "casting vote is yes or no",
        ),
    ],
)
def test_impossible_counts_are_refused_with_the_reason(count, problem):
    assert any(problem in p for p in count_problems(count))
    with pytest.raises(ValueError, match=problem):
        decide(rule_on(VERSIONS, D2017, "ordinary-motion", GA), count)


def test_only_active_full_members_vote_and_remote_counts_as_present():
    members = [
        Voter("full", "active", present=True),
        Voter("full", "active", present=False),
        Voter("full", "suspended", present=True),  # Art. 7.3: no vote
        Voter("associate", "active", present=True),  # Art. 6: attends, does not vote
        Voter("friendship", "active", present=True),
    ]
    assert voters(members) == (2, 1)


def test_elections_name_the_winner_or_report_the_tie():
    assert elect({"Makati": 9, "Sejong": 5}).winner == "Makati"
    tie = elect({"Makati": 7, "Sejong": 7, "Kigali": 1})
    assert tie.winner is None
    assert tie.tied == ("Makati", "Sejong")
    assert "a tie between Makati and Sejong" in tie.explanation
    assert elect({}, no_candidate_default="Seoul").winner == "Seoul"


counts = st.integers(1, 200).flatmap(
    lambda total: st.integers(0, total).flatmap(
        lambda present: st.tuples(
            st.just(total), st.just(present), st.integers(0, present)
        ).flatmap(
            lambda t: st.tuples(
                st.just(t[0]), st.just(t[1]), st.just(t[2]), st.integers(0, t[1] - t[2])
            )
        )
    )
)


@given(counts, st.sampled_from([D2012, D2016, D2017]), st.sampled_from([GA, EXCOM]))
def test_one_more_yes_never_turns_adoption_into_rejection(count, on, body):
    total, present, yes, no = count
    first = motion(on, body, members_total=total, present=present, yes=yes, no=no)
    if yes + no < present and first.outcome == Outcome.ADOPTED:
        assert motion(
            on, body, members_total=total, present=present, yes=yes + 1, no=no
        ).outcome in (Outcome.ADOPTED, Outcome.TIE)


@given(counts)
def test_2017_outcome_matches_the_statute_words(count):
    total, present, yes, no = count
    ruling = motion(D2017, GA, members_total=total, present=present, yes=yes, no=no)
    quorate = Fraction(present) >= Fraction(total, 4)
    if not quorate:
        assert ruling.outcome == Outcome.NOT_QUORATE
    else:
        assert ruling.outcome == (Outcome.ADOPTED if 2 * yes >= present else Outcome.REJECTED)


# --- Composition, candidacies, deadlines ----------------------------------------------------


EXCOM_LIMITS = {
    "article": "Art. 11.2, 12.1",
    "max_members": 20,
    "not_counted": ["executive_vice_president"],
    "min_vice_presidents": 5,
}


def excom_offices(members, vps=5, evp=True):
    return (
        ["president"]
        + ["vice_president"] * vps
        + ["member"] * members
        + (["executive_vice_president"] * evp)
    )


def test_twenty_members_plus_the_evp_as_twenty_first_is_allowed():
    assert composition_problems(excom_offices(14), EXCOM_LIMITS) == []  # 1 + 5 + 14 = 20


def test_a_twenty_first_member_who_is_not_the_evp_is_flagged():
    problems = composition_problems(excom_offices(15), EXCOM_LIMITS)
    assert [str(p) for p in problems] == [
        "21 members counted (not counting executive_vice_president); the limit is 20 "
        "(Art. 11.2, 12.1)"
    ]


def test_fewer_than_five_vice_presidents_is_flagged():
    problems = composition_problems(excom_offices(10, vps=4), EXCOM_LIMITS)
    assert [p.message for p in problems] == ["4 Vice Presidents; at least 5 are needed"]


def test_an_excom_without_a_president_is_flagged():
    offices = excom_offices(10)[1:]
    assert [p.message for p in composition_problems(offices, EXCOM_LIMITS)] == [
        "0 President cities; there must be one"
    ]


PRESIDENT = {"article": "Art. 11.5", "full_member": True, "fees_paid": True, "notice_months": 2}
GA_2020 = dt.date(2020, 10, 7)


@pytest.mark.parametrize(
    ("declared", "late"),
    [(dt.date(2020, 8, 7), False), (dt.date(2020, 8, 8), True), (None, True)],
)
def test_a_president_candidacy_is_declared_two_months_before_the_ga(declared, late):
    check = CandidacyCheck("president", declared, GA_2020, True, True)
    messages = [p.message for p in candidacy_problems(check, PRESIDENT)]
    assert bool(messages) is late


def test_a_president_candidate_with_unpaid_fees_or_unknown_record_is_flagged():
    unpaid = CandidacyCheck("president", dt.date(2020, 1, 1), GA_2020, True, False)
    unknown = CandidacyCheck("president", dt.date(2020, 1, 1), GA_2020, True, None)
    not_full = CandidacyCheck("president", dt.date(2020, 1, 1), GA_2020, False, True)
    assert [p.message for p in candidacy_problems(unpaid, PRESIDENT)] == [
        "the candidate has not fully paid its fees"
    ]
    assert [p.message for p in candidacy_problems(unknown, PRESIDENT)] == [
        "the fee record cannot show the fees fully paid"
    ]
    assert [p.message for p in candidacy_problems(not_full, PRESIDENT)] == [
        "the candidate is not a full member"
    ]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2017, 4, 30), -2, dt.date(2017, 2, 28)),
        (dt.date(2020, 4, 30), -2, dt.date(2020, 2, 29)),
        (dt.date(2017, 12, 31), 2, dt.date(2018, 2, 28)),
        (dt.date(2017, 1, 15), -1, dt.date(2016, 12, 15)),
        (dt.date(2017, 6, 27), 6, dt.date(2017, 12, 27)),
    ],
)
def test_months_are_counted_to_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@given(st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)), st.integers(-1200, 1200))
def test_adding_months_moves_the_month_exactly_and_never_the_day_forward(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or (moved + dt.timedelta(days=1)).day == 1


def test_deadlines_come_in_date_order_with_those_without_a_period_last():
    specs = [
        {"key": "late", "anchor": "general-assembly", "offset": {"months": -1}},
        {"key": "none", "anchor": "general-assembly", "offset": None},
        {"key": "early", "anchor": "general-assembly", "offset": {"weeks": -10}},
        {"key": "other", "anchor": "executive-committee", "offset": {"months": -2}},
    ]
    found = deadlines({"general-assembly": GA_2020}, specs)
    assert [d.key for d in found] == ["early", "late", "none"]
    assert found[0].due == dt.date(2020, 7, 29)
    assert found[0].explanation == "10 weeks before the general assembly of 2020-10-07: 2020-07-29"
    assert found[2].due is None


def test_a_deadline_with_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="whole months, weeks and days"):
        deadlines(
            {"general-assembly": GA_2020}, [{"anchor": "general-assembly", "offset": {"years": 1}}]
        )


def test_a_body_with_no_voting_members_cannot_decide():
    assert count_problems(Count(members_total=0, present=0, yes=0)) == [
        "A body with no members who may vote cannot decide anything."
    ]
    with pytest.raises(ValueError, match="no members who may vote"):
        motion(D2017, EXCOM, members_total=0, present=0, yes=0)


@given(
    st.sampled_from([Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1)]),
    st.sampled_from(list(Comparison)),
    st.integers(0, 500),
)
def test_the_least_that_meets_a_threshold_is_exactly_where_met_turns_true(
    fraction, comparison, base
):
    threshold = Threshold(fraction, comparison)
    least = threshold.least(base)
    assert threshold.met(least, base)
    assert least == 0 or not threshold.met(least - 1, base)
