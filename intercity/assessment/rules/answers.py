"""Instruments and answers: the questionnaire as values, each answer normalised and scored.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

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
    return problems


def _question_problems(question: Question) -> list[str]:
    problems: list[str] = []
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
        return value, f"choose a whole number from {question.scale_min} to {question.scale_max}"
    if not question.scale_min <= number <= question.scale_max:
        return value, f"choose from {question.scale_min} to {question.scale_max}"
    return number, None


def _yes_no(question: Question, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    text = str(value).strip().lower()
    if text in ("yes", "true", "1"):
        return True, None
    if text in ("no", "false", "0"):
        return False, None
    return value, "answer yes or no"


def _single(question: Question, value: Any) -> tuple[Any, str | None]:
    known = [o.value for o in question.options]
    if str(value) not in known:
        return value, f"choose one of: {', '.join(known)}"
    return str(value), None


def _multiple(question: Question, value: Any) -> tuple[Any, str | None]:
    chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    known = {o.value: o for o in question.options}
    unknown = [v for v in chosen if v not in known]
    if unknown:
        return chosen, f"unknown option {', '.join(unknown)}; choose from {', '.join(known)}"
    exclusive = [v for v in chosen if known[v].exclusive]
    if exclusive and len(set(chosen)) > 1:
        return chosen, f"'{known[exclusive[0]].label}' cannot be combined with other options"
    order = list(known)
    return sorted(set(chosen), key=order.index), None


def _number(question: Question, value: Any) -> tuple[Any, str | None]:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return value, "enter a number"
    if not number.is_finite():
        return value, "enter a number"
    unit = f" {question.unit}" if question.unit else ""
    if question.minimum is not None and number < question.minimum:
        return value, f"enter at least {question.minimum}{unit}"
    if question.maximum is not None and number > question.maximum:
        return value, f"enter at most {question.maximum}{unit}"
    return str(number), None


def _text(question: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str | int | float):
        return value, "write the answer as text"
    text = str(value).strip()
    if len(text) > 5000:
        return value, "write at most 5,000 characters"
    if "\x00" in text:
        return value, "remove the NUL character"
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
