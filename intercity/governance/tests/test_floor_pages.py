"""The floor page and its API: the chair's controls, a city officer asking the floor, the
countdown drawn from the server's clock, amendments and document versions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intercity.governance import services
from intercity.governance.models import Speech
from intercity.governance.services import floor

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def url(item, name="governance_floor", *extra):
    meeting = item.meeting
    return reverse(name, args=[meeting.network.slug, meeting.key, item.pk, *extra])


def test_the_chair_opens_the_list_gives_the_floor_and_the_clock_shows(client, secretariat, excom):
    meeting, item = excom
    client.force_login(secretariat)
    client.post(url(item, "governance_speakers_open"), {"open": "1"})
    participant = meeting.participants.order_by("organisation__name").first()
    client.post(url(item, "governance_speak_request"), {"participant": participant.pk})
    response = client.post(url(item, "governance_speech_start"), follow=True)
    page = response.content.decode()
    assert f"{participant}" in page
    assert 'data-remaining="180"' in page or 'data-remaining="179"' in page
    assert Speech.objects.get(item=item).status == Speech.Status.SPEAKING


def test_a_city_officer_sees_a_button_only_for_their_own_delegation(
    client, seoul_officer, secretariat, excom
):
    meeting, item = excom
    floor.set_speakers_list_open(secretariat, item, True)
    client.force_login(seoul_officer)
    page = client.get(url(item)).content.decode()
    assert "Ask to speak for Seoul" in page
    assert "Open the speakers list" not in page
    seoul = meeting.participants.get(organisation__key="seoul")
    other = meeting.participants.exclude(organisation__key="seoul").first()
    client.post(url(item, "governance_speak_request"), {"participant": seoul.pk})
    assert Speech.objects.filter(participant=seoul).exists()
    response = client.post(url(item, "governance_speak_request"), {"participant": other.pk})
    assert response.status_code == 302
    assert not Speech.objects.filter(participant=other).exists()


def test_only_staff_give_the_floor(client, seoul_officer, excom):
    _meeting, item = excom
    client.force_login(seoul_officer)
    assert client.post(url(item, "governance_speech_start")).status_code == 403


def test_an_amendment_moved_on_the_page_shows_beside_its_motion(client, secretariat, excom):
    _meeting, item = excom
    motion = services.propose_motion(secretariat, item, title="Work plan", text="Two workshops.")
    client.force_login(secretariat)
    client.post(
        url(item, "governance_amendment_add", motion.pk),
        {"title": "Three", "change": "two to three", "replacement": "Three workshops."},
    )
    page = client.get(url(item)).content.decode()
    assert "Three" in page
    assert "two to three" in page


def test_a_document_uploaded_twice_shows_the_latest_and_keeps_the_first(
    client, secretariat, excom, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _meeting, item = excom
    client.force_login(secretariat)
    client.post(
        url(item, "governance_version_add"),
        {"title": "Work plan", "file": SimpleUploadedFile("plan.pdf", PDF)},
    )
    document = item.documents.get()
    client.post(
        url(item, "governance_version_add"),
        {"document": document.pk, "file": SimpleUploadedFile("plan-2.pdf", PDF)},
    )
    page = client.get(url(item)).content.decode()
    assert "Latest: version 2, plan-2.pdf" in page
    assert "Version 1, plan.pdf" in page
    first = document.versions.get(number=1)
    download = client.get(url(item, "governance_version_file", first.pk))
    assert b"".join(download.streaming_content) == PDF


def test_the_api_reads_the_list_and_the_time_left(client, secretariat, excom):
    meeting, item = excom
    participant = meeting.participants.first()
    floor.set_speakers_list_open(secretariat, item, True)
    floor.request_to_speak(secretariat, item, participant)
    floor.start_speech(secretariat, item)
    base = f"/api/v1/networks/wego/meetings/{meeting.key}/agenda/{item.pk}"
    body = client.get(base + "/speakers").json()
    assert body["current"]["participant"] == str(participant)
    assert 0 < body["remaining_seconds"] <= 180
    assert (
        client.post(base + "/speakers/end", {}, content_type="application/json").status_code == 401
    )


def test_the_api_moves_an_amendment_and_refuses_a_stranger(
    client, seoul_officer, secretariat, excom
):
    _meeting, item = excom
    motion = services.propose_motion(secretariat, item, title="Work plan", text="Two.")
    path = f"/api/v1/networks/wego/motions/{motion.pk}/amendments"
    payload = {"title": "Three", "change": "", "replacement": "Three."}
    client.force_login(seoul_officer)
    assert client.post(path, payload, content_type="application/json").status_code == 403
    client.force_login(secretariat)
    answer = client.post(path, payload, content_type="application/json")
    assert answer.status_code == 201
    assert answer.json()["amendments"][0]["replacement"] == "Three."
    assert client.get(path).json()["original"] == "Two."


def test_the_api_lists_document_versions_newest_first(
    client, secretariat, excom, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting, item = excom
    first = floor.upload_version(secretariat, item, SimpleUploadedFile("a.pdf", PDF), title="Plan")
    floor.upload_version(
        secretariat, item, SimpleUploadedFile("b.pdf", PDF), document=first.document
    )
    body = client.get(
        f"/api/v1/networks/wego/meetings/{meeting.key}/agenda/{item.pk}/documents"
    ).json()
    assert [v["number"] for v in body[0]["versions"]] == [2, 1]


def test_asking_the_floor_for_a_delegation_not_at_the_meeting_is_said_on_the_floor_page(
    client, secretariat, excom
):
    _meeting, item = excom
    floor.set_speakers_list_open(secretariat, item, True)
    client.force_login(secretariat)
    response = client.post(url(item, "governance_speak_request"), {"participant": 999999})
    assert response.status_code == 302
    assert response["Location"] == url(item) + "#speakers"
    assert "No participant 999999" in client.get(url(item)).content.decode()
    assert not Speech.objects.filter(item=item).exists()
