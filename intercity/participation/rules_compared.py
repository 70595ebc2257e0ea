"""The rules of cities compared (issue 17, part 7): what a city that shares its CPS
performance shows beside other cities, aggregates only, each figure with the numbers behind
it. Pure functions; `rules` re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A comparison needs two cities; one alone would be a league table of one.
COMPARISON_MINIMUM = 2
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


def _exact(value: Fraction, step: Decimal) -> Decimal:
    """A fraction rounded to `step`, half to even, without passing through a float."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        step, rounding=ROUND_HALF_EVEN
    )


@dataclass(frozen=True)
class PerThousand:
    reports: int
    population: int | None
    population_year: int | None
    value: Decimal | None  # None: the population is unknown
    explanation: str


def reports_per_thousand(
    reports: int, population: int | None, population_year: int | None
) -> PerThousand:
    """Reports filed in the period per 1,000 residents, to the hundredth; no figure when the
    organisation's population is unknown (a guess would rank the city wrongly)."""
    if reports < 0:
        raise ValueError("reports cannot be negative")
    if not population:
        return PerThousand(
            reports,
            None,
            population_year,
            None,
            _("Population unknown: %(reports)s reports filed, none per 1,000 residents.")
            % {"reports": f"{reports:,}"},
        )
    value = _exact(Fraction(reports * 1000, population), HUNDREDTH)
    year = (
        _("population %(population)s in %(year)s")
        % {"population": f"{population:,}", "year": population_year}
        if population_year
        else _("population %(population)s, year not recorded") % {"population": f"{population:,}"}
    )
    return PerThousand(
        reports,
        population,
        population_year,
        value,
        _("%(reports)s reports filed × 1,000 ÷ %(population)s residents = %(value)s (%(year)s)")
        % {
            "reports": f"{reports:,}",
            "population": f"{population:,}",
            "value": value,
            "year": year,
        },
    )


@dataclass(frozen=True)
class WithinTarget:
    within: int
    counted: int
    share: Fraction | None  # None: no report resolved in the period had a target
    percent: Decimal | None
    explanation: str


def share_within_target(within: int, counted: int) -> WithinTarget:
    """The share of the reports resolved in the period, among those whose service sets a
    target time, that were resolved by their target; as a percent to the tenth."""
    if not 0 <= within <= counted:
        raise ValueError("within must be between 0 and counted")
    if not counted:
        return WithinTarget(
            0, 0, None, None, _("No report with a target time was resolved in the period.")
        )
    share = Fraction(within, counted)
    percent = _exact(share * 100, TENTH)
    return WithinTarget(
        within,
        counted,
        share,
        percent,
        _(
            "%(within)s of %(counted)s reports resolved in the period with a target time "
            "were resolved by it: %(percent)s%%"
        )
        % {"within": f"{within:,}", "counted": f"{counted:,}", "percent": percent},
    )


def top_services(volumes: list[tuple[str, int]], limit: int = 3) -> list[tuple[str, int]]:
    """The services with the most reports filed, most first (ties by name), at most `limit`;
    a service nobody reported is not a top service."""
    ranked = sorted(((name, n) for name, n in volumes if n > 0), key=lambda v: (-v[1], v[0]))
    return ranked[:limit]


def comparison_problem(sharing: int, minimum: int = COMPARISON_MINIMUM) -> str | None:
    """Why a network's cities are not compared, or None when they are."""
    if sharing >= minimum:
        return None
    if not sharing:
        return _(
            "No city of this network shares its figures yet; the comparison shows once "
            "%(minimum)s cities do."
        ) % {"minimum": minimum}
    return ngettext(
        "Only %(n)s city of this network shares its figures; the comparison shows once "
        "%(minimum)s cities do.",
        "Only %(n)s cities of this network share their figures; the comparison shows once "
        "%(minimum)s cities do.",
        sharing,
    ) % {"n": sharing, "minimum": minimum}
