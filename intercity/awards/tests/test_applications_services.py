"""A city's officer applies, attaches, submits and withdraws; the Secretariat screens; nobody
else sees the application."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intercity.awards.models import Application, Attachment, Edition, Stage
from intercity.awards.services import applications
from intercity.awards.tests import factories_apps as make
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded documents go to a temporary folder, not the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def seoul(db):
    return Organisation.objects.get(key="seoul")


@pytest.fixture
def edition(wego):
    return make.edition(wego)


def start(officer, edition, seoul, **values):
    fields = {"title": "Seoul Open Data Plaza"}
    fields.update(values)
    return applications.start_application(
        officer, edition, seoul, edition.categories.first(), **fields
    )


def test_an_officer_starts_a_draft_for_their_city(seoul_officer, edition, seoul):
    draft = start(seoul_officer, edition, seoul, summary="Open data")
    assert (draft.status, draft.organisation, draft.created_by) == (
        Status.DRAFT,
        seoul,
        seoul_officer,
    )
    assert AuditEvent.objects.filter(verb="start_award_application").count() == 1


def test_an_officer_of_another_city_cannot_start_one_for_seoul(makati_officer, edition, seoul):
    with pytest.raises(PermissionDenied):
        start(makati_officer, edition, seoul)
    assert not Application.objects.exists()


def test_an_application_is_started_only_while_the_edition_is_open(seoul_officer, wego, seoul):
    for stage in (Stage.DRAFT, Stage.SCREENING):
        made = make.edition(wego, stage=stage)
        with pytest.raises(DomainError, match="not open for applications"):
            start(seoul_officer, made, seoul)
    late = make.edition(wego, closes_in_days=-1)
    with pytest.raises(DomainError, match="closed on"):
        start(seoul_officer, late, seoul)
    assert not Application.objects.exists()


def test_a_category_of_another_edition_and_an_empty_title_are_refused(
    seoul_officer, edition, seoul, wego
):
    other = make.edition(wego)
    with pytest.raises(DomainError, match="this edition's categories"):
        applications.start_application(
            seoul_officer, edition, seoul, other.categories.first(), title="X"
        )
    with pytest.raises(DomainError, match="title"):
        start(seoul_officer, edition, seoul, title="  ")


def test_a_city_outside_the_network_cannot_apply(secretariat, edition):
    outsider = Organisation.objects.create(key="nowhere", name="Nowhere")
    with pytest.raises(DomainError, match="not a member"):
        start(secretariat, edition, outsider)


def test_the_draft_is_edited_and_its_category_changed(seoul_officer, edition, seoul):
    draft = start(seoul_officer, edition, seoul)
    other = edition.categories.order_by("position").last()
    applications.update_application(
        seoul_officer,
        draft,
        category=other,
        summary="Every dataset",
        context="Citizens asked",
        website="https://data.seoul.go.kr",
    )
    draft.refresh_from_db()
    assert (draft.category, draft.context, draft.website) == (
        other,
        "Citizens asked",
        "https://data.seoul.go.kr",
    )
    with pytest.raises(DomainError, match="https://"):
        applications.update_application(seoul_officer, draft, website="javascript:alert(1)")


def test_submission_names_what_is_missing(seoul_officer, edition, seoul):
    draft = start(seoul_officer, edition, seoul, summary="Open data")
    with pytest.raises(DomainError) as refusal:
        applications.submit(seoul_officer, draft)
    assert "how the project came about" in refusal.value.message
    assert "the impact" in refusal.value.message
    assert "summary" not in refusal.value.message
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_complete_draft_is_submitted_once_and_then_fixed(seoul_officer, edition):
    draft = make.application(edition)
    applications.submit(seoul_officer, draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None
    with pytest.raises(DomainError, match="cannot be changed"):
        applications.submit(seoul_officer, draft)
    with pytest.raises(DomainError, match="cannot be changed"):
        applications.update_application(seoul_officer, draft, title="Changed")
    assert AuditEvent.objects.filter(verb="submit_award_application").count() == 1


def test_submission_after_the_deadline_or_outside_the_stage_is_refused(seoul_officer, wego):
    made = make.edition(wego)
    draft = make.application(made)
    later = timezone.now() + dt.timedelta(days=31)
    with pytest.raises(DomainError, match="closed on"):
        applications.submit(seoul_officer, draft, now=later)
    Edition.objects.filter(pk=made.pk).update(stage=Stage.SCREENING)
    with pytest.raises(DomainError, match="not open for applications"):
        applications.submit(seoul_officer, draft)
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_an_officer_of_another_city_neither_sees_nor_submits(makati_officer, edition):
    draft = make.application(edition)
    with pytest.raises(NotFound):
        applications.get_application(makati_officer, draft.pk)
    with pytest.raises(NotFound):
        applications.submit(makati_officer, draft)
    with pytest.raises(NotFound):
        applications.withdraw(makati_officer, draft)
    assert list(applications.applications_visible_to(makati_officer)) == []
    assert list(applications.own_cities_applications(makati_officer)) == []


def test_withdrawal_before_screening_only(seoul_officer, secretariat, wego):
    made = make.edition(wego)
    submitted = make.application(made, status=Status.SUBMITTED)
    applications.withdraw(seoul_officer, submitted, reason="Not ready")
    assert Application.objects.get(pk=submitted.pk).status == Status.WITHDRAWN
    screened = make.application(made, status=Status.ELIGIBLE)
    with pytest.raises(DomainError, match="before it is screened"):
        applications.withdraw(seoul_officer, screened)
    waiting = make.application(made, status=Status.SUBMITTED)
    Edition.objects.filter(pk=made.pk).update(stage=Stage.SCREENING)
    with pytest.raises(DomainError, match="before it is screened"):
        applications.withdraw(seoul_officer, waiting)


# --- Attachments -------------------------------------------------------------------------------


def test_a_pdf_is_attached_to_a_draft_and_removed(seoul_officer, edition):
    draft = make.application(edition)
    item = applications.attach(
        seoul_officer, draft, SimpleUploadedFile("plan.pdf", PDF, "application/pdf")
    )
    assert item.size == len(PDF)
    assert item.file.read() == PDF
    assert applications.content_type_of(item) == "application/pdf"
    applications.remove_attachment(seoul_officer, item)
    assert not Attachment.objects.exists()
    assert (
        AuditEvent.objects.filter(
            verb__in=["attach_award_document", "remove_award_document"]
        ).count()
        == 2
    )


def test_an_attachment_whose_content_does_not_match_its_name_is_refused(seoul_officer, edition):
    draft = make.application(edition)
    with pytest.raises(DomainError, match="whose content matches its name"):
        applications.attach(
            seoul_officer, draft, SimpleUploadedFile("plan.pdf", b"<script>", "application/pdf")
        )
    assert not Attachment.objects.exists()


def test_an_attachment_over_the_limit_is_refused(seoul_officer, edition, monkeypatch):
    monkeypatch.setattr(applications, "MAX_BYTES", 10)
    draft = make.application(edition)
    with pytest.raises(DomainError, match="the limit is"):
        applications.attach(seoul_officer, draft, SimpleUploadedFile("plan.pdf", PDF))


def test_an_image_is_stored_without_its_metadata(seoul_officer, edition):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG", comment=b"camera serial 1234")
    draft = make.application(edition)
    item = applications.attach(
        seoul_officer, draft, SimpleUploadedFile("photo.jpg", buffer.getvalue())
    )
    assert b"camera serial" not in item.file.read()


def test_documents_are_fixed_once_submitted(seoul_officer, edition):
    draft = make.application(edition)
    item = applications.attach(seoul_officer, draft, SimpleUploadedFile("plan.pdf", PDF))
    applications.submit(seoul_officer, draft)
    with pytest.raises(DomainError, match="cannot be changed"):
        applications.attach(seoul_officer, draft, SimpleUploadedFile("more.pdf", PDF))
    with pytest.raises(DomainError, match="cannot be changed"):
        applications.remove_attachment(seoul_officer, item)
    assert draft.attachments.count() == 1


# --- Screening -----------------------------------------------------------------------------------


def test_the_secretariat_screens_eligible_and_rescreens_ineligible_with_a_reason(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING)
    submitted = make.application(made, status=Status.SUBMITTED)
    assert list(applications.waiting_for_screening(secretariat)) == [submitted]
    applications.screen(secretariat, submitted, eligible=True)
    assert Application.objects.get(pk=submitted.pk).status == Status.ELIGIBLE
    assert list(applications.waiting_for_screening(secretariat)) == []
    with pytest.raises(DomainError, match="Say why"):
        applications.screen(secretariat, submitted, eligible=False)
    applications.screen(secretariat, submitted, eligible=False, reason="Project not yet running")
    screened = Application.objects.get(pk=submitted.pk)
    assert (screened.status, screened.screening_reason) == (
        Status.INELIGIBLE,
        "Project not yet running",
    )
    events = AuditEvent.objects.filter(verb="screen_award_application")
    assert [e.after["status"] for e in events.order_by("pk")] == ["eligible", "ineligible"]


def test_a_submitted_application_is_screened_while_applications_are_open(secretariat, edition):
    submitted = make.application(edition, status=Status.SUBMITTED)
    applications.screen(secretariat, submitted, eligible=True)
    assert Application.objects.get(pk=submitted.pk).status == Status.ELIGIBLE


def test_screening_is_refused_for_a_draft_in_round1_and_to_an_officer(
    secretariat, seoul_officer, wego
):
    made = make.edition(wego, stage=Stage.SCREENING)
    draft = make.application(made)
    with pytest.raises(DomainError, match="Only a submitted application"):
        applications.screen(secretariat, draft, eligible=True)
    submitted = make.application(made, "makati", status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        applications.screen(seoul_officer, submitted, eligible=True)
    Edition.objects.filter(pk=made.pk).update(stage=Stage.ROUND1)
    with pytest.raises(DomainError, match="Screening is over"):
        applications.screen(secretariat, submitted, eligible=True)
    assert Application.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    assert list(applications.waiting_for_screening(seoul_officer)) == []
