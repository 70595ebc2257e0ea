""" "Near me": the public list and Open311 `requests` take a point and a radius in metres and
answer the reports within it, nearest first; never another city's, never a hidden one's."""

import json
import math
from decimal import Decimal

import pytest
from django.test import Client

from intercity.participation import rules, services
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db

NORTH_100M = Decimal("0.000899")  # about 100 m of latitude


def haversine(lat1, lon1, lat2, lon2):
    """The formula written out again, independently of rules.distance_m."""
    r = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(a))


def filed(jurisdiction, latitude, longitude, description="Deep pothole in the bus lane"):
    return services.submit_report(
        jurisdiction,
        services.Submission("pothole", description, latitude, longitude),
    )


@pytest.fixture
def around_city_hall(seoul):
    """Reports 0, 100, 300, 1000 and 5000 m north of Seoul City Hall."""
    lat, lon = IN_SEOUL
    return {
        metres: filed(seoul, lat + NORTH_100M * metres / 100, lon)
        for metres in (300, 0, 5000, 100, 1000)
    }


def near_json(client, slug, **params):
    return client.get(f"/open311/v2/{slug}/requests.json", params)


def test_open311_answers_the_reports_within_the_radius_nearest_first(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    response = near_json(Client(), "seoul", lat=str(lat), long=str(lon), radius="1200")
    assert response.status_code == 200
    found = response.json()
    assert [r["service_request_id"] for r in found] == [
        around_city_hall[m].public_id for m in (0, 100, 300, 1000)
    ]
    distances = [haversine(float(lat), float(lon), r["lat"], r["long"]) for r in found]
    assert distances == sorted(distances)
    assert all(d <= 1200 for d in distances)
    assert distances[3] == pytest.approx(1000, abs=1)


def test_the_distance_decides_at_the_edge_of_the_radius(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    edge = around_city_hall[1000]
    exact = haversine(float(lat), float(lon), float(edge.latitude), float(edge.longitude))
    inside = near_json(Client(), "seoul", lat=lat, long=lon, radius=math.ceil(exact)).json()
    outside = near_json(Client(), "seoul", lat=lat, long=lon, radius=math.floor(exact)).json()
    assert edge.public_id in [r["service_request_id"] for r in inside]
    assert edge.public_id not in [r["service_request_id"] for r in outside]


def test_xml_answers_the_same_reports_near_a_point(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    response = Client().get(
        "/open311/v2/seoul/requests.xml", {"lat": lat, "long": lon, "radius": 150}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert around_city_hall[100].public_id in body
    assert around_city_hall[300].public_id not in body


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "37.5665", "long": "126.978", "radius": "20001"},
        {"lat": "37.5665", "long": "126.978", "radius": "0"},
        {"lat": "37.5665", "long": "126.978", "radius": "-5"},
        {"lat": "37.5665", "long": "126.978", "radius": "1.5"},
        {"lat": "37.5665", "long": "126.978"},
        {"lat": "37.5665", "radius": "100"},
        {"lat": "91", "long": "126.978", "radius": "100"},
        {"lat": "NaN", "long": "126.978", "radius": "100"},
        {"lat": "north", "long": "126.978", "radius": "100"},
    ],
)
def test_a_radius_beyond_bounds_or_a_half_given_point_is_refused(seoul, params):
    response = near_json(Client(), "seoul", **params)
    assert response.status_code == 400
    [problem] = response.json()
    assert problem["code"] == 400
    assert (
        "lat" in problem["description"]
        or "radius" in problem["description"].lower()
        or ("Latitude" in problem["description"])
    )


def test_the_widest_radius_allowed_is_answered(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    response = near_json(Client(), "seoul", lat=lat, long=lon, radius=str(rules.NEAR_MAX_RADIUS_M))
    assert response.status_code == 200
    assert len(response.json()) == 5


def test_another_citys_report_at_the_very_point_never_appears(seoul, around_city_hall):
    makati = makati_jurisdiction()
    theirs = filed(makati, *IN_MAKATI)
    lat, lon = IN_MAKATI
    response = near_json(Client(), "seoul", lat=lat, long=lon, radius="20000")
    assert response.json() == []
    page = Client().get("/cps/seoul/reports/", {"lat": lat, "long": lon, "radius": "20000"})
    assert theirs.public_id not in page.content.decode()
    # ... and Makati's own endpoint answers it, at distance zero.
    response = near_json(Client(), "makati", lat=lat, long=lon, radius="10")
    assert [r["service_request_id"] for r in response.json()] == [theirs.public_id]


def test_a_hidden_report_is_never_near_anything(seoul, around_city_hall):
    hidden = around_city_hall[100]
    services.moderate(staff_of("jiwoo", "seoul"), hidden, hidden=True)
    lat, lon = IN_SEOUL
    found = near_json(Client(), "seoul", lat=lat, long=lon, radius="2000").json()
    assert hidden.public_id not in [r["service_request_id"] for r in found]
    assert len(found) == 3
    page = Client().get("/cps/seoul/reports/", {"lat": lat, "long": lon, "radius": "2000"})
    assert hidden.public_id not in page.content.decode()


def test_the_near_filter_keeps_the_other_filters(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    found = near_json(Client(), "seoul", lat=lat, long=lon, radius="2000", status="closed").json()
    assert found == []


def test_the_public_list_shows_reports_near_a_point_with_their_distance(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    response = Client().get("/cps/seoul/reports/", {"lat": lat, "long": lon, "radius": "500"})
    assert response.status_code == 200
    body = response.content.decode()
    ids = [around_city_hall[m].public_id for m in (0, 100, 300)]
    positions = [body.index(public_id) for public_id in ids]
    assert positions == sorted(positions)
    assert around_city_hall[1000].public_id not in body
    assert "100 metres away" in body
    assert "Within 500 m of the point, nearest first." in body


def test_the_public_list_says_what_is_wrong_with_a_radius(seoul, around_city_hall):
    lat, lon = IN_SEOUL
    response = Client().get("/cps/seoul/reports/", {"lat": lat, "long": lon, "radius": "50000"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "radius is between 1 and 20,000 metres." in body
    assert around_city_hall[0].public_id not in body
    half = Client().get("/cps/seoul/reports/", {"lat": lat})
    assert half.status_code == 400
    assert "Give lat, long and radius together" in half.content.decode()


def test_near_a_point_is_two_queries_for_open311(
    seoul, around_city_hall, django_assert_max_num_queries
):
    lat, lon = IN_SEOUL
    client = Client()
    near_json(client, "seoul", lat=lat, long=lon, radius="2000")  # warm the catalogue
    # The jurisdiction, the reports near, then the city's services, statuses and departments
    # once each (open311._Known).
    with django_assert_max_num_queries(5):
        response = near_json(client, "seoul", lat=lat, long=lon, radius="2000")
    assert len(json.loads(response.content)) == 4
