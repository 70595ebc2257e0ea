"""The dashboard's tallies: kept by the services as reports are filed, moved, routed and
merged, they always equal a rebuild from the reports; the dashboards read from them say what
the queries over the reports said; the time-to-resolve histogram is as exact as the page says."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intercity.core.errors import DomainError
from intercity.participation import dashboards, rules, services, tallies, tenancy
from intercity.participation.demo import generate
from intercity.participation.models import Jurisdiction, Report
from intercity.participation.tests import reference_dashboards as reference
from intercity.participation.tests.factories import IN_MAKATI, makati_jurisdiction

pytestmark = pytest.mark.django_db

SEOUL_TIME = ZoneInfo("Asia/Seoul")
START = dt.datetime(2025, 3, 1, 0, 0, tzinfo=SEOUL_TIME)
DB_EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Rollback(Exception):
    """Undo one hypothesis example's reports, so the next starts from the same city."""


# --- The rules --------------------------------------------------------------------------------


BOUNDS = rules.Bounds(Decimal("37.413"), Decimal("37.715"), Decimal("126.764"), Decimal("127.184"))


def test_the_area_cell_puts_lines_and_edges_in_the_northern_and_eastern_cell():
    assert rules.area_cell(None, Decimal("127"), BOUNDS, 5) is None
    assert rules.area_cell(BOUNDS.min_latitude, BOUNDS.min_longitude, BOUNDS, 5) == (0, 0)
    assert rules.area_cell(BOUNDS.max_latitude, BOUNDS.max_longitude, BOUNDS, 5) == (4, 4)
    # The line between rows 0 and 1 (a fifth of the way north) is row 1's.
    line = BOUNDS.min_latitude + (BOUNDS.max_latitude - BOUNDS.min_latitude) / 5
    assert rules.area_cell(line, BOUNDS.min_longitude, BOUNDS, 5) == (1, 0)
    assert rules.area_cell(line - Decimal("0.000001"), BOUNDS.min_longitude, BOUNDS, 5) == (0, 0)
    # Outside the bounds (a city's bounds may shrink): the nearest edge cell.
    assert rules.area_cell(Decimal("40"), Decimal("100"), BOUNDS, 5) == (4, 0)


@given(st.integers(min_value=-(10**6), max_value=10**10))
def test_the_bucket_of_a_time_is_between_its_edges(micro):
    time = dt.timedelta(microseconds=micro)
    bucket = rules.resolution_bucket(time)
    upper = rules.bucket_upper_edge(bucket)
    if bucket < len(rules.RESOLUTION_EDGES):
        assert time < upper
    if bucket > 0:
        assert time >= dt.timedelta(seconds=rules.RESOLUTION_EDGES[bucket - 1])
        # The band is at most a tenth of its lower edge, plus a second, wide.
        assert upper - time <= time / 10 + dt.timedelta(seconds=1)


@given(
    st.lists(st.integers(min_value=0, max_value=10**8), min_size=0, max_size=60),
    st.sampled_from([Fraction(1, 2), Fraction(9, 10), Fraction(1, 100), Fraction(1)]),
)
def test_a_histogram_percentile_is_a_true_bound_a_tenth_above_at_most(seconds, fraction):
    times = [dt.timedelta(seconds=s) for s in seconds]
    histogram: dict[int, int] = {}
    for time in times:
        bucket = rules.resolution_bucket(time)
        histogram[bucket] = histogram.get(bucket, 0) + 1
    shown = rules.histogram_percentile(histogram, fraction)
    exact = rules.nearest_rank(times, fraction)
    if exact is None or shown is None:
        assert exact is None
        assert shown is None
        return
    assert shown == rules.bucket_upper_edge(rules.resolution_bucket(exact))
    assert exact < shown <= exact * 11 / 10 + dt.timedelta(seconds=10)
    # At least that fraction of the times are under it.
    assert sum(t < shown for t in times) >= fraction * len(times)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)), st.integers(0, 800))
def test_whole_months_and_loose_days_cover_a_period_exactly_once(start, length):
    end = start + dt.timedelta(days=length)
    days, months = rules.whole_months(start, end)
    covered: list[dt.date] = []
    for first, last in days:
        covered += [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    for first, last in months:
        month = first
        while month <= last:
            assert month.day == 1
            day = month
            while day.month == month.month:
                covered.append(day)
                day += dt.timedelta(days=1)
            month = day
    assert sorted(covered) == [start + dt.timedelta(days=n) for n in range(length + 1)]


# --- Kept by the services = rebuilt from the reports -------------------------------------------


def file(seoul, service, when, where):
    return services.submit_report(
        seoul,
        services.Submission(
            service_code=service,
            description=f"{service} at {when:%H:%M}",
            latitude=where[0] if where else None,
            longitude=where[1] if where else None,
            address="" if where else "Sejong-daero 110",
        ),
        now=when,
    )


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["file", "move", "assign", "merge"]),
        st.integers(0, 10**6),  # which report, which target, which place...
        st.integers(0, 60 * 24 * 20),  # minutes after the start
    ),
    min_size=1,
    max_size=14,
)


def play(seoul, staff, actions):
    """Play the actions through the services; refused ones (a move the workflow does not
    allow, a merge of a duplicate) change nothing, as on the pages."""
    codes = list(seoul.statuses.values_list("code", flat=True))
    departments = list(seoul.departments.all())
    reports: list[Report] = []
    for verb, pick, minutes in actions:
        when = START + dt.timedelta(minutes=minutes)
        try:
            if verb == "file" or not reports:
                lat = BOUNDS.min_latitude + Decimal(pick % 302_000) / 1_000_000
                lon = BOUNDS.min_longitude + Decimal(pick % 420_001) / 1_000_000
                service = ["pothole", "litter", "graffiti", "streetlight"][pick % 4]
                reports.append(file(seoul, service, when, None if pick % 7 == 0 else (lat, lon)))
            elif verb == "move":
                report = reports[pick % len(reports)]
                later = max(when, report.requested_at)
                services.change_status(staff, report, codes[pick % len(codes)], now=later)
            elif verb == "assign":
                report = reports[pick % len(reports)]
                services.assign(staff, report, department=departments[pick % len(departments)])
            elif verb == "merge" and len(reports) > 1:
                duplicate = reports[pick % len(reports)]
                into = reports[(pick // 7) % len(reports)]
                services.merge(staff, duplicate, into)
        except DomainError:
            pass
    return reports


@given(actions=ACTIONS)
@DB_EXAMPLES
def test_tallies_kept_by_the_services_equal_a_rebuild_from_the_reports(seoul, jiwoo, actions):
    try:
        with transaction.atomic():
            play(seoul, jiwoo, actions)
            live = tallies.stored(seoul)
            assert live == tallies.expected(seoul)
            tallies.rebuild(seoul)
            assert tallies.stored(seoul) == live
            raise Rollback
    except Rollback:
        pass


def test_a_status_move_a_merge_and_a_routing_move_the_counts(seoul, jiwoo):
    first = file(seoul, "pothole", START, (Decimal("37.5665"), Decimal("126.978")))
    second = file(seoul, "pothole", START, (Decimal("37.5665"), Decimal("126.978")))
    day = START.date()
    acknowledged = seoul.statuses.get(code="acknowledged").pk

    def counts() -> dict[int, int]:
        found: dict[int, int] = {}
        for key, n in tallies.stored(seoul)[0].items():
            found[key[3]] = found.get(key[3], 0) + n
        return found

    submitted = seoul.statuses.get(code="submitted").pk
    assert counts() == {submitted: 2}
    services.change_status(jiwoo, first, "acknowledged", now=START + dt.timedelta(hours=2))
    assert counts() == {submitted: 1, acknowledged: 1}
    services.merge(jiwoo, second, first)
    duplicate = seoul.statuses.get(code="duplicate").pk
    assert counts() == {duplicate: 1, acknowledged: 1}
    # The duplicate closed: its time to resolve is in the histogram (under its own status).
    assert [key[2] for key in tallies.stored(seoul)[2]] == [duplicate]
    parks = seoul.departments.get(name="Parks and Greenery")
    services.assign(jiwoo, first, department=parks)
    assert (day, first.service_id, parks.pk, acknowledged) in tallies.stored(seoul)[0]
    assert tallies.stored(seoul) == tallies.expected(seoul)


def test_another_citys_reports_are_not_in_seouls_tallies(seoul, jiwoo):
    makati = makati_jurisdiction()
    services.submit_report(
        makati,
        services.Submission(
            service_code=makati.services.first().code,
            description="Flooded street",
            latitude=IN_MAKATI[0],
            longitude=IN_MAKATI[1],
        ),
    )
    assert tallies.stored(seoul) == ({}, {}, {}, {})
    assert sum(tallies.stored(makati)[0].values()) == 1
    period = dashboards.Period.ending(dt.date.today(), 366)
    assert dashboards.volumes(seoul, period).by_service[0].count == 0
    tallies.rebuild(seoul)
    assert tallies.stored(seoul) == ({}, {}, {}, {})
    assert sum(tallies.stored(makati)[0].values()) == 1


def test_the_rebuild_command_counts_a_city_or_every_city(seoul):
    generate.generate(seoul, 120, days=30, end=START, seed=5)
    tenancy.tallies_of(tallies.TABLES[0].model, seoul).delete()  # as if lost
    out = io.StringIO()
    call_command("rebuild_cps_tallies", "--city", "seoul", stdout=out)
    assert "seoul: 120 reports counted in" in out.getvalue()
    assert tallies.stored(seoul) == tallies.expected(seoul)
    with pytest.raises(CommandError, match="No jurisdiction 'atlantis'"):
        call_command("rebuild_cps_tallies", "--city", "atlantis")


# --- The dashboards read from the tallies say what the reports say ----------------------------


@pytest.fixture
def generated(seoul):
    """600 reports over 400 days up to a quarter past midnight, Seoul time, by the demo
    generator (which rebuilds the tallies after writing), a few on the grid's lines."""
    end = dt.datetime(2025, 6, 1, 0, 15, tzinfo=SEOUL_TIME)
    generate.generate(seoul, 600, days=400, end=end, seed=7)
    return end


def periods(today: dt.date) -> list[dashboards.Period]:
    rng = random.Random(3)
    found = [dashboards.Period.ending(today, 90), dashboards.Period.ending(today, 366)]
    found += [dashboards.Period.ending(today - dt.timedelta(days=31), 1)]
    for _n in range(4):
        start = today - dt.timedelta(days=rng.randrange(400))
        found.append(dashboards.Period(start, start + dt.timedelta(days=rng.randrange(1, 200))))
    return found


def same_as_the_reports(seoul: Jurisdiction, today: dt.date) -> None:
    for period in periods(today):
        assert dashboards.volumes(seoul, period) == reference.volumes(seoul, period), period
        assert dashboards.volume_by_week(seoul, period) == reference.volume_by_week(seoul, period)
        assert dashboards.volume_by_area(seoul, period) == reference.volume_by_area(seoul, period)
        times = dashboards.resolution_times(seoul, period)
        closed = dashboards._closed_status_ids(seoul)
        resolved = (
            dashboards.filed(seoul, period)
            .filter(status_id__in=list(closed), resolved_at__isnull=False)
            .values_list("service_id", "requested_at", "resolved_at")
        )
        every = [done - filed for _s, filed, done in resolved if done is not None]
        assert times.overall.count == len(every)
        for fraction, shown in zip(
            dashboards.PERCENTILES, (times.overall.median, times.overall.p90), strict=True
        ):
            exact = rules.nearest_rank(every, fraction)
            assert shown == (
                None if exact is None else rules.bucket_upper_edge(rules.resolution_bucket(exact))
            )
        for service in times.by_service:
            mine = [
                done - filed
                for s, filed, done in resolved
                if s == service.service_id and done is not None
            ]
            assert service.times.count == len(mine)
            exact = rules.nearest_rank(mine, Fraction(1, 2))
            assert service.times.median == (
                None if exact is None else rules.bucket_upper_edge(rules.resolution_bucket(exact))
            )


def test_the_tallied_dashboard_says_what_the_queries_over_the_reports_say(seoul, generated):
    same_as_the_reports(seoul, generated.date())


@pytest.mark.parametrize("zone", ["America/New_York", "UTC", "Pacific/Chatham"])
def test_the_same_in_other_time_zones_once_the_tallies_are_rebuilt(seoul, generated, zone):
    seoul.time_zone = zone
    seoul.save(update_fields=["time_zone"])
    tallies.rebuild(seoul)
    same_as_the_reports(seoul, generated.astimezone(ZoneInfo(zone)).date())


def test_a_department_deleted_counts_as_none_as_its_reports_now_say(seoul, jiwoo, generated):
    period = dashboards.Period.ending(generated.date(), 366)
    parks = seoul.departments.get(name="Parks and Greenery")
    assert tenancy.reports_of(seoul).filter(department=parks).exists()
    parks.delete()  # the reports keep no department (SET_NULL); the tallies keep its id
    assert dashboards.volumes(seoul, period) == reference.volumes(seoul, period)
