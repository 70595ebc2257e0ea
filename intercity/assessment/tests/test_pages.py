"""The assessment pages as Seoul's and Makati's officers, the Secretariat and the public use
them: step by step with refusals that keep what was typed, autosave, submission, the result
with its chart, the PDF, peers, review, the network's picture and the export."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from intercity.assessment import services
from intercity.assessment.models import Assessment
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.assessment.tests.helpers import TODAY, answers
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def seoul():
    return Organisation.objects.get(key="seoul")


def draft(actor, slug="ceds", key="seoul", year=2026):
    return services.start_assessment(
        actor,
        Organisation.objects.get(key=key),
        Network.objects.get(slug="wego"),
        slug,
        year,
        today=TODAY,
    )


def finished(actor, staff=None, key="seoul", year=2026, share=False):
    return AssessmentFactory(
        actor=actor,
        organisation=Organisation.objects.get(key=key),
        year=year,
        answered="worst",
        share_with_peers=share,
        evidence=True,
        submitted=True,
        reviewed_by=staff,
    )


# --- Public pages -------------------------------------------------------------------------------


def test_anyone_reads_the_instruments_modules_and_master_plan(client):
    home = client.get(reverse("assessment_home"))
    assert home.status_code == 200
    assert "City e-Government Diagnostic and Solution (CeDS)" in home.text
    instrument = client.get(reverse("assessment_instrument", args=["ceds"]))
    assert "Information infrastructure" in instrument.text
    assert "ECO-01" in instrument.text
    modules = client.get(reverse("assessment_modules"))
    assert modules.text.count('class="card-title"') == 12
    module = client.get(reverse("assessment_module", args=["e-procurement"]))
    assert "Implementation guideline" in module.text
    plan = client.get(reverse("assessment_master_plan"))
    assert "MP-1.1" in plan.text
    assert client.get(reverse("assessment_instrument", args=["nope"])).status_code == 404


# --- A city's officer -----------------------------------------------------------------------------


def test_an_officer_starts_an_assessment_from_the_city_page(client, seoul_officer):
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_city", args=[seoul().pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("assessment_start", args=[seoul().pk]),
        {"instrument": "ceds", "year": "2026", "network": "wego"},
    )
    assessment = Assessment.objects.get(organisation=seoul(), year=2026)
    assert response.url == reverse("assessment_edit", args=[assessment.pk])
    again = client.post(
        reverse("assessment_start", args=[seoul().pk]),
        {"instrument": "ceds", "year": "2026", "network": "wego"},
        follow=True,
    )
    assert "already has a" in again.text


def test_another_citys_officer_is_refused_everywhere(client, seoul_officer, makati_officer):
    assessment = draft(seoul_officer)
    client.force_login(makati_officer)
    for name in (
        "assessment_edit",
        "assessment_result",
        "assessment_evidence",
        "assessment_benchmark",
    ):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 403, name
    assert client.get(reverse("assessment_report", args=[assessment.pk])).status_code == 403
    assert client.get(reverse("assessment_city", args=[seoul().pk])).status_code == 403
    step = reverse("assessment_step", args=[assessment.pk, "economic-stability"])
    assert client.post(step, {"q-ECO-01": "1"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_a_refused_answer_is_marked_and_the_rest_of_the_step_still_saves(client, seoul_officer):
    assessment = draft(seoul_officer)
    services.save_answers(seoul_officer, assessment, answers={"ECO-01": "30000"})
    client.force_login(seoul_officer)
    step = reverse("assessment_step", args=[assessment.pk, "economic-stability"])
    page = client.get(step)
    assert page.status_code == 200
    assert 'name="q-ECO-01"' in page.text
    response = client.post(step, {"q-ECO-01": "lots", "q-ECO-02": "7.5", "go": "next"})
    assert response.status_code == 422
    assert "The other answers were saved; 1 answer was refused" in response.text
    assert 'value="lots"' in response.text  # what was typed is still there
    assert 'value="7.5"' in response.text
    # The refused field says so itself: invalid, its message tied to it.
    assert 'id="q-ECO-01-error">enter a number</p>' in response.text
    assert re.search(r'id="q-ECO-01"[^>]*aria-describedby="[^"]*q-ECO-01-error"', response.text)
    assert re.search(r'id="q-ECO-01"[^>]*aria-invalid="true"', response.text)
    assessment.refresh_from_db()
    # The valid answer is saved; the refused one keeps the value stored before.
    assert assessment.answers == {"ECO-01": "30000", "ECO-02": "7.5"}


def test_a_refused_autosave_names_the_answer_and_keeps_the_others(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_autosave", args=[assessment.pk, "economic-stability"])
    response = client.post(url, {"q-ECO-01": "lots", "q-ECO-02": "7.5"})
    assert response.status_code == 200
    assert 'data-refused-code="ECO-01"' in response.text
    assert 'data-refused-message="enter a number"' in response.text
    assert "except 1 answer" in response.text
    assessment.refresh_from_db()
    assert assessment.answers == {"ECO-02": "7.5"}


def test_a_step_saves_and_moves_on_and_a_return_visit_shows_the_answers(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    step = reverse("assessment_step", args=[assessment.pk, "economic-stability"])
    response = client.post(step, {"q-ECO-01": "32000", "q-ECO-06": "4", "go": "next"})
    assert response.url == reverse("assessment_step", args=[assessment.pk, "social-stability"])
    assessment.refresh_from_db()
    assert assessment.answers == {"ECO-01": "32000", "ECO-06": 4}
    again = client.get(step)
    assert 'value="32000"' in again.text
    assert 'value="4" checked' in again.text


def test_autosave_saves_valid_answers_and_reports_invalid_ones(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_autosave", args=[assessment.pk, "information-strategy"])
    ok = client.post(url, {"q-STR-05": "yes"}, HTTP_HX_REQUEST="true")
    assert "Saved at" in ok.text
    assessment.refresh_from_db()
    assert assessment.answers["STR-05"] is True
    refused = client.post(url, {"q-STR-05": "perhaps"}, HTTP_HX_REQUEST="true")
    assert "except 1 answer" in refused.text
    assert "STR-05 — answer yes or no" in refused.text
    assessment.refresh_from_db()
    assert assessment.answers["STR-05"] is True


def test_the_systems_and_targets_steps(client, seoul_officer):
    ceds = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_step", args=[ceds.pk, "systems"])
    assert "Call Center System" in client.get(url).text
    client.post(url, {"sys-e-procurement": "pilot", "go": "stay"})
    ceds.refresh_from_db()
    assert ceds.systems["e-procurement"] == "pilot"
    assert ceds.systems["call-center-system"] == "none"
    maturity = draft(seoul_officer, slug="maturity-benchmark")
    url = reverse("assessment_step", args=[maturity.pk, "targets"])
    refused = client.post(url, {"target-leadership-governance": "4", "target_year": "2040"})
    assert refused.status_code == 422
    assert "choose a year from 2028 to 2031" in refused.text
    client.post(url, {"target-leadership-governance": "4", "target_year": "2029"})
    maturity.refresh_from_db()
    assert maturity.targets == {"leadership-governance": 4}
    assert maturity.target_year == 2029


def test_the_submit_step_lists_what_is_missing_then_submits(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_step", args=[assessment.pk, "submit"]))
    assert "Before you can submit" in page.text
    assert "ECO-01" in page.text
    refused = client.post(reverse("assessment_submit", args=[assessment.pk]), follow=True)
    assert "Not submitted yet" in refused.text
    services.save_answers(seoul_officer, assessment, answers=answers("ceds"))
    for code in ("STR-01", "INF-04", "USE-01"):
        services.attach_evidence(
            seoul_officer, assessment, code, link=f"https://seoul.example/{code}"
        )
    ready = client.get(reverse("assessment_step", args=[assessment.pk, "submit"]))
    assert "Submit for review" in ready.text
    done = client.post(reverse("assessment_submit", args=[assessment.pk]), follow=True)
    assert "Submitted." in done.text
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_evidence_upload_refuses_a_file_that_is_not_what_its_name_says(client, seoul_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_evidence", args=[assessment.pk])
    fake = SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")
    response = client.post(url, {"question": "STR-01", "file": fake})
    assert response.status_code == 415
    assert "whose content matches its name" in response.text
    real = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 strategy")
    response = client.post(url, {"question": "STR-01", "file": real})
    assert response.status_code == 302
    item = assessment.evidence.get()
    download = client.get(reverse("assessment_evidence_file", args=[assessment.pk, item.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_result_page_shows_the_level_chart_gap_and_recommendations(client, seoul_officer):
    assessment = finished(seoul_officer)
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_result", args=[assessment.pk]))
    assert page.status_code == 200
    assert "1. Foundational" in page.text
    assert "<svg" in page.text
    assert "Recommended sectoral modules, in priority order" in page.text
    assert "Administration Information System" in page.text
    assert "master plan guideline" in page.text
    pdf = client.get(reverse("assessment_report", args=[assessment.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_draft_result_is_marked_provisional(client, seoul_officer):
    assessment = draft(seoul_officer)
    services.save_answers(seoul_officer, assessment, answers={"ECO-03": 5})
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_result", args=[assessment.pk]))
    assert "Provisional" in page.text


def test_sharing_by_name_is_the_citys_choice(client, seoul_officer):
    assessment = finished(seoul_officer)
    client.force_login(seoul_officer)
    client.post(reverse("assessment_sharing", args=[assessment.pk]), {"share": "yes"})
    assessment.refresh_from_db()
    assert assessment.share_with_peers
    client.post(reverse("assessment_sharing", args=[assessment.pk]), {"share": "no"})
    assessment.refresh_from_db()
    assert not assessment.share_with_peers


def test_the_benchmark_page_withholds_small_groups(client, seoul_officer, secretariat):
    mine = finished(seoul_officer, secretariat)
    finished(secretariat, secretariat, key="makati", share=True)
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_benchmark", args=[mine.pk]))
    assert page.status_code == 200
    assert "aggregates are shown for 3 or more" in page.text
    assert "Makati" in page.text  # it shares by name
    bad = client.get(reverse("assessment_benchmark", args=[mine.pk]), {"by": "astrology"})
    assert bad.status_code == 400


# --- The Secretariat ------------------------------------------------------------------------------


def test_the_secretariat_reviews_from_the_queue(client, seoul_officer, secretariat):
    assessment = finished(seoul_officer)
    client.force_login(secretariat)
    queue = client.get(reverse("assessment_review_queue"))
    assert "Seoul" in queue.text
    result = client.get(reverse("assessment_result", args=[assessment.pk]))
    assert "Record the review" in result.text
    client.post(
        reverse("assessment_review", args=[assessment.pk]), {"verdict": "returned", "comment": ""}
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED  # a return needs a comment
    client.post(
        reverse("assessment_review", args=[assessment.pk]),
        {"verdict": "returned", "comment": "Attach the disaster-recovery report."},
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_edit", args=[assessment.pk]), follow=True)
    assert "Attach the disaster-recovery report." in page.text


def test_officers_and_citizens_cannot_use_the_secretariat_pages(client, seoul_officer, citizen):
    assessment = finished(seoul_officer)
    for person in (seoul_officer, citizen):
        client.force_login(person)
        assert client.get(reverse("assessment_review_queue")).status_code == 403
        assert client.get(reverse("assessment_network", args=["wego"])).status_code == 403
        assert client.get(reverse("assessment_network_csv", args=["wego"])).status_code == 403
        response = client.post(
            reverse("assessment_review", args=[assessment.pk]), {"verdict": "accepted"}
        )
        assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_the_network_picture_and_its_export(client, secretariat):
    finished(secretariat, secretariat)
    finished(secretariat, secretariat, key="makati")
    client.force_login(secretariat)
    page = client.get(reverse("assessment_network", args=["wego"]))
    assert page.status_code == 200
    assert "Common challenges" in page.text
    assert "Building Infrastructure" in page.text
    assert "Suggested head city" in page.text
    export = client.get(reverse("assessment_network_csv", args=["wego"]))
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().strip().splitlines()
    assert lines[0].startswith("organisation,country,year,version,status,level,score")
    assert len(lines) == 3


def test_staff_edit_a_draft_version_in_the_admin_but_a_published_one_is_read_only(admin_client):
    from intercity.assessment.models import InstrumentVersion, Section
    from intercity.assessment.tests.helpers import version_of

    published = version_of("ceds")
    section = Section.objects.filter(version=published).first()
    page = admin_client.get(reverse("admin:assessment_section_change", args=[section.pk]))
    assert page.status_code == 200
    assert 'name="name_en"' not in page.text  # shown, not editable
    assert 'name="name_ko"' in page.text  # but it may be translated
    assert (
        admin_client.get(reverse("admin:assessment_instrumentversion_changelist")).status_code
        == 200
    )
    admin_client.post(
        reverse("admin:assessment_instrumentversion_changelist"),
        {"action": "draft_next", "_selected_action": [published.pk]},
    )
    draft = InstrumentVersion.objects.get(
        instrument=published.instrument, number=published.number + 1
    )
    draft_section = Section.objects.filter(version=draft).first()
    page = admin_client.get(reverse("admin:assessment_section_change", args=[draft_section.pk]))
    assert 'name="name_en"' in page.text


def _photo_with_gps_make_serial_and_comment() -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x8825] = {2: (37.0, 33.0, 59.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"server room, 12 Main St")
    return out.getvalue()


def _diagram_with_text_chunks() -> bytes:
    import io

    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Officer")
    info.add_text("Location", "37.57,126.98")
    out = io.BytesIO()
    Image.new("RGBA", (32, 32), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_an_evidence_photo_is_stored_without_gps_camera_serial_or_comment(client, seoul_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from intercity.core import images

    original = _photo_with_gps_make_serial_and_comment()
    assert {"exif", "comment"} <= images.metadata_of(original).keys()
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_evidence", args=[assessment.pk])
    response = client.post(
        url, {"question": "INF-04", "file": SimpleUploadedFile("rack.jpg", original)}
    )
    assert response.status_code == 302
    item = assessment.evidence.get()
    stored = item.file.read()
    assert images.metadata_of(stored) == {}
    assert b"SERIAL-12345" not in stored
    assert b"PhoneMaker" not in stored
    assert b"12 Main St" not in stored
    assert item.size == len(stored)
    assert item.content_type == "image/jpeg"
    download = client.get(reverse("assessment_evidence_file", args=[assessment.pk, item.pk]))
    assert b"SERIAL-12345" not in b"".join(download.streaming_content)


def test_an_evidence_diagram_stays_a_png_without_its_text_chunks(seoul_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from intercity.core import images

    assessment = draft(seoul_officer)
    item = services.attach_evidence(
        seoul_officer,
        assessment,
        "STR-01",
        upload=SimpleUploadedFile("map.png", _diagram_with_text_chunks()),
    )
    stored = item.file.read()
    assert item.content_type == "image/png"
    assert stored.startswith(b"\x89PNG")
    assert images.metadata_of(stored) == {}
    assert b"Jane Officer" not in stored


def test_an_evidence_image_that_does_not_decode_is_refused(client, seoul_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    url = reverse("assessment_evidence", args=[assessment.pk])
    broken = SimpleUploadedFile("rack.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    response = client.post(url, {"question": "INF-04", "file": broken})
    assert response.status_code == 415
    assert "not an image this system can read" in response.text
    assert assessment.evidence.count() == 0


@pytest.mark.parametrize(
    ("name", "args", "words"),
    [
        ("assessment_instrument", ["ceds"], "the questions, answer labels, level descriptions"),
        ("assessment_instrument", ["maturity-benchmark"], "the questions, answer labels"),
        ("assessment_modules", [], "the summaries and implementation guidelines"),
        ("assessment_module", ["administration-information-system"], "implementation guidelines"),
        ("assessment_master_plan", [], "the phases and steps of the master plan guideline"),
    ],
)
def test_content_written_for_the_platform_says_so_on_its_public_pages(client, name, args, words):
    page = client.get(reverse(name, args=args))
    assert page.status_code == 200
    assert "Written for this platform" in page.text
    assert words in page.text


def test_the_form_and_the_result_say_the_questions_were_written_for_the_platform(
    client, seoul_officer
):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    form = client.get(reverse("assessment_edit", args=[assessment.pk]))
    assert "Written for this platform: the questions, answer labels" in form.text
    finished_one = finished(seoul_officer, year=2025)
    result = client.get(reverse("assessment_result", args=[finished_one.pk]))
    assert "Written for this platform: the questions, level descriptions" in result.text
    assert "the module guidelines and the master plan guideline" in result.text


# --- The admin: every change through a service, with its audit event ----------------------------


def test_a_peer_policy_is_read_only_in_the_admin(admin_client):
    from intercity.assessment.models import PeerPolicy

    item = PeerPolicy.objects.first()
    url = reverse("admin:assessment_peerpolicy_change", args=[item.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert admin_client.post(url, {}).status_code == 403
    delete = reverse("admin:assessment_peerpolicy_delete", args=[item.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert PeerPolicy.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("model", ["instrument", "sectoralmodule", "challengegroup"])
def test_content_without_a_service_is_only_translated_in_the_admin(admin_client, model):
    """The Secretariat adds a language as data: the other languages' columns are editable
    (saved through `translate_content`, audited), the English text and the codes are not,
    and nothing is added or deleted."""
    from django.apps import apps

    from intercity.core.models import AuditEvent

    model_class = apps.get_model("assessment", model)
    item = model_class.objects.first()
    url = reverse(f"admin:assessment_{model}_change", args=[item.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="name_ko"' in page.text
    assert 'name="name_en"' not in page.text
    assert 'name="slug"' not in page.text
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data["name_es"] = "Nombre en español"
    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.name_es == "Nombre en español"
    assert item.name_en != "Nombre en español"
    assert AuditEvent.objects.filter(verb="translate_content").exists()
    delete = reverse(f"admin:assessment_{model}_delete", args=[item.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert model_class.objects.filter(pk=item.pk).exists()


def _policy_form(effective_from, minimum=4):
    import json

    return {
        "effective_from": effective_from,
        "minimum_peers": minimum,
        "population_bands": json.dumps(
            [
                {"slug": "small", "name": "Under a million", "below": 1000000},
                {"slug": "big", "name": "A million and over"},
            ]
        ),
    }


def test_a_new_peer_policy_is_adopted_in_the_admin_with_an_audit_event(admin_client):
    from django.utils import timezone

    from intercity.assessment.models import PeerPolicy
    from intercity.core.models import AuditEvent

    starts = timezone.localdate() + dt.timedelta(days=30)
    response = admin_client.post(
        reverse("admin:assessment_peerpolicy_add"), _policy_form(starts.isoformat())
    )
    assert response.status_code == 302
    policy = PeerPolicy.objects.get(effective_from=starts)
    assert policy.minimum_peers == 4
    event = AuditEvent.objects.get(verb="adopt_peer_policy")
    assert event.after["minimum_peers"] == 4
    assert event.actor.username == "admin"


@pytest.mark.parametrize(
    ("starts", "minimum", "message"),
    [
        (-1, 4, "starts today"),
        (10, 1, "Minimum peers: choose from 3 to 100"),
        (10, 30000, "Minimum peers: choose from 3 to 100"),
    ],
)
def test_a_peer_policy_that_would_rewrite_history_or_weaken_privacy_is_refused(
    admin_client, starts, minimum, message
):
    from django.utils import timezone

    from intercity.assessment.models import PeerPolicy

    before = PeerPolicy.objects.count()
    day = (timezone.localdate() + dt.timedelta(days=starts)).isoformat()
    response = admin_client.post(
        reverse("admin:assessment_peerpolicy_add"), _policy_form(day, minimum)
    )
    assert response.status_code == 200
    assert message in response.text
    assert PeerPolicy.objects.count() == before


def test_the_peer_policy_service_refuses_bands_that_leave_a_city_out(secretariat):
    from django.utils import timezone

    from intercity.core.errors import DomainError

    starts = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="below must be a whole number above 1,000"):
        services.adopt_peer_policy(
            secretariat,
            starts,
            3,
            [
                {"slug": "a", "name": "A", "below": 1000},
                {"slug": "b", "name": "B", "below": 10},
                {"slug": "c", "name": "C"},
            ],
        )
    with pytest.raises(DomainError, match="Only Secretariat staff"):
        services.adopt_peer_policy(None, starts, 3, [{"slug": "a", "name": "All"}])


def test_editing_a_draft_section_in_the_admin_is_an_audited_action(admin_client, secretariat):
    from intercity.assessment.models import Section
    from intercity.assessment.tests.helpers import version_of
    from intercity.core.models import AuditEvent

    draft = services.draft_new_version(secretariat, version_of("ceds"), TODAY)
    section = Section.objects.filter(version=draft).first()
    url = reverse("admin:assessment_section_change", args=[section.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data["version"] = draft.pk
    data["name_en"] = "Economic stability (revised)"
    inline = page.context["inline_admin_formsets"][0].formset
    management = inline.management_form
    data.update(
        {
            f"{inline.prefix}-TOTAL_FORMS": "0",
            f"{inline.prefix}-INITIAL_FORMS": "0",
            f"{inline.prefix}-MIN_NUM_FORMS": management["MIN_NUM_FORMS"].value(),
            f"{inline.prefix}-MAX_NUM_FORMS": management["MAX_NUM_FORMS"].value(),
        }
    )
    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["adminform"].form.errors
    section.refresh_from_db()
    assert section.name == "Economic stability (revised)"
    event = AuditEvent.objects.filter(verb="edit_draft_version").latest("pk")
    assert event.object_id == str(draft.pk)
    assert "name_en" in event.after["changed"]


def test_a_published_version_cannot_be_deleted_through_the_bulk_action(admin_client):
    from intercity.assessment.models import InstrumentVersion
    from intercity.assessment.tests.helpers import version_of

    published = version_of("ceds")
    admin_client.post(
        reverse("admin:assessment_instrumentversion_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert InstrumentVersion.objects.filter(pk=published.pk).exists()
