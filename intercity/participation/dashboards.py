"""What a city's dashboard and its open data show, as aggregate queries over one jurisdiction's
reports and one period.

Every function takes a jurisdiction (reached through `tenancy`) and a `Period`, and asks the
database for a bounded answer: one row per service, department, status, grid cell or week,
never one per report. The period panels read the daily tallies (`participation.tallies`, kept
by the services in the same transaction as each change and rebuilt exactly by
`manage.py rebuild_cps_tallies`): the period selects the days the reports were filed on (in
the jurisdiction's time zone), so a year's panel reads a few thousand tally rows whatever
the number of reports. The backlog is what is open now, whatever the period, read from the
reports (index report_status); so is the open-data export.

Areas are cells of a 5 x 5 grid laid over the jurisdiction's bounding box (rows A-E from north
to south, columns 1-5 from west to east), not postcodes: every report placed on the map has
coordinates inside the bounds, while a postcode is optional in Open311 and absent from most
reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from intercity.participation import rules, tallies, tenancy
from intercity.participation.models import (
    DailyAreaTally,
    DailyResolution,
    DailyTally,
    Jurisdiction,
    MonthlyResolution,
    Report,
)

DEFAULT_DAYS = 90
MAX_DAYS = 366
GRID = tallies.GRID
ROW_NAMES = "ABCDEFGHIJ"[:GRID]
PERCENTILES = (Fraction(1, 2), Fraction(9, 10))


# --- Period ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Days `start` to `end`, both included, in the jurisdiction's time zone."""

    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, today: dt.date, days: int = DEFAULT_DAYS) -> Period:
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def problem(self) -> str | None:
        """Why the period cannot be shown, or None."""
        if self.end < self.start:
            return _("The period ends before it starts.")
        if self.days > MAX_DAYS:
            return _("Choose a period of at most %(max)s days; this one has %(days)s.") % {
                "max": MAX_DAYS,
                "days": self.days,
            }
        return None

    def bounds(self, jurisdiction: Jurisdiction) -> tuple[dt.datetime, dt.datetime]:
        """From the first day's local midnight to the midnight after the last day."""
        zone = ZoneInfo(jurisdiction.time_zone)
        first = dt.datetime.combine(self.start, dt.time(), tzinfo=zone)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        return first, after


def filed(jurisdiction: Jurisdiction, period: Period) -> QuerySet[Report]:
    """The reports filed in the period (index: report_recent, or report_status/_service/
    _department when a panel adds their column)."""
    first, after = period.bounds(jurisdiction)
    return tenancy.reports_of(jurisdiction).filter(requested_at__gte=first, requested_at__lt=after)


# --- Volumes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volume:
    key: Any
    label: str
    count: int


def _by(queryset: QuerySet[Report], column: str) -> dict[Any, int]:
    return dict(queryset.order_by().values_list(column).annotate(n=Count("*")))


def _ranked(counts: dict[Any, int], labels: dict[Any, str], missing: str) -> list[Volume]:
    """Every known item (also with none), then any without one, largest first."""
    keys = list(labels) + [k for k in counts if k not in labels]
    volumes = [Volume(k, labels.get(k, missing), counts.get(k, 0)) for k in keys]
    return sorted(volumes, key=lambda v: (-v.count, v.label))


@dataclass(frozen=True)
class Volumes:
    by_status: list[Volume]  # in workflow order, so the panel reads like the workflow
    by_service: list[Volume]
    by_department: list[Volume]


def _days(model: type[Any], jurisdiction: Jurisdiction, period: Period) -> QuerySet[Any]:
    """A tally's rows of the city for the period's days (index: the tally's unique key,
    which starts with the city and the day)."""
    return (
        tenancy.tallies_of(model, jurisdiction)
        .filter(day__gte=period.start, day__lte=period.end)
        .order_by()
    )


@dataclass(frozen=True)
class Lists:
    """The city's workflow, services and departments, read once for a whole dashboard (three
    small queries instead of one or two per panel); a panel alone reads its own."""

    statuses: list[Any]  # in workflow order
    services: list[Any]  # by position, then name
    departments: list[Any]

    @classmethod
    def of(cls, jurisdiction: Jurisdiction) -> Lists:
        return cls(
            statuses=list(jurisdiction.statuses.order_by("position")),
            services=list(jurisdiction.services.order_by("position", "name")),
            departments=list(jurisdiction.departments.all()),
        )


def volumes(jurisdiction: Jurisdiction, period: Period, lists: Lists | None = None) -> Volumes:
    """Reports filed in the period by status, by service and by department, from the daily
    tallies summed per (status, service, department): a few hundred rows at most."""
    counted = (
        _days(DailyTally, jurisdiction, period)
        .values_list("status_id", "service_id", "department_id")
        .annotate(n=Sum("filed"))
    )
    lists = lists or Lists.of(jurisdiction)
    known_departments = _names(lists.departments)
    statuses: dict[Any, int] = {}
    services: dict[Any, int] = {}
    departments: dict[Any, int] = {}
    for status, service, department, n in counted:
        # A department the city no longer has is none, as its reports now say (SET_NULL).
        key = department if department in known_departments else None
        statuses[status] = statuses.get(status, 0) + n
        services[service] = services.get(service, 0) + n
        departments[key] = departments.get(key, 0) + n
    workflow = _names(lists.statuses)
    return Volumes(
        by_status=[Volume(pk, name, statuses.get(pk, 0)) for pk, name in workflow.items()],
        by_service=_ranked(_nonzero(services), _names(lists.services), _("Unknown service")),
        by_department=_ranked(_nonzero(departments), known_departments, _("No department")),
    )


def _nonzero(counts: dict[Any, int]) -> dict[Any, int]:
    return {k: n for k, n in counts.items() if n}


def _names(rows: Iterable[Any]) -> dict[Any, str]:
    """Each row's name in the reader's language (the translated field; `values_list("name")`
    would read the English column), in the rows' order. A city has a few dozen of them."""
    return {row.pk: str(row.name) for row in rows}


def volume_by_service(jurisdiction: Jurisdiction, period: Period) -> list[Volume]:
    return volumes(jurisdiction, period).by_service


def volume_by_department(jurisdiction: Jurisdiction, period: Period) -> list[Volume]:
    return volumes(jurisdiction, period).by_department


def volume_by_status(jurisdiction: Jurisdiction, period: Period) -> list[Volume]:
    return volumes(jurisdiction, period).by_status


def volume_by_week(jurisdiction: Jurisdiction, period: Period) -> list[Volume]:
    """Reports filed per week (Monday to Sunday, local time), every week of the period, the
    first and last possibly partial; `key` is the Monday. From the area tallies summed per
    day (one row per cell and day: the smallest of the tallies)."""
    counts: dict[dt.date, int] = {}
    days = _days(DailyAreaTally, jurisdiction, period).values_list("day").annotate(n=Sum("filed"))
    for day, n in days:
        monday = day - dt.timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + n
    monday = period.start - dt.timedelta(days=period.start.weekday())
    found = []
    while monday <= period.end:
        label = _("Week of %(date)s") % {"date": formats.date_format(monday, "SHORT_DATE_FORMAT")}
        found.append(Volume(monday, label, counts.get(monday, 0)))
        monday += dt.timedelta(days=7)
    return found


@dataclass(frozen=True)
class Cell:
    label: str  # e.g. "B3"
    count: int
    min_latitude: Decimal
    max_latitude: Decimal
    min_longitude: Decimal
    max_longitude: Decimal


@dataclass(frozen=True)
class AreaGrid:
    rows: list[list[Cell]]  # north to south, each west to east
    without_location: int

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells) + self.without_location


def volume_by_area(jurisdiction: Jurisdiction, period: Period) -> AreaGrid:
    """Reports per cell of a GRID x GRID grid over the bounds (row A is the northernmost),
    from the area tallies (`rules.area_cell`, exact: a point on a line between two cells is
    in the northern or eastern one)."""
    lat0, lon0 = jurisdiction.min_latitude, jurisdiction.min_longitude
    lat_step = (jurisdiction.max_latitude - lat0) / GRID
    lon_step = (jurisdiction.max_longitude - lon0) / GRID
    counted = (
        _days(DailyAreaTally, jurisdiction, period).values_list("cell").annotate(n=Sum("filed"))
    )
    counts: dict[tuple[int, int], int] = {}
    without = 0
    for cell, n in counted:
        if cell == tallies.NO_LOCATION:
            without += n
        else:
            counts[divmod(cell, GRID)] = n
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


# --- Time to resolve -------------------------------------------------------------------------


@dataclass(frozen=True)
class Percentiles:
    count: int
    median: dt.timedelta | None
    p90: dt.timedelta | None


@dataclass(frozen=True)
class ServiceTimes:
    service_id: int
    name: str
    target_hours: int | None
    times: Percentiles


@dataclass(frozen=True)
class Resolution:
    statuses: list[str]  # the closed statuses counted, by name
    overall: Percentiles
    by_service: list[ServiceTimes]


def _closed_status_ids(jurisdiction: Jurisdiction, lists: Lists | None = None) -> dict[int, str]:
    """Closed statuses that end the work on a report: not the one for duplicates, which
    close when merged, whatever was done about the concern."""
    lists = lists or Lists.of(jurisdiction)
    return _names(s for s in lists.statuses if s.open311 == "closed" and s.code != "duplicate")


def _any_of(ranges: list[Q]) -> Q:
    """Rows in any of the ranges; none with no range."""
    found = Q(pk__in=[])
    for each in ranges:
        found |= each
    return found


def _percentiles(histogram: dict[int, int]) -> Percentiles:
    median, p90 = (rules.histogram_percentile(histogram, f) for f in PERCENTILES)
    return Percentiles(sum(histogram.values()), median, p90)


def resolution_times(
    jurisdiction: Jurisdiction, period: Period, lists: Lists | None = None
) -> Resolution:
    """Median and 90th percentile of the time from filing to closing, of the reports filed
    in the period and closed since, overall and per service: read from the daily histogram
    of times to resolve (`rules.RESOLUTION_EDGES`), each the upper edge of the bucket that
    holds it, so at most a tenth (plus a second) above the exact nearest-rank value."""
    lists = lists or Lists.of(jurisdiction)
    closed = _closed_status_ids(jurisdiction, lists)
    services = lists.services
    days, months = rules.whole_months(period.start, period.end)
    daily = tenancy.tallies_of(DailyResolution, jurisdiction).filter(
        _any_of([Q(day__gte=first, day__lte=last) for first, last in days])
    )
    monthly = tenancy.tallies_of(MonthlyResolution, jurisdiction).filter(
        _any_of([Q(month__gte=first, month__lte=last) for first, last in months])
    )
    rows: list[tuple[int, int, int]] = []
    for found in (daily, monthly):
        rows += (
            found.filter(status_id__in=list(closed))
            .order_by()
            .values_list("service_id", "bucket")
            .annotate(n=Sum("resolved"))
        )
    per: dict[int, dict[int, int]] = {}
    overall: dict[int, int] = {}
    for service, bucket, n in rows:
        if n:
            mine = per.setdefault(service, {})
            mine[bucket] = mine.get(bucket, 0) + n
            overall[bucket] = overall.get(bucket, 0) + n
    return Resolution(
        statuses=list(closed.values()),
        overall=_percentiles(overall),
        by_service=[
            ServiceTimes(s.pk, s.name, s.target_hours, _percentiles(per.get(s.pk, {})))
            for s in services
        ],
    )


# --- Backlog ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BacklogRow:
    key: int | None
    label: str
    open: int
    overdue: int


@dataclass(frozen=True)
class Backlog:
    at: dt.datetime
    open: int
    overdue: int
    by_department: list[BacklogRow]


def backlog(jurisdiction: Jurisdiction, now: dt.datetime, lists: Lists | None = None) -> Backlog:
    """Reports open now (a status Open311 calls open), and those past their target time, per
    department (index: report_status, one range per open status)."""
    lists = lists or Lists.of(jurisdiction)
    open_ids = [s.pk for s in lists.statuses if s.open311 == "open"]
    rows = (
        tenancy.reports_of(jurisdiction)
        .filter(status_id__in=open_ids)
        .order_by()
        .values_list("department_id")
        .annotate(n=Count("*"), late=Count("expected_at", filter=Q(expected_at__lt=now)))
    )
    counted = {key: (n, late) for key, n, late in rows}
    labels: dict[int | None, str] = _names(lists.departments)
    keys = list(labels) + [k for k in counted if k not in labels]
    departments = [
        BacklogRow(k, labels.get(k, _("No department")), *counted.get(k, (0, 0))) for k in keys
    ]
    departments.sort(key=lambda r: (-r.open, r.label))
    return Backlog(
        at=now,
        open=sum(r.open for r in departments),
        overdue=sum(r.overdue for r in departments),
        by_department=departments,
    )


# --- The whole dashboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    period: Period
    by_status: list[Volume]
    by_service: list[Volume]
    by_department: list[Volume]
    by_week: list[Volume]
    by_area: AreaGrid
    resolution: Resolution
    backlog: Backlog

    @property
    def filed(self) -> int:
        return sum(v.count for v in self.by_status)


# Each panel, by the name the benchmark prints: (jurisdiction, period, now) -> its answer.
PANELS: dict[str, Callable[[Jurisdiction, Period, dt.datetime], object]] = {
    "volume by status, service, department": lambda j, p, now: volumes(j, p),
    "volume by week": lambda j, p, now: volume_by_week(j, p),
    "volume by area": lambda j, p, now: volume_by_area(j, p),
    "time to resolve": lambda j, p, now: resolution_times(j, p),
    "backlog and overdue": lambda j, p, now: backlog(j, now),
}


def dashboard(jurisdiction: Jurisdiction, period: Period, now: dt.datetime) -> Dashboard:
    lists = Lists.of(jurisdiction)
    counted = volumes(jurisdiction, period, lists)
    return Dashboard(
        period=period,
        by_status=counted.by_status,
        by_service=counted.by_service,
        by_department=counted.by_department,
        by_week=volume_by_week(jurisdiction, period),
        by_area=volume_by_area(jurisdiction, period),
        resolution=resolution_times(jurisdiction, period, lists),
        backlog=backlog(jurisdiction, now, lists),
    )


# --- Open data -------------------------------------------------------------------------------

# Open311 GeoReport v2 field names where there is one. Nothing that says who filed a report
# (name, e-mail, phone, device or account id), who works it, its token, its free-form
# attributes or photos; moderated (hidden) reports keep their row with the text left blank.
OPEN_DATA_COLUMNS = (
    "service_request_id",
    "service_code",
    "service_name",
    "agency_responsible",
    "status",
    "status_name",
    "description",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "closed_datetime",
    "lat",
    "long",
    "address",
    "zipcode",
    "duplicate_of",
)


def open_data_rows(
    jurisdiction: Jurisdiction, *, start: dt.date | None = None, end: dt.date | None = None
) -> Iterator[list[str]]:
    """The rows of the public export, of the reports filed from `start` to `end` (local days,
    both included, either open), newest first. They are read from the database in chunks (a
    server-side cursor on PostgreSQL), so any number of reports streams in bounded memory."""
    zone = ZoneInfo(jurisdiction.time_zone)
    services = {
        pk: (code, name)
        for pk, code, name in jurisdiction.services.values_list("pk", "code", "name")
    }
    statuses = {
        pk: (kind, name)
        for pk, kind, name in jurisdiction.statuses.values_list("pk", "open311", "name")
    }
    departments = dict(jurisdiction.departments.values_list("pk", "name"))
    reports = tenancy.reports_of(jurisdiction)
    if start is not None:
        reports = reports.filter(requested_at__gte=dt.datetime.combine(start, dt.time(), zone))
    if end is not None:
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), zone)
        reports = reports.filter(requested_at__lt=after)
    values = reports.order_by("-requested_at", "-pk").values(
        "public_id",
        "service_id",
        "department_id",
        "status_id",
        "hidden",
        "description",
        "requested_at",
        "updated_at",
        "expected_at",
        "resolved_at",
        "latitude",
        "longitude",
        "address",
        "zipcode",
        "duplicate_of__public_id",
    )

    def when(value: dt.datetime | None) -> str:
        return value.astimezone(zone).isoformat() if value else ""

    for stored in values.iterator(chunk_size=2_000):
        # What anyone may see of a moderated report: the one rule every public reader applies.
        row = rules.public_values(stored["hidden"], stored)
        code, name = services.get(row["service_id"], ("", ""))
        open311, status_name = statuses.get(row["status_id"], ("", ""))
        yield [
            row["public_id"],
            code,
            name,
            departments.get(row["department_id"], ""),
            open311,
            status_name,
            row["description"],
            when(row["requested_at"]),
            when(row["updated_at"]),
            when(row["expected_at"]),
            when(row["resolved_at"]),
            "" if row["latitude"] is None else str(row["latitude"]),
            "" if row["longitude"] is None else str(row["longitude"]),
            row["address"],
            row["zipcode"],
            row["duplicate_of__public_id"] or "",
        ]
