"""Intake as a city's Open311 clients meet it: one statement on PostgreSQL that re-checks what
the cached catalogue could have missed, group commit in a server, and the catalogue itself."""

from __future__ import annotations

from dataclasses import replace
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

from intercity.core.errors import DomainError, PermissionDenied
from intercity.participation import catalogue, services, tenancy
from intercity.participation.models import Event, Follower, Service
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.django_db


def pothole(**extra):
    return services.Submission(
        service_code="pothole",
        description="Deep pothole outside exit 3",
        latitude=IN_SEOUL[0],
        longitude=IN_SEOUL[1],
        email="minjun@example.org",
        **extra,
    )


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the intake statement is PostgreSQL's; SQLite stores through the ORM")


def test_a_report_is_stored_with_its_event_and_follower_by_either_path(seoul):
    report = services.submit_report(seoul, pothole())
    stored = tenancy.report_of(seoul, public_id=report.public_id)
    assert stored.pk == report.pk
    assert stored.status.code == "submitted"
    assert stored.department.name == "Road Management"
    assert stored.expected_at is not None
    assert [e.verb for e in Event.objects.filter(report=stored)] == ["submitted"]
    assert list(Follower.objects.filter(report=stored).values_list("email", flat=True)) == [
        "minjun@example.org"
    ]


def test_the_statement_stores_in_one_round_trip(seoul, django_assert_max_num_queries):
    postgresql_only()
    services.submit_report(seoul, pothole())  # loads the catalogue
    with django_assert_max_num_queries(0):
        # The statement goes through psycopg directly, so Django counts none of it: the
        # catalogue answered every lookup.
        report = services.submit_report(seoul, pothole())
    assert Event.objects.filter(report_id=report.pk).count() == 1


def test_a_key_revoked_after_it_was_cached_is_refused_where_the_report_is_written(seoul):
    staff = staff_of("jiwoo", "seoul")
    client, key = services.issue_api_key(staff, seoul, "City app")
    assert services.client_for_key(seoul, key) == client  # now in the cache
    # Revoked by another server process: this one's cache is not told.
    type(client).objects.filter(pk=client.pk).update(active=False)
    assert services.client_for_key(seoul, key) == client  # still cached here
    before = tenancy.reports_of(seoul).count()
    with pytest.raises(PermissionDenied, match="Invalid api_key"):
        services.submit_report(seoul, pothole(), client=client)
    assert tenancy.reports_of(seoul).count() == before


def test_a_service_withdrawn_after_it_was_cached_is_refused_with_its_reason(seoul):
    catalogue.of(seoul)
    Service.objects.filter(jurisdiction=seoul, code="pothole").update(active=False)
    before = tenancy.reports_of(seoul).count()
    with pytest.raises(DomainError, match="'pothole' is not a service of"):
        services.submit_report(seoul, pothole())
    assert tenancy.reports_of(seoul).count() == before


def test_a_service_added_through_the_models_is_offered_at_once(seoul):
    staff = staff_of("jiwoo", "seoul")
    catalogue.of(seoul)
    services.add_service_type(staff, seoul, code="noise", name="Noise at night")
    report = services.submit_report(seoul, replace(pothole(), service_code="noise"))
    assert report.service.code == "noise"


def test_with_no_cache_time_every_report_reads_the_catalogue(seoul, settings):
    settings.CPS_CATALOGUE_SECONDS = 0
    first = catalogue.of(seoul)
    assert catalogue.of(seoul) is not first


def test_a_nul_character_is_refused_with_a_message(seoul):
    with pytest.raises(DomainError, match="NUL character"):
        services.submit_report(seoul, pothole(first_name="Min\x00jun"))


# --- The WSGI application -----------------------------------------------------------------------


def call(path, method="GET", body=b"", content_type=""):
    from intercity.wsgi import application

    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "SERVER_NAME": "localhost"}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "localhost"
    if body:
        import io

        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["CONTENT_TYPE"] = content_type
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status
        seen["headers"] = dict(headers)

    # As Django's test client does: the test's transaction must survive the request's end.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], content


def test_open311_is_served_by_the_lighter_chain_and_pages_by_the_full_one(seoul):
    status, headers, _ = call("/open311/v2/seoul/services.json")
    assert status.startswith("200")
    assert "X-Frame-Options" not in headers  # the page chain's clickjacking middleware
    status, headers, _ = call("/cps/seoul/")
    assert status.startswith("200")
    assert headers["X-Frame-Options"] == "DENY"


def test_an_open311_post_works_without_session_or_csrf_through_the_wsgi_application(seoul):
    from urllib.parse import urlencode

    staff = staff_of("jiwoo", "seoul")
    _, key = services.issue_api_key(staff, seoul, "City app")
    body = urlencode(
        {
            "api_key": key,
            "service_code": "pothole",
            "description": "Cracked kerb",
            "lat": str(IN_SEOUL[0]),
            "long": str(IN_SEOUL[1]),
        }
    ).encode()
    status, headers, content = call(
        "/open311/v2/seoul/requests.json", "POST", body, "application/x-www-form-urlencoded"
    )
    assert status.startswith("200"), content
    assert b"service_request_id" in content
    assert "Set-Cookie" not in headers
