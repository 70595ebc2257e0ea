"""Hidden means hidden everywhere: a moderated report shows no text, no place and no photo
on any public reader (its page, the public list, Open311 in both formats and by every route,
the open-data export), while its staff still see all of it."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse

from intercity.participation import services
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import IN_SEOUL, jpeg_with_gps

pytestmark = pytest.mark.django_db

ADDRESS = "12 Hidden-lane by the blue gate"
ZIPCODE = "04999"
ADDRESS_ID = "parcel-7741"
WORDS = "Rude words about my neighbour Soo"
# The coordinates as each reader writes them.
PLACES = ["37.5665", "126.978"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def hidden(seoul, jiwoo):
    report = services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description=WORDS,
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            address=ADDRESS,
            address_id=ADDRESS_ID,
            zipcode=ZIPCODE,
            photos=[("p.jpg", jpeg_with_gps())],
        ),
    )
    services.moderate(jiwoo, report, hidden=True)
    return report


def assert_nothing_withheld_shows(body: bytes) -> None:
    text = body.decode()
    for secret in [ADDRESS, ZIPCODE, ADDRESS_ID, WORDS, *PLACES]:
        assert secret not in text, secret


def test_the_public_page_and_list_show_no_text_and_no_place(client, hidden):
    page = client.get(reverse("cps_report", args=["seoul", hidden.public_id]))
    assert page.status_code == 200
    assert "hidden by the moderators" in page.content.decode()
    assert_nothing_withheld_shows(page.content)
    listed = client.get(reverse("cps_reports", args=["seoul"]))
    assert hidden.public_id in listed.content.decode()
    assert_nothing_withheld_shows(listed.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "path",
    [
        "/open311/v2/seoul/requests/{id}.{fmt}",
        "/open311/v2/requests/{id}.{fmt}?jurisdiction_id=seoul",
        "/open311/v2/seoul/requests.{fmt}",
        "/open311/v2/requests.{fmt}?jurisdiction_id=seoul",
        "/open311/v2/seoul/requests.{fmt}?service_request_id={id}",
    ],
)
def test_open311_shows_no_text_and_no_place_by_any_route(client, hidden, fmt, path):
    response = client.get(path.format(id=hidden.public_id, fmt=fmt))
    assert response.status_code == 200
    assert hidden.public_id in response.content.decode()
    assert_nothing_withheld_shows(response.content)
    if fmt == "json":
        shown = next(r for r in json.loads(response.content) if r["service_request_id"])
        assert [shown[k] for k in ("description", "address", "lat", "long", "media_url")] == [
            "",
            "",
            None,
            None,
            None,
        ]
    else:
        ET.fromstring(response.content)  # noqa: S314 -- our own output, in a test


def test_open311_without_a_jurisdiction_shows_no_text_and_no_place(client, hidden):
    Jurisdiction.objects.exclude(slug="seoul").update(enabled=False)
    cache.clear()
    response = client.get(f"/open311/v2/requests/{hidden.public_id}.json")
    assert response.status_code == 200
    assert_nothing_withheld_shows(response.content)


def test_the_open_data_export_shows_no_text_and_no_place(client, hidden):
    response = client.get(reverse("cps_open_data", args=["seoul"]))
    body = b"".join(response.streaming_content)
    rows = {r["service_request_id"]: r for r in csv.DictReader(io.StringIO(body.decode()))}
    assert rows[hidden.public_id]["status"] == "open"
    assert_nothing_withheld_shows(body)


def test_the_citys_staff_still_see_everything(client, hidden, jiwoo):
    client.force_login(jiwoo)
    page = client.get(reverse("cps_staff_report", args=["seoul", hidden.public_id]))
    assert ADDRESS in page.content.decode()
    assert WORDS in page.content.decode()


def test_showing_a_report_again_restores_it_everywhere(client, hidden, jiwoo):
    services.moderate(jiwoo, hidden, hidden=False)
    response = client.get(f"/open311/v2/seoul/requests/{hidden.public_id}.json")
    assert json.loads(response.content)[0]["address"] == ADDRESS
    assert ADDRESS in client.get(reverse("cps_reports", args=["seoul"])).content.decode()


def test_the_public_view_of_a_hidden_report_cannot_be_saved(hidden):
    shown = services.for_public(hidden)
    with pytest.raises(RuntimeError):
        shown.save()
    hidden.refresh_from_db()
    assert hidden.address == ADDRESS
