"""Today's dashboard queries, as they were before the tallies (straight over the reports):
the reference the tallied panels are compared with on generated data."""

# ruff: noqa
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Floor, TruncWeek
from django.utils import formats
from django.utils.translation import gettext as _

from intercity.participation.dashboards import (
    GRID,
    PERCENTILES,
    ROW_NAMES,
    AreaGrid,
    Cell,
    Percentiles,
    Period,
    Resolution,
    ServiceTimes,
    Volume,
    Volumes,
    _names,
    _ranked,
    filed,
)
from intercity.participation.models import Jurisdiction, Report


def _by(queryset: QuerySet[Report], column: str) -> dict[Any, int]:
    return dict(queryset.order_by().values_list(column).annotate(n=Count("*")))


def volumes(jurisdiction: Jurisdiction, period: Period) -> Volumes:
    """Reports filed in the period by status, by service and by department, from one pass:
    counted per (status, service, department), a few hundred rows at most, then summed."""
    counted = (
        filed(jurisdiction, period)
        .order_by()
        .values_list("status_id", "service_id", "department_id")
        .annotate(n=Count("*"))
    )
    statuses: dict[Any, int] = {}
    services: dict[Any, int] = {}
    departments: dict[Any, int] = {}
    for status, service, department, n in counted:
        statuses[status] = statuses.get(status, 0) + n
        services[service] = services.get(service, 0) + n
        departments[department] = departments.get(department, 0) + n
    workflow = _names(jurisdiction.statuses.order_by("position"))
    return Volumes(
        by_status=[Volume(pk, name, statuses.get(pk, 0)) for pk, name in workflow.items()],
        by_service=_ranked(services, _names(jurisdiction.services.all()), _("Unknown service")),
        by_department=_ranked(
            departments, _names(jurisdiction.departments.all()), _("No department")
        ),
    )


def volume_by_week(jurisdiction: Jurisdiction, period: Period) -> list[Volume]:
    """Reports filed per week (Monday to Sunday, local time), every week of the period, the
    first and last possibly partial; `key` is the Monday."""
    zone = ZoneInfo(jurisdiction.time_zone)
    counts: dict[dt.date, int] = {}
    weeks = (
        filed(jurisdiction, period)
        .order_by()
        .annotate(week=TruncWeek("requested_at", tzinfo=zone))
        .values_list("week")
        .annotate(n=Count("*"))
    )
    for week, n in weeks:
        day = week.astimezone(zone).date() if isinstance(week, dt.datetime) else week
        counts[day] = counts.get(day, 0) + n
    monday = period.start - dt.timedelta(days=period.start.weekday())
    found = []
    while monday <= period.end:
        label = _("Week of %(date)s") % {"date": formats.date_format(monday, "SHORT_DATE_FORMAT")}
        found.append(Volume(monday, label, counts.get(monday, 0)))
        monday += dt.timedelta(days=7)
    return found


def volume_by_area(jurisdiction: Jurisdiction, period: Period) -> AreaGrid:
    """Reports per cell of a GRID x GRID grid over the bounds (row A is the northernmost)."""
    lat0, lon0 = jurisdiction.min_latitude, jurisdiction.min_longitude
    lat_step = (jurisdiction.max_latitude - lat0) / GRID
    lon_step = (jurisdiction.max_longitude - lon0) / GRID

    def index(column: str, origin: Decimal, step: Decimal) -> Cast:
        # In floating point, which PostgreSQL computes several times faster than numeric;
        # a point exactly on a line between two cells may fall in either.
        where = Cast(column, output_field=FloatField())
        offset = (where - Value(float(origin))) / Value(float(step))
        return Cast(Floor(offset), output_field=IntegerField())

    counted = (
        filed(jurisdiction, period)
        .order_by()
        .annotate(y=index("latitude", lat0, lat_step), x=index("longitude", lon0, lon_step))
        .values_list("y", "x")
        .annotate(n=Count("*"))
    )
    counts: dict[tuple[int, int], int] = {}
    without = 0
    for y, x, n in counted:
        if y is None or x is None:
            without += n
            continue
        # The northern and eastern edges belong to the last cell.
        key = (min(max(y, 0), GRID - 1), min(max(x, 0), GRID - 1))
        counts[key] = counts.get(key, 0) + n
    rows = []
    for r in range(GRID):
        y = GRID - 1 - r
        rows.append(
            [
                Cell(
                    label=f"{ROW_NAMES[r]}{x + 1}",
                    count=counts.get((y, x), 0),
                    min_latitude=(lat0 + y * lat_step).quantize(Decimal("0.000001")),
                    max_latitude=(lat0 + (y + 1) * lat_step).quantize(Decimal("0.000001")),
                    min_longitude=(lon0 + x * lon_step).quantize(Decimal("0.000001")),
                    max_longitude=(lon0 + (x + 1) * lon_step).quantize(Decimal("0.000001")),
                )
                for x in range(GRID)
            ]
        )
    return AreaGrid(rows, without)


DURATION = ExpressionWrapper(F("resolved_at") - F("requested_at"), output_field=DurationField())


def _closed_status_ids(jurisdiction: Jurisdiction) -> dict[int, str]:
    """Closed statuses that end the work on a report: not the one for duplicates, which
    close when merged, whatever was done about the concern."""
    return _names(
        jurisdiction.statuses.filter(open311="closed")
        .exclude(code="duplicate")
        .order_by("position")
    )


def _resolved(jurisdiction: Jurisdiction, period: Period) -> QuerySet[Report]:
    """Filed in the period and closed (index: report_status, one range per closed status)."""
    return filed(jurisdiction, period).filter(
        status_id__in=list(_closed_status_ids(jurisdiction)), resolved_at__isnull=False
    )


def _seconds(value: float | None) -> dt.timedelta | None:
    """Whole seconds: finer would only show the databases' rounding."""
    return None if value is None else dt.timedelta(seconds=round(value))


def _portable_percentiles(queryset: QuerySet[Report], count: int) -> Percentiles:
    """percentile_cont without database support: the one or two values around each rank,
    read with ORDER BY ... LIMIT 2 OFFSET k, so nothing but those values leaves the
    database."""
    ordered = queryset.order_by().annotate(duration=DURATION).order_by("duration", "pk")
    found: list[dt.timedelta | None] = []
    for fraction in PERCENTILES:
        if not count:
            found.append(None)
            continue
        rank = fraction * (count - 1)
        low = math.floor(rank)
        values = list(ordered.values_list("duration", flat=True)[low : low + 2])
        below = values[0]
        above = values[1] if len(values) > 1 else below
        value = below + (above - below) * (rank - low)
        found.append(_seconds(value.total_seconds()))
    return Percentiles(count, found[0], found[1])


def _postgresql_percentiles(
    closed: QuerySet[Report],
) -> tuple[Percentiles, dict[int, Percentiles]]:
    """percentile_cont, per service and overall (ROLLUP) in one pass over the reports."""
    seconds = Func(
        DURATION,
        template="EXTRACT(EPOCH FROM %(expressions)s)::double precision",
        output_field=FloatField(),
    )
    inner = closed.order_by().annotate(seconds=seconds).values_list("service_id", "seconds")
    inner_sql, params = inner.query.sql_with_params()
    fractions = ", ".join(
        f"percentile_cont({fraction!r}) WITHIN GROUP (ORDER BY seconds)" for fraction in PERCENTILES
    )
    # Django's own SQL for the reports, with its parameters bound by the driver.
    query = (
        f"SELECT service_id, COUNT(*), {fractions} FROM ({inner_sql}) AS closed "  # noqa: S608
        "(service_id, seconds) GROUP BY ROLLUP (service_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    per = {pk: Percentiles(n, _seconds(p50), _seconds(p90)) for pk, n, p50, p90 in rows}
    # ROLLUP's total row has no service; with no closed report there is no row at all.
    overall = per.pop(None, Percentiles(0, None, None))
    return overall, per


def resolution_times(jurisdiction: Jurisdiction, period: Period) -> Resolution:
    """Median and 90th percentile of the time from filing to closing, of the reports filed
    in the period and closed since, overall and per service."""
    closed = _resolved(jurisdiction, period)
    services = list(jurisdiction.services.order_by("position", "name"))
    statuses = list(_closed_status_ids(jurisdiction).values())
    if connection.vendor == "postgresql":
        overall, per = _postgresql_percentiles(closed)
    else:
        counts = _by(closed, "service_id")
        overall = _portable_percentiles(closed, sum(counts.values()))
        per = {
            pk: _portable_percentiles(closed.filter(service_id=pk), n) for pk, n in counts.items()
        }
    empty = Percentiles(0, None, None)
    return Resolution(
        statuses=statuses,
        overall=overall,
        by_service=[
            ServiceTimes(s.pk, s.name, s.target_hours, per.get(s.pk, empty)) for s in services
        ],
    )
