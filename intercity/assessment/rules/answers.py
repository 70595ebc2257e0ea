"""Instruments and answers: the questionnaire as values, each answer normalised and scored.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HUNDRED = Fraction(100)


class QuestionType(StrEnum):
    SCALE = "scale"
    YES_NO = "yes-no"
    SINGLE = "single-choice"
    MULTIPLE = "multiple-choice"
    NUMBER = "number"
    TEXT = "text"


class Evidence(StrEnum):
    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


# Translators: completes "Evidence is %(required_or_optional)s."
EVIDENCE_WORDS = {
    Evidence.NONE: gettext_lazy("not asked for"),
    Evidence.OPTIONAL: gettext_lazy("optional"),
    Evidence.REQUIRED: gettext_lazy("required"),
}


# --- The instrument as values ------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: Fraction
    exclusive: bool = False


@dataclass(frozen=True)
class Band:
    """Numbers below `below` (exclusive) score `score`; the last band has no upper bound."""

    below: Decimal | None
    score: Fraction


@dataclass(frozen=True)
class Condition:
    """ "Only when question `question` is answered with one of `answers`" (answers as a form
    posts them: "yes"/"no", a scale's number, an option's value)."""

    question: str
    answers: frozenset[str]


@dataclass(frozen=True)
class Question:
    code: str
    type: QuestionType
    text: str = ""
    weight: Fraction = Fraction(1)
    required: bool = True
    evidence: Evidence = Evidence.NONE
    scale_min: int = 1
    scale_max: int = 5
    scale_labels: Mapping[int, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str = ""
    invert: bool = False
    # Evidence is asked for only when this question's own answer is one of these (empty:
    # whatever the answer): a "No" to "is there a strategy?" asks for no strategy document.
    evidence_when: frozenset[str] = frozenset()
    # A follow-up asked only when another question's answer allows it; otherwise its answer
    # is ignored and it is not required.
    shown_when: Condition | None = None

    @property
    def scored(self) -> bool:
        return self.type != QuestionType.TEXT and self.weight > 0


@dataclass(frozen=True)
class Section:
    slug: str
    name: str
    weight: Fraction
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    min_score: Fraction


@dataclass(frozen=True)
class Instrument:
    slug: str
    version: int
    sections: tuple[Section, ...]
    levels: tuple[Level, ...]

    def questions(self) -> Iterable[tuple[Section, Question]]:
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def level_for(self, score: Fraction) -> Level:
        """The highest level whose minimum the score reaches (minimums are inclusive)."""
        reached = [level for level in self.levels if score >= level.min_score]
        return max(reached, key=lambda level: level.min_score) if reached else self.levels[0]

    def level_named(self, number: int) -> Level | None:
        return next((level for level in self.levels if level.level == number), None)


def parse_fraction(text: str | int | Fraction | Decimal, what: str) -> Fraction:
    """ "1/3", "0.75", 2 -> an exact fraction; anything else is a ValueError naming `what`."""
    try:
        return Fraction(str(text).strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{what}: '{text}' is not a number or a fraction such as 1/3") from None


def instrument_problems(instrument: Instrument) -> list[str]:
    """What makes an instrument unusable: checked before a version is published."""
    problems: list[str] = []
    if not instrument.sections:
        problems.append("It has no sections.")
    levels = sorted(instrument.levels, key=lambda level: level.min_score)
    if not levels or levels[0].min_score != 0:
        problems.append("Its lowest level must start at score 0.")
    if len({level.level for level in levels}) != len(levels):
        problems.append("Two levels have the same number.")
    if [level.level for level in levels] != sorted(level.level for level in levels):
        problems.append("Higher levels must need higher scores.")
    codes: set[str] = set()
    for section in instrument.sections:
        if section.weight <= 0:
            problems.append(f"Section {section.slug}: its weight must be positive.")
        if not any(q.scored and q.required for q in section.questions):
            problems.append(
                f"Section {section.slug}: it needs at least one required scored question."
            )
        for question in section.questions:
            if question.code in codes:
                problems.append(f"Question code {question.code} is used twice.")
            codes.add(question.code)
            problems += [f"{question.code}: {p}" for p in _question_problems(question)]
    for _section, question in instrument.questions():
        if question.shown_when is not None and question.shown_when.question not in codes:
            problems.append(
                f"{question.code}: shown_when names {question.shown_when.question}, "
                "not a question of this version."
            )
    return problems


def _question_problems(question: Question) -> list[str]:
    problems: list[str] = []
    if question.evidence_when and question.evidence == Evidence.NONE:
        problems.append("evidence_when is set but the question takes no evidence.")
    if question.shown_when is not None and question.shown_when.question == question.code:
        problems.append("shown_when cannot depend on the question itself.")
    if question.weight < 0:
        problems.append("its weight cannot be negative.")
    if question.type == QuestionType.SCALE and question.scale_max <= question.scale_min:
        problems.append("its scale maximum must be above its minimum.")
    if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        values = [o.value for o in question.options]
        if len(values) < 2:
            problems.append("a choice needs at least two options.")
        if len(set(values)) != len(values):
            problems.append("two options have the same value.")
    if question.type == QuestionType.NUMBER:
        if not question.bands or question.bands[-1].below is not None:
            problems.append("its last band must have no upper bound.")
        limits = [b.below for b in question.bands if b.below is not None]
        if limits != sorted(limits) or len(set(limits)) != len(limits):
            problems.append("its bands must rise.")
        if question.minimum is None or question.maximum is None:
            # An answer is a number a person types: bounded, it cannot be 1e999999.
            problems.append("a number question needs a minimum and a maximum.")
    for score in [o.score for o in question.options] + [b.score for b in question.bands]:
        if not 0 <= score <= 1:
            problems.append(f"score {score} is outside 0..1.")
    return problems


# --- Answers --------------------------------------------------------------------------------


def normalise(question: Question, value: Any) -> tuple[Any, str | None]:
    """An answer as stored (JSON-ready) and the problem with it, if any. `None` or "" is
    'not answered' and is no problem here (completeness is checked apart)."""
    if value is None or value == "" or value == []:
        return None, None
    return _NORMALISERS[question.type](question, value)


def _scale(question: Question, value: Any) -> tuple[Any, str | None]:
    try:
        number = int(str(value).strip())
    except ValueError:
        return value, _("choose a whole number from %(min)s to %(max)s") % {
            "min": question.scale_min,
            "max": question.scale_max,
        }
    if not question.scale_min <= number <= question.scale_max:
        return value, _("choose from %(min)s to %(max)s") % {
            "min": question.scale_min,
            "max": question.scale_max,
        }
    return number, None


def _yes_no(question: Question, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    text = str(value).strip().lower()
    if text in ("yes", "true", "1"):
        return True, None
    if text in ("no", "false", "0"):
        return False, None
    return value, _("answer yes or no")


def _single(question: Question, value: Any) -> tuple[Any, str | None]:
    known = [o.value for o in question.options]
    if str(value) not in known:
        return value, _("choose one of: %(options)s") % {"options": ", ".join(known)}
    return str(value), None


def _multiple(question: Question, value: Any) -> tuple[Any, str | None]:
    chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    known = {o.value: o for o in question.options}
    unknown = [v for v in chosen if v not in known]
    if unknown:
        return chosen, _("unknown option %(unknown)s; choose from %(options)s") % {
            "unknown": ", ".join(unknown),
            "options": ", ".join(known),
        }
    exclusive = [v for v in chosen if known[v].exclusive]
    if exclusive and len(set(chosen)) > 1:
        return chosen, _("“%(option)s” cannot be combined with other options") % {
            "option": known[exclusive[0]].label
        }
    order = list(known)
    return sorted(set(chosen), key=order.index), None


def _number(question: Question, value: Any) -> tuple[Any, str | None]:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return value, _("enter a number")
    if not number.is_finite():
        return value, _("enter a number")
    unit = f" {question.unit}" if question.unit else ""
    if question.minimum is not None and number < question.minimum:
        return value, _("enter at least %(minimum)s%(unit)s") % {
            "minimum": question.minimum,
            "unit": unit,
        }
    if question.maximum is not None and number > question.maximum:
        return value, _("enter at most %(maximum)s%(unit)s") % {
            "maximum": question.maximum,
            "unit": unit,
        }
    return str(number), None


def _text(question: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str | int | float):
        return value, _("write the answer as text")
    text = str(value).strip()
    if len(text) > 5000:
        return value, _("write at most 5,000 characters")
    if "\x00" in text:
        return value, _("remove the NUL character")
    return text or None, None


_NORMALISERS = {
    QuestionType.SCALE: _scale,
    QuestionType.YES_NO: _yes_no,
    QuestionType.SINGLE: _single,
    QuestionType.MULTIPLE: _multiple,
    QuestionType.NUMBER: _number,
    QuestionType.TEXT: _text,
}


def answer_score(question: Question, value: Any) -> Fraction | None:
    """A valid, normalised answer's score from 0 to 1; None for unscored questions."""
    if not question.scored or value is None:
        return None
    kind = question.type
    if kind == QuestionType.SCALE:
        return Fraction(int(value) - question.scale_min, question.scale_max - question.scale_min)
    if kind == QuestionType.YES_NO:
        return Fraction(int(bool(value) != question.invert))
    if kind == QuestionType.SINGLE:
        return next(o.score for o in question.options if o.value == value)
    if kind == QuestionType.MULTIPLE:
        total = sum((o.score for o in question.options if o.value in value), Fraction(0))
        return min(total, Fraction(1))
    number = Decimal(value)
    for band in question.bands:
        if band.below is None or number < band.below:
            return band.score
    return question.bands[-1].score


# --- Conditional questions and evidence ------------------------------------------------------


def answer_keys(value: Any) -> frozenset[str]:
    """A normalised answer as the strings a condition names: True -> "yes", 3 -> "3",
    ["a", "b"] -> {"a", "b"}; nothing for no answer."""
    if value is None or value == "" or value == []:
        return frozenset()
    if isinstance(value, bool):
        return frozenset({"yes" if value else "no"})
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    return frozenset({str(value)})


def is_asked(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether a question applies given the other (normalised) answers: always, unless its
    `shown_when` names an answer that was not given."""
    condition = question.shown_when
    if condition is None:
        return True
    return bool(answer_keys(answers.get(condition.question)) & condition.answers)


@dataclass(frozen=True)
class EvidenceRuling:
    """The evidence a question needs given the answers, and why."""

    code: str
    evidence: Evidence
    explanation: str

    @property
    def required(self) -> bool:
        return self.evidence == Evidence.REQUIRED


def evidence_for(question: Question, answers: Mapping[str, Any]) -> EvidenceRuling:
    """The evidence a question asks for, given the (normalised) answers: none when the
    question is not asked, none when its `evidence_when` does not include the answer given,
    otherwise the question's own setting. An unanswered question with a condition asks for
    its evidence (the answer that would waive it has not been given)."""
    if question.evidence == Evidence.NONE:
        return EvidenceRuling(question.code, Evidence.NONE, _("This question takes no evidence."))
    if not is_asked(question, answers):
        return EvidenceRuling(
            question.code,
            Evidence.NONE,
            _("The question does not apply, so neither does evidence."),
        )
    given = answer_keys(answers.get(question.code))
    wanted = question.evidence_when
    if wanted and given and not given & wanted:
        return EvidenceRuling(
            question.code,
            Evidence.NONE,
            _("Evidence is asked for only when the answer is %(answers)s.")
            % {"answers": " / ".join(sorted(wanted))},
        )
    return EvidenceRuling(
        question.code,
        question.evidence,
        (
            _("Evidence is %(required_or_optional)s for the answer %(answers)s.")
            % {
                "required_or_optional": EVIDENCE_WORDS[question.evidence],
                "answers": " / ".join(sorted(given)),
            }
            if wanted and given
            else _("Evidence is %(required_or_optional)s.")
            % {"required_or_optional": EVIDENCE_WORDS[question.evidence]}
        ),
    )
