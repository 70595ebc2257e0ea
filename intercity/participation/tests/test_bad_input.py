"""What a careless or hostile sender can put in: a photo full of metadata, text that would
run as a spreadsheet formula, control characters that break XML, and dates and numbers at
the ends of their range. Each is refused with a message (a form error, or a 4xx in Open311's
own error format) or made harmless; none answers 500, and nothing is half-saved."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from intercity.core.errors import DomainError
from intercity.core.images import metadata_of
from intercity.participation import open311, services
from intercity.participation.models import Comment, Photo, Report
from intercity.participation.tests.factories import IN_SEOUL

pytestmark = pytest.mark.django_db

BODY_SERIAL = 0xA431
MAKE = 0x010F


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def file(seoul, **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane",
        "latitude": IN_SEOUL[0],
        "longitude": IN_SEOUL[1],
        **overrides,
    }
    return services.submit_report(seoul, services.Submission(**data))


def open311_post(client, api_key, fmt="json", **fields):
    data = {
        "api_key": api_key,
        "service_code": "pothole",
        "lat": "37.5665",
        "long": "126.978",
        "description": "A large pothole in the right lane",
        **fields,
    }
    return client.post(f"/open311/v2/seoul/requests.{fmt}", data)


# --- Photos ------------------------------------------------------------------------------------


def telltale_jpeg() -> bytes:
    """A JPEG that says where, with what and by whom it was taken: a comment, GPS, the
    camera's make and its serial number."""
    image = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[BODY_SERIAL] = "SN-0042-7781"
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 40.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"Taken by Min-jun at home")
    content = out.getvalue()
    found = metadata_of(content)
    assert "comment" in found
    assert found["exif"]
    return content


def stored_photo_of(report: Report) -> bytes:
    photo = Photo.objects.get(report=report)
    with photo.image.open("rb") as handle:
        content: bytes = handle.read()
    return content


def test_a_photo_from_the_citizen_form_keeps_no_metadata(client, seoul):
    upload = SimpleUploadedFile("street.jpg", telltale_jpeg(), content_type="image/jpeg")
    response = client.post(
        reverse("cps_report_new", args=["seoul"]),
        {
            "service": "pothole",
            "description": "Deep pothole in the bus lane",
            "latitude": str(IN_SEOUL[0]),
            "longitude": str(IN_SEOUL[1]),
            "photos": [upload],
        },
    )
    assert response.status_code == 302
    content = stored_photo_of(Report.objects.get(jurisdiction=seoul))
    assert metadata_of(content) == {}
    assert b"Min-jun" not in content
    assert b"SN-0042" not in content


def test_a_photo_posted_through_open311_keeps_no_metadata(client, seoul, api_key):
    upload = SimpleUploadedFile("street.jpg", telltale_jpeg(), content_type="image/jpeg")
    response = open311_post(client, api_key, media=upload)
    assert response.status_code == 200, response.content
    content = stored_photo_of(Report.objects.get(jurisdiction=seoul))
    assert metadata_of(content) == {}
    assert b"Min-jun" not in content
    assert b"SN-0042" not in content


# --- Open data: no formulas ----------------------------------------------------------------------


def test_open_data_cells_never_start_a_formula(client, seoul):
    formulas = {
        "description": '=HYPERLINK("http://evil.example","click")',
        "address": "+1+cmd|' /C calc'!A0",
        "zipcode": "-2+3",
    }
    report = file(seoul, **formulas)
    at = file(seoul, description="@SUM(A1:A9)", latitude=None, longitude=None, address="x")
    # Intake strips leading blanks; a row written past it may still start with one.
    Report.objects.filter(pk=at.pk).update(address="\tx", zipcode="\r=1")
    response = client.get(reverse("cps_open_data", args=["seoul"]))
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    rows = {r["service_request_id"]: r for r in csv.DictReader(io.StringIO(text))}
    for column, value in formulas.items():
        assert rows[report.public_id][column] == "'" + value
    assert rows[at.public_id]["description"] == "'@SUM(A1:A9)"
    assert rows[at.public_id]["address"] == "'\tx"
    assert rows[at.public_id]["zipcode"] == "'\r=1"
    # Plain numbers are numbers still (a longitude west of Greenwich is negative).
    assert rows[report.public_id]["lat"] == str(IN_SEOUL[0])
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


# --- Control characters --------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x0b", "\x01", "\x1f", "\ufffe"])
def test_a_control_character_is_refused_at_every_intake(client, seoul, api_key, jiwoo, char):
    with pytest.raises(DomainError, match="control character"):
        file(seoul, description=f"Pothole{char}here")
    with pytest.raises(DomainError, match="control character"):
        file(seoul, address=f"Sejong{char}daero")
    page = client.post(
        reverse("cps_report_new", args=["seoul"]),
        {"service": "pothole", "description": f"Pothole{char}here", "address": "Sejong-daero"},
    )
    assert page.status_code == 400
    assert "control character" in page.content.decode()
    posted = open311_post(client, api_key, fmt="xml", description=f"Pot{char}hole")
    assert posted.status_code == 400
    assert "control character" in ET.fromstring(posted.content)[0].find("description").text  # noqa: S314
    report = file(seoul)
    with pytest.raises(DomainError, match="control character"):
        services.add_comment(report, f"Still{char}there")
    with pytest.raises(DomainError, match="control character"):
        services.change_status(jiwoo, report, "acknowledged", note=f"Seen{char}today")
    assert Report.objects.filter(jurisdiction=seoul).count() == 1
    assert not Comment.objects.exists()
    report.refresh_from_db()
    assert report.status.code == "submitted"


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_requests_xml_stays_parseable_whatever_a_stored_row_holds(client, seoul, fmt):
    report = file(seoul, address="Sejong-daero 110")
    # Written past the services (an older row, an import): the writer must cope on its own.
    Report.objects.filter(pk=report.pk).update(
        description="Pot\x0bhole\x01 by the \x1fstation", address="Sejong\x08-daero"
    )
    for path in [
        f"/open311/v2/seoul/requests.{fmt}",
        f"/open311/v2/seoul/requests/{report.public_id}.{fmt}",
    ]:
        response = client.get(path)
        assert response.status_code == 200
        if fmt == "xml":
            root = ET.fromstring(response.content)  # noqa: S314 -- our own output
            shown = root.find("request")
            assert shown.find("description").text == "Pothole by the station"
            assert shown.find("address").text == "Sejong-daero"
        else:
            assert json.loads(response.content)[0]["service_request_id"] == report.public_id


def test_the_xml_writer_drops_what_xml_forbids_and_keeps_the_rest():
    response = open311.render("xml", "errors", [{"code": 400, "description": "a\x00b\x0bc\td\ne"}])
    element = ET.fromstring(response.content)  # noqa: S314
    assert element[0].find("description").text == "abc\td\ne"


# --- Dates and numbers at the ends of their range ------------------------------------------------


def test_the_dashboard_refuses_a_far_date_with_a_message(client, seoul, jiwoo):
    client.force_login(jiwoo)
    for query in ["?end=9999-12-31", "?start=0001-01-01", "?start=9999-12-30&end=9999-12-31"]:
        response = client.get(reverse("cps_dashboard", args=["seoul"]) + query)
        assert response.status_code == 200
        assert "outside the dates accepted" in response.content.decode()


@pytest.mark.parametrize("query", ["?end=9999-12-31", "?start=0001-01-01", "?start=9999-12-31"])
def test_open_data_refuses_a_far_date_before_it_streams(client, seoul, query):
    file(seoul)
    response = client.get(reverse("cps_open_data", args=["seoul"]) + query)
    assert response.status_code == 400
    assert not isinstance(response, StreamingHttpResponse)
    assert "outside the dates accepted" in response.content.decode()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "query",
    [
        "end_date=0001-01-01T00:00:00Z",
        "start_date=9999-12-31",
        "start_date=9999-12-31T23:59:59Z",
        "end_date=0001-01-01",
        "start_date=0001-01-01T00:00:00-23:59",
    ],
)
def test_open311_refuses_a_far_date_in_its_error_format(client, seoul, fmt, query):
    response = client.get(f"/open311/v2/seoul/requests.{fmt}?{query}")
    assert response.status_code == 400
    if fmt == "json":
        errors = json.loads(response.content)
    else:
        root = ET.fromstring(response.content)  # noqa: S314
        errors = [{c.tag: c.text for c in e} for e in root]
    assert str(errors[0]["code"]) == "400"
    assert "outside the dates accepted" in errors[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lat", "1e999999"),
        ("long", "1e999999"),
        ("lat", "-1e999999"),
        ("lat", "nan"),
        ("long", "inf"),
        ("lat", "-Infinity"),
        ("lat", "1e-999999"),
        ("long", "12345678901234567890"),
    ],
)
def test_open311_refuses_an_impossible_position_with_a_400(
    client, seoul, api_key, fmt, field, value
):
    response = open311_post(client, api_key, fmt=fmt, **{field: value})
    assert response.status_code == 400, response.content
    assert not Report.objects.exists()


def test_a_number_answer_too_large_for_any_column_is_refused(seoul):
    from intercity.participation.models import Service, ServiceAttribute

    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    ServiceAttribute.objects.create(
        service=pothole, code="width", description="How wide, in cm?", datatype="number"
    )
    with pytest.raises(DomainError, match="width"):
        file(seoul, attributes={"width": "1e999999"})
    assert file(seoul, attributes={"width": "35.5"}).attributes == {"width": "35.5"}


def test_ids_past_a_64_bit_column_are_not_found_not_errors(client, seoul, jiwoo):
    report = file(seoul)
    huge = str(2**64)
    assert client.get(f"/cps/seoul/reports/{report.public_id}/photos/{huge}/").status_code == 404
    client.force_login(jiwoo)
    moderate = client.post(
        reverse("cps_staff_moderate", args=["seoul", report.public_id]),
        {"hidden": "1", "comment": huge},
    )
    assert moderate.status_code == 302
    assert not Report.objects.get(pk=report.pk).hidden
    keys = client.post(reverse("cps_api_keys", args=["seoul"]), {"revoke": huge})
    assert keys.status_code == 400
    bulk = client.post(
        reverse("cps_queue", args=["seoul"]), {"reports": [huge], "target": "acknowledged"}
    )
    assert bulk.status_code == 400


# --- Any input: accepted, or a 4xx with a message -----------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
NUMBERS = st.one_of(
    TEXT,
    st.sampled_from(["37.5665", "126.978", "1e999999", "-0", "nan", "inf", "1e-30", "", " "]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _kept_or_refused(response) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert response.content.strip()


@FUZZ
@given(
    description=TEXT,
    address=TEXT,
    lat=NUMBERS,
    long=NUMBERS,
    zipcode=TEXT,
    first_name=TEXT,
    service_code=st.one_of(TEXT, st.sampled_from(["pothole", "streetlight"])),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_any_open311_post_is_accepted_or_refused_with_a_message(
    client, seoul, api_key, description, address, lat, long, zipcode, first_name, service_code, fmt
):
    cache.clear()  # the rate limit is not what this test is about
    data = {
        "api_key": api_key,
        "service_code": service_code,
        "description": description,
        "address_string": address,
        "lat": lat,
        "long": long,
        "zipcode": zipcode,
        "first_name": first_name,
    }
    response = client.post(
        f"/open311/v2/seoul/requests.{fmt}",
        urlencode(data),
        "application/x-www-form-urlencoded",
    )
    _kept_or_refused(response)
    if response.status_code == 200:
        listed = client.get(f"/open311/v2/seoul/requests.{fmt}")
        assert listed.status_code == 200
        if fmt == "xml":
            ET.fromstring(listed.content)  # noqa: S314 -- every client must parse it


@FUZZ
@given(
    description=TEXT,
    address=TEXT,
    latitude=NUMBERS,
    longitude=NUMBERS,
    zipcode=TEXT,
    name=TEXT,
    email=TEXT,
)
def test_any_report_form_is_accepted_or_refused_with_a_message(
    client, seoul, description, address, latitude, longitude, zipcode, name, email
):
    cache.clear()
    response = client.post(
        reverse("cps_report_new", args=["seoul"]),
        {
            "service": "pothole",
            "description": description,
            "address": address,
            "latitude": latitude,
            "longitude": longitude,
            "zipcode": zipcode,
            "name": name,
            "email": email,
        },
    )
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert "error" in response.content.decode()


@FUZZ
@given(
    start=st.one_of(TEXT, st.dates().map(dt.date.isoformat), st.datetimes().map(str)),
    end=st.one_of(TEXT, st.dates().map(dt.date.isoformat), st.datetimes().map(str)),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_any_open311_period_is_answered_or_refused_with_a_message(client, seoul, start, end, fmt):
    query = urlencode({"start_date": start, "end_date": end})
    _kept_or_refused(client.get(f"/open311/v2/seoul/requests.{fmt}?{query}"))
    period = urlencode({"start": start, "end": end})
    _kept_or_refused(client.get(reverse("cps_open_data", args=["seoul"]) + "?" + period))
