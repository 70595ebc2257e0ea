"""Sectoral systems (the gap and the recommended modules) and targets.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.assessment.rules.answers import HUNDRED, Instrument
from intercity.assessment.rules.scoring import Problem, show

# The statuses a city reports for a module, as people read them (the codes are the data's).
SYSTEM_STATUS_LABELS = {
    # Translators: a sectoral system the city does not run at all
    "none": gettext_lazy("none"),
    "planned": gettext_lazy("planned"),
    "pilot": gettext_lazy("pilot"),
    "operating": gettext_lazy("operating"),
}

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
    problems = [
        Problem(f"systems.{m}", _("not a sectoral module")) for m in systems if m not in known
    ]
    clean: dict[str, str] = {}
    for module in known:
        status = systems.get(module)
        if status is None or status == "":
            status = expectations.statuses[0]
        if not isinstance(status, str) or status not in expectations.statuses:
            problems.append(
                Problem(
                    f"systems.{module}",
                    _("choose one of: %(options)s") % {"options": ", ".join(expectations.statuses)},
                )
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
        return value, names.get(slug, slug)

    def add(tier_rank: int, tier: str, gap: Gap, wanted_at: int) -> None:
        module = by_slug[gap.module]
        factor, factor_name = weakest(module)
        words = {
            "expected": SYSTEM_STATUS_LABELS.get(gap.expected, gap.expected),
            "current": SYSTEM_STATUS_LABELS.get(gap.current, gap.current),
            "level": wanted_at,
            "name": level_words.get(wanted_at, ""),
            "factor": factor_name,
            "score": show(factor),
        }
        named = wanted_at in level_words
        if factor_name and named:
            reason = _(
                "Expected %(expected)s from level %(level)s (%(name)s); you report "
                "%(current)s; weakest related factor: %(factor)s %(score)s."
            )
        elif factor_name:
            reason = _(
                "Expected %(expected)s from level %(level)s; you report %(current)s; weakest "
                "related factor: %(factor)s %(score)s."
            )
        elif named:
            reason = _(
                "Expected %(expected)s from level %(level)s (%(name)s); you report %(current)s."
            )
        else:
            reason = _("Expected %(expected)s from level %(level)s; you report %(current)s.")
        reason = reason % words
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
            problems.append(Problem(f"targets.{slug}", _("not a dimension of this instrument")))
            continue
        try:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            problems.append(Problem(f"targets.{slug}", _("choose a level")))
            continue
        if number not in levels:
            problems.append(
                Problem(
                    f"targets.{slug}",
                    _("choose a level from %(low)s to %(high)s")
                    % {"low": min(levels), "high": max(levels)},
                )
            )
        elif current and current.get(slug) is not None and number < (current[slug] or 0):
            problems.append(
                Problem(f"targets.{slug}", _("a target cannot be below the current level"))
            )
    if targets and target_year is None:
        problems.append(Problem("target_year", _("say by which year the targets are to be met")))
    if (
        target_year is not None
        and not year + TARGET_YEARS[0] <= target_year <= year + TARGET_YEARS[1]
    ):
        problems.append(
            Problem(
                "target_year",
                _("choose a year from %(first)s to %(last)s (two to five years ahead)")
                % {"first": year + TARGET_YEARS[0], "last": year + TARGET_YEARS[1]},
            )
        )
    return problems
