"""What citizens and a city's staff do with reports, through the services, and what never
crosses from one city to another."""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.participation import services, tenancy
from intercity.participation.models import Notification, Report
from intercity.participation.tests.factories import (
    IN_MAKATI,
    IN_SEOUL,
    jpeg_with_gps,
    makati_jurisdiction,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seoul_staff(db):
    return staff_of("jiwoo", "seoul")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def report(jurisdiction, where=IN_SEOUL, **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane outside the station exit 3",
        "latitude": where[0],
        "longitude": where[1],
        "email": "citizen@example.org",
    }
    data.update(overrides)
    return services.submit_report(jurisdiction, services.Submission(**data))


def test_a_citizen_files_a_report_and_gets_a_tracking_id(seoul):
    filed = report(seoul)
    assert len(filed.public_id) == 10
    assert filed.status.code == "submitted"
    assert filed.department.name == "Road Management"  # the service routes it
    assert filed.expected_at == filed.requested_at + dt.timedelta(hours=72)
    assert list(filed.followers.values_list("email", flat=True)) == ["citizen@example.org"]
    assert [e.verb for e in filed.events.all()] == ["submitted"]


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"service_code": "volcano"}, "'volcano' is not a service of"),
        ({"description": "   "}, "Describe the problem"),
        ({"latitude": "14.55", "longitude": "121.02"}, "outside this city's area"),
        ({"latitude": "north", "longitude": "127"}, "Latitude must be a number"),
        ({"latitude": None, "longitude": None}, "a point on the map or an address"),
        ({"latitude": "37.5", "longitude": None}, "both latitude and longitude"),
        ({"email": "not an email"}, "email"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_stored(seoul, overrides, problem):
    before = Report.objects.count()
    with pytest.raises(DomainError, match=problem):
        report(seoul, **overrides)
    assert Report.objects.count() == before


def test_an_address_is_enough_without_coordinates(seoul):
    filed = report(seoul, latitude=None, longitude=None, address="12 Sejong-daero, Jung-gu")
    assert filed.latitude is None
    assert filed.address == "12 Sejong-daero, Jung-gu"


def test_a_photo_is_stored_without_its_gps_metadata(seoul):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the phone's GPS is there
    filed = report(seoul, photos=[("street.jpg", original)])
    (photo,) = filed.photos.all()
    with default_storage.open(photo.image.name) as stored:
        kept = Image.open(io.BytesIO(stored.read()))
        assert kept.format == "JPEG"
        assert dict(kept.getexif()) == {}
        assert (kept.width, kept.height) == (64, 48)


def test_a_file_that_is_not_an_image_or_too_big_is_refused(seoul, settings):
    with pytest.raises(DomainError, match="not an image"):
        report(seoul, photos=[("notes.jpg", b"%PDF-1.4 not really a photo")])
    seoul.max_photo_bytes = 100
    with pytest.raises(DomainError, match="the limit is 100 bytes"):
        report(seoul, photos=[("big.jpg", jpeg_with_gps())])
    seoul.max_photos = 1
    seoul.max_photo_bytes = 10_000_000
    with pytest.raises(DomainError, match="At most 1 photos"):
        report(seoul, photos=[("a.jpg", jpeg_with_gps()), ("b.jpg", jpeg_with_gps())])
    assert not Report.objects.filter(jurisdiction=seoul).exists()


def test_staff_move_a_report_through_the_workflow_and_followers_are_told(seoul, seoul_staff):
    filed = report(seoul)
    services.change_status(seoul_staff, filed, "acknowledged", note="Crew scheduled")
    services.change_status(seoul_staff, filed, "in_progress", note="Internal", public=False)
    resolved = services.change_status(seoul_staff, filed, "resolved", note="Patched")
    assert resolved.resolved_at is not None
    assert [e.target.code for e in services.public_history(resolved)] == [
        "submitted",
        "acknowledged",
        "resolved",
    ]
    # two public changes, one follower: two e-mails queued, the internal note told nobody
    assert Notification.objects.filter(event__report=filed).count() == 2
    assert (
        AuditEvent.objects.filter(verb="change_report_status", object_id=str(filed.pk)).count() == 3
    )


def test_a_move_the_workflow_does_not_allow_is_refused(seoul, seoul_staff):
    filed = report(seoul)
    with pytest.raises(DomainError, match="cannot become resolved; it can become: acknowledged"):
        services.change_status(seoul_staff, filed, "resolved")
    with pytest.raises(DomainError, match="Unknown status 'done'"):
        services.change_status(seoul_staff, filed, "done")


def test_a_resolved_report_can_be_reopened(seoul, seoul_staff):
    filed = report(seoul)
    services.change_status(seoul_staff, filed, "acknowledged")
    services.change_status(seoul_staff, filed, "resolved")
    reopened = services.change_status(seoul_staff, filed, "acknowledged", note="Still broken")
    assert reopened.resolved_at is None


def test_overdue_is_past_the_target_time_while_open(seoul, seoul_staff):
    filed = report(seoul)
    late = filed.requested_at + dt.timedelta(hours=73)
    assert services.is_overdue(filed, late)
    assert not services.is_overdue(filed, filed.requested_at + dt.timedelta(hours=71))
    services.change_status(seoul_staff, filed, "acknowledged")
    closed = services.change_status(seoul_staff, filed, "resolved")
    assert not services.is_overdue(closed, late)


def test_likely_duplicates_are_suggested_and_merged_keeping_followers(seoul, seoul_staff):
    first = report(seoul, email="first@example.org")
    nearby = report(
        seoul,
        latitude="37.566600",
        longitude="126.978100",
        description="Pothole in the bus lane at station exit 3, very deep",
        email="second@example.org",
    )
    far = report(seoul, latitude="37.600000", longitude="127.100000")
    other_words = report(seoul, latitude="37.566600", description="Broken bench by the fountain")
    suggestions = services.suggest_duplicates(nearby)
    assert [s.report for s in suggestions] == [first]
    assert "m away" in suggestions[0].reason
    assert far not in [s.report for s in suggestions]
    assert other_words not in [s.report for s in suggestions]

    merged = services.merge(seoul_staff, nearby, into=first)
    assert merged.status.code == "duplicate"
    assert merged.duplicate_of == first
    assert set(first.followers.values_list("email", flat=True)) == {
        "first@example.org",
        "second@example.org",
    }


def test_department_staff_cannot_enable_the_system_for_their_city(db):
    with pytest.raises(PermissionDenied, match="officers of Makati or the Secretariat"):
        makati_jurisdiction(staff_of("bea", "makati"))


def test_reports_of_two_cities_cannot_be_merged(seoul, seoul_staff):
    makati = makati_jurisdiction()
    ours = report(seoul)
    theirs = report(makati, where=IN_MAKATI)
    with pytest.raises(DomainError, match="two different cities"):
        services.merge(seoul_staff, ours, into=theirs)


def test_nothing_crosses_from_one_city_to_another(seoul, seoul_staff):
    makati = makati_jurisdiction()
    theirs = report(makati, where=IN_MAKATI)
    ours = report(seoul)
    assert list(tenancy.reports_of(seoul)) == [ours]
    assert list(tenancy.staff_jurisdictions(seoul_staff)) == [seoul]
    with pytest.raises(NotFound):
        tenancy.report_of(seoul, public_id=theirs.public_id)
    with pytest.raises(PermissionDenied):
        tenancy.staff_jurisdiction(seoul_staff, "makati")
    with pytest.raises(PermissionDenied):
        services.change_status(seoul_staff, theirs, "acknowledged")
    with pytest.raises(DomainError, match="another city"):
        services.assign(
            seoul_staff, ours, department=makati.departments.create(name="Roads of Makati")
        )
    assert services.suggest_duplicates(ours) == []


def test_the_network_secretariat_does_not_see_a_citys_reports(seoul, secretariat):
    report(seoul)
    assert list(tenancy.staff_jurisdictions(secretariat)) == []
    with pytest.raises(PermissionDenied):
        tenancy.staff_jurisdiction(secretariat, "seoul")


def test_citizens_comment_and_staff_moderate_public_text(seoul, seoul_staff):
    filed = report(seoul)
    comment = services.add_comment(filed, "Still there this morning", author_name="Min")
    services.moderate(seoul_staff, filed, hidden=True, comment=comment)
    comment.refresh_from_db()
    assert comment.hidden
    with pytest.raises(DomainError, match="Write a comment"):
        services.add_comment(filed, "  ")


def test_bulk_moves_are_all_or_nothing(seoul, seoul_staff):
    a, b = report(seoul), report(seoul)
    services.change_status(seoul_staff, b, "rejected")
    with pytest.raises(DomainError, match="rejected cannot become in_progress"):
        services.bulk_change_status(seoul_staff, seoul, [a.pk, b.pk], "in_progress")
    a.refresh_from_db()
    assert a.status.code == "submitted"
    moved = services.bulk_change_status(seoul_staff, seoul, [a.pk], "acknowledged")
    assert [r.status.code for r in moved] == ["acknowledged"]


def test_an_api_key_is_shown_once_and_only_its_hash_is_kept(seoul, seoul_staff):
    client, key = services.issue_api_key(seoul_staff, seoul, "Seoul Smart App")
    assert key not in client.key_hash
    assert services.client_for_key(seoul, key) == client
    assert services.client_for_key(seoul, key + "x") is None
    makati = makati_jurisdiction()
    assert services.client_for_key(makati, key) is None


def test_a_report_time_is_recorded_as_given(seoul):
    at = timezone.now() - dt.timedelta(days=3)
    filed = services.submit_report(
        seoul,
        services.Submission("pothole", "Hole", IN_SEOUL[0], IN_SEOUL[1]),
        now=at,
    )
    assert filed.requested_at == at


def test_a_hidden_comment_leaves_no_text_in_the_public_history(seoul, seoul_staff):
    filed = report(seoul)
    comment = services.add_comment(filed, "My phone number is 010-1234-5678", author_name="Min")
    services.moderate(seoul_staff, filed, hidden=True, comment=comment)
    assert all("010-1234" not in e.note for e in services.public_history(filed))
