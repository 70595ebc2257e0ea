"""Self-assessment rules: scoring a questionnaire, the maturity level, the gap between the
sectoral systems a city operates and those expected at its level, the recommended modules
in priority order, peer statistics and the "common challenges" grouping.

Sources: seed 001, Annex ("Urban e-Gov. Diagnostic & Solution Framework": about 100 questions
on 8 factors give a maturity level, which is cross-referenced with the systems in operation to
recommend sectoral systems in priority order; Phase 2 groups the members' common challenges
into five groups) and seed 003 (the five-dimension Smart City Maturity & Benchmark Model: a
city sets goals for two to five years and benchmarks itself against other cities). The method
is ours and is stated in docs/assessment-method.md.

Pure functions over plain values: no ORM, no request, no clock. Scores are exact fractions;
a result carries the arithmetic that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


# --- Scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with one question's answer: the 422 of the API, the form's error."""

    code: str
    message: str


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
    `complete`) each required question left unanswered."""
    known = {q.code: q for _, q in instrument.questions()}
    problems = [
        Problem(code, "not a question of this instrument version")
        for code in answers
        if code not in known
    ]
    clean: dict[str, Any] = {}
    for code, question in known.items():
        value, problem = normalise(question, answers.get(code))
        if problem:
            problems.append(Problem(code, problem))
        elif value is not None:
            clean[code] = value
        elif complete and question.required:
            problems.append(Problem(code, "this question is required"))
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
                    f"{section.name}: weighted mean of {answered} of {len(scored)} scored answers "
                    f"= {show(value_of)}"
                    if value_of is not None
                    else f"{section.name}: no scored answer yet"
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
    if overall is None or level is None:
        return "Not enough answers for an overall score."
    terms = " + ".join(
        f"{show_weight(s.weight)} x {show(s.score)}" for s in sections if s.score is not None
    )
    weights = " + ".join(show_weight(s.weight) for s in sections if s.score is not None)
    higher = [lv for lv in instrument.levels if lv.min_score > level.min_score]
    nxt = min(higher, key=lambda lv: lv.min_score) if higher else None
    tail = (
        f"; level {nxt.level} ({nxt.name}) needs {show(nxt.min_score)}"
        if nxt
        else "; this is the highest level"
    )
    return (
        f"Overall score = ({terms}) / ({weights}) = {show(overall)}: level {level.level} "
        f"({level.name}), which starts at {show(level.min_score)}{tail}."
    )


def show(value: Fraction | None, places: int = 1) -> str:
    """A score for people: one decimal, rounded half up; exact values stay exact in storage."""
    if value is None:
        return "-"
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(quantum, rounding="ROUND_HALF_UP"))


def show_weight(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


# --- Sectoral systems: gap and recommendations (seed 001, Annex, Phases 2 and 3) ------------


@dataclass(frozen=True)
class Module:
    slug: str
    number: int
    name: str
    related_factors: tuple[str, ...] = ()
    group: str = ""


@dataclass(frozen=True)
class Expectations:
    """Statuses in rising order, and for each level the least status expected of each
    module (cumulative: a module keeps or raises its status at higher levels)."""

    statuses: tuple[str, ...]
    by_level: Mapping[int, Mapping[str, str]]

    def rank(self, status: str) -> int:
        return self.statuses.index(status)

    def at(self, level: int) -> Mapping[str, str]:
        return self.by_level.get(level, {})

    def first_level(self, module: str, status: str) -> int | None:
        """The lowest level that expects `module` at `status` or higher."""
        for level in sorted(self.by_level):
            wanted = self.by_level[level].get(module)
            if wanted is not None and self.rank(wanted) >= self.rank(status):
                return level
        return None


def expectation_problems(expectations: Expectations, modules: Iterable[str]) -> list[str]:
    known = set(modules)
    problems = []
    previous: Mapping[str, str] = {}
    for level in sorted(expectations.by_level):
        current = expectations.by_level[level]
        for module, status in current.items():
            if module not in known:
                problems.append(f"Level {level}: unknown module {module}.")
            if status not in expectations.statuses:
                problems.append(f"Level {level}: unknown status {status}.")
        for module, status in previous.items():
            now = current.get(module)
            if now is None or (
                now in expectations.statuses
                and status in expectations.statuses
                and expectations.rank(now) < expectations.rank(status)
            ):
                problems.append(f"Level {level}: {module} expects less than at the level below.")
        previous = current
    return problems


def check_systems(
    expectations: Expectations, modules: Iterable[str], systems: Mapping[str, Any]
) -> tuple[dict[str, str], list[Problem]]:
    """The city's reported status of each module; a module not reported is 'none' (the
    lowest status), an unknown module or status is a problem."""
    known = list(modules)
    problems = [Problem(f"systems.{m}", "not a sectoral module") for m in systems if m not in known]
    clean: dict[str, str] = {}
    for module in known:
        status = systems.get(module)
        if status is None or status == "":
            status = expectations.statuses[0]
        if not isinstance(status, str) or status not in expectations.statuses:
            problems.append(
                Problem(f"systems.{module}", f"choose one of: {', '.join(expectations.statuses)}")
            )
            continue
        clean[module] = str(status)
    return clean, problems


@dataclass(frozen=True)
class Gap:
    module: str
    expected: str
    current: str
    since_level: int  # the lowest level that expects this status
    shortfall: int  # steps of status between current and expected


def gaps(expectations: Expectations, level: int, systems: Mapping[str, str]) -> list[Gap]:
    """Modules the city runs below the status expected at its level (seed 001 Phase 2:
    'the gap between current e-government level and where it is supposed to be')."""
    found = []
    for module, expected in expectations.at(level).items():
        current = systems.get(module, expectations.statuses[0])
        shortfall = expectations.rank(expected) - expectations.rank(current)
        if shortfall > 0:
            since = expectations.first_level(module, expected) or level
            found.append(Gap(module, expected, current, since, shortfall))
    return found


@dataclass(frozen=True)
class Recommendation:
    module: str
    priority: int
    tier: str  # "overdue", "expected" or "next-level"
    reason: str


def recommend(
    expectations: Expectations,
    modules: Sequence[Module],
    level: int,
    systems: Mapping[str, str],
    factor_scores: Mapping[str, Fraction | None],
    factor_names: Mapping[str, str] | None = None,
    level_names: Mapping[int, str] | None = None,
) -> list[Recommendation]:
    """The sectoral modules to implement, in priority order:

    1. "overdue": gaps in modules already expected at a lower level (the foundations the
       city's own level assumes);
    2. "expected": gaps in modules first expected at the city's level;
    3. "next-level": modules the next level expects beyond what the city runs, to move up.

    Within a tier: the larger shortfall of status first, then the weakest related factor
    (its lowest CeDS factor score), then the module's number in seed 001's list."""
    by_slug = {m.slug: m for m in modules}
    names = factor_names or {}
    level_words = level_names or {}
    ranked: list[tuple[tuple[int, int, Fraction, int], Recommendation]] = []

    def weakest(module: Module) -> tuple[Fraction, str]:
        scored = [
            (value, f)
            for f in module.related_factors
            if (value := factor_scores.get(f)) is not None
        ]
        if not scored:
            return HUNDRED, ""
        value, slug = min(scored)
        return value, f"; weakest related factor: {names.get(slug, slug)} {show(value)}"

    def add(tier_rank: int, tier: str, gap: Gap, wanted_at: int) -> None:
        module = by_slug[gap.module]
        factor, factor_text = weakest(module)
        at_level = f"level {wanted_at}" + (
            f" ({level_words[wanted_at]})" if wanted_at in level_words else ""
        )
        reason = f"Expected {gap.expected} from {at_level}; you report {gap.current}{factor_text}."
        ranked.append(
            (
                (tier_rank, -gap.shortfall, factor, module.number),
                Recommendation(module.slug, 0, tier, reason),
            )
        )

    for gap in gaps(expectations, level, systems):
        if gap.module not in by_slug:
            continue
        if gap.since_level < level:
            add(0, "overdue", gap, gap.since_level)
        else:
            add(1, "expected", gap, gap.since_level)
    current_gaps = {g.module for g in gaps(expectations, level, systems)}
    if level + 1 in expectations.by_level:
        for gap in gaps(expectations, level + 1, systems):
            if gap.module in by_slug and gap.module not in current_gaps:
                add(2, "next-level", gap, level + 1)
    ranked.sort(key=lambda item: item[0])
    return [
        Recommendation(r.module, priority, r.tier, r.reason)
        for priority, (_, r) in enumerate(ranked, start=1)
    ]


# --- Targets (seed 003: "set clear goals as to how it wishes to transform over the next two to
# five years") -----------------------------------------------------------------------------------

TARGET_YEARS = (2, 5)


def target_problems(
    instrument: Instrument,
    year: int,
    targets: Mapping[str, Any],
    target_year: int | None,
    current: Mapping[str, int | None] | None = None,
) -> list[Problem]:
    """Targets name a level per section for a year two to five years after the assessment."""
    problems = []
    sections = {s.slug for s in instrument.sections}
    levels = {lv.level for lv in instrument.levels}
    for slug, value in targets.items():
        if slug not in sections:
            problems.append(Problem(f"targets.{slug}", "not a dimension of this instrument"))
            continue
        try:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            problems.append(Problem(f"targets.{slug}", "choose a level"))
            continue
        if number not in levels:
            problems.append(
                Problem(f"targets.{slug}", f"choose a level from {min(levels)} to {max(levels)}")
            )
        elif current and current.get(slug) is not None and number < (current[slug] or 0):
            problems.append(
                Problem(f"targets.{slug}", "a target cannot be below the current level")
            )
    if targets and target_year is None:
        problems.append(Problem("target_year", "say by which year the targets are to be met"))
    if (
        target_year is not None
        and not year + TARGET_YEARS[0] <= target_year <= year + TARGET_YEARS[1]
    ):
        problems.append(
            Problem(
                "target_year",
                f"choose a year from {year + TARGET_YEARS[0]} to {year + TARGET_YEARS[1]} "
                "(two to five years ahead)",
            )
        )
    return problems


# --- Peers and benchmarks -------------------------------------------------------------------


@dataclass(frozen=True)
class PeerStats:
    count: int
    minimum: Fraction
    lower_quartile: Fraction
    median: Fraction
    upper_quartile: Fraction
    maximum: Fraction


def quantile(ordered: Sequence[Fraction], p: Fraction) -> Fraction:
    """Linear interpolation between closest ranks, h = (n - 1) p (the 'inclusive' method of
    spreadsheets' QUARTILE.INC), exact."""
    if not ordered:
        raise ValueError("no values")
    h = (len(ordered) - 1) * p
    low = int(h)  # floor: h is never negative
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def peer_stats(values: Iterable[Fraction]) -> PeerStats:
    ordered = sorted(values)
    return PeerStats(
        count=len(ordered),
        minimum=ordered[0],
        lower_quartile=quantile(ordered, Fraction(1, 4)),
        median=quantile(ordered, Fraction(1, 2)),
        upper_quartile=quantile(ordered, Fraction(3, 4)),
        maximum=ordered[-1],
    )


@dataclass(frozen=True)
class Position:
    below: int  # peers scoring lower
    equal: int
    above: int  # peers scoring higher
    percentile: Fraction  # share of peers the city scores above, ties counting half, x 100
    words: str


def position(value: Fraction, peers: Sequence[Fraction], stats: PeerStats) -> Position:
    below = sum(1 for p in peers if p < value)
    equal = sum(1 for p in peers if p == value)
    above = len(peers) - below - equal
    percentile = (Fraction(below) + Fraction(equal, 2)) / len(peers) * HUNDRED
    if value > stats.upper_quartile:
        words = "in the top quarter of the peers"
    elif value >= stats.median:
        words = "at or above the peer median"
    elif value >= stats.lower_quartile:
        words = "below the peer median"
    else:
        words = "in the bottom quarter of the peers"
    return Position(below, equal, above, percentile, words)


@dataclass(frozen=True)
class Peer:
    """A peer's latest accepted result, as the benchmark rule sees it: `named` when the city
    opted in to be shown by name (its scores are then in the response anyway)."""

    key: int
    named: bool
    scores: Mapping[str, Fraction | None]


@dataclass(frozen=True)
class SectionRelease:
    slug: str
    stats: PeerStats | None
    position: Position | None
    withheld: str = ""


@dataclass(frozen=True)
class PeerRelease:
    """What a benchmark may show: the peers compared, those named, and per section the
    statistics and the city's position, or why they are withheld."""

    compared: tuple[Peer, ...]
    named: tuple[Peer, ...]
    sections: tuple[SectionRelease, ...]
    withheld: str = ""


def release_peers(
    own: Mapping[str, Fraction | None],
    sections: Sequence[str],
    peers: Sequence[Peer],
    minimum: int,
    *,
    chosen_by_caller: bool,
) -> PeerRelease:
    """The privacy rule of peer benchmarks (docs/assessment-method.md, "Peers and privacy").

    1. Peers chosen by the caller (`by=cities`) are compared only if they opted in: a city
       that did not is never in a set the caller shapes, so no pair of chosen sets (A, and A
       plus that city) can be differenced to read it.
    2. Otherwise (region, population band, every city: sets the caller does not choose), a
       section's statistics are shown only when the peers with a score number at least
       `minimum` and the scores of the peers not named hold at least `minimum` *distinct*
       values. The response depends on the unnamed peers only through the multiset of their
       scores (nothing in it tells them apart), so whatever the named scores, the quartiles
       and the city's own position reveal, each unnamed city could hold any of those
       `minimum` values: none is pinned, even when the order statistics give the whole
       multiset away (few peers) or several unnamed cities share one score.
    3. With fewer than `minimum` peers compared, nothing but the count and the named peers.
    """
    compared = tuple(p for p in peers if p.named) if chosen_by_caller else tuple(peers)
    named = tuple(p for p in compared if p.named)
    if len(compared) < minimum:
        reason = (
            f"aggregates are shown for {minimum} or more peers, so that no city's own result "
            "can be read from them"
        )
        return PeerRelease(
            compared,
            named,
            tuple(SectionRelease(slug, None, None, reason) for slug in sections),
            reason,
        )
    released = []
    for slug in sections:
        # "No score" counts as one more value: the count of scored peers is shown. This test
        # comes first, so that a section withheld says nothing else about the unnamed peers.
        hidden = {p.scores.get(slug) for p in compared if not p.named}
        if hidden and len(hidden) < minimum:
            released.append(
                SectionRelease(
                    slug,
                    None,
                    None,
                    f"the peers not shown by name hold fewer than {minimum} different scores "
                    "here, so statistics could reveal one",
                )
            )
            continue
        values = [v for p in compared if (v := p.scores.get(slug)) is not None]
        if len(values) < minimum:
            released.append(
                SectionRelease(slug, None, None, f"fewer than {minimum} peers scored this")
            )
            continue
        stats = peer_stats(values)
        mine = own.get(slug)
        where = position(mine, values, stats) if mine is not None else None
        released.append(SectionRelease(slug, stats, where))
    return PeerRelease(compared, named, tuple(released))


@dataclass(frozen=True)
class PopulationBand:
    slug: str
    name: str
    below: int | None


def population_band_problems(bands: Any) -> list[str]:
    """Bands as a peer policy keeps them: [{slug, name, below}], `below` rising, the last
    one open-ended (no `below`), so every population falls in exactly one."""
    if not isinstance(bands, list) or not bands:
        return ["give a list of at least one band."]
    problems = []
    previous = 0
    for index, band in enumerate(bands):
        label = f"band {index + 1}"
        if not isinstance(band, Mapping):
            return [f"{label} is not an object with slug, name and below."]
        if not str(band.get("slug", "")).strip() or not str(band.get("name", "")).strip():
            problems.append(f"{label} needs a slug and a name.")
        below = band.get("below")
        last = index == len(bands) - 1
        if last and below is not None:
            problems.append("the last band has no upper bound (leave out below).")
        elif not last:
            if isinstance(below, bool) or not isinstance(below, int) or below <= previous:
                problems.append(f"{label}: below must be a whole number above {previous:,}.")
            elif below > 10**10:
                problems.append(f"{label}: below is larger than any city.")
            else:
                previous = below
    return problems


def population_band(
    population: int | None, bands: Sequence[PopulationBand]
) -> PopulationBand | None:
    if population is None:
        return None
    for band in bands:
        if band.below is None or population < band.below:
            return band
    return None


# --- Common challenges (seed 001 Phase 2) ------------------------------------------------------


@dataclass(frozen=True)
class ChallengeGroup:
    slug: str
    name: str
    factors: tuple[str, ...]
    modules: tuple[str, ...]


@dataclass(frozen=True)
class CityChallenge:
    group: str
    shortfall: Fraction  # 100 - mean score of the group's factors
    gaps: int  # recommended modules of the group (overdue or expected)
    explanation: str


def challenges(
    groups: Sequence[ChallengeGroup],
    factor_scores: Mapping[str, Fraction | None],
    recommended: Iterable[Recommendation],
) -> list[CityChallenge]:
    """A city's challenge in each group, largest first: the shortfall of its factors from 100,
    then the number of the group's modules it is behind on, then the groups' order."""
    behind = {r.module for r in recommended if r.tier in ("overdue", "expected")}
    found = []
    for order, group in enumerate(groups):
        scores = [v for f in group.factors if (v := factor_scores.get(f)) is not None]
        if not scores:
            continue
        mean = sum(scores, Fraction(0)) / len(scores)
        count = sum(1 for m in group.modules if m in behind)
        found.append(
            (
                (-(HUNDRED - mean), -count, order),
                CityChallenge(
                    group.slug,
                    HUNDRED - mean,
                    count,
                    f"mean of its factors {show(mean)}, {count} module(s) behind expectation",
                ),
            )
        )
    found.sort(key=lambda item: item[0])
    return [challenge for _, challenge in found]


def lead_city(strengths: Mapping[str, Fraction]) -> str | None:
    """The group's suggested head city (seed 001 Phase 2: "A head city of each group is
    determined"): the strongest on the group's factors, so it can share its practice
    (Nairobi's proposal: advanced cities share, others request help). Ties go to the name."""
    if not strengths:
        return None
    return min(strengths, key=lambda name: (-strengths[name], name))


# --- Comparison over years ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    section: str
    before: Fraction | None
    after: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(
    earlier: Mapping[str, Fraction | None],
    later: Mapping[str, Fraction | None],
    section_map: Mapping[str, str] | None = None,
) -> list[Change]:
    """Section scores of a later result against an earlier one of the same version, or of an
    earlier version through the later version's documented map (new slug -> old slug)."""
    mapping = section_map or {slug: slug for slug in later}
    return [
        Change(slug, earlier.get(mapping.get(slug, slug)), value) for slug, value in later.items()
    ]
