"""The maps of reports (issue 17): the public list's and the staff queue's reports as GeoJSON,
filtered as the lists are, bounded in size, and never crossing tenants; and the pages load no
Leaflet when the city set no tile server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.participation import services
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db

TILES = "https://tiles.example/{z}/{x}/{y}.png"


def url(name, slug="seoul"):
    return reverse(name, args=[slug])


def filed(jurisdiction, code="pothole", where=IN_SEOUL, **extra):
    latitude, longitude = where if where else (None, None)
    if where is None:
        extra.setdefault("address", "By the fountain")
    return services.submit_report(
        jurisdiction,
        services.Submission(
            code,
            "Something to fix here",
            latitude,
            longitude,
            email="minjun@example.org",
            **extra,
        ),
    )


def ids(response):
    assert response.status_code == 200, response.content
    return [f["properties"]["id"] for f in response.json()["features"]]


# --- The public map ------------------------------------------------------------------------------


def test_the_public_map_shows_the_placed_reports_newest_first_as_geojson(client, seoul):
    first = filed(seoul)
    second = filed(seoul, "litter", where=(Decimal("37.570000"), Decimal("126.990000")))
    filed(seoul, where=None)  # placed by its address only: in the list, not on the map
    data = client.get(url("cps_reports_map")).json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in data["features"]] == [
        second.public_id,
        first.public_id,
    ]
    feature = data["features"][0]
    # GeoJSON puts longitude first.
    assert feature["geometry"] == {"type": "Point", "coordinates": [126.99, 37.57]}
    assert feature["properties"]["url"] == f"/cps/seoul/reports/{second.public_id}/"
    assert feature["properties"]["service"] == second.service.name
    assert feature["properties"]["status"] == "Submitted"
    assert (data["count"], data["truncated"]) == (2, False)


def test_the_public_map_is_filtered_as_the_list(client, seoul, jiwoo):
    pothole = filed(seoul)
    litter = filed(seoul, "litter")
    services.change_status(jiwoo, litter, "acknowledged")
    assert ids(client.get(url("cps_reports_map"), {"service": "pothole"})) == [pothole.public_id]
    assert ids(client.get(url("cps_reports_map"), {"status": "acknowledged"})) == [litter.public_id]
    # Near a point: only what is within the radius.
    far = filed(seoul, where=(Decimal("37.650000"), Decimal("127.050000")))
    near = {"lat": "37.5665", "long": "126.978", "radius": "500"}
    assert far.public_id not in ids(client.get(url("cps_reports_map"), near))
    assert set(ids(client.get(url("cps_reports_map"), near))) == {
        pothole.public_id,
        litter.public_id,
    }


def test_the_public_map_refuses_bad_filters_with_the_lists_message(client, seoul):
    filed(seoul)
    response = client.get(url("cps_reports_map"), {"lat": "37.5", "radius": "100"})
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_moderated_report_and_personal_data_never_reach_the_public_map(client, seoul, jiwoo):
    shown = filed(seoul)
    hidden = filed(seoul)
    services.moderate(jiwoo, hidden, hidden=True)
    response = client.get(url("cps_reports_map"))
    assert ids(response) == [shown.public_id]
    body = response.content.decode()
    assert hidden.public_id not in body
    assert "minjun@example.org" not in body
    assert "Something to fix here" not in body  # the text is the list's, not the map's
    # Staff see the moderated report on their map, where they can work it.
    client.force_login(jiwoo)
    staff = ids(client.get(url("cps_queue_map")))
    assert set(staff) == {shown.public_id, hidden.public_id}


def test_the_map_is_bounded_and_says_when_more_matched(client, seoul, monkeypatch):
    monkeypatch.setattr(services, "MAP_LIMIT", 2)
    made = [filed(seoul) for _ in range(3)]
    data = client.get(url("cps_reports_map")).json()
    assert [f["properties"]["id"] for f in data["features"]] == [
        made[2].public_id,
        made[1].public_id,
    ]
    assert (data["count"], data["limit"], data["truncated"]) == (2, 2, True)


def test_an_unknown_city_has_no_map(client, db):
    response = client.get(url("cps_reports_map", slug="atlantis"))
    assert response.status_code == 404
    assert response.json()["detail"]


# --- The staff map -------------------------------------------------------------------------------


def test_the_staff_map_is_filtered_as_the_queue(client, seoul, jiwoo):
    waiting = filed(seoul)
    done = filed(seoul, "litter")
    services.change_status(jiwoo, done, "acknowledged")
    services.change_status(jiwoo, done, "resolved")
    client.force_login(jiwoo)
    # The queue starts at the open work; so does its map.
    assert ids(client.get(url("cps_queue_map"))) == [waiting.public_id]
    assert ids(client.get(url("cps_queue_map"), {"status": "all"})) == [
        done.public_id,
        waiting.public_id,
    ]
    assert ids(client.get(url("cps_queue_map"), {"status": "all", "service": "litter"})) == [
        done.public_id
    ]
    link = client.get(url("cps_queue_map")).json()["features"][0]["properties"]["url"]
    assert link == f"/cps/seoul/staff/reports/{waiting.public_id}/"
    bad = client.get(url("cps_queue_map"), {"service": "no-such-service"})
    assert bad.status_code == 400
    assert bad.json()["detail"]


def test_the_staff_map_asks_a_visitor_to_log_in(client, seoul):
    filed(seoul)
    response = client.get(url("cps_queue_map"))
    assert response.status_code == 401
    assert "Log in" in response.json()["detail"]


def test_another_citys_staff_and_the_secretariat_never_see_seouls_map(client, seoul):
    ours = filed(seoul)
    makati = makati_jurisdiction()
    theirs = filed(makati, where=IN_MAKATI)
    bea = staff_of("bea", "makati")
    client.force_login(bea)
    refused = client.get(url("cps_queue_map"))
    assert refused.status_code == 403
    assert ours.public_id not in refused.content.decode()
    assert ids(client.get(url("cps_queue_map", slug="makati"))) == [theirs.public_id]
    client.force_login(person("sam", Role.SECRETARIAT))
    assert client.get(url("cps_queue_map")).status_code == 403
    assert client.get(url("cps_queue_map", slug="makati")).status_code == 403


# --- Pages with and without a tile server ------------------------------------------------------

PAGES = ["cps_report_new", "cps_reports", "cps_queue", "cps_dashboard"]


@pytest.mark.parametrize("name", PAGES)
def test_without_a_tile_server_no_page_loads_leaflet(client, seoul, jiwoo, settings, name):
    settings.CPS_TILE_URL = ""
    client.force_login(jiwoo)
    response = client.get(url(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert "leaflet" not in body.lower()
    assert "maps.js" not in body
    assert "tiles.example" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", PAGES)
def test_with_a_tile_server_the_page_loads_leaflet_and_allows_its_tiles(
    client, seoul, jiwoo, settings, name
):
    settings.CPS_TILE_URL = TILES
    settings.CPS_TILE_ATTRIBUTION = "© Tiles Example"
    client.force_login(jiwoo)
    response = client.get(url(name))
    body = response.content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in body
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in body
    assert "© Tiles Example" in body
    policy = response["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert "https://tiles.example" in img_src
    # Nothing inline: the CSP's script-src stays this site's own files.
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src


def test_the_dashboard_gives_its_map_the_grid_it_tabulates(client, seoul, jiwoo, settings):
    settings.CPS_TILE_URL = TILES
    filed(seoul)
    client.force_login(jiwoo)
    response = client.get(url("cps_dashboard"))
    cells = response.context["area_cells"]
    assert len(cells) == 25
    assert sum(c["count"] for c in cells) == 1
    busy = next(c for c in cells if c["count"])
    assert busy["south"] <= float(IN_SEOUL[0]) <= busy["north"]
    assert busy["west"] <= float(IN_SEOUL[1]) <= busy["east"]
    assert 'id="cps-area-cells" type="application/json"' in response.content.decode()


def test_the_report_form_tells_the_map_the_servers_sentence_for_a_point_outside(
    client, seoul, settings
):
    settings.CPS_TILE_URL = TILES
    body = client.get(url("cps_report_new")).content.decode()
    assert "{latitude}, {longitude} is outside this city&#x27;s area" in body


def test_the_public_list_map_is_only_for_its_city(client, seoul):
    seoul_report = filed(seoul)
    makati = makati_jurisdiction()
    assert ids(client.get(url("cps_reports_map", slug="makati"))) == []
    assert (
        seoul_report.public_id
        not in client.get(url("cps_reports_map", slug="makati")).content.decode()
    )
    assert Jurisdiction.objects.filter(pk=makati.pk).exists()
