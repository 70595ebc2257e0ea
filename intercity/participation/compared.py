"""Cities compared, for the network (issue 17, part 7): the CPS performance of the cities
that share it, side by side. Aggregates only, never a report, a description, an address or
a person.

Which cities: those whose CPS is enabled and whose administrator or officer chose to share
(`PerformanceSharing`, set by `services.share_performance`), checked on every read, so a
city that stops sharing leaves every comparison at once. A network's page shows its current
members among them, and only from `rules.COMPARISON_MINIMUM` cities up; the Secretariat sees
every sharing city.

The numbers come from the public functions of `dashboards` (`volumes`, `resolution_times`)
and one count of its own (resolved within target). They are kept in the cache for
`CPS_COMPARED_CACHE_SECONDS` per city, period, day and language (service names are read in
the reader's language): a network page lists dozens of cities, each otherwise a few
aggregate queries (docs/decisions/0036-cities-compared.md says why a cache, not a nightly
job).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from intercity.network import services as registry
from intercity.network.models import Network
from intercity.participation import dashboards, rules, tenancy
from intercity.participation.models import Jurisdiction

# The periods a reader may choose: the last 90 days or the last 12 months.
PERIODS = {
    90: gettext_lazy("Last 90 days"),
    365: gettext_lazy("Last 12 months"),
}
DEFAULT_DAYS = 90
# The columns the table sorts by, each with the value it sorts on (None sorts last).
SORTS = ("city", "per_thousand", "median", "p90", "within_target")


@dataclass(frozen=True)
class Counts:
    """What the database says of one city for one period: what the cache holds."""

    filed: int
    resolved: int  # filed in the period and closed since: behind the median and p90
    median: dt.timedelta | None
    p90: dt.timedelta | None
    within: int
    with_target: int
    by_service: list[tuple[str, int]]


@dataclass(frozen=True)
class CityFigures:
    slug: str
    city: str
    organisation_id: int
    period: dashboards.Period
    per_thousand: rules.PerThousand
    resolved: int
    median: dt.timedelta | None
    p90: dt.timedelta | None
    within_target: rules.WithinTarget
    top_services: list[tuple[str, int]]

    def sort_key(self, column: str) -> tuple[bool, object]:
        value: object = {
            "city": self.city.casefold(),
            "per_thousand": self.per_thousand.value,
            "median": self.median,
            "p90": self.p90,
            "within_target": self.within_target.share,
        }[column]
        return (value is None, value if value is not None else 0)


@dataclass(frozen=True)
class Comparison:
    days: int
    sharing: int  # the network's cities that share, whether or not they are shown
    cities: list[CityFigures]  # empty when fewer than the minimum share
    problem: str | None


def period_of(jurisdiction: Jurisdiction, days: int) -> dashboards.Period:
    """The last `days` days up to today in the city's own time zone."""
    today = timezone.localdate(timezone=ZoneInfo(jurisdiction.time_zone))
    return dashboards.Period.ending(today, days)


def _within_target(jurisdiction: Jurisdiction, period: dashboards.Period) -> tuple[int, int]:
    """(resolved by their target, resolved with a target) of the reports resolved in the
    period: closed, not as duplicates (a merge says nothing of the work), with an expected
    time, which filing set from the service's target."""
    first, after = period.bounds(jurisdiction)
    counted = (
        tenancy.reports_of(jurisdiction)
        .filter(
            resolved_at__gte=first,
            resolved_at__lt=after,
            expected_at__isnull=False,
            status__open311="closed",
        )
        .exclude(status__code="duplicate")
        .aggregate(
            with_target=Count("pk"), within=Count("pk", filter=Q(resolved_at__lte=F("expected_at")))
        )
    )
    return counted["within"], counted["with_target"]


def _count(jurisdiction: Jurisdiction, period: dashboards.Period) -> Counts:
    volumes = dashboards.volumes(jurisdiction, period)
    times = dashboards.resolution_times(jurisdiction, period).overall
    within, with_target = _within_target(jurisdiction, period)
    return Counts(
        filed=sum(v.count for v in volumes.by_status),
        resolved=times.count,
        median=times.median,
        p90=times.p90,
        within=within,
        with_target=with_target,
        by_service=[(v.label, v.count) for v in volumes.by_service],
    )


def _cache_key(jurisdiction: Jurisdiction, period: dashboards.Period) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"cps-compared:{jurisdiction.pk}:{period.start}:{period.end}:{language}"


def counts(jurisdiction: Jurisdiction, period: dashboards.Period) -> Counts:
    key = _cache_key(jurisdiction, period)
    found = cache.get(key)
    if isinstance(found, Counts):
        return found
    fresh = _count(jurisdiction, period)
    cache.set(key, fresh, settings.CPS_COMPARED_CACHE_SECONDS)
    return fresh


def figures(jurisdiction: Jurisdiction, days: int) -> CityFigures:
    """One city's figures over the last `days` days; the population is read fresh from its
    organisation."""
    period = period_of(jurisdiction, days)
    found = counts(jurisdiction, period)
    organisation = jurisdiction.organisation
    return CityFigures(
        slug=jurisdiction.slug,
        city=organisation.name,
        organisation_id=organisation.pk,
        period=period,
        per_thousand=rules.reports_per_thousand(
            found.filed, organisation.population, organisation.population_year
        ),
        resolved=found.resolved,
        median=found.median,
        p90=found.p90,
        within_target=rules.share_within_target(found.within, found.with_target),
        top_services=rules.top_services(found.by_service),
    )


def sharing() -> list[Jurisdiction]:
    """Every city whose CPS is enabled and shares its performance, by name."""
    return list(
        Jurisdiction.objects.filter(enabled=True, performance_sharing__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def is_sharing(jurisdiction: Jurisdiction) -> bool:
    return Jurisdiction.objects.filter(
        pk=jurisdiction.pk, performance_sharing__isnull=False
    ).exists()


def _sorted(cities: list[CityFigures], sort: str) -> list[CityFigures]:
    if sort not in SORTS:
        sort = "city"
    # Higher is better for the share within target; every other figure reads low to high.
    ranked = sorted(cities, key=lambda c: c.city.casefold())
    if sort == "within_target":
        known = [c for c in ranked if c.within_target.share is not None]
        unknown = [c for c in ranked if c.within_target.share is None]
        return sorted(known, key=lambda c: -(c.within_target.share or 0)) + unknown
    return sorted(ranked, key=lambda c: c.sort_key(sort))


def network_comparison(network: Network, days: int, sort: str = "city") -> Comparison:
    """The network's current member cities that share, side by side, from the minimum up."""
    members = set(
        registry.members(
            network, registry.MemberFilter(on=timezone.localdate(), status=registry.CURRENT)
        ).values_list("membership__organisation_id", flat=True)
    )
    cities = [j for j in sharing() if j.organisation_id in members]
    problem = rules.comparison_problem(len(cities))
    shown = [] if problem else _sorted([figures(j, days) for j in cities], sort)
    return Comparison(days=days, sharing=len(cities), cities=shown, problem=problem)


def all_cities(days: int, sort: str = "city") -> list[CityFigures]:
    """Every sharing city, whatever its network (the Secretariat's view)."""
    return _sorted([figures(j, days) for j in sharing()], sort)


def days_from(value: object) -> int:
    """A period the reader chose, or the default for anything else."""
    try:
        days = int(str(value))
    except ValueError:
        return DEFAULT_DAYS
    return days if days in PERIODS else DEFAULT_DAYS
