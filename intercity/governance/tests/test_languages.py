"""Governance in the reader's language: pages, errors, the API's `detail`, e-mails and the
memorandum PDF in Korean, while the English pages stay as they were."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from intercity.core.pdf import default_fonts
from intercity.governance.models import DeadlineReminder, Decision, Meeting
from intercity.governance.tasks import send_deadline_reminder

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko"}
SEEDED_MEETING = "wego-excom-2017"


@pytest.fixture(autouse=True)
def back_to_english():
    """A request leaves its language active in the thread: later tests expect English."""
    yield
    translation.activate("en")


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


def test_the_statute_page_in_korean_says_the_official_text_is_english(client, wego):
    url = reverse("governance_statute", args=["wego"])
    korean = html(client.get(url, **KO))
    assert '<html lang="ko">' in korean
    for text in ["정관", "시행일", "정관의 공식 본문은 영어이며", "제16조"]:
        assert text in korean, text
    for text in ["In force from", "Texts of the statute", "The statute's official text"]:
        assert text not in korean, text
    # The articles themselves stay the network's official English, marked as English.
    assert 'class="card statute-article" lang="en"' in korean

    english = html(client.get(url))
    assert "official text is English; the articles below are shown in English" in english
    assert "In force from" in english


def test_a_meeting_page_in_korean(client, wego):
    url = reverse("governance_meeting", args=["wego", SEEDED_MEETING])
    korean = html(client.get(url, **KO))
    for text in [
        "기구",
        "날짜",
        "시행 중인 정관",
        "출석",
        "안건",
        "회의록",
        "원격 참석도 출석으로",
    ]:
        assert text in korean, text
    for text in [
        "Statute in force",
        "Participants and their attendance",
        "Remote attendance counts as present",
        ">Attendance<",
        ">Agenda<",
        ">Memorandum<",
    ]:
        assert text not in korean, text
    # The seed's citation is in the "Sources" disclosure, not in the facts.
    assert '<details class="sources">\n  <summary>출처</summary>' in korean

    english = html(client.get(url))
    assert "Statute in force" in english
    assert "<summary>Sources</summary>" in english


def test_a_decision_page_in_korean(client, wego):
    decision = Decision.objects.filter(network=wego, meeting__key=SEEDED_MEETING).first()
    assert decision is not None
    url = reverse("governance_decision", args=["wego", decision.pk])
    korean = html(client.get(url, **KO))
    for text in ["<dt>유형</dt>", "<dt>기구</dt>", "<dt>날짜</dt>", "<dt>정관</dt>"]:
        assert text in korean, text
    for text in ["<dt>Kind</dt>", "<dt>Body</dt>", "<dt>Date</dt>", "<dt>Statute</dt>"]:
        assert text not in korean, text
    # Dates in the locale's own format.
    assert f"{decision.date.year}년 {decision.date.month}월 {decision.date.day}일" in korean

    english = html(client.get(url))
    assert "<dt>Kind</dt>" in english
    assert decision.date.strftime("%B") in english


def test_the_memorandum_page_in_korean(client, wego):
    url = reverse("governance_memorandum", args=["wego", SEEDED_MEETING])
    korean = html(client.get(url, **KO))
    for text in ["회의록:", "참석자", "안건", "PDF 다운로드", "시행 중인 정관"]:
        assert text in korean, text
    for text in ["Memorandum:", ">Participants<", "Download the PDF", "Statute in force"]:
        assert text not in korean, text

    english = html(client.get(url))
    assert "Memorandum:" in english


def test_a_form_error_in_korean(client, secretariat):
    client.force_login(secretariat)
    url = reverse("governance_meeting_new", args=["wego"])
    response = client.post(url, {"title": "", "date": ""}, **KO)
    text = response.content.decode()
    assert "회의가 생성되지 않았습니다" in text
    assert "필수 항목입니다" in text  # Django's own "This field is required." in Korean
    assert "The meeting was not created" not in text
    assert Meeting.objects.filter(title="").count() == 0


def test_an_api_404_detail_in_korean(client, wego):
    response = client.get("/api/v1/networks/wego/meetings/wego-excom-1999", **KO)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "'wego-excom-1999' 회의가 없습니다" in detail
    assert "No meeting" not in detail

    english = client.get("/api/v1/networks/wego/meetings/wego-excom-1999")
    assert "No meeting 'wego-excom-1999'" in english.json()["detail"]


def test_a_deadline_reminder_reaches_each_recipient_in_their_saved_language(wego):
    users = get_user_model()
    users.objects.create_user(username="ko-officer", email="ko@example.org", language="ko")
    users.objects.create_user(username="en-officer", email="en@example.org")
    meeting = Meeting.objects.filter(network=wego).order_by("date").first()
    assert meeting is not None
    reminder = DeadlineReminder.objects.create(
        meeting=meeting,
        key="candidacy-declaration",
        due_on=dt.date(2017, 4, 27),
        recipients=["ko@example.org", "en@example.org", "nobody@example.org"],
    )

    assert send_deadline_reminder.call(reminder.pk) == 3

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    korean = by_recipient[("ko@example.org",)]
    assert "기한 2017년 4월 27일" in korean.subject
    assert "관계자 여러분께" in korean.body
    assert "Dear colleagues" not in korean.body
    english = by_recipient[("en@example.org", "nobody@example.org")]
    assert "due 27 April 2017" in english.subject
    assert english.body.startswith("Dear colleagues")


def _has_hangul(fonts) -> bool:
    font = pdfmetrics.getFont(fonts.regular)
    face = getattr(font, "face", None)
    return bool(face and ord("회") in getattr(face, "charToGlyph", {}))


def test_the_memorandum_pdf_prints_in_the_askers_language(client, wego):
    url = reverse("governance_memorandum_pdf", args=["wego", SEEDED_MEETING])
    response = client.get(url, **KO)
    assert response.status_code == 200
    if not _has_hangul(default_fonts()):
        pytest.skip("No font with Hangul is installed (core/pdf.py chooses the fonts).")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ["회의록", "참석자", "안건"]:
        assert expected in text, expected
    assert "Participants" not in text
