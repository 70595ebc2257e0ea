"""The arithmetic of the pilot cities' progress (seed 004, Core Elements 7c: the network meets
"annually to discuss progress on each city's action plan"; ASEC's Integration Monitoring
Directorate "will monitor the progress made on the member cities' action plans"). Pure: plain
values in, dataclasses that carry their reasons out; exact (Fraction) until shown.

What the roll-up decides, and why:
- A line's figure for a year is its last report of that year. A line with no report that year
  carries its last earlier report forward, marked as carried forward from that year (a city
  that skipped a year has not lost its progress); a line with no report in or before the year
  is "not reported" and is left out of the average, and the roll-up says how many were.
- A dropped line is left out of the average (it no longer counts towards the plan), and said.
- Within a city, lines are weighted by their budgets when every counted line has a budget in
  the same currency (a larger line moves the city's figure more); otherwise equally.
- A state's figure and the network's are the plain average of their cities' figures: budgets
  in different currencies and plans of different sizes are not comparable across cities, and
  each pilot city counts once. A city with no counted line is listed, not averaged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
DELAYED = "delayed"
COMPLETED = "completed"
DROPPED = "dropped"
STATUSES = (NOT_STARTED, ON_TRACK, DELAYED, COMPLETED, DROPPED)
CLOSED = (COMPLETED, DROPPED)

# How a line's figure for the year was found.
REPORTED = "reported"
CARRIED_FORWARD = "carried_forward"
NOT_REPORTED = "not_reported"
LEFT_OUT_DROPPED = "dropped"

BY_CITY = "city"
BY_STATE = "state"
BY_NETWORK = "network"
GROUPINGS = (BY_CITY, BY_STATE, BY_NETWORK)

BUDGET = "budget"
EQUAL = "equal"
CITIES = "cities"


@dataclass(frozen=True)
class ReportInput:
    year: int
    as_of: dt.date
    status: str
    percent: Decimal


@dataclass(frozen=True)
class LineInput:
    line_id: int
    title: str
    city_id: int
    city: str
    state: str
    budget: Decimal | None
    currency: str
    reports: tuple[ReportInput, ...]


@dataclass(frozen=True)
class LineFigure:
    """One action line's input to a roll-up: where it stood that year, how that was found,
    and its weight in its city's figure (0 when left out)."""

    line_id: int
    title: str
    city_id: int
    city: str
    state: str
    budget: Decimal | None
    currency: str
    basis: str
    status: str | None
    percent: Decimal | None
    from_year: int | None
    weight: Fraction = Fraction(0)

    @property
    def counted(self) -> bool:
        return self.basis in (REPORTED, CARRIED_FORWARD)


@dataclass(frozen=True)
class Rollup:
    """A roll-up for a year: `percent` exact (None when nothing counted), `shown` rounded to
    one decimal, the weighting used, the lines it read, the roll-ups it averaged (`parts`: a
    state's cities, the network's states) and the explanation in words."""

    by: str
    key: str
    label: str
    year: int
    percent: Fraction | None
    weighting: str
    lines: tuple[LineFigure, ...]
    parts: tuple[Rollup, ...] = ()
    explanation: str = ""
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def shown(self) -> Decimal | None:
        return shown(self.percent)

    def count(self, basis: str) -> int:
        return sum(1 for line in self.lines if line.basis == basis)


def shown(value: Fraction | None) -> Decimal | None:
    """A percentage rounded half up to one decimal, for display."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def line_figure(line: LineInput, year: int) -> LineFigure:
    """Where a line stood in `year`: its last report of the year, else its last earlier report
    carried forward, else not reported; a dropped line is left out."""
    earlier = sorted((r for r in line.reports if r.year <= year), key=lambda r: (r.year, r.as_of))
    basis, report = NOT_REPORTED, None
    if earlier:
        report = earlier[-1]
        basis = REPORTED if report.year == year else CARRIED_FORWARD
        if report.status == DROPPED:
            basis = LEFT_OUT_DROPPED
    return LineFigure(
        line_id=line.line_id,
        title=line.title,
        city_id=line.city_id,
        city=line.city,
        state=line.state,
        budget=line.budget,
        currency=line.currency,
        basis=basis,
        status=report.status if report else None,
        percent=report.percent if report else None,
        from_year=report.year if report else None,
    )


def _weighted(figures: list[LineFigure]) -> tuple[str, list[LineFigure]]:
    counted = [f for f in figures if f.counted]
    currencies = {f.currency for f in counted}
    by_budget = (
        bool(counted)
        and all(f.budget is not None and f.budget > 0 for f in counted)
        and len(currencies) == 1
    )
    total = sum((Fraction(f.budget or 0) for f in counted), Fraction(0))
    weighted = []
    for f in figures:
        if not f.counted:
            weight = Fraction(0)
        elif by_budget:
            weight = Fraction(f.budget or 0) / total
        else:
            weight = Fraction(1, len(counted))
        weighted.append(
            LineFigure(**{**f.__dict__, "weight": weight})  # frozen: a new figure
        )
    return (BUDGET if by_budget else EQUAL), weighted


def _statuses(figures: list[LineFigure] | tuple[LineFigure, ...]) -> dict[str, int]:
    counts = Counter(f.status or NOT_REPORTED for f in figures)
    return {s: counts[s] for s in (*STATUSES, NOT_REPORTED) if counts[s]}


def _gaps(figures: list[LineFigure] | tuple[LineFigure, ...]) -> list[str]:
    words = []
    carried = [f for f in figures if f.basis == CARRIED_FORWARD]
    missing = sum(1 for f in figures if f.basis == NOT_REPORTED)
    dropped = sum(1 for f in figures if f.basis == LEFT_OUT_DROPPED)
    if carried:
        words.append(
            ngettext(
                "%(n)d line did not report this year: its last report (from %(years)s) is "
                "carried forward.",
                "%(n)d lines did not report this year: their last reports (from %(years)s) are "
                "carried forward.",
                len(carried),
            )
            % {
                "n": len(carried),
                "years": ", ".join(
                    str(y) for y in sorted({f.from_year for f in carried if f.from_year})
                ),
            }
        )
    if missing:
        words.append(
            ngettext(
                "%(n)d line has never reported and is left out.",
                "%(n)d lines have never reported and are left out.",
                missing,
            )
            % {"n": missing}
        )
    if dropped:
        words.append(
            ngettext(
                "%(n)d dropped line is left out.", "%(n)d dropped lines are left out.", dropped
            )
            % {"n": dropped}
        )
    return words


def city_rollup(city_id: int, city: str, year: int, lines: list[LineInput]) -> Rollup:
    """A city's progress in `year`: the weighted average of its counted lines' percentages."""
    weighting, figures = _weighted([line_figure(line, year) for line in lines])
    counted = [f for f in figures if f.counted]
    percent = (
        sum((f.weight * Fraction(f.percent or 0) for f in counted), Fraction(0))
        if counted
        else None
    )
    if not figures:
        words = [_("%(city)s has no action line yet.") % {"city": city}]
    elif not counted:
        words = [
            _("No line of %(city)s has a report for %(year)s or before.")
            % {"city": city, "year": year}
        ]
    elif weighting == BUDGET:
        words = [
            ngettext(
                "%(city)s: %(percent)s%% done in %(year)s, the average of %(n)d line weighted "
                "by its budget (every line counted has a budget in %(currency)s).",
                "%(city)s: %(percent)s%% done in %(year)s, the average of %(n)d lines weighted "
                "by their budgets (every line counted has a budget in %(currency)s).",
                len(counted),
            )
            % {
                "city": city,
                "percent": shown(percent),
                "year": year,
                "n": len(counted),
                "currency": counted[0].currency,
            }
        ]
    else:
        words = [
            ngettext(
                "%(city)s: %(percent)s%% done in %(year)s, the plain average of %(n)d line "
                "(weighted equally: not every line counted has a budget in one currency).",
                "%(city)s: %(percent)s%% done in %(year)s, the plain average of %(n)d lines "
                "(weighted equally: not every line counted has a budget in one currency).",
                len(counted),
            )
            % {"city": city, "percent": shown(percent), "year": year, "n": len(counted)}
        ]
    words += _gaps(figures)
    return Rollup(
        by=BY_CITY,
        key=str(city_id),
        label=city,
        year=year,
        percent=percent,
        weighting=weighting,
        lines=tuple(figures),
        explanation=" ".join(words),
        statuses=_statuses(figures),
    )


def group_rollup(
    by: str,
    key: str,
    label: str,
    year: int,
    cities: list[Rollup],
    parts: list[Rollup] | None = None,
) -> Rollup:
    """A state's or the network's progress: the plain average of its cities' figures, each
    city counting once; `parts` are what the roll-up is shown by (a state's cities, the
    network's states), its cities by default."""
    counted = [c for c in cities if c.percent is not None]
    percent = (
        sum((c.percent for c in counted if c.percent is not None), Fraction(0)) / len(counted)
        if counted
        else None
    )
    lines = tuple(line for c in cities for line in c.lines)
    if not cities:
        words = [_("%(label)s has no pilot city with an action plan.") % {"label": label}]
    elif not counted:
        words = [
            _("No city of %(label)s has a counted report for %(year)s or before.")
            % {"label": label, "year": year}
        ]
    else:
        words = [
            ngettext(
                "%(label)s: %(percent)s%% done in %(year)s, the plain average of %(n)d city's "
                "figure (each city counts once, whatever the size of its plan).",
                "%(label)s: %(percent)s%% done in %(year)s, the plain average of %(n)d cities' "
                "figures (each city counts once, whatever the size of its plan).",
                len(counted),
            )
            % {"label": label, "percent": shown(percent), "year": year, "n": len(counted)}
        ]
        silent = [c.label for c in cities if c.percent is None]
        if silent:
            words.append(
                _("Not averaged, for want of a report: %(cities)s.") % {"cities": ", ".join(silent)}
            )
    words += _gaps(lines)
    return Rollup(
        by=by,
        key=key,
        label=label,
        year=year,
        percent=percent,
        weighting=CITIES,
        lines=lines,
        parts=tuple(parts if parts is not None else cities),
        explanation=" ".join(words),
        statuses=_statuses(lines),
    )


# --- A progress report's rules ---------------------------------------------------------------


@dataclass(frozen=True)
class Ruling:
    allowed: bool
    reason: str = ""


def check_report(
    *,
    status: str,
    percent: Decimal,
    year: int,
    as_of: dt.date,
    first_year: int,
    last_year: int,
    today: dt.date,
    previous_status: str | None,
) -> Ruling:
    """Whether a progress report may be recorded: its status is known, its percentage between
    0 and 100 and consistent with the status (not started: 0; completed: 100), its day in its
    year and not in the future, its year within the plan's, and the line not already closed
    (a completed or dropped line takes no later report)."""
    if status not in STATUSES:
        return Ruling(False, _("Unknown status '%(status)s'.") % {"status": status})
    if not Decimal(0) <= percent <= Decimal(100):
        return Ruling(False, _("The percentage done must be between 0 and 100."))
    if status == NOT_STARTED and percent != 0:
        return Ruling(False, _("A line that has not started is 0% done."))
    if status == COMPLETED and percent != 100:
        return Ruling(False, _("A completed line is 100% done."))
    if not first_year <= year <= last_year:
        return Ruling(
            False,
            _("The plan runs from %(first)s to %(last)s: no report for %(year)s.")
            % {"first": first_year, "last": last_year, "year": year},
        )
    if as_of.year != year:
        return Ruling(False, _("The report's day must fall in the year it reports on."))
    if as_of > today:
        return Ruling(False, _("A report cannot be dated in the future."))
    if previous_status == COMPLETED:
        return Ruling(
            False, _("This line was already reported completed: it takes no later report.")
        )
    if previous_status == DROPPED:
        return Ruling(False, _("This line was already reported dropped: it takes no later report."))
    return Ruling(True)


def indicator_share(baseline: Decimal, target: Decimal, value: Decimal) -> Fraction | None:
    """How far an indicator has come from its baseline to its target (1 = target reached; it
    may pass 1 or fall below 0); None when the target equals the baseline."""
    if target == baseline:
        return None
    return (Fraction(value) - Fraction(baseline)) / (Fraction(target) - Fraction(baseline))


def fingerprint(values: Mapping[str, object]) -> str:
    """What an editing page saw of a row, in 16 hex digits: the page sends it back with the
    edit, and an edit whose row no longer matches (someone saved meanwhile) is refused rather
    than silently undoing the other person's change."""
    text = "\x1f".join(f"{key}={values[key]}" for key in sorted(values))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
