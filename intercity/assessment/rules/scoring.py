"""Scoring: section and overall weighted means, the level, and the arithmetic in words.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from intercity.assessment.rules.answers import (
    HUNDRED,
    Instrument,
    Level,
    answer_score,
    is_asked,
    normalise,
)

# --- Scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with one question's answer: the 422 of the API, the form's error."""

    code: str
    message: str
    evidence: bool = False  # the answer lacks its evidence (the fix is on the evidence page)


@dataclass(frozen=True)
class SectionScore:
    slug: str
    name: str
    score: Fraction | None  # 0..100; None when nothing scored was answered
    level: Level | None
    answered: int
    scored: int
    weight: Fraction
    explanation: str


@dataclass(frozen=True)
class Result:
    instrument: str
    version: int
    sections: tuple[SectionScore, ...]
    score: Fraction | None
    level: Level | None
    problems: tuple[Problem, ...]
    explanation: str

    @property
    def complete(self) -> bool:
        return not self.problems and self.score is not None

    def section(self, slug: str) -> SectionScore | None:
        return next((s for s in self.sections if s.slug == slug), None)


def check_answers(
    instrument: Instrument, answers: Mapping[str, Any], *, complete: bool
) -> tuple[dict[str, Any], list[Problem]]:
    """The answers normalised, and each problem: an unknown code, an invalid value, and (when
    `complete`) each required question left unanswered. A question whose `shown_when` is not
    met is not asked: its answer is dropped and it is not required."""
    known = {q.code: q for _, q in instrument.questions()}
    problems = [
        Problem(code, _("not a question of this instrument version"))
        for code in answers
        if code not in known
    ]
    normalised = {code: normalise(question, answers.get(code)) for code, question in known.items()}
    valid = {code: value for code, (value, problem) in normalised.items() if not problem}
    clean: dict[str, Any] = {}
    for code, question in known.items():
        value, problem = normalised[code]
        if not is_asked(question, valid):
            # A follow-up that does not apply: its answer is ignored, whatever was sent.
            continue
        if problem:
            problems.append(Problem(code, problem))
        elif value is not None:
            clean[code] = value
        elif complete and question.required:
            problems.append(Problem(code, _("this question is required")))
    return clean, problems


def score(instrument: Instrument, answers: Mapping[str, Any], *, complete: bool = True) -> Result:
    """Score answers: each scored question gives 0..1; a section is the weighted mean of its
    answered scored questions x 100; the overall score is the weighted mean of the section
    scores; the level is the highest whose minimum the overall score reaches.

    Unanswered optional questions leave the mean (they neither raise nor lower it). With
    `complete`, every required question must be answered; without, a partial result is given
    for what has been answered (a draft's progress)."""
    clean, problems = check_answers(instrument, answers, complete=complete)
    sections = []
    for section in instrument.sections:
        weighted = Fraction(0)
        weights = Fraction(0)
        answered = 0
        scored = [q for q in section.questions if q.scored]
        for question in scored:
            value = clean.get(question.code)
            if value is None:
                continue
            answered += 1
            weighted += question.weight * (answer_score(question, value) or 0)
            weights += question.weight
        value_of = weighted / weights * HUNDRED if weights else None
        sections.append(
            SectionScore(
                slug=section.slug,
                name=section.name,
                score=value_of,
                level=instrument.level_for(value_of) if value_of is not None else None,
                answered=answered,
                scored=len(scored),
                weight=section.weight,
                explanation=(
                    _(
                        "%(section)s: weighted mean of %(answered)s of %(scored)s scored "
                        "answers = %(score)s"
                    )
                    % {
                        "section": section.name,
                        "answered": answered,
                        "scored": len(scored),
                        "score": show(value_of),
                    }
                    if value_of is not None
                    else _("%(section)s: no scored answer yet") % {"section": section.name}
                ),
            )
        )
    counted = [s for s in sections if s.score is not None]
    overall: Fraction | None = None
    level: Level | None = None
    if counted and (not complete or len(counted) == len(sections)):
        total_weight = sum((s.weight for s in counted), Fraction(0))
        overall = sum((s.weight * s.score for s in counted if s.score is not None), Fraction(0))
        overall /= total_weight
        level = instrument.level_for(overall)
    explanation = _explain(instrument, sections, overall, level)
    return Result(
        instrument=instrument.slug,
        version=instrument.version,
        sections=tuple(sections),
        score=overall,
        level=level,
        problems=tuple(problems),
        explanation=explanation,
    )


def _explain(
    instrument: Instrument,
    sections: Sequence[SectionScore],
    overall: Fraction | None,
    level: Level | None,
) -> str:
    return explain_overall(
        instrument.levels,
        [(s.weight, s.score) for s in sections if s.score is not None],
        overall,
        level,
    )


def explain_overall(
    levels: Sequence[Level],
    terms: Sequence[tuple[Fraction, Fraction]],
    overall: Fraction | None,
    level: Level | None,
) -> str:
    """How the overall score was reached, in the reader's language: each scored section's
    (weight, score), the weighted mean, the level it falls in and what the next one needs."""
    if overall is None or level is None:
        return _("Not enough answers for an overall score.")
    products = " + ".join(f"{show_weight(weight)} x {show(value)}" for weight, value in terms)
    weights = " + ".join(show_weight(weight) for weight, _value in terms)
    higher = [lv for lv in levels if lv.min_score > level.min_score]
    nxt = min(higher, key=lambda lv: lv.min_score) if higher else None
    words = {
        "terms": products,
        "weights": weights,
        "score": show(overall),
        "level": level.level,
        "name": level.name,
        "start": show(level.min_score),
    }
    if nxt is None:
        return (
            _(
                "Overall score = (%(terms)s) / (%(weights)s) = %(score)s: level %(level)s "
                "(%(name)s), which starts at %(start)s; this is the highest level."
            )
            % words
        )
    return _(
        "Overall score = (%(terms)s) / (%(weights)s) = %(score)s: level %(level)s (%(name)s), "
        "which starts at %(start)s; level %(next)s (%(next_name)s) needs %(needed)s."
    ) % {**words, "next": nxt.level, "next_name": nxt.name, "needed": show(nxt.min_score)}


def show(value: Fraction | None, places: int = 1) -> str:
    """A score for people: one decimal, rounded half up; exact values stay exact in storage."""
    if value is None:
        return "-"
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(quantum, rounding="ROUND_HALF_UP"))


def show_weight(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"
