"""The quorum line of the meeting page (`rules.quorum`): pure arithmetic on the statute's
thresholds, so the page never says a number the engine would judge differently."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from intercity.governance import rules

ONE_FOURTH_ATTEND = rules.Threshold(Fraction(1, 4), rules.Comparison.AT_LEAST, rules.Base.TOTAL)
MORE_THAN_HALF = rules.Threshold(Fraction(1, 2), rules.Comparison.MORE_THAN, rules.Base.PRESENT)
RULE = rules.DecisionRule(
    "Statute 2017", "ordinary-motion", "Art. 16", MORE_THAN_HALF, ONE_FOURTH_ATTEND
)


def test_19_members_need_5_present_and_7_of_12_present_say_yes():
    line = rules.quorum(RULE, members_total=19, present=12)
    assert (line.needed, line.met, line.yes_needed) == (5, True, 7)
    assert line.needed_words == "one fourth or more of all 19 members"
    assert line.yes_words == "more than one half of the 12 present"


def test_four_of_19_present_is_not_quorate():
    assert not rules.quorum(RULE, members_total=19, present=4).met


def test_no_number_is_shown_when_more_than_everyone_would_be_needed():
    everyone = rules.Threshold(Fraction(1, 1), rules.Comparison.MORE_THAN, rules.Base.TOTAL)
    assert rules.least(everyone, 10, 10) is None


fractions = st.sampled_from([Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3)])
comparisons = st.sampled_from(list(rules.Comparison))


@given(fractions, comparisons, st.integers(1, 200), st.data())
def test_the_fewest_needed_meet_the_threshold_and_one_fewer_does_not(
    fraction, comparison, total, data
):
    present = data.draw(st.integers(0, total))
    attendance = rules.Threshold(fraction, comparison, rules.Base.TOTAL)
    concurrence = rules.Threshold(fraction, comparison, rules.Base.PRESENT)
    rule = rules.DecisionRule("v", "d", "a", concurrence, attendance)
    line = rules.quorum(rule, members_total=total, present=present)
    assert line.needed is not None
    assert attendance.met(line.needed, total)
    assert line.needed == 0 or not attendance.met(line.needed - 1, total)
    assert line.met == attendance.met(present, total)
    if line.yes_needed is not None:
        assert concurrence.met(line.yes_needed, present)
        assert line.yes_needed == 0 or not concurrence.met(line.yes_needed - 1, present)
