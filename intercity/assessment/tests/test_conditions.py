"""Evidence and follow-up questions that depend on an answer (issue 14): a "No" to "is there
a strategy?" asks for no strategy document; a follow-up not called for is ignored on the
server whatever is sent. The conditions are data on the question rows (`evidence_when`,
`shown_when` in the instrument's YAML, kept in `Question.config`)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intercity.assessment import rules, services
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.assessment.tests.helpers import answers

STRATEGY = rules.Question(
    "STR-01",
    rules.QuestionType.YES_NO,
    evidence=rules.Evidence.REQUIRED,
    evidence_when=frozenset({"yes"}),
)
FOLLOW_UP = rules.Question(
    "STR-01b",
    rules.QuestionType.SCALE,
    shown_when=rules.Condition("STR-01", frozenset({"yes"})),
    evidence=rules.Evidence.OPTIONAL,
)
INSTRUMENT = rules.Instrument(
    "test",
    1,
    (rules.Section("strategy", "Strategy", rules.HUNDRED / 100, (STRATEGY, FOLLOW_UP)),),
    (rules.Level(1, "One", rules.HUNDRED * 0),),
)


def test_a_no_to_the_strategy_question_asks_for_no_evidence_and_says_why():
    ruling = rules.evidence_for(STRATEGY, {"STR-01": False})
    assert not ruling.required
    assert ruling.evidence == rules.Evidence.NONE
    assert "only when the answer is yes" in ruling.explanation


def test_a_yes_or_no_answer_yet_asks_for_the_evidence():
    assert rules.evidence_for(STRATEGY, {"STR-01": True}).required
    assert rules.evidence_for(STRATEGY, {}).required


def test_a_follow_up_not_called_for_is_ignored_and_not_required():
    clean, problems = rules.check_answers(
        INSTRUMENT, {"STR-01": "no", "STR-01b": "not a number"}, complete=True
    )
    assert clean == {"STR-01": False}
    assert problems == []  # neither its invalid value nor its absence is a problem
    assert rules.evidence_for(FOLLOW_UP, clean).evidence == rules.Evidence.NONE


def test_a_follow_up_called_for_is_checked_and_required():
    _, problems = rules.check_answers(INSTRUMENT, {"STR-01": "yes"}, complete=True)
    assert problems == [rules.Problem("STR-01b", "this question is required")]
    _, problems = rules.check_answers(INSTRUMENT, {"STR-01": "yes", "STR-01b": "9"}, complete=True)
    assert [p.code for p in problems] == ["STR-01b"]


@given(
    answer=st.one_of(st.booleans(), st.none(), st.sampled_from(["yes", "no", "true", "0"])),
    follow=st.one_of(st.none(), st.integers(-3, 9), st.sampled_from(["", "x", "3", "9"])),
)
# A shared 2-core machine: generation is cheap but may be slow to start.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_follow_up_counts_exactly_when_the_strategy_is_there(answer: Any, follow: Any):
    clean, problems = rules.check_answers(
        INSTRUMENT, {"STR-01": answer, "STR-01b": follow}, complete=False
    )
    yes = clean.get("STR-01") is True
    if not yes:
        assert "STR-01b" not in clean
        assert all(p.code != "STR-01b" for p in problems)
        assert not rules.evidence_for(FOLLOW_UP, clean).required
    assert rules.evidence_for(STRATEGY, clean).required == (clean.get("STR-01") is not False)


def test_an_instrument_whose_condition_names_no_question_cannot_be_published():
    broken = rules.Question(
        "X-1", rules.QuestionType.YES_NO, shown_when=rules.Condition("NOPE", frozenset({"yes"}))
    )
    instrument = rules.Instrument(
        "t",
        1,
        (rules.Section("s", "S", rules.HUNDRED / 100, (STRATEGY, broken)),),
        (rules.Level(1, "One", rules.HUNDRED * 0),),
    )
    assert any("shown_when names NOPE" in p for p in rules.instrument_problems(instrument))


def test_the_seeded_strategy_question_carries_its_condition(seoul_officer):
    assessment = AssessmentFactory(actor=seoul_officer)
    instrument = services.instrument_rules(assessment.version)
    strategy = next(q for _, q in instrument.questions() if q.code == "STR-01")
    assert strategy.evidence_when == frozenset({"yes"})


def test_a_city_without_a_strategy_submits_without_a_strategy_document(seoul_officer):
    given_answers = {**answers("ceds", best=True), "STR-01": False, "STR-03": 1}
    assessment = AssessmentFactory(actor=seoul_officer, answered=given_answers)
    _, problems = services.submission_problems(assessment)
    codes = {p.code for p in problems}
    assert "STR-01" not in codes  # a "No" needs no strategy document
    assert "INF-04" in codes  # a "Yes" elsewhere still needs its evidence
    services.save_answers(seoul_officer, assessment, answers={"STR-01": "yes"})
    _, problems = services.submission_problems(assessment)
    assert "STR-01" in {p.code for p in problems}
