"""A city's evidence document kept in S3-compatible object storage (STORAGE_URL), downloaded
through the site by those who may read the assessment, and by nobody else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intercity.assessment import services
from intercity.core.tests.object_store import local_object_store
from intercity.network.models import Network, Organisation

from .helpers import TODAY

pytestmark = pytest.mark.django_db

STRATEGY = b"%PDF-1.4 Seoul's e-government strategy 2026-2030"


@pytest.fixture
def object_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with local_object_store() as store, store.in_use():
        yield store


def test_evidence_goes_to_the_bucket_and_only_the_citys_people_download_it(
    client, seoul_officer, makati_officer, object_store, tmp_path
):
    assessment = services.start_assessment(
        seoul_officer,
        Organisation.objects.get(key="seoul"),
        Network.objects.get(slug="wego"),
        "ceds",
        2026,
        today=TODAY,
    )
    client.force_login(seoul_officer)
    response = client.post(
        reverse("assessment_evidence", args=[assessment.pk]),
        {"question": "STR-01", "file": SimpleUploadedFile("strategy.pdf", STRATEGY)},
    )
    assert response.status_code == 302
    item = assessment.evidence.get()
    assert object_store.keys() == [item.file.name]
    assert object_store.read(item.file.name) == STRATEGY
    assert list(tmp_path.iterdir()) == []

    download = reverse("assessment_evidence_file", args=[assessment.pk, item.pk])
    got = client.get(download)
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    assert got["Content-Disposition"] == 'attachment; filename="strategy.pdf"'
    assert b"".join(got.streaming_content) == STRATEGY

    client.force_login(makati_officer)
    assert client.get(download).status_code == 403
