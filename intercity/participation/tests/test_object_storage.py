"""A citizen's photo kept in S3-compatible object storage (STORAGE_URL) instead of on the
server's disk, and served by the site after the same permission check as before.

The store is a real S3-compatible server (moto's, on 127.0.0.1): the site writes and reads it
over HTTP with django-storages, as it would MinIO or AWS."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from intercity.core.tests.object_store import local_object_store
from intercity.participation import services
from intercity.participation.models import Report
from intercity.participation.tests.factories import IN_SEOUL, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def object_store(settings, tmp_path):
    """The site's uploads in a bucket under the folder `uploads`; MEDIA_ROOT an empty folder
    that must stay empty."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the CPS rate limit starts from nothing
    with local_object_store() as store, store.in_use(folder="uploads"):
        yield store
    cache.clear()


def photo_url(report, photo):
    return reverse("cps_photo", args=["seoul", report.public_id, photo.pk])


def served(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_citizens_photo_goes_to_the_bucket_and_is_served_by_the_site(
    client, seoul, object_store, tmp_path
):
    form = {
        "service": "pothole",
        "description": "Deep pothole in the bus lane outside exit 3 of City Hall station",
        "latitude": str(IN_SEOUL[0]),
        "longitude": str(IN_SEOUL[1]),
        "photos": [SimpleUploadedFile("street.jpg", jpeg_with_gps(), content_type="image/jpeg")],
    }
    response = client.post(reverse("cps_report_new", args=["seoul"]), form)
    assert response.status_code == 302
    report = Report.objects.get(jurisdiction=seoul)
    stored = report.photos.get()

    # In the bucket, under the configured folder; nothing on this machine's disk.
    key = f"uploads/{stored.image.name}"
    assert object_store.keys() == [key]
    assert list(tmp_path.iterdir()) == []
    in_bucket = object_store.read(key)
    assert len(in_bucket) == stored.size

    # The tracking page links the site's own address for it, which streams the object.
    page = client.get(reverse("cps_report", args=["seoul", report.public_id])).text
    assert photo_url(report, stored) in page
    assert object_store.endpoint not in page  # never the store's address
    fetched = client.get(photo_url(report, stored))
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == "image/jpeg"
    assert fetched["Cache-Control"] == "private, max-age=300"
    body = served(fetched)
    assert body == in_bucket
    assert dict(Image.open(io.BytesIO(body)).getexif()) == {}  # re-encoded without GPS


def test_a_hidden_reports_photo_in_the_bucket_is_for_the_citys_staff_only(
    client, seoul, jiwoo, object_store
):
    report = services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description="A photo that shows a neighbour's face",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            photos=[("face.jpg", jpeg_with_gps())],
        ),
    )
    stored = report.photos.get()
    assert object_store.keys() == [f"uploads/{stored.image.name}"]
    services.moderate(jiwoo, report, hidden=True)

    assert client.get(photo_url(report, stored)).status_code == 404
    client.force_login(jiwoo)
    shown = client.get(photo_url(report, stored))
    assert shown.status_code == 200
    assert served(shown) == object_store.read(f"uploads/{stored.image.name}")


def test_two_uploads_named_alike_are_both_kept(object_store):
    """An object store replaces what was written under a name already taken; the site asks for
    a free name instead, as on disk (evidence keeps the name its author gave it)."""
    first = default_storage.save("assessment/2026/plan.pdf", ContentFile(b"%PDF-1.4 first"))
    second = default_storage.save("assessment/2026/plan.pdf", ContentFile(b"%PDF-1.4 second"))
    assert first != second
    assert object_store.read(f"uploads/{first}") == b"%PDF-1.4 first"
    assert object_store.read(f"uploads/{second}") == b"%PDF-1.4 second"


def test_a_photo_missing_from_the_bucket_is_not_found_rather_than_an_error(
    client, seoul, object_store
):
    report = services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description="Pothole",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            photos=[("street.jpg", jpeg_with_gps())],
        ),
    )
    stored = report.photos.get()
    object_store.client.delete_object(
        Bucket=object_store.bucket, Key=f"uploads/{stored.image.name}"
    )
    assert client.get(photo_url(report, stored)).status_code == 404
