"""Atom feeds: new reports near a point, in an area of the map grid, and one report's public
updates. Valid Atom, only what the public pages show, bounded, one city's reports only, and a
400 with the reason for a parameter that cannot be read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from intercity.participation import alerts, feeds, services
from intercity.participation.models import Report
from intercity.participation.tests.factories import IN_MAKATI, IN_SEOUL, makati_jurisdiction

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://cities.example.org"
NORTH_100M = Decimal("0.000899")
PERSONAL = ("Min-jun", "Kim", "minjun@example.org", "010-1234-5678", "device-77")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def filed(jurisdiction, latitude=IN_SEOUL[0], longitude=IN_SEOUL[1], **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane",
        "latitude": latitude,
        "longitude": longitude,
        "first_name": "Min-jun",
        "last_name": "Kim",
        "email": "minjun@example.org",
        "phone": "010-1234-5678",
        "device_id": "device-77",
        **overrides,
    }
    return services.submit_report(jurisdiction, services.Submission(**data))


def atom(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 -- our own output
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}id").text
    assert root.find(f"{ATOM}updated") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("title", "id", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE + "/")
    return root


def entry_ids(root):
    return [e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1] for e in entries(root)]


def entries(root):
    return root.findall(f"{ATOM}entry")


def near_url(lat=IN_SEOUL[0], lon=IN_SEOUL[1], radius=500, slug="seoul"):
    return reverse("cps_feed_near", args=[slug]) + f"?lat={lat}&long={lon}&radius={radius}"


def test_the_near_feed_lists_the_reports_within_the_radius_newest_first(client, seoul):
    inside = filed(seoul, latitude=IN_SEOUL[0] + NORTH_100M)
    newer = filed(seoul, description="A second pothole by the crossing")
    filed(seoul, latitude=IN_SEOUL[0] + 10 * NORTH_100M, description="Far away, 1 km north")
    root = atom(client.get(near_url()))
    assert entry_ids(root) == [newer.public_id, inside.public_id]
    assert "Deep pothole in the bus lane" in client.get(near_url()).content.decode()


def test_the_area_feed_lists_the_reports_in_the_cell(client, seoul):
    label = next(
        x for x in alerts.area_labels() if alerts.area_bounds(seoul, x).contains(*IN_SEOUL)
    )
    inside = filed(seoul)
    elsewhere = alerts.area_bounds(seoul, "A1")
    filed(seoul, latitude=elsewhere.max_latitude, longitude=elsewhere.min_longitude)
    root = atom(client.get(reverse("cps_feed_area", args=["seoul", label])))
    assert entry_ids(root) == [inside.public_id]


def test_a_reports_feed_lists_its_public_steps(client, seoul, jiwoo):
    report = filed(seoul)
    services.change_status(jiwoo, report, "acknowledged", note="Crew booked for Monday")
    services.change_status(
        jiwoo, Report.objects.get(pk=report.pk), "in_progress", note="staff only", public=False
    )
    response = client.get(reverse("cps_report_feed", args=["seoul", report.public_id]))
    root = atom(response)
    body = response.content.decode()
    assert len(entries(root)) == 2  # submitted, acknowledged; not the internal step
    assert "Crew booked for Monday" in body
    assert "staff only" not in body


def test_feeds_show_nothing_personal_and_no_hidden_report(client, seoul, jiwoo):
    report = filed(seoul)
    hidden = filed(seoul, description="Insulting text the moderators hid")
    services.moderate(jiwoo, hidden, hidden=True)
    label = next(
        x for x in alerts.area_labels() if alerts.area_bounds(seoul, x).contains(*IN_SEOUL)
    )
    for url in (
        near_url(),
        reverse("cps_feed_area", args=["seoul", label]),
        reverse("cps_report_feed", args=["seoul", report.public_id]),
        reverse("cps_report_feed", args=["seoul", hidden.public_id]),
    ):
        body = client.get(url).content.decode()
        for personal in PERSONAL:
            assert personal not in body, (url, personal)
        assert "Insulting text" not in body
        assert hidden.public_id not in body or "feed.atom" in url


def test_feeds_are_bounded(client, seoul, settings):
    for n in range(feeds.FEED_SIZE + 3):
        filed(seoul, description=f"Pothole number {n} in the same street")
    assert len(entries(atom(client.get(near_url())))) == feeds.FEED_SIZE


def test_a_feed_of_one_city_never_holds_another_citys_report(client, seoul):
    makati = makati_jurisdiction()
    filed(makati, *IN_MAKATI, description="Makati pothole by the mall")
    mine = filed(seoul)
    assert entry_ids(atom(client.get(near_url(radius=20_000)))) == [mine.public_id]
    makati_report = Report.objects.get(jurisdiction=makati)
    url = reverse("cps_report_feed", args=["seoul", makati_report.public_id])
    assert client.get(url).status_code == 404
    for label in alerts.area_labels():
        body = client.get(reverse("cps_feed_area", args=["seoul", label])).content.decode()
        assert "Makati" not in body


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?lat=37.5",
        "?lat=37.5&long=126.9&radius=20001",
        "?lat=x&long=126.9&radius=5",
        "?lat=95&long=126.9&radius=5",
        "?lat=37.5&long=126.9&radius=1.5",
    ],
)
def test_bad_near_parameters_are_a_400_with_the_reason(client, seoul, query):
    response = client.get(reverse("cps_feed_near", args=["seoul"]) + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert len(response.content.decode()) > 10


@pytest.mark.parametrize("label", ["Z9", "A0", "A6", "AA"])
def test_an_area_that_is_no_cell_is_a_400(client, seoul, label):
    response = client.get(reverse("cps_feed_area", args=["seoul", label]))
    assert response.status_code == 400
    assert b"A1" in response.content


def test_the_feed_of_a_city_or_report_that_does_not_exist_is_not_found(client, seoul):
    assert client.get(near_url(slug="nowhere")).status_code == 404
    assert client.get(reverse("cps_report_feed", args=["seoul", "NOSUCHID22"])).status_code == 404


def test_the_pages_link_their_feeds(client, seoul):
    report = filed(seoul)
    page = client.get(reverse("cps_report", args=["seoul", report.public_id])).content.decode()
    feed = reverse("cps_report_feed", args=["seoul", report.public_id])
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in page
    listing = client.get(
        reverse("cps_reports", args=["seoul"]),
        {"lat": "37.5665", "long": "126.978", "radius": "300"},
    ).content.decode()
    assert (
        'rel="alternate" type="application/atom+xml" href="/cps/seoul/feeds/near.atom?' in listing
    )


def test_the_dashboard_links_each_areas_feed(client, seoul, jiwoo):
    client.force_login(jiwoo)
    page = client.get(reverse("cps_dashboard", args=["seoul"])).content.decode()
    assert reverse("cps_feed_area", args=["seoul", "C3"]) in page
