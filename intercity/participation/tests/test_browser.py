"""End-to-end in Chromium: a citizen of Seoul reports a pothole with a photo, the city's
staff acknowledge and resolve it, and the citizen follows each step."""

import re

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.participation import services
from intercity.participation.models import Jurisdiction, Report
from intercity.participation.tests.factories import IN_SEOUL, jpeg_with_gps, staff_of

pytestmark = pytest.mark.browser

# A 1x1 PNG, answered for every tile of the map picker's (pretend) tile server.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a0e2bdbc0000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def street_photo(tmp_path):
    path = tmp_path / "pothole.jpg"
    path.write_bytes(jpeg_with_gps(320, 240))
    return path


def file_a_report(tab, photo=None):
    tab.goto("/cps/seoul/")
    tab.get_by_role("link", name="Report a problem").first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Report a problem")
    tab.get_by_label("What is the problem?").select_option("pothole")
    tab.get_by_label("Describe it").fill("Deep pothole in the bus lane outside exit 3")
    tab.get_by_label("Address or place").fill("110 Sejong-daero, Jung-gu")
    tab.get_by_label("Latitude").fill(str(IN_SEOUL[0]))
    tab.get_by_label("Longitude").fill(str(IN_SEOUL[1]))
    if photo is not None:
        tab.get_by_label("Photos").set_input_files(photo)
    tab.get_by_label("E-mail").fill("minjun@example.org")
    tab.get_by_role("button", name="Send the report").click()
    message = tab.get_by_role("status").filter(has_text="tracking id")
    expect(message).to_be_visible()
    return re.search(r"tracking id ([0-9A-Z]{10})", message.inner_text()).group(1)


def test_a_citizen_reports_with_a_photo_and_follows_the_citys_work(
    page, browser, site, street_photo
):
    public_id = file_a_report(page, street_photo)
    assert page.url.endswith(f"/cps/seoul/reports/{public_id}/")
    photo = page.get_by_role("img", name=f"Photo 1 of report {public_id}")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.naturalWidth") == 320
    steps = page.locator(".cps-history .cps-step")
    expect(steps).to_have_text(["Submitted"])

    staff_of("jiwoo", "seoul")
    office = browser.new_context(base_url=site)
    staff = office.new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "jiwoo")
    staff.goto("/cps/seoul/staff/")
    staff.get_by_role("link", name=public_id).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Report {public_id}")
    expect(staff.locator("dl.facts")).to_contain_text("minjun@example.org")
    staff.get_by_label("Note").fill("A crew is scheduled for Monday")
    staff.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(staff.get_by_role("status")).to_contain_text(f"Report {public_id} is now Acknowledged")
    staff.get_by_label("Note").fill("Patched and rolled")
    staff.get_by_role("button", name="Resolve", exact=True).click()
    expect(staff.get_by_role("status")).to_contain_text(f"Report {public_id} is now Resolved")
    office.close()

    page.reload()
    expect(steps).to_have_text(["Submitted", "Acknowledged", "Resolved"])
    history = page.locator(".cps-history li")
    expect(history.nth(1)).to_contain_text("A crew is scheduled for Monday")
    expect(history.nth(2)).to_contain_text("Patched and rolled")
    expect(page.locator(".lead")).to_contain_text("Resolved")


def test_a_report_is_filed_without_javascript(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    tab = context.new_page()
    public_id = file_a_report(tab)
    assert Report.objects.filter(public_id=public_id).exists()
    tab.goto("/cps/seoul/")
    tab.get_by_label("Tracking id").fill(public_id.lower())
    tab.get_by_role("button", name="Find the report").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Report {public_id}")
    context.close()


def test_a_bad_report_keeps_what_was_typed_and_asks_for_the_photos_again(page, street_photo):
    page.goto("/cps/seoul/report/")
    page.get_by_label("What is the problem?").select_option("litter")
    page.get_by_label("Describe it").fill("Sofa dumped in Manila")
    page.get_by_label("Latitude").fill("14.5547")
    page.get_by_label("Longitude").fill("121.0244")
    page.get_by_label("Photos").set_input_files(street_photo)
    page.get_by_role("button", name="Send the report").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was saved.")
    expect(alert).to_contain_text("outside this city's area")
    expect(alert).to_contain_text("choose them again")
    expect(page.get_by_label("Describe it")).to_have_value("Sofa dumped in Manila")
    assert not Report.objects.exists()


def test_use_my_location_fills_the_coordinates(browser, site):
    context = browser.new_context(
        base_url=site,
        geolocation={"latitude": 37.5704, "longitude": 126.9921},
        permissions=["geolocation"],
    )
    tab = context.new_page()
    tab.goto("/cps/seoul/report/")
    tab.get_by_role("button", name="Use my location").click()
    expect(tab.get_by_label("Latitude")).to_have_value("37.570400")
    expect(tab.get_by_label("Longitude")).to_have_value("126.992100")
    expect(tab.locator("#cps-locate-status")).to_contain_text("filled in")
    context.close()


def test_anonymous_turns_the_contact_fields_off(page):
    page.goto("/cps/seoul/report/")
    page.get_by_label("Stay anonymous").check()
    expect(page.get_by_label("E-mail")).to_be_disabled()
    page.get_by_label("Stay anonymous").uncheck()
    expect(page.get_by_label("E-mail")).to_be_enabled()


def test_the_map_picker_places_the_report_when_a_tile_server_is_set(page, settings, site):
    settings.CPS_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    requested = []

    def tile(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route("https://tiles.example/**", tile)
    page.goto("/cps/seoul/report/")
    area = page.get_by_role("group", name=re.compile("^Map"))
    expect(area).to_be_visible()
    expect(area).to_have_class(re.compile("leaflet-container"))  # the vendored Leaflet's map
    area.click()  # the middle of the map: the city's centre
    assert abs(float(page.get_by_label("Latitude").input_value()) - 37.5665) < 0.01
    assert abs(float(page.get_by_label("Longitude").input_value()) - 126.978) < 0.01
    expect(page.get_by_role("img", name="The place of the problem")).to_be_visible()
    assert requested
    assert all(url.startswith("https://tiles.example/15/") for url in requested)
    # Dropping the pin and its tiles are further tested in test_maps_browser.py.


def _one_of_everything():
    seoul = Jurisdiction.objects.get(slug="seoul")
    jiwoo = staff_of("jiwoo", "seoul")
    report = services.submit_report(
        seoul,
        services.Submission(
            "pothole",
            "Deep pothole in the bus lane outside exit 3 of City Hall station",
            IN_SEOUL[0],
            IN_SEOUL[1],
            address="110 Sejong-daero, Jung-gu",
            email="minjun@example.org",
            photos=[("street.jpg", jpeg_with_gps(320, 240))],
        ),
    )
    services.submit_report(
        seoul,
        services.Submission(
            "pothole",
            "Pothole in the bus lane at exit 3, very deep",
            "37.566600",
            "126.978100",
        ),
    )
    services.change_status(jiwoo, report, "acknowledged", note="A crew is scheduled")
    services.add_comment(report, "Still there this morning", author_name="Seo-yeon")
    return report


def test_citizen_and_staff_pages_pass_axe_and_fit_a_phone(phone):
    report = _one_of_everything()
    public = [
        "/cps/seoul/",
        "/cps/seoul/report/",
        f"/cps/seoul/reports/{report.public_id}/",
        "/cps/seoul/reports/",
    ]
    staff = ["/cps/seoul/staff/", f"/cps/seoul/staff/reports/{report.public_id}/"]
    for path in public:
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
    # the form with its errors shown
    phone.goto("/cps/seoul/report/")
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.get_by_role("alert")).to_contain_text("Nothing was saved.")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0

    log_in(phone, "jiwoo")
    for path in staff:
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"


# --- What the first users stumbled on (issue 14) -----------------------------------------------


def _resolved_and_waiting():
    seoul = Jurisdiction.objects.get(slug="seoul")
    jiwoo = staff_of("jiwoo", "seoul")

    def filed(description):
        return services.submit_report(
            seoul, services.Submission("pothole", description, IN_SEOUL[0], IN_SEOUL[1])
        )

    waiting = filed("Pothole in the bus lane outside exit 3, still open")
    done = filed("Pothole by the fountain, patched last week")
    services.change_status(jiwoo, done, "acknowledged")
    services.change_status(jiwoo, done, "resolved", note="Patched")
    return waiting, done


def test_the_queue_shows_the_open_work_until_all_statuses_are_chosen(page):
    waiting, done = _resolved_and_waiting()
    log_in(page, "jiwoo")
    page.goto("/cps/seoul/staff/")
    status = page.get_by_role("status").filter(has_text="newest first")
    expect(status).to_contain_text("1 open report (not resolved or closed)")
    expect(page.get_by_label("Status", exact=True)).to_have_value("")
    expect(page.get_by_role("link", name=waiting.public_id)).to_be_visible()
    expect(page.get_by_role("link", name=done.public_id)).to_have_count(0)

    # The filter's own choice (htmx swaps the results in place)...
    page.get_by_label("Status", exact=True).select_option("all")
    expect(page.get_by_role("link", name=done.public_id)).to_be_visible()
    expect(status).to_contain_text("2 reports, newest first.")
    assert "status=all" in page.url
    # ...and back to the open work with the link beside the count.
    page.get_by_role("link", name="Show the open work only").click()
    expect(page.get_by_role("link", name=done.public_id)).to_have_count(0)
    page.get_by_role("link", name="Show all reports, resolved and closed too").click()
    expect(page.get_by_role("link", name=done.public_id)).to_be_visible()
    expect(page.get_by_label("Status", exact=True)).to_have_value("all")


def test_the_queue_reads_on_a_phone_with_the_other_columns_folded(phone):
    waiting, _ = _resolved_and_waiting()
    log_in(phone, "jiwoo")
    phone.goto("/cps/seoul/staff/")
    row = phone.get_by_role("row").filter(has_text=waiting.public_id)
    expect(row).to_contain_text("Submitted")
    expect(row.locator(".cps-folded")).to_be_visible()
    expect(row.locator(".cps-folded")).to_contain_text("Pothole or damaged road")
    expect(phone.get_by_role("columnheader", name="Department")).to_be_hidden()
    # Nothing is cut: the table is no wider than its wrap, and the page no wider than the phone.
    wrap = phone.locator(".table-wrap")
    assert wrap.evaluate("el => el.scrollWidth - el.clientWidth") <= 0
    assert horizontal_overflow(phone) <= 0
    assert axe_violations(phone) == []


def test_a_logged_in_citizen_finds_the_report_form_filled_in(page):
    from intercity.accounts.models import Role
    from intercity.conftest import person

    citizen = person("minjun", Role.CITIZEN)
    citizen.first_name, citizen.last_name, citizen.email = "Min-jun", "Kim", "minjun@example.org"
    citizen.save()
    log_in(page, "minjun")
    page.goto("/cps/seoul/report/")
    expect(page.get_by_label("Your name")).to_have_value("Min-jun Kim")
    expect(page.get_by_label("E-mail")).to_have_value("minjun@example.org")
    expect(page.get_by_text("filled in from your account")).to_be_visible()
    # Editable, as any field.
    page.get_by_label("E-mail").fill("mj@example.org")
    page.get_by_label("What is the problem?").select_option("pothole")
    page.get_by_label("Describe it").fill("Deep pothole in the bus lane outside exit 3")
    page.get_by_label("Address or place").fill("110 Sejong-daero, Jung-gu")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("status").filter(has_text="tracking id")).to_be_visible()
    report = Report.objects.get()
    assert (report.first_name, report.email) == ("Min-jun Kim", "mj@example.org")


def test_the_open_data_page_and_the_dashboard_pass_axe_and_fit_a_phone(phone):
    _resolved_and_waiting()
    phone.goto("/cps/seoul/open-data/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Open data")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    log_in(phone, "jiwoo")
    phone.goto("/cps/seoul/dashboard/")
    phone.get_by_role("link", name="open data page").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Open data")
    phone.goto("/cps/seoul/dashboard/")
    # The weekly volume is a chart named by its title, and the table stays beside it.
    expect(phone.get_by_role("img", name="Reports filed per week")).to_be_visible()
    expect(phone.get_by_role("table", name=re.compile("Reports filed per week"))).to_be_attached()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0


# --- A Korean browser ---------------------------------------------------------------------------

# Interface strings that must not be left in English on Seoul's pages for a Korean browser.
ENGLISH_ON_THE_PAGE = [
    "Report a problem",
    "What is the problem?",
    "Describe it",
    "Send the report",
    "Tracking id",
    "What happened",
    "Pothole or damaged road",
    "Submitted",
    "(optional)",
]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_citizen_with_a_korean_browser_reports_in_korean(browser, site, width):
    """Min-jun's browser asks for Korean (ko-KR): the form, the confirmation with its tracking
    id and the report page are Korean, Seoul's services and statuses included, on a desk
    and on a phone."""
    context = browser.new_context(
        base_url=site,
        locale="ko-KR",
        viewport={"width": width, "height": 900},
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto("/cps/seoul/")
    expect(tab.locator("html")).to_have_attribute("lang", "ko")
    tab.get_by_role("link", name="문제 신고").first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("문제 신고")
    form_text = tab.locator("main").inner_text()
    assert [e for e in ENGLISH_ON_THE_PAGE if e in form_text] == []
    assert axe_violations(tab) == []
    assert horizontal_overflow(tab) <= 0
    tab.get_by_label("어떤 문제입니까?").select_option(label="도로 파임 또는 파손")
    tab.get_by_label("내용").fill("시청역 3번 출구 앞 버스차로에 깊게 파인 곳이 있습니다")
    tab.get_by_label("주소 또는 장소").fill("서울 중구 세종대로 110")
    tab.get_by_label("위도").fill(str(IN_SEOUL[0]))
    tab.get_by_label("경도").fill(str(IN_SEOUL[1]))
    tab.get_by_label("이메일").fill("minjun@example.org")
    tab.screenshot(path=f"/work/shots/cps/ko-form-{width}.png", full_page=True)
    tab.get_by_role("button", name="신고하기").click()

    message = tab.get_by_role("status").filter(has_text="접수번호")
    expect(message).to_be_visible()
    public_id = re.search(r"접수번호 ([0-9A-Z]{10})", message.inner_text()).group(1)
    assert tab.url.endswith(f"/cps/seoul/reports/{public_id}/")
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"신고 {public_id}")
    expect(tab.locator(".cps-history .cps-step")).to_have_text(["접수"])
    facts = tab.locator("dl.facts")
    expect(facts).to_contain_text("도로 파임 또는 파손")
    expect(facts).to_contain_text("도로관리과")
    expect(facts).to_contain_text("KST")
    page_text = tab.locator("main").inner_text()
    assert [e for e in ENGLISH_ON_THE_PAGE if e in page_text] == []
    assert axe_violations(tab) == []
    assert horizontal_overflow(tab) <= 0
    tab.screenshot(path=f"/work/shots/cps/ko-report-{width}.png", full_page=True)
    assert Report.objects.get(public_id=public_id).language == "ko"
    context.close()
