"""The report generator behind the demo and the benchmark: the same input gives the same
reports, inside the city, with a history and statuses that agree; `demo_reports` tops up
to its count and no further."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F

from intercity.participation import tenancy
from intercity.participation.demo import generate
from intercity.participation.models import Event, Report

pytestmark = pytest.mark.django_db

END = dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC)


def fingerprint(row):
    return (
        row.public_id,
        row.token,
        row.service.code,
        row.status.code,
        row.latitude,
        row.longitude,
        row.requested_at,
        row.updated_at,
        row.resolved_at,
        row.description,
        row.duplicate_of,
    )


def test_the_same_seed_gives_the_same_reports(seoul):
    first = [fingerprint(r) for r in generate.rows(seoul, 400, end=END, days=30)]
    again = [fingerprint(r) for r in generate.rows(seoul, 400, end=END, days=30)]
    other = [fingerprint(r) for r in generate.rows(seoul, 400, end=END, days=30, seed=7)]
    assert first == again
    assert first != other
    assert len({f[0] for f in first}) == 400
    # A top-up continuing at offset 400 makes other reports, not the first ones again.
    later = [fingerprint(r) for r in generate.rows(seoul, 400, end=END, days=30, offset=400)]
    assert not {f[0] for f in first} & {f[0] for f in later}


def methods():
    found = ["bulk_create"]
    if connection.vendor == "postgresql":
        found.append("copy")
    return found


@pytest.mark.parametrize("method", methods())
def test_generated_reports_are_inside_the_city_and_consistent(seoul, method):
    made = generate.generate(seoul, 1_500, end=END, days=60, batch_size=400, method=method)
    assert made.reports == 1_500
    reports = tenancy.reports_of(seoul)
    assert reports.count() == 1_500
    inside = reports.filter(
        latitude__gte=seoul.min_latitude,
        latitude__lte=seoul.max_latitude,
        longitude__gte=seoul.min_longitude,
        longitude__lte=seoul.max_longitude,
    )
    assert inside.count() == 1_500
    assert not reports.filter(requested_at__gt=END).exists()
    assert not reports.filter(requested_at__lt=END - dt.timedelta(days=60)).exists()
    # Closed exactly when resolved_at is set, and that is the last change.
    assert not reports.filter(status__open311="closed", resolved_at__isnull=True).exists()
    assert not reports.filter(status__open311="open", resolved_at__isnull=False).exists()
    assert (
        not reports.filter(status__open311="closed").exclude(updated_at=F("resolved_at")).exists()
    )
    assert not reports.filter(updated_at__lt=F("requested_at")).exists()
    assert not reports.exclude(department=F("service__department")).exists()
    # Every service is reported, and several statuses occur.
    assert reports.values("service").distinct().count() == seoul.services.count()
    assert {"resolved", "rejected", "duplicate"} <= set(
        reports.values_list("status__code", flat=True)
    )
    # Duplicates point at an earlier report of the same service, in the same city.
    duplicates = reports.filter(duplicate_of__isnull=False)
    assert duplicates.count() == made.duplicates > 0
    assert not duplicates.exclude(service=F("duplicate_of__service")).exists()
    assert not duplicates.exclude(duplicate_of__jurisdiction=seoul).exists()
    assert not duplicates.filter(duplicate_of__requested_at__gt=F("requested_at")).exists()
    assert not duplicates.exclude(status__code="duplicate").exists()
    # History: a 'submitted' event for each, one more for each that moved on.
    events = Event.objects.filter(report__jurisdiction=seoul)
    assert events.filter(verb="submitted").count() == 1_500
    moved = reports.exclude(status__code="submitted").count()
    assert events.filter(verb="status").count() == moved
    assert made.events == 1_500 + moved
    last = events.filter(verb="status")
    assert not last.exclude(target=F("report__status")).exists()
    assert not last.exclude(at=F("report__updated_at")).exists()
    # Some reports carry contact details (the exports must leave them out), some do not.
    assert reports.exclude(email="").exists()
    assert reports.filter(email="").exists()


def test_writing_by_copy_or_bulk_create_gives_the_same_rows(seoul):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    columns = ("public_id", "service__code", "status__code", "latitude", "requested_at")
    generate.generate(seoul, 300, end=END, days=10, method="copy")
    by_copy = list(tenancy.reports_of(seoul).order_by("public_id").values_list(*columns))
    Report.objects.filter(jurisdiction=seoul).delete()
    generate.generate(seoul, 300, end=END, days=10, method="bulk_create")
    by_orm = list(tenancy.reports_of(seoul).order_by("public_id").values_list(*columns))
    assert by_copy == by_orm


def test_demo_reports_tops_up_to_its_count_and_no_further(seoul):
    out = io.StringIO()
    call_command("demo_reports", count=300, stdout=out)
    assert "generated 300 reports" in out.getvalue()
    assert tenancy.reports_of(seoul).count() == 300
    again = io.StringIO()
    call_command("demo_reports", count=300, stdout=again)
    assert "300 reports already, none generated" in again.getvalue()
    assert tenancy.reports_of(seoul).count() == 300
    # Someone deletes some: the next run makes up the difference with new reports.
    gone = list(tenancy.reports_of(seoul).order_by("pk").values_list("pk", flat=True)[:40])
    Report.objects.filter(pk__in=gone).delete()
    call_command("demo_reports", count=300, stdout=io.StringIO())
    assert tenancy.reports_of(seoul).count() == 300
    assert not tenancy.reports_of(seoul).values("public_id").annotate(n=Count("pk")).filter(n__gt=1)


def test_the_demo_gives_the_city_two_response_templates_once_that_fit_their_statuses(seoul):
    from intercity.participation import rules
    from intercity.participation.models import ResponseTemplate

    call_command("demo_reports", count=0, stdout=io.StringIO())
    call_command("demo_reports", count=0, stdout=io.StringIO())
    made = ResponseTemplate.objects.filter(jurisdiction=seoul).order_by("position")
    assert [(t.status.code, t.title) for t in made] == [
        ("acknowledged", "Received, on the way"),
        ("resolved", "Fixed"),
    ]
    for template in made:
        assert rules.placeholder_problem(template.body) is None
        assert rules.placeholder_problem(template.body_ko) is None
        assert "{report_id}" in template.body_ko
