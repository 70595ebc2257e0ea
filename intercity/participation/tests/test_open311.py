"""What an Open311 app sees of a city: the discovery document, the services, filing a request
with the app's api_key, and following requests, in both formats, with the spec's errors;
and that nothing of another city, and nothing personal, ever shows."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from intercity.core.models import AuditEvent
from intercity.participation import open311, services, throttle
from intercity.participation.models import Jurisdiction, Photo, Report, Service, ServiceAttribute
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    jpeg_with_gps,
    makati_jurisdiction,
    officer_of,
)

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml"]
# The spec's XML names the items of each list (GeoReport v2, Service Discovery).
LISTS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "languages": "language",
}
MINJI = {
    "first_name": "Minji",
    "last_name": "Kimura",
    "email": "minji.kimura@example.org",
    "phone": "+82 10 5555 0199",
    "device_id": "device-7f3a",
    "account_id": "acct-99120",
}
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


# --- People and places ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def makati_officer(db):
    return officer_of("makati-officer", "makati")


@pytest.fixture
def makati(makati_officer):
    return makati_jurisdiction(makati_officer)


@pytest.fixture
def depth_asked(seoul):
    """Seoul asks how deep a pothole is (required) and what it endangers (several answers)."""
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    ServiceAttribute.objects.create(
        service=pothole,
        code="depth",
        description="How deep is it?",
        datatype="singlevaluelist",
        required=True,
        datatype_description="Pick the closest",
        values=[{"key": "shallow", "name": "Under 5 cm"}, {"key": "deep", "name": "5 cm or more"}],
        order=1,
    )
    ServiceAttribute.objects.create(
        service=pothole,
        code="hazards",
        description="Who is in danger?",
        datatype="multivaluelist",
        values=[
            {"key": "cars", "name": "Cars"},
            {"key": "cyclists", "name": "Cyclists"},
            {"key": "walkers", "name": "Pedestrians"},
        ],
        order=2,
    )
    return pothole


def filed(jurisdiction, where=IN_SEOUL, **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane outside station exit 3",
        "latitude": where[0],
        "longitude": where[1],
        "address": "Sejong-daero 110",
        "zipcode": "04524",
        **MINJI,
    }
    now = overrides.pop("now", None)
    data.update(overrides)
    return services.submit_report(jurisdiction, services.Submission(**data), now=now)


# --- Reading both formats the same way -----------------------------------------------------


def plain(value):
    """JSON values as the XML carries them: text, 'true'/'false', and '' for null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return str(value)


def from_xml(element):
    if element.tag in LISTS:
        assert {child.tag for child in element} <= {LISTS[element.tag]}
        return [from_xml(child) for child in element]
    if len(element):
        return {child.tag: from_xml(child) for child in element}
    return element.text or ""


def read(response, fmt, root):
    """The body as plain values; in XML, checked against the spec's element names."""
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return plain(json.loads(response.content))
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    element = ET.fromstring(response.content)  # noqa: S314 -- our own output, in a test
    assert element.tag == root
    return from_xml(element)


def refused(response, fmt, status, words=""):
    """The spec's error document, with the HTTP status as its code."""
    assert response.status_code == status, response.content
    errors = read(response, fmt, "errors")
    assert len(errors) == 1
    assert errors[0]["code"] == str(status)
    assert words in errors[0]["description"]
    return errors[0]["description"]


def post_form(client, url, data):
    """POST as the spec sends it: application/x-www-form-urlencoded."""
    return client.post(url, urlencode(data, doseq=True), "application/x-www-form-urlencoded")


def a_request(api_key, **overrides):
    data = {
        "api_key": api_key,
        "service_code": "pothole",
        "lat": "37.5665",
        "long": "126.978",
        "address_string": "Sejong-daero 110, Jung-gu",
        "description": "A large pothole in the right lane",
        **MINJI,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Service Discovery ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_lists_each_enabled_citys_endpoint(client, seoul, makati, fmt):
    Jurisdiction.objects.filter(pk=makati.pk).update(enabled=False)
    response = client.get(f"/open311/discovery.{fmt}")
    assert response.status_code == 200
    document = read(response, fmt, "discovery")
    assert set(document) == {"changeset", "contact", "key_service", "endpoints"}
    assert document["contact"]
    assert "key" in document["key_service"]
    assert document["endpoints"] == [
        {
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": "http://testserver/open311/v2/seoul/",
            "changeset": document["endpoints"][0]["changeset"],
            "type": "production",
            "formats": ["text/xml", "application/json"],
            "languages": ["ko", "en"],
        }
    ]
    assert document["changeset"] == document["endpoints"][0]["changeset"]
    dt.datetime.strptime(document["changeset"], "%Y-%m-%dT%H:%M:%SZ")  # sortable


def test_discovery_lists_every_city_and_a_new_service_moves_its_changeset(
    client, seoul, makati, makati_officer
):
    before = client.get("/open311/discovery.json").json()
    urls = [e["url"] for e in before["endpoints"]]
    assert urls == ["http://testserver/open311/v2/makati/", "http://testserver/open311/v2/seoul/"]
    later = timezone.now() + dt.timedelta(minutes=5)
    services.add_service_type(makati_officer, makati, code="flood", name="Flooding")
    AuditEvent.objects.filter(verb="add_service", object_repr="Flooding").update(at=later)
    after = client.get("/open311/discovery.json").json()
    makati_changes = [e["changeset"] for e in after["endpoints"] if "makati" in e["url"]]
    assert makati_changes[0] > before["endpoints"][0]["changeset"]
    assert after["changeset"] == makati_changes[0]


# --- Services ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_app_lists_a_citys_services(client, seoul, fmt):
    response = client.get(f"/open311/v2/services.{fmt}", {"jurisdiction_id": "seoul"})
    assert response.status_code == 200
    listed = read(response, fmt, "services")
    assert [s["service_code"] for s in listed] == [
        "park",
        "graffiti",
        "litter",
        "pothole",
        "streetlight",
        "bus-stop",
    ]
    assert listed[3] == {
        "service_code": "pothole",
        "service_name": "Pothole or damaged road",
        "description": "",
        "metadata": "false",
        "type": "realtime",
        "keywords": "road, asphalt",
        "group": "Streets",
    }
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_with_questions_says_it_has_metadata(client, depth_asked, fmt):
    listed = read(client.get(f"/open311/v2/seoul/services.{fmt}"), fmt, "services")
    metadata = {s["service_code"]: s["metadata"] for s in listed}
    assert metadata["pothole"] == "true"
    assert metadata["litter"] == "false"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_jurisdiction_is_a_segment_a_parameter_or_the_only_one(client, seoul, fmt):
    by_segment = client.get(f"/open311/v2/seoul/services.{fmt}")
    by_parameter = client.get(f"/open311/v2/services.{fmt}?jurisdiction_id=seoul")
    only_one = client.get(f"/open311/v2/services.{fmt}")
    assert by_segment.status_code == by_parameter.status_code == only_one.status_code == 200
    assert by_segment.content == by_parameter.content == only_one.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_two_cities_the_jurisdiction_must_be_named(client, makati, fmt):
    refused(client.get(f"/open311/v2/services.{fmt}"), fmt, 400, "jurisdiction_id")
    refused(client.get(f"/open311/v2/requests.{fmt}"), fmt, 400, "jurisdiction_id")
    assert client.get(f"/open311/v2/services.{fmt}?jurisdiction_id=makati").status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_or_contradictory_jurisdictions_are_refused(client, seoul, fmt):
    refused(client.get(f"/open311/v2/atlantis/services.{fmt}"), fmt, 404, "atlantis")
    refused(client.get(f"/open311/v2/services.{fmt}?jurisdiction_id=atlantis"), fmt, 404)
    refused(
        client.get(f"/open311/v2/seoul/services.{fmt}?jurisdiction_id=makati"),
        fmt,
        400,
        "does not match",
    )
    Jurisdiction.objects.filter(pk=seoul.pk).update(enabled=False)
    refused(client.get(f"/open311/v2/seoul/services.{fmt}"), fmt, 404)


def test_an_unsupported_format_or_method_is_refused(client, seoul):
    refused(client.get("/open311/v2/seoul/services.html"), "xml", 404, "Format 'html'")
    refused(client.get("/open311/discovery.yaml"), "xml", 404)
    response = client.delete("/open311/v2/seoul/services.json")
    refused(response, "json", 405)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_definition_lists_its_questions(client, depth_asked, fmt):
    response = client.get(f"/open311/v2/seoul/services/pothole.{fmt}")
    assert response.status_code == 200
    assert read(response, fmt, "service_definition") == {
        "service_code": "pothole",
        "attributes": [
            {
                "variable": "true",
                "code": "depth",
                "datatype": "singlevaluelist",
                "required": "true",
                "datatype_description": "Pick the closest",
                "order": "1",
                "description": "How deep is it?",
                "values": [
                    {"key": "shallow", "name": "Under 5 cm"},
                    {"key": "deep", "name": "5 cm or more"},
                ],
            },
            {
                "variable": "true",
                "code": "hazards",
                "datatype": "multivaluelist",
                "required": "false",
                "datatype_description": "",
                "order": "2",
                "description": "Who is in danger?",
                "values": [
                    {"key": "cars", "name": "Cars"},
                    {"key": "cyclists", "name": "Cyclists"},
                    {"key": "walkers", "name": "Pedestrians"},
                ],
            },
        ],
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_without_questions_has_an_empty_definition(client, seoul, fmt):
    response = client.get(f"/open311/v2/services/litter.{fmt}?jurisdiction_id=seoul")
    assert read(response, fmt, "service_definition") == {
        "service_code": "litter",
        "attributes": [],
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_or_retired_service_has_no_definition(client, seoul, makati, fmt):
    refused(client.get(f"/open311/v2/seoul/services/volcano.{fmt}"), fmt, 404, "volcano")
    Service.objects.filter(jurisdiction=seoul, code="park").update(active=False)
    refused(client.get(f"/open311/v2/seoul/services/park.{fmt}"), fmt, 404)
    Service.objects.filter(jurisdiction=makati).update(code="makati-only")
    refused(client.get(f"/open311/v2/seoul/services/makati-only.{fmt}"), fmt, 404)


# --- POST a service request ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_app_with_a_key_files_a_request(client, seoul, api_key, fmt):
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", a_request(api_key))
    assert response.status_code == 200, response.content
    created = read(response, fmt, "service_requests")
    report = Report.objects.get()
    assert created == [
        {
            "service_request_id": report.public_id,
            "service_notice": (
                "Routed to Road Management. The city aims to resolve it within 72 hours."
            ),
            "account_id": "acct-99120",
        }
    ]
    assert report.jurisdiction == seoul
    assert report.client.name == "Seoul Fix app"
    assert report.status.code == "submitted"
    assert report.address == "Sejong-daero 110, Jung-gu"
    assert str(report.latitude) == "37.566500"
    assert (report.first_name, report.email, report.device_id) == (
        "Minji",
        "minji.kimura@example.org",
        "device-7f3a",
    )
    assert list(report.followers.values_list("email", flat=True)) == [MINJI["email"]]


def test_the_jurisdiction_may_come_in_the_body_and_csrf_is_not_asked(seoul, api_key):
    app = Client(enforce_csrf_checks=True)
    data = a_request(api_key, jurisdiction_id="seoul")
    response = post_form(app, "/open311/v2/requests.json", data)
    assert response.status_code == 200, response.content
    assert Report.objects.filter(jurisdiction=seoul).count() == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_answers_to_a_services_questions_are_kept(client, depth_asked, api_key, fmt):
    data = a_request(
        api_key, **{"attribute[depth]": "deep", "attribute[hazards][]": ["cars", "cyclists"]}
    )
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", data)
    assert response.status_code == 200, response.content
    assert Report.objects.get().attributes == {"depth": "deep", "hazards": ["cars", "cyclists"]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_photo_sent_as_media_is_stored_without_its_gps(client, seoul, api_key, fmt):
    photo = SimpleUploadedFile("pothole.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        f"/open311/v2/seoul/requests.{fmt}", {**a_request(api_key), "media": photo}
    )
    assert response.status_code == 200, response.content
    stored = Photo.objects.get()
    with default_storage.open(stored.image.name) as f, Image.open(f) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    listed = read(client.get(f"/open311/v2/seoul/requests.{fmt}"), fmt, "service_requests")
    report = stored.report
    media_url = f"http://testserver/cps/seoul/reports/{report.public_id}/photos/{stored.pk}/"
    assert listed[0]["media_url"] == media_url
    served = client.get(urlsplit(media_url).path)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("status", "content", "words"),
    [(415, b"not a photo at all", "not an image"), (413, b"x" * 2048, "the limit is 1,024")],
)
def test_a_media_file_that_is_not_a_photo_or_too_big_keeps_its_status(
    client, seoul, api_key, status, content, words
):
    Jurisdiction.objects.filter(pk=seoul.pk).update(max_photo_bytes=1024)
    upload = SimpleUploadedFile("pothole.jpg", content, content_type="image/jpeg")
    response = client.post(
        "/open311/v2/seoul/requests.xml", {**a_request(api_key), "media": upload}
    )
    refused(response, "xml", status, words)
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_without_a_valid_key_nothing_is_filed(client, seoul, fmt, key):
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", a_request(key))
    refused(response, fmt, 403, "api_key")
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_of_another_city_or_a_withdrawn_key_is_refused(
    client, seoul, makati, makati_officer, api_key, fmt
):
    _, makati_key = services.issue_api_key(makati_officer, makati, "Makati app")
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", a_request(makati_key))
    refused(response, fmt, 403, "Invalid api_key")
    seoul.clients.update(active=False)
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", a_request(api_key))
    refused(response, fmt, 403)
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("overrides", "status", "words"),
    [
        ({"service_code": None}, 400, "service_code was not provided"),
        ({"service_code": "volcano"}, 404, "service_code 'volcano' was not found"),
        ({"lat": "14.5547", "long": "121.0244"}, 400, "outside this city's area"),
        ({"lat": "north", "long": "127"}, 400, "Latitude must be a number"),
        ({"lat": None, "long": None, "address_string": None}, 400, "Say where it is"),
        ({"description": " "}, 400, "Describe the problem"),
        ({"description": "x" * 4001}, 400, "4,000 characters"),
        ({"email": "not an email"}, 400, "email"),
        ({"attribute[depth]": None}, 400, "(depth)"),
        ({"attribute[depth]": "bottomless"}, 400, "depth"),
        ({"attribute[hazards][]": "tanks"}, 400, "hazards"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_stored(
    client, depth_asked, api_key, fmt, overrides, status, words
):
    data = a_request(api_key, **{"attribute[depth]": "deep", **overrides})
    response = post_form(client, f"/open311/v2/seoul/requests.{fmt}", data)
    refused(response, fmt, status, words)
    assert not Report.objects.exists()


def test_an_address_or_an_address_id_alone_places_a_request(client, seoul, api_key):
    by_address = a_request(api_key, lat=None, long=None)
    assert post_form(client, "/open311/v2/seoul/requests.json", by_address).status_code == 200
    by_id = a_request(api_key, lat=None, long=None, address_string=None, address_id="A-1102")
    assert post_form(client, "/open311/v2/seoul/requests.json", by_id).status_code == 200
    assert sorted(Report.objects.values_list("address_id", flat=True)) == ["", "A-1102"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_app_posting_too_fast_is_told_to_wait(
    client, seoul, api_key, settings, monkeypatch, fmt
):
    settings.CPS_RATE_LIMIT_PER_MINUTE = 2
    # One fixed minute, so that the count cannot start again in the middle of the test.
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: 6_000_000.0))
    url = f"/open311/v2/seoul/requests.{fmt}"
    assert post_form(client, url, a_request(api_key)).status_code == 200
    assert post_form(client, url, a_request(api_key)).status_code == 200
    response = post_form(client, url, a_request(api_key))
    refused(response, fmt, 429, "Too many")
    assert response["Retry-After"] == "60"
    assert Report.objects.count() == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_batch_service_answers_with_a_token_and_the_token_gives_the_id(
    client, seoul, api_key, fmt
):
    Service.objects.filter(jurisdiction=seoul, code="graffiti").update(kind="batch")
    data = a_request(api_key, service_code="graffiti")
    created = read(
        post_form(client, f"/open311/v2/seoul/requests.{fmt}", data), fmt, "service_requests"
    )
    report = Report.objects.get()
    assert set(created[0]) == {"token", "service_notice", "account_id"}
    assert created[0]["token"] == report.token
    response = client.get(f"/open311/v2/seoul/tokens/{report.token}.{fmt}")
    assert response.status_code == 200
    assert read(response, fmt, "service_requests") == [
        {"service_request_id": report.public_id, "token": report.token}
    ]


def test_a_blackbox_service_answers_with_neither_id_nor_token(client, seoul, api_key):
    Service.objects.filter(jurisdiction=seoul, code="litter").update(kind="blackbox")
    data = a_request(api_key, service_code="litter", account_id=None)
    created = post_form(client, "/open311/v2/seoul/requests.json", data).json()
    assert created == [
        {
            "service_notice": "Routed to Sanitation. The city aims to resolve it within 48 hours.",
            "account_id": None,
        }
    ]


# --- GET service requests ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_request_shows_every_field_of_the_spec_and_nothing_personal(client, seoul, jiwoo, fmt):
    report = filed(seoul, now=timezone.now() - dt.timedelta(hours=2))
    services.change_status(jiwoo, report, "acknowledged", note="A crew is on its way.")
    report.refresh_from_db()
    response = client.get(f"/open311/v2/seoul/requests/{report.public_id}.{fmt}")
    assert response.status_code == 200
    shown = read(response, fmt, "service_requests")
    assert len(shown) == 1
    assert list(shown[0]) == REQUEST_FIELDS
    seoul_time = report.requested_at.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert shown[0] == {
        "service_request_id": report.public_id,
        "status": "open",
        "status_notes": "A crew is on its way.",
        "service_name": "Pothole or damaged road",
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane outside station exit 3",
        "agency_responsible": "Road Management",
        "service_notice": "Routed to Road Management. The city aims to resolve it within 72 hours.",
        "requested_datetime": seoul_time.isoformat(timespec="seconds"),
        "updated_datetime": report.updated_at.astimezone(seoul_time.tzinfo).isoformat(
            timespec="seconds"
        ),
        "expected_datetime": report.expected_at.astimezone(seoul_time.tzinfo).isoformat(
            timespec="seconds"
        ),
        "address": "Sejong-daero 110",
        "address_id": "",
        "zipcode": "04524",
        "lat": "37.5665",
        "long": "126.978",
        "media_url": "",
    }
    assert shown[0]["requested_datetime"].endswith("+09:00")
    for personal in MINJI.values():
        assert personal.encode() not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_personal_is_ever_listed(client, seoul, fmt):
    filed(seoul)
    filed(seoul, service_code="litter", description="Bags dumped by the bus stop")
    response = client.get(f"/open311/v2/seoul/requests.{fmt}")
    assert len(read(response, fmt, "service_requests")) == 2
    for personal in MINJI.values():
        assert personal.encode() not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_moderated_report_shows_no_description_and_no_photo(client, seoul, jiwoo, fmt):
    report = filed(
        seoul,
        description="Rude words about the mayor and a pothole",
        photos=[("p.jpg", jpeg_with_gps())],
    )
    services.moderate(jiwoo, report, hidden=True)
    response = client.get(f"/open311/v2/seoul/requests/{report.public_id}.{fmt}")
    shown = read(response, fmt, "service_requests")[0]
    assert (shown["description"], shown["media_url"]) == ("", "")
    assert b"mayor" not in response.content
    listed = client.get(f"/open311/v2/seoul/requests.{fmt}")
    assert b"mayor" not in listed.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_internal_notes_never_become_status_notes(client, seoul, jiwoo, fmt):
    report = filed(seoul)
    services.change_status(jiwoo, report, "in_progress", note="Contractor is slow", public=False)
    response = client.get(f"/open311/v2/seoul/requests/{report.public_id}.{fmt}")
    assert read(response, fmt, "service_requests")[0]["status_notes"] == ""
    assert b"Contractor" not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_are_newest_first_within_the_last_90_days(client, seoul, fmt):
    now = timezone.now()
    old = filed(seoul, now=now - dt.timedelta(days=91))
    older = filed(seoul, now=now - dt.timedelta(days=3))
    newer = filed(seoul, now=now - dt.timedelta(days=1))
    listed = read(client.get(f"/open311/v2/seoul/requests.{fmt}"), fmt, "service_requests")
    assert [r["service_request_id"] for r in listed] == [newer.public_id, older.public_id]
    assert old.public_id not in {r["service_request_id"] for r in listed}


def test_at_most_the_spec_limit_of_requests_is_returned(client, seoul, monkeypatch):
    monkeypatch.setattr(open311, "MAX_REQUESTS", 2)
    now = timezone.now()
    reports = [filed(seoul, now=now - dt.timedelta(hours=h)) for h in range(3)]
    listed = client.get("/open311/v2/seoul/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [r.public_id for r in reports[:2]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_by_service_code(client, seoul, fmt):
    pothole = filed(seoul)
    litter = filed(seoul, service_code="litter", description="Bags dumped by the bus stop")
    graffiti = filed(seoul, service_code="graffiti", description="Tags on the underpass")

    def codes(query):
        listed = read(
            client.get(f"/open311/v2/seoul/requests.{fmt}?{query}"), fmt, "service_requests"
        )
        return {r["service_request_id"] for r in listed}

    assert codes("service_code=litter") == {litter.public_id}
    assert codes("service_code=litter,pothole") == {litter.public_id, pothole.public_id}
    assert codes("service_code=litter&service_code=graffiti") == {
        litter.public_id,
        graffiti.public_id,
    }
    assert codes("service_code=volcano") == set()


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_by_status(client, seoul, jiwoo, fmt):
    still_open = filed(seoul)
    fixed = filed(seoul, description="Another pothole near the market")
    services.change_status(jiwoo, fixed, "in_progress")
    services.change_status(jiwoo, fixed, "resolved", note="Filled and rolled.")
    url = f"/open311/v2/seoul/requests.{fmt}"
    closed = read(client.get(url, {"status": "closed"}), fmt, "service_requests")
    assert [(r["service_request_id"], r["status"]) for r in closed] == [(fixed.public_id, "closed")]
    assert closed[0]["status_notes"] == "Filled and rolled."
    opened = read(client.get(url, {"status": "open"}), fmt, "service_requests")
    assert [r["service_request_id"] for r in opened] == [still_open.public_id]
    both = read(client.get(url, {"status": "open,closed"}), fmt, "service_requests")
    assert len(both) == 2
    refused(client.get(url, {"status": "pending"}), fmt, 400, "status must be open or closed")


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_by_date(client, seoul, fmt):
    may = filed(seoul, now=dt.datetime(2024, 5, 10, 12, tzinfo=dt.UTC))
    june = filed(seoul, now=dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC))
    url = f"/open311/v2/seoul/requests.{fmt}"

    def ids(**query):
        return [
            r["service_request_id"] for r in read(client.get(url, query), fmt, "service_requests")
        ]

    assert ids(start_date="2024-05-01T00:00:00Z", end_date="2024-05-31T00:00:00Z") == [
        may.public_id
    ]
    assert ids(start_date="2024-05-01T00:00:00Z", end_date="2024-07-01T00:00:00Z") == [
        june.public_id,
        may.public_id,
    ]
    assert ids(start_date="2024-06-01T00:00:00+09:00") == [june.public_id]  # 90 days on
    assert ids(end_date="2024-06-01T00:00:00Z") == [may.public_id]  # 90 days before
    assert ids(start_date="2024-06-20", end_date="2024-06-21") == [june.public_id]
    # A '+' left unencoded in the query string arrives as a space.
    response = client.get(f"{url}?start_date=2024-06-20T00:00:00+09:00")
    assert [r["service_request_id"] for r in read(response, fmt, "service_requests")] == [
        june.public_id
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"start_date": "last tuesday"}, "start_date must be a W3C datetime"),
        ({"end_date": "2024-13-45T00:00:00Z"}, "end_date must be a W3C datetime"),
        ({"start_date": "2024-01-01T00:00:00Z", "end_date": "2024-06-01T00:00:00Z"}, "90 days"),
        ({"start_date": "2024-06-01T00:00:00Z", "end_date": "2024-05-01T00:00:00Z"}, "before"),
    ],
)
def test_bad_dates_are_refused(client, seoul, fmt, query, words):
    refused(client.get(f"/open311/v2/seoul/requests.{fmt}", query), fmt, 400, words)


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_by_id_override_every_other_filter(client, seoul, fmt):
    long_ago = filed(seoul, now=timezone.now() - dt.timedelta(days=400))
    litter = filed(seoul, service_code="litter", description="Bags dumped by the bus stop")
    filed(seoul, description="A third report nobody asked for")
    query = f"service_request_id={long_ago.public_id},{litter.public_id}&service_code=graffiti"
    listed = read(client.get(f"/open311/v2/seoul/requests.{fmt}?{query}"), fmt, "service_requests")
    assert [r["service_request_id"] for r in listed] == [litter.public_id, long_ago.public_id]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_request_or_token_is_not_found(client, seoul, fmt):
    refused(client.get(f"/open311/v2/seoul/requests/NOSUCHID22.{fmt}"), fmt, 404, "NOSUCHID22")
    refused(client.get(f"/open311/v2/seoul/tokens/no-such-token.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_token_gives_the_request_id(client, seoul, fmt):
    report = filed(seoul)
    response = client.get(f"/open311/v2/tokens/{report.token}.{fmt}?jurisdiction_id=seoul")
    assert read(response, fmt, "service_requests") == [
        {"service_request_id": report.public_id, "token": report.token}
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_citys_requests_never_show_under_seoul(client, seoul, makati, fmt):
    ours = filed(seoul)
    theirs = filed(makati, where=IN_MAKATI, address="Ayala Avenue")
    listed = read(client.get(f"/open311/v2/seoul/requests.{fmt}"), fmt, "service_requests")
    assert [r["service_request_id"] for r in listed] == [ours.public_id]
    by_id = client.get(f"/open311/v2/seoul/requests.{fmt}?service_request_id={theirs.public_id}")
    assert read(by_id, fmt, "service_requests") == []
    refused(client.get(f"/open311/v2/seoul/requests/{theirs.public_id}.{fmt}"), fmt, 404)
    refused(client.get(f"/open311/v2/seoul/tokens/{theirs.token}.{fmt}"), fmt, 404)
    refused(
        client.get(f"/open311/v2/requests/{theirs.public_id}.{fmt}?jurisdiction_id=seoul"), fmt, 404
    )
    theirs_listed = read(client.get(f"/open311/v2/makati/requests.{fmt}"), fmt, "service_requests")
    assert [r["service_request_id"] for r in theirs_listed] == [theirs.public_id]
    assert b"Ayala" not in client.get(f"/open311/v2/seoul/requests.{fmt}").content


def test_listing_takes_a_fixed_number_of_queries(
    client, seoul, jiwoo, django_assert_max_num_queries
):
    for n in range(8):
        report = filed(
            seoul,
            description=f"Pothole number {n} on the avenue",
            photos=[("p.jpg", jpeg_with_gps(16, 12))],
        )
        services.change_status(jiwoo, report, "acknowledged", note=f"Seen {n}")
    services.moderate(jiwoo, report, hidden=True)
    # The jurisdiction, the requests (as values), then the city's services, statuses and
    # departments, once each: building them per row cost more than the query at 1,000 rows.
    with django_assert_max_num_queries(5):
        response = client.get("/open311/v2/seoul/requests.xml")
    listed = read(response, "xml", "service_requests")
    assert len(listed) == 8
    shown = [r for r in listed if r["service_request_id"] != report.public_id]
    assert all(r["media_url"].startswith("http://testserver/cps/seoul/reports/") for r in shown)
    assert next(r for r in listed if r not in shown)["media_url"] == ""  # moderated
    assert {r["status_notes"] for r in listed} == {f"Seen {n}" for n in range(8)}
    with django_assert_max_num_queries(5):
        client.get(f"/open311/v2/seoul/requests/{report.public_id}.json")


# --- An existing Open311 client, end to end -----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_open311_client_finds_the_city_files_and_follows_a_request(
    client, depth_asked, api_key, jiwoo, fmt
):
    """What a generic client does knowing only the discovery URL: pick the GeoReport v2
    endpoint, list services, read a definition when metadata is true, post, then follow."""
    document = read(client.get(f"/open311/discovery.{fmt}"), fmt, "discovery")
    endpoint = next(
        e
        for e in document["endpoints"]
        if e["specification"] == "http://wiki.open311.org/GeoReport_v2"
        and e["type"] == "production"
        and "text/xml" in e["formats"]
    )
    base = urlsplit(endpoint["url"]).path  # /open311/v2/seoul/

    listed = read(client.get(f"{base}services.{fmt}"), fmt, "services")
    chosen = next(s for s in listed if s["service_code"] == "pothole")
    assert chosen["metadata"] == "true"
    # Many clients join with a '/' of their own.
    definition = read(client.get(f"{base}/services/pothole.{fmt}"), fmt, "service_definition")
    answers = {}
    for attribute in definition["attributes"]:
        first = attribute["values"][0]["key"]
        if attribute["datatype"] == "multivaluelist":
            answers[f"attribute[{attribute['code']}][]"] = [first]
        else:
            answers[f"attribute[{attribute['code']}]"] = first

    data = {**a_request(api_key), **answers}
    created = read(post_form(client, f"{base}requests.{fmt}", data), fmt, "service_requests")
    request_id = created[0]["service_request_id"]
    assert Report.objects.get(public_id=request_id).attributes == {
        "depth": "shallow",
        "hazards": ["cars"],
    }

    services.change_status(
        jiwoo, Report.objects.get(public_id=request_id), "acknowledged", note="Crew booked."
    )
    followed = read(client.get(f"{base}requests/{request_id}.{fmt}"), fmt, "service_requests")
    assert followed[0]["service_request_id"] == request_id
    assert (followed[0]["status"], followed[0]["status_notes"]) == ("open", "Crew booked.")
    assert followed[0]["service_code"] == "pothole"
