"""Duplicates before submitting: the report form shows the open reports of the same service
near the point, and "This is my problem too" follows one instead of filing another, counted
once per e-mail address and per session."""

from decimal import Decimal

import pytest
from django.test import Client

from intercity.core.errors import DomainError
from intercity.participation import rules, services
from intercity.participation.models import Follower, Report, Supporter
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db

NORTH_100M = Decimal("0.000899")


def filed(jurisdiction, where=IN_SEOUL, code="pothole", description="Deep pothole"):
    return services.submit_report(
        jurisdiction, services.Submission(code, description, where[0], where[1])
    )


def north(metres):
    return (IN_SEOUL[0] + NORTH_100M * metres / 100, IN_SEOUL[1])


def nearby_ids(jurisdiction, code="pothole", where=IN_SEOUL):
    found = services.open_reports_nearby(jurisdiction, code, *where)
    return [report.public_id for report, _metres in found]


def test_open_reports_of_the_same_service_close_by_are_suggested_newest_first(seoul):
    older = filed(seoul, north(50))
    newer = filed(seoul, north(120))
    filed(seoul, north(200))  # beyond rules.NEARBY_DUPLICATE_M
    filed(seoul, IN_SEOUL, code="streetlight", description="Light out")
    assert rules.NEARBY_DUPLICATE_M == 150
    assert nearby_ids(seoul) == [newer.public_id, older.public_id]


def test_closed_hidden_and_other_cities_reports_are_not_suggested(seoul):
    jiwoo = staff_of("jiwoo", "seoul")
    closed = filed(seoul)
    services.change_status(jiwoo, closed, "rejected")
    hidden = filed(seoul)
    services.moderate(jiwoo, hidden, hidden=True)
    makati = makati_jurisdiction()
    filed(makati, IN_MAKATI)
    assert nearby_ids(seoul) == []
    assert nearby_ids(seoul, where=IN_MAKATI) == []


def test_at_most_a_few_are_suggested(seoul):
    for _ in range(rules.NEARBY_DUPLICATE_LIMIT + 2):
        filed(seoul)
    assert len(nearby_ids(seoul)) == rules.NEARBY_DUPLICATE_LIMIT


def test_supporting_counts_once_per_email_and_follows_the_report(seoul):
    report = filed(seoul)
    _s, first = services.support(report, email="ara@example.org", session_key="s1")
    _s, again = services.support(report, email="ARA@example.org", session_key="s2")
    _s, other = services.support(report, email="", session_key="s3")
    assert (first, again, other) == (True, False, True)
    assert services.supporters_of(report) == 2
    assert Follower.objects.filter(report=report, email="ara@example.org").exists()


def test_supporting_counts_once_per_session(seoul):
    report = filed(seoul)
    services.support(report, session_key="s1")
    _s, again = services.support(report, email="bo@example.org", session_key="s1")
    assert again is False
    assert services.supporters_of(report) == 1
    assert Supporter.objects.get(report=report).email == "bo@example.org"
    assert Follower.objects.filter(report=report, email="bo@example.org").exists()


def test_a_closed_report_or_a_bad_address_is_not_supported(seoul):
    report = filed(seoul)
    services.change_status(staff_of("jiwoo", "seoul"), report, "rejected")
    with pytest.raises(DomainError, match="closed"):
        services.support(report, session_key="s1")
    open_one = filed(seoul)
    with pytest.raises(DomainError):
        services.support(open_one, email="not an address", session_key="s1")
    with pytest.raises(DomainError):
        services.support(open_one)
    assert Supporter.objects.count() == 0
    assert Follower.objects.filter(email="not an address").count() == 0


def test_the_form_page_lists_likely_duplicates_without_javascript(seoul):
    existing = filed(seoul, north(40))
    response = Client().post(
        "/cps/seoul/report/",
        {
            "action": "nearby",
            "service": "pothole",
            "description": "Another hole",
            "latitude": str(IN_SEOUL[0]),
            "longitude": str(IN_SEOUL[1]),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert existing.public_id in body
    assert "This is my problem too" in body
    assert "40 metres away" in body
    assert "Another hole" in body  # what was typed stays
    assert Report.objects.count() == 1


def test_the_nearby_fragment_answers_the_form_as_it_is_filled(seoul):
    existing = filed(seoul, north(40))
    client = Client()
    found = client.get(
        "/cps/seoul/report/nearby/",
        {"service": "pothole", "latitude": IN_SEOUL[0], "longitude": IN_SEOUL[1]},
    )
    assert existing.public_id in found.content.decode()
    none = client.get(
        "/cps/seoul/report/nearby/",
        {"service": "streetlight", "latitude": IN_SEOUL[0], "longitude": IN_SEOUL[1]},
    )
    assert "No open report of this kind nearby." in none.content.decode()
    where = {"latitude": IN_SEOUL[0], "longitude": IN_SEOUL[1]}
    for bad in (
        {"service": "pothole"},
        {"service": "pothole", "latitude": "x", "longitude": "1"},
        {"service": "pothole", "latitude": "NaN", "longitude": "sNaN"},
        {"service": "pothole", "latitude": "90", "longitude": "Infinity"},
        {"service": "pot\x00hole", **where},
        {"service": "pothole", "latitude": IN_MAKATI[0], "longitude": IN_MAKATI[1]},
    ):
        response = client.get("/cps/seoul/report/nearby/", bad)
        assert response.status_code in (200, 400)  # the edge refuses a NUL with 400
        assert existing.public_id not in response.content.decode()


def test_makatis_fragment_never_shows_seouls_reports(seoul):
    makati_jurisdiction()
    existing = filed(seoul)
    found = Client().get(
        "/cps/makati/report/nearby/",
        {"service": "pothole", "latitude": IN_SEOUL[0], "longitude": IN_SEOUL[1]},
    )
    assert existing.public_id not in found.content.decode()


def test_this_is_my_problem_too_follows_the_report_and_files_nothing(seoul):
    existing = filed(seoul)
    client = Client()
    url = f"/cps/seoul/reports/{existing.public_id}/support/"
    form = {"service": "pothole", "description": "Hole", "email": "ara@example.org"}
    response = client.post(url, form, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 person reported this too." in body
    again = client.post(url, form, follow=True)  # a double click
    assert "You had already said this is your problem too." in again.content.decode()
    assert services.supporters_of(existing) == 1
    assert Report.objects.count() == 1
    assert Follower.objects.filter(report=existing, email="ara@example.org").exists()
    Client().post(url, {"anonymous": "on", "email": "someone@example.org"})
    assert services.supporters_of(existing) == 2
    assert not Follower.objects.filter(email="someone@example.org").exists()
    page = Client().get(f"/cps/seoul/reports/{existing.public_id}/")
    assert "2 people reported this too." in page.content.decode()


def test_a_bad_email_or_a_closed_report_is_refused_with_a_reason(seoul):
    existing = filed(seoul)
    url = f"/cps/seoul/reports/{existing.public_id}/support/"
    response = Client().post(url, {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter a valid e-mail address, or none." in response.content.decode()
    services.change_status(staff_of("jiwoo", "seoul"), existing, "rejected")
    response = Client().post(url, {})
    assert response.status_code == 400
    assert "is closed" in response.content.decode()
    assert Supporter.objects.count() == 0


def test_another_citys_report_cannot_be_supported_through_this_city(seoul):
    makati = makati_jurisdiction()
    theirs = filed(makati, IN_MAKATI)
    response = Client().post(f"/cps/seoul/reports/{theirs.public_id}/support/", {})
    assert response.status_code == 404
    assert Supporter.objects.count() == 0
