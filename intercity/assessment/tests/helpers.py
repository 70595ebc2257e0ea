"""Answers for the seeded instruments: each question's best or worst answer, so a test
knows the score it should see without restating 100 questions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from intercity.assessment import rules, services
from intercity.assessment.models import InstrumentVersion

TODAY = dt.date(2026, 12, 1)


def version_of(slug: str) -> InstrumentVersion:
    return services.current_version(services.get_instrument(slug), TODAY)


def extreme_answer(question: rules.Question, best: bool) -> Any:
    pick = max if best else min
    kind = question.type
    if kind == rules.QuestionType.SCALE:
        return question.scale_max if best else question.scale_min
    if kind == rules.QuestionType.YES_NO:
        return best != question.invert
    if kind == rules.QuestionType.SINGLE:
        return pick(question.options, key=lambda o: o.score).value
    if kind == rules.QuestionType.MULTIPLE:
        if best:
            return [o.value for o in question.options if not o.exclusive]
        return [pick(question.options, key=lambda o: o.score).value]
    if kind == rules.QuestionType.NUMBER:
        index = question.bands.index(pick(question.bands, key=lambda b: b.score))
        low = question.bands[index - 1].below if index else question.minimum
        low = max(low or Decimal(0), question.minimum or Decimal(0))
        return str(low)
    return "Written for the test."


def answers(slug: str, best: bool = True) -> dict[str, Any]:
    instrument = services.instrument_rules(version_of(slug))
    return {q.code: extreme_answer(q, best) for _, q in instrument.questions()}


def graded(slug: str, best_first: int) -> dict[str, Any]:
    """In each section the first `best_first` questions answered at their best, the others
    at their worst: cities answered with 1, 2, 3 ... get different scores in every section
    (peers with one score each would make statistics that reveal them, and be withheld)."""
    instrument = services.instrument_rules(version_of(slug))
    found: dict[str, Any] = {}
    for section in instrument.sections:
        for index, question in enumerate(section.questions):
            found[question.code] = extreme_answer(question, index < best_first)
    return found
