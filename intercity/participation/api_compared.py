"""Cities compared, as JSON (public): a network's member cities that share their CPS
performance, with the numbers behind each figure; the same read model as the network page's
section (`compared.network_comparison`). Aggregates only, never a report or a person."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from intercity.core.schemas import ErrorOut
from intercity.network import services as registry
from intercity.participation import compared

router = Router(tags=["participation"])

NetworkSlug = Annotated[
    str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9_-]+$")
]


class Days(enum.IntEnum):
    """The periods a reader may choose (`compared.PERIODS`)."""

    QUARTER = 90
    YEAR = 365


class ComparedQuery(Schema):
    network: NetworkSlug = Field(description="The network's slug, e.g. wego.")
    days: Days = Field(
        Days.QUARTER, description="The period: the last 90 days or the last 12 months (365 days)."
    )


class CityOut(Schema):
    city: str
    organisation_id: int
    jurisdiction: str = Field(description="The city's CPS (Open311 jurisdiction_id).")
    period_start: dt.date = Field(description="First day, in the city's time zone.")
    period_end: dt.date = Field(description="Last day (today in the city's time zone).")
    reports_filed: int
    population: int | None = Field(description="Null when the organisation's is unknown.")
    population_year: int | None
    reports_per_1000: str | None = Field(
        description="Reports filed in the period per 1,000 residents, a decimal to the "
        "hundredth (as a string, exact); null when the population is unknown."
    )
    reports_per_1000_explanation: str
    resolved: int = Field(description="Reports filed in the period and resolved since.")
    median_seconds: int | None = Field(description="Median time from filing to closing.")
    p90_seconds: int | None = Field(description="90th percentile of the same times.")
    resolved_with_target: int = Field(
        description="Reports resolved in the period whose service sets a target time."
    )
    resolved_within_target: int
    within_target_percent: str | None = Field(
        description="resolved_within_target / resolved_with_target as a percent to the tenth "
        "(a string, exact); null when none was resolved with a target."
    )
    within_target_explanation: str
    top_services: list[str] = Field(description="At most three, by reports filed, most first.")


class ComparedOut(Schema):
    network: str
    days: int
    sharing: int = Field(description="The network's member cities that share their figures.")
    shown: bool = Field(description="False when fewer than two cities share: none is shown.")
    explanation: str | None = Field(description="Why no city is shown, when none is.")
    cities: list[CityOut]


def _seconds(value: dt.timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds())


def _city(city: compared.CityFigures) -> dict[str, Any]:
    per, within = city.per_thousand, city.within_target
    return {
        "city": city.city,
        "organisation_id": city.organisation_id,
        "jurisdiction": city.slug,
        "period_start": city.period.start,
        "period_end": city.period.end,
        "reports_filed": per.reports,
        "population": per.population,
        "population_year": per.population_year,
        "reports_per_1000": None if per.value is None else str(per.value),
        "reports_per_1000_explanation": per.explanation,
        "resolved": city.resolved,
        "median_seconds": _seconds(city.median),
        "p90_seconds": _seconds(city.p90),
        "resolved_with_target": within.counted,
        "resolved_within_target": within.within,
        "within_target_percent": None if within.percent is None else str(within.percent),
        "within_target_explanation": within.explanation,
        "top_services": [name for name, _n in city.top_services],
    }


@router.get(
    "/cps/compared",
    response={200: ComparedOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Citizens' reports compared: a network's cities that share their CPS figures",
    description=(
        "The network's current member cities whose Civic Participation System shares its "
        "performance, by name: reports per 1,000 residents, median and 90th percentile time "
        "to resolve, share resolved within target, top three services, each with the numbers "
        "behind it. Shown only when at least two cities share. An unknown network is a 404."
    ),
)
def cities_compared(request: HttpRequest, wanted: Query[ComparedQuery]) -> dict[str, Any]:
    network = registry.get_network(wanted.network)
    comparison = compared.network_comparison(network, int(wanted.days))
    return {
        "network": network.slug,
        "days": comparison.days,
        "sharing": comparison.sharing,
        "shown": comparison.problem is None,
        "explanation": comparison.problem,
        "cities": [_city(city) for city in comparison.cities],
    }
