"""The maps in Chromium (issue 17): a citizen drops a pin on the report form's map and files
the report there; the public list, the staff queue and the dashboard draw theirs. Tiles come
from a pretend tile server answered in the test (no network), and the pages must not trip the
Content-Security-Policy nor log an error."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.participation import services
from intercity.participation.models import Jurisdiction, Report
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.browser

TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
# A 1x1 PNG, answered for every tile.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a0e2bdbc0000000049454e44ae426082"
)
ZOOM = 15  # the report form's map opens at street level
BAD_REQUEST = "the server responded with a status of 400 (Bad Request)"


@pytest.fixture
def tiles(settings):
    settings.CPS_TILE_URL = TILE_URL
    settings.CPS_TILE_ATTRIBUTION = "© Tiles Example"
    return []


def watch(tab, requested):
    """Answer the tile server's requests, and collect what the page must not do: a
    Content-Security-Policy violation or an error in the console."""
    problems: list[str] = []

    def tile(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    tab.route("https://tiles.example/**", tile)
    tab.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )

    def console(message):
        # htmx reports a request it replaced (hx-sync="this:replace" of the duplicates panel,
        # when latitude and longitude change one after the other) as an error; that is the
        # panel doing its job, not a fault.
        aborted = message.text in {"htmx:sendAbort", "htmx:afterRequest", "htmx:abort"}
        if message.type == "error" and not aborted:
            problems.append(message.text)

    tab.on("console", console)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    return problems


# Web Mercator as Leaflet computes it (EPSG:3857, 256-pixel tiles).
def project(latitude, longitude, zoom):
    size = 256 * 2**zoom
    sin = math.sin(math.radians(latitude))
    return (
        (longitude + 180) / 360 * size,
        (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size,
    )


def unproject(x, y, zoom):
    size = 256 * 2**zoom
    n = math.pi - 2 * math.pi * y / size
    return math.degrees(math.atan(math.sinh(n))), x / size * 360 - 180


# One screen pixel at the form's zoom, in degrees of longitude (about 3.8 m in Seoul; a
# degree of latitude spans fewer pixels there, so this bounds both). The pin lands within a
# pixel of the click: Leaflet rounds its pixel origin to a whole pixel (half a pixel at most)
# and the click itself lands on a fractional CSS pixel (half at most); the stored six
# decimals add 0.5e-6 degree at most. Nobody aims a finger better than a pixel.
ONE_PIXEL = 360 / (256 * 2**ZOOM)


def test_a_citizen_files_a_report_by_dropping_a_pin_on_the_map(page, tiles):
    problems = watch(page, tiles)
    seoul = Jurisdiction.objects.get(slug="seoul")
    page.goto("/cps/seoul/report/")
    area = page.get_by_role("group", name=re.compile("^Map"))
    expect(area).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("© Tiles Example")
    page.get_by_label("What is the problem?").select_option("pothole")
    page.get_by_label("Describe it").fill("Deep pothole in the bus lane outside exit 3")

    # The map opens on the city's centre; the citizen taps 60 px right and 40 px down of it.
    box = area.bounding_box()
    width, height = area.evaluate("el => [el.clientWidth, el.clientHeight]")
    dx, dy = 60, 40
    centre = project(float(seoul.centre_latitude), float(seoul.centre_longitude), ZOOM)
    expected = unproject(centre[0] + dx, centre[1] + dy, ZOOM)
    assert box is not None
    with page.expect_request(lambda r: "/report/nearby/" in r.url):  # the duplicates panel
        area.click(position={"x": width / 2 + dx, "y": height / 2 + dy})
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    shown = (
        float(page.get_by_label("Latitude").input_value()),
        float(page.get_by_label("Longitude").input_value()),
    )
    assert abs(shown[0] - expected[0]) <= ONE_PIXEL, (shown, expected)
    assert abs(shown[1] - expected[1]) <= ONE_PIXEL, (shown, expected)

    page.get_by_label("E-mail").fill("minjun@example.org")
    page.get_by_role("button", name="Send the report").click()
    message = page.get_by_role("status").filter(has_text="tracking id")
    expect(message).to_be_visible()
    public_id = re.search(r"tracking id ([0-9A-Z]{10})", message.inner_text()).group(1)
    report = Report.objects.get(public_id=public_id)
    # What is stored is what the form showed (six decimals), within a pixel of the tap.
    assert (report.latitude, report.longitude) == (
        Decimal(str(shown[0])).quantize(Decimal("0.000001")),
        Decimal(str(shown[1])).quantize(Decimal("0.000001")),
    )
    assert abs(float(report.latitude) - expected[0]) <= ONE_PIXEL
    assert abs(float(report.longitude) - expected[1]) <= ONE_PIXEL
    assert tiles, "no tile was asked of the configured server"
    assert all(url.startswith(f"https://tiles.example/{ZOOM}/") for url in tiles)
    assert problems == []


def test_the_pin_follows_the_keyboard_typed_coordinates_and_the_city_bounds(page, tiles):
    problems = watch(page, tiles)
    page.goto("/cps/seoul/report/")
    area = page.get_by_role("group", name=re.compile("^Map"))
    expect(area).to_be_visible()
    # Keyboard: the map takes the focus; Enter drops the pin at its centre (the city's).
    area.focus()
    page.keyboard.press("Enter")
    assert abs(float(page.get_by_label("Latitude").input_value()) - 37.5665) < 0.0001
    assert abs(float(page.get_by_label("Longitude").input_value()) - 126.978) < 0.0001
    marker = page.locator(".leaflet-marker-icon")
    expect(marker).to_have_count(1)
    expect(marker).to_have_attribute("alt", "The place of the problem")
    # Typed coordinates move the pin there, and the map to it: the pin is at the centre.
    page.get_by_label("Latitude").fill("37.5700")
    page.get_by_label("Longitude").fill("126.9900")
    page.get_by_label("Longitude").dispatch_event("change")
    tip = page.evaluate(
        "() => { const r = document.querySelector('.leaflet-marker-icon').getBoundingClientRect();"
        " const m = document.getElementById('cps-map').getBoundingClientRect();"
        " return [r.left + r.width / 2 - m.left - m.width / 2, r.bottom - m.top - m.height / 2]; }"
    )
    # The icon's tip (its anchor) within 2 px of the centre: borders and sub-pixel layout.
    assert abs(tip[0]) <= 2, tip
    assert abs(tip[1]) <= 2, tip
    # Outside the city: the server's sentence, and the fields keep the last good point.
    page.get_by_label("Latitude").fill("14.5547")
    page.get_by_label("Longitude").fill("121.0244")
    page.get_by_label("Longitude").dispatch_event("change")
    expect(page.locator("#cps-map-status")).to_contain_text(
        "14.554700, 121.024400 is outside this city's area"
    )
    assert axe_violations(page) == []
    assert problems == []


def _reports_in_seoul():
    seoul = Jurisdiction.objects.get(slug="seoul")
    jiwoo = staff_of("jiwoo", "seoul")
    made = []
    for n, (code, lat, lon) in enumerate(
        [
            ("pothole", *IN_SEOUL),
            ("pothole", Decimal("37.566600"), Decimal("126.978100")),
            ("litter", Decimal("37.600000"), Decimal("127.050000")),
        ]
    ):
        made.append(
            services.submit_report(
                seoul, services.Submission(code, f"Problem number {n} here", lat, lon)
            )
        )
    services.change_status(jiwoo, made[2], "acknowledged")
    return made


def _on_the_map(tab):
    tab.wait_for_function(
        "() => document.getElementById('cps-reports-map')?.getAttribute('data-count') !== null"
    )
    return int(tab.locator("#cps-reports-map").get_attribute("data-count"))


def test_the_public_list_has_a_map_of_the_same_reports(page, tiles):
    made = _reports_in_seoul()
    problems = watch(page, tiles)
    page.goto("/cps/seoul/reports/")
    region = page.get_by_role("region", name="Map of the reports that match the filters")
    expect(region).to_be_visible()
    assert _on_the_map(page) == 3
    expect(page.locator("#cps-map-status")).to_contain_text("Reports on the map: 3.")
    # Two close together are one cluster at the city's view; the third stands alone. (A list:
    # the expectation waits out a zoom animation, while Leaflet draws the old cluster and the
    # new one side by side for a moment.)
    expect(page.locator(".marker-cluster")).to_have_text(["2"])
    # Filtered as the list is: htmx swaps the list, the map follows.
    with page.expect_response(lambda r: "/reports/map.json?" in r.url and "litter" in r.url):
        page.get_by_label("Kind of problem").select_option("litter")
    expect(page.locator("#cps-map-status")).to_contain_text("Reports on the map: 1.")
    expect(page.locator(".marker-cluster")).to_have_count(0)
    # A half-given point: the list and the map both say so, and the map is empty.
    with page.expect_response(lambda r: "/reports/map.json?" in r.url and "lat=" in r.url):
        page.goto("/cps/seoul/reports/?service=litter&lat=37.5&radius=100")
    expect(page.locator("#cps-map-status")).to_contain_text("radius together")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(0)
    # The browser logs the two 400 answers (the page's and the map's), as it should.
    assert problems == [f"Failed to load resource: {BAD_REQUEST}"] * 2
    problems.clear()
    page.goto("/cps/seoul/reports/?service=litter")
    # The map has moved to the report and its clusters are drawn at that zoom (a click during
    # the move can open a popup on a marker the clusters then redraw).
    expect(page.locator("#cps-reports-map")).to_have_attribute("data-settled", "1")
    marker = page.get_by_role("button", name=re.compile(made[2].public_id))
    marker.click()
    expect(page.locator(".leaflet-popup")).to_contain_text("Acknowledged")
    page.locator(".leaflet-popup").get_by_role("link", name=made[2].public_id).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Report {made[2].public_id}")
    assert tiles
    assert problems == []


def test_the_staff_queue_and_the_dashboard_draw_their_maps_on_a_phone(phone, tiles):
    _reports_in_seoul()
    problems = watch(phone, tiles)
    log_in(phone, "jiwoo")
    phone.goto("/cps/seoul/staff/")
    expect(
        phone.get_by_role("region", name="Map of the reports that match the filters")
    ).to_be_visible()
    assert _on_the_map(phone) == 3
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0

    phone.goto("/cps/seoul/dashboard/")
    grid = phone.get_by_role("region", name=re.compile("^Map of the grid"))
    expect(grid).to_be_visible()
    # 25 cells, each a rectangle; the busiest shaded darkest, an empty one clear.
    cells = grid.locator("path.leaflet-interactive")
    expect(cells).to_have_count(25)
    opacities = sorted(
        float(o)
        for o in cells.evaluate_all("paths => paths.map(p => p.getAttribute('fill-opacity'))")
    )
    assert opacities[0] == 0
    assert opacities[-1] == pytest.approx(0.7)
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    assert tiles
    assert problems == []


def test_the_public_list_passes_axe_and_fits_a_phone_with_its_map(phone, tiles):
    _reports_in_seoul()
    problems = watch(phone, tiles)
    phone.goto("/cps/seoul/reports/")
    assert _on_the_map(phone) == 3
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    phone.goto("/cps/seoul/report/")
    expect(phone.get_by_role("group", name=re.compile("^Map"))).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    assert problems == []


def test_without_a_tile_server_the_pages_draw_no_map(page, settings):
    settings.CPS_TILE_URL = ""
    _reports_in_seoul()
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto("/cps/seoul/report/")
    expect(page.get_by_label("Latitude")).to_be_visible()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    page.goto("/cps/seoul/reports/")
    expect(page.get_by_role("link", name=re.compile("Pothole")).first).to_be_visible()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    assert not [url for url in asked if "leaflet" in url or "map.json" in url]


def test_the_pin_can_be_dragged_and_follows_use_my_location(browser, site, tiles):
    context = browser.new_context(
        base_url=site,
        geolocation={"latitude": 37.5704, "longitude": 126.9921},
        permissions=["geolocation"],
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems = watch(tab, tiles)
    tab.goto("/cps/seoul/report/")
    area = tab.get_by_role("group", name=re.compile("^Map"))
    expect(area).to_be_visible()
    tab.get_by_role("button", name="Use my location").click()
    expect(tab.get_by_label("Latitude")).to_have_value("37.570400")
    pin = tab.get_by_role("img", name="The place of the problem")
    expect(pin).to_be_visible()
    # The map came to the location: the pin's tip is at its centre.
    box, frame = pin.bounding_box(), area.bounding_box()
    assert abs(box["x"] + box["width"] / 2 - (frame["x"] + frame["width"] / 2)) <= 2
    assert abs(box["y"] + box["height"] - (frame["y"] + frame["height"] / 2)) <= 2
    # Dragged 50 px east: the longitude grows by 50 pixels' worth, the latitude stays.
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] / 2 + 25, box["y"] + box["height"] / 2, steps=5)
    tab.mouse.move(box["x"] + box["width"] / 2 + 50, box["y"] + box["height"] / 2, steps=5)
    tab.mouse.up()
    expect(tab.get_by_label("Longitude")).not_to_have_value("126.992100")
    moved = float(tab.get_by_label("Longitude").input_value()) - 126.9921
    assert abs(moved - 50 * ONE_PIXEL) <= ONE_PIXEL, moved
    assert abs(float(tab.get_by_label("Latitude").input_value()) - 37.5704) <= ONE_PIXEL
    assert problems == []
    context.close()
