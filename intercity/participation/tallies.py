"""The dashboard's tallies: per-day counts of a city's reports, kept by the services in the
same transaction as each change, and rebuilt exactly from the reports by
`manage.py rebuild_cps_tallies`.

A report counts in four tables (models `DailyTally`, `DailyAreaTally`, `DailyResolution` and
its monthly sum `MonthlyResolution`), each row keyed by the local day (or month) it was filed
on and the columns a panel groups by. What a report contributes is `counted(report)`, a
function of its own columns alone (and of the city's bounds and time zone); a change of those
columns is `record(before, after)`: minus one where it was counted, plus one where it is now,
as upserts (INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n), which PostgreSQL and
SQLite both apply atomically, so two reports filed at once on the same day and service are
both counted, and a row that does not exist yet is made by exactly one of them.

The services call it: intake (`intake.store_with_orm`, and on PostgreSQL the insert statement
itself keeps the same counts in its own CTEs), `services._move` (every change of
status: `change_status`, its bulk form, `merge`, and any other path that moves a report along
the workflow must go through it), `services.assign` (the department). Moderation (`hidden`)
changes nothing counted: the dashboards count hidden reports, as they always have.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from intercity.participation import rules, tenancy
from intercity.participation.models import (
    DailyAreaTally,
    DailyResolution,
    DailyTally,
    Jurisdiction,
    MonthlyResolution,
    Report,
)

GRID = 5  # the dashboard's area grid (dashboards.GRID is this)
NO_DEPARTMENT = 0
NO_LOCATION = -1


@dataclass(frozen=True)
class Counted:
    """Where one report is counted."""

    day: dt.date
    service_id: int
    department_id: int  # NO_DEPARTMENT for none
    status_id: int
    cell: int  # row * GRID + column, NO_LOCATION for none
    bucket: int | None  # its time to resolve, None while it has no resolved_at


def bounds_of(jurisdiction: Jurisdiction) -> rules.Bounds:
    return rules.Bounds(
        jurisdiction.min_latitude,
        jurisdiction.max_latitude,
        jurisdiction.min_longitude,
        jurisdiction.max_longitude,
    )


def cell_of(latitude: Any, longitude: Any, bounds: rules.Bounds) -> int:
    found = rules.area_cell(latitude, longitude, bounds, GRID)
    return NO_LOCATION if found is None else found[0] * GRID + found[1]


def counted_values(
    *,
    zone: dt.tzinfo,
    bounds: rules.Bounds,
    service_id: int,
    department_id: int | None,
    status_id: int,
    requested_at: dt.datetime,
    resolved_at: dt.datetime | None,
    latitude: Any,
    longitude: Any,
) -> Counted:
    return Counted(
        day=rules.local_day(requested_at, zone),
        service_id=service_id,
        department_id=department_id or NO_DEPARTMENT,
        status_id=status_id,
        cell=cell_of(latitude, longitude, bounds),
        bucket=None if resolved_at is None else rules.resolution_bucket(resolved_at - requested_at),
    )


def counted(report: Report, jurisdiction: Jurisdiction) -> Counted:
    return counted_values(
        zone=ZoneInfo(jurisdiction.time_zone),
        bounds=bounds_of(jurisdiction),
        service_id=report.service_id,
        department_id=report.department_id,
        status_id=report.status_id,
        requested_at=report.requested_at,
        resolved_at=report.resolved_at,
        latitude=report.latitude,
        longitude=report.longitude,
    )


# --- Keeping them --------------------------------------------------------------------------------


Key = tuple[Any, ...]


def _tally_key(c: Counted) -> Key:
    return (c.day, c.service_id, c.department_id, c.status_id)


def _area_key(c: Counted) -> Key:
    return (c.day, c.cell)


def _resolution_key(c: Counted) -> Key | None:
    return None if c.bucket is None else (c.day, c.service_id, c.status_id, c.bucket)


def _monthly_resolution_key(c: Counted) -> Key | None:
    if c.bucket is None:
        return None
    return (c.day.replace(day=1), c.service_id, c.status_id, c.bucket)


@dataclass(frozen=True)
class Table:
    model: type[Any]
    columns: tuple[str, ...]  # the key, after the jurisdiction
    count: str
    key: Callable[[Counted], Key | None]


TABLES = (
    Table(DailyTally, ("day", "service_id", "department_id", "status_id"), "filed", _tally_key),
    Table(DailyAreaTally, ("day", "cell"), "filed", _area_key),
    Table(
        DailyResolution,
        ("day", "service_id", "status_id", "bucket"),
        "resolved",
        _resolution_key,
    ),
    Table(
        MonthlyResolution,
        ("month", "service_id", "status_id", "bucket"),
        "resolved",
        _monthly_resolution_key,
    ),
)


def record(jurisdiction_id: int, before: Counted | None, after: Counted | None) -> None:
    """Move one report's counts from where it was (None: it was not there) to where it is
    now (None: it is gone), in the caller's transaction (which holds the report's row)."""
    if before == after:
        return
    for table in TABLES:
        old = table.key(before) if before is not None else None
        new = table.key(after) if after is not None else None
        if old == new:
            continue
        deltas: Counter[Key] = Counter()
        if old is not None:
            deltas[old] -= 1
        if new is not None:
            deltas[new] += 1
        _upsert(table, jurisdiction_id, deltas)


def _upsert(table: Table, jurisdiction_id: int, deltas: Counter[Key]) -> None:
    """Add each delta to its row, making the row when there is none: one statement."""
    rows = [(key, n) for key, n in deltas.items() if n]
    if not rows:
        return
    name = connection.ops.quote_name(table.model._meta.db_table)
    count = table.count
    names = ["jurisdiction_id", *table.columns, count]
    key = ", ".join(["jurisdiction_id", *table.columns])
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    params: list[Any] = []
    for values, n in rows:
        adapted = [connection.ops.adapt_datefield_value(values[0]), *values[1:]]
        params.extend([jurisdiction_id, *adapted, n])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {name} ({', '.join(names)}) VALUES {', '.join([one] * len(rows))} "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {name}.{count} + excluded.{count}",
            params,
        )


# --- Rebuilding them ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    reports: int
    rows: int


def expected(jurisdiction: Jurisdiction) -> tuple[dict[Key, int], ...]:
    """What the tables should hold, computed in Python from the reports with the same
    functions the services use: the reference the tests compare with, and the rebuild on
    databases other than PostgreSQL."""
    zone = ZoneInfo(jurisdiction.time_zone)
    bounds = bounds_of(jurisdiction)
    found: tuple[Counter[Key], ...] = tuple(Counter() for _table in TABLES)
    rows = (
        tenancy.reports_of(jurisdiction)
        .order_by()
        .values_list(
            "service_id",
            "department_id",
            "status_id",
            "requested_at",
            "resolved_at",
            "latitude",
            "longitude",
        )
    )
    for service, department, status, requested, resolved, lat, lon in rows.iterator(2_000):
        c = counted_values(
            zone=zone,
            bounds=bounds,
            service_id=service,
            department_id=department,
            status_id=status,
            requested_at=requested,
            resolved_at=resolved,
            latitude=lat,
            longitude=lon,
        )
        for n, table in enumerate(TABLES):
            key = table.key(c)
            if key is not None:
                found[n][key] += 1
    return tuple(dict(c) for c in found)


def stored(jurisdiction: Jurisdiction) -> tuple[dict[Key, int], ...]:
    """What the tables hold for the city (rows of zero left out), keyed as `expected`."""
    found: list[dict[Key, int]] = []
    for table in TABLES:
        held: Counter[Key] = Counter()
        rows = tenancy.tallies_of(table.model, jurisdiction).values_list(
            *table.columns, table.count
        )
        for row in rows:
            held[tuple(row[:-1])] += row[-1]
        found.append({k: n for k, n in held.items() if n})
    return tuple(found)


# PostgreSQL computes the same as `counted_values`, set-based: the local day with AT TIME ZONE,
# the cell in numeric (exact, as rules.area_cell), the bucket with width_bucket over the edges.
REBUILD_SQL = (
    """
INSERT INTO participation_dailytally
    (jurisdiction_id, day, service_id, department_id, status_id, filed)
SELECT %(j)s, (r.requested_at AT TIME ZONE %(zone)s)::date, r.service_id,
    COALESCE(r.department_id, 0), r.status_id, COUNT(*)
FROM ({reports}) AS r GROUP BY 2, 3, 4, 5
""",
    """
INSERT INTO participation_dailyareatally (jurisdiction_id, day, cell, filed)
SELECT %(j)s, (r.requested_at AT TIME ZONE %(zone)s)::date,
    CASE WHEN r.latitude IS NULL OR r.longitude IS NULL THEN -1 ELSE
        LEAST(GREATEST(FLOOR((r.latitude - %(lat0)s) * %(grid)s / %(lat_span)s), 0), %(last)s)
        * %(grid)s
        + LEAST(GREATEST(FLOOR((r.longitude - %(lon0)s) * %(grid)s / %(lon_span)s), 0), %(last)s)
    END,
    COUNT(*)
FROM ({reports}) AS r GROUP BY 2, 3
""",
    """
INSERT INTO participation_dailyresolution
    (jurisdiction_id, day, service_id, status_id, bucket, resolved)
SELECT %(j)s, (r.requested_at AT TIME ZONE %(zone)s)::date, r.service_id, r.status_id,
    width_bucket(EXTRACT(EPOCH FROM r.resolved_at - r.requested_at), %(edges)s::numeric[]),
    COUNT(*)
FROM ({reports}) AS r WHERE r.resolved_at IS NOT NULL GROUP BY 2, 3, 4, 5
""",
    """
INSERT INTO participation_monthlyresolution
    (jurisdiction_id, month, service_id, status_id, bucket, resolved)
SELECT %(j)s, date_trunc('month', day)::date, service_id, status_id, bucket, SUM(resolved)
FROM participation_dailyresolution WHERE jurisdiction_id = %(j)s GROUP BY 2, 3, 4, 5
""",
)


def rebuild(jurisdiction: Jurisdiction) -> Rebuilt:
    """Recompute the city's tallies from its reports, in one transaction. The reports' rows
    are locked for share meanwhile, so no change slips between the count and the commit (a
    change waits, then records its move on the rebuilt counts)."""
    with transaction.atomic():
        reports = tenancy.reports_of(jurisdiction)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                reports_table = connection.ops.quote_name(Report._meta.db_table)
                cursor.execute(f"LOCK TABLE {reports_table} IN SHARE MODE")
        for table in TABLES:
            tenancy.tallies_of(table.model, jurisdiction).delete()
        if connection.vendor == "postgresql":
            _rebuild_in_sql(jurisdiction, reports)
        else:  # SQLite: the write transaction already excludes every other writer
            _rebuild_in_python(jurisdiction)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes the new rows for none.
            with connection.cursor() as cursor:
                for table in TABLES:
                    cursor.execute(
                        f"ANALYZE {connection.ops.quote_name(table.model._meta.db_table)}"
                    )
        rows = sum(tenancy.tallies_of(t.model, jurisdiction).count() for t in TABLES)
        return Rebuilt(reports=reports.count(), rows=rows)


def _rebuild_in_sql(jurisdiction: Jurisdiction, reports: Any) -> None:
    inner, inner_params = (
        reports.order_by()
        .values_list(
            "service_id",
            "department_id",
            "status_id",
            "requested_at",
            "resolved_at",
            "latitude",
            "longitude",
        )
        .query.sql_with_params()
    )
    values: dict[str, Any] = {
        "j": jurisdiction.pk,
        "zone": jurisdiction.time_zone,
        "grid": GRID,
        "last": GRID - 1,
        "lat0": jurisdiction.min_latitude,
        "lon0": jurisdiction.min_longitude,
        "lat_span": jurisdiction.max_latitude - jurisdiction.min_latitude,
        "lon_span": jurisdiction.max_longitude - jurisdiction.min_longitude,
        "edges": list(rules.RESOLUTION_EDGES),
    }
    # The reports' own query (tenancy.reports_of) is the subquery; its parameters are given
    # by name too, so the two kinds can share one statement.
    named = {f"inner{n}": value for n, value in enumerate(inner_params)}
    inner_named = inner % tuple(f"%({name})s" for name in named)
    with connection.cursor() as cursor:
        for statement in REBUILD_SQL:
            cursor.execute(statement.replace("{reports}", inner_named), {**values, **named})


def _fields(columns: tuple[str, ...], key: Key, count: str, n: int) -> dict[str, Any]:
    return {**dict(zip(columns, key, strict=True)), count: n}


def _rebuild_in_python(jurisdiction: Jurisdiction) -> None:
    for table, found in zip(TABLES, expected(jurisdiction), strict=True):
        table.model.objects.bulk_create(
            [
                table.model(
                    jurisdiction=jurisdiction, **_fields(table.columns, key, table.count, n)
                )
                for key, n in found.items()
            ],
            batch_size=1_000,
        )
