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
from intercity.governance.models import DeadlineReminder, Decision, Meeting, Participant
from intercity.governance.tasks import send_deadline_reminder
from intercity.network.models import Organisation

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
    # One message per address (each carries its own unsubscribe link), in English for both.
    for address in ("en@example.org", "nobody@example.org"):
        english = by_recipient[(address,)]
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


# --- Text computed in Python for the reader (rules, services, views) -----------------------


def test_the_deadlines_api_names_and_explains_each_deadline_in_korean(client, wego):
    body = client.get("/api/v1/networks/wego/meetings/wego-ga-2017/deadlines", **KO).json()
    by_key = {row["key"]: row for row in body}
    host = by_key["host-agreement"]
    assert host["name"] == "개최도시와 사무국 간 협약"
    assert host["explanation"] == "2017-06-28 총회 개최지 선정 6개월 후: 2017-12-28"
    text = " ".join(f"{row['name']} {row['explanation']}" for row in body)
    for english in ["months", "before the", "after the", "general assembly", "declared in"]:
        assert english not in text, english

    english = client.get("/api/v1/networks/wego/meetings/wego-ga-2017/deadlines").json()
    english_host = {row["key"]: row for row in english}["host-agreement"]
    assert english_host["name"] == "Host city's agreement with the Secretariat"
    assert english_host["explanation"] == (
        "6 months after the ga host selection of 2017-06-28: 2017-12-28"
    )


def test_a_name_the_secretariat_changed_is_shown_as_written():
    from intercity.governance.services.deadlines import deadline_name

    with translation.override("ko"):
        assert deadline_name("host-agreement") == "개최도시와 사무국 간 협약"
        assert deadline_name("host-agreement", "Host agreement (as renamed)") == (
            "Host agreement (as renamed)"
        )


def test_deadline_explanations_in_russian_take_the_right_case():
    from intercity.governance import rules

    specs = [
        {"key": "a", "anchor": "general-assembly", "offset": {"weeks": -1}},
        {"key": "b", "anchor": "general-assembly", "offset": {"months": -2, "days": -5}},
        {"key": "c", "anchor": "general-assembly", "offset": None},
    ]
    with translation.override("ru"):
        found = {
            d.key: d.explanation
            for d in rules.deadlines({"general-assembly": dt.date(2020, 10, 7)}, specs)
        }
    assert found["a"] == "за 1 неделю до Генеральной ассамблеи 2020-10-07: 2020-09-30"
    assert found["b"] == "за 2 месяца и 5 дней до Генеральной ассамблеи 2020-10-07: 2020-08-02"
    assert "устав не устанавливает срока" in found["c"]


def test_an_impossible_count_is_refused_in_korean_by_the_api(client, wego):
    payload = {
        "body": "executive-committee",
        "decision": "ordinary-motion",
        "date": "2017-06-28",
        "members_total": 14,
        "present": 4,
        "yes": 5,
        "no": 1,
        "abstain": 0,
        "casting_vote": None,
    }
    url = "/api/v1/networks/wego/rules/evaluate"
    response = client.post(url, payload, content_type="application/json", **KO)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "찬성 5 + 반대 1 + 기권 0 = 6: 출석 인원 4명보다 많습니다." in detail
    assert "more than the" not in detail

    english = client.post(url, payload, content_type="application/json").json()["detail"]
    assert "5 yes + 1 no + 0 abstentions = 6, more than the 4 present." in english


def test_an_election_explains_itself_in_korean_and_in_spanish():
    from intercity.governance import rules

    with translation.override("ko"):
        tie = rules.elect({"마카티": 4, "세종": 4})
        won = rules.elect({"마카티": 5, "세종": 4})
        threshold = rules.Threshold(rules.Fraction(1, 2), rules.Comparison.MORE_THAN)
        words = threshold.words()
    assert tie.explanation == "마카티 4, 세종 4: 마카티, 세종이(가) 각각 4표로 동수입니다."
    assert won.explanation == "마카티 5, 세종 4: 마카티이(가) 최다 득표입니다."
    assert words == "2분의 1 초과"
    with translation.override("es"):
        tie = rules.elect({"Makati": 1, "Sejong": 1})
    assert (
        tie.explanation == "Makati 1, Sejong 1: empate entre Makati y Sejong con 1 voto cada uno."
    )
    tie = rules.elect({"Makati": 4, "Sejong": 4})
    assert "a tie between Makati and Sejong with 4 votes each" in tie.explanation


def test_the_statute_comparison_explains_itself_in_chinese():
    from intercity.governance import articles

    text = articles.ArticleText("16", "Decisions", "complete", (("1", "Text."),))
    with translation.override("zh-hans"):
        change = articles.compare(None, text)
    assert change.explanation == "较早的文本中没有。"


def test_admin_actions_are_described_in_korean():
    from intercity.governance.admin import DecisionAdmin, MeetingAdmin

    with translation.override("ko"):
        assert str(MeetingAdmin.open_session.short_description) == "선택한 회의 개회"
        assert str(DecisionAdmin.close_vote.short_description) == (
            "선택한 안건 또는 서면 동의 집계 및 결정"
        )


def test_a_deadline_reminder_names_the_deadline_in_the_recipients_language(wego):
    users = get_user_model()
    users.objects.create_user(username="ru-officer", email="ru@example.org", language="ru")
    meeting = Meeting.objects.filter(network=wego).order_by("date").first()
    assert meeting is not None
    reminder = DeadlineReminder.objects.create(
        meeting=meeting,
        key="president-candidacy",
        due_on=dt.date(2017, 4, 28),
        recipients=["ru@example.org"],
    )
    assert send_deadline_reminder.call(reminder.pk) == 1
    (message,) = mail.outbox
    assert "Письменное заявление о кандидатуре на пост города-президента" in message.subject
    assert "president candidacy" not in message.subject.lower()


def test_the_memorandum_names_votes_and_statuses_in_governance_words(client, wego):
    """ "Votes" and "Withdrawn" mean something else in the registry's catalog (a category's
    voting right, a member's withdrawal): the memorandum says a candidate's votes."""
    url = reverse("governance_memorandum", args=["wego", SEEDED_MEETING])
    korean = html(client.get(url, **KO))
    assert '<th scope="col" class="num">득표</th>' in korean
    assert "의결권" not in korean
    with translation.override("ko"):
        assert str(Decision.Status.WITHDRAWN.label) == "철회됨"
        assert str(Decision.Outcome.REJECTED.label) == "부결"


def test_the_statute_texts_are_named_in_korean(client, wego):
    url = reverse("governance_memorandum", args=["wego", SEEDED_MEETING])
    korean = html(client.get(url, **KO))
    assert "2014-11-05 개정 정관, 2014년 11월 5일부터 시행" in korean
    english = html(client.get(url))
    assert "Statute as amended 2014-11-05, in force from 5 November 2014" in english
    with translation.override("ko"):
        from intercity.governance.formats import statute_name

        assert statute_name("Statute 2017") == "2017년 정관"
        assert statute_name("A text the Secretariat named") == "A text the Secretariat named"


# --- Explanations: the record in English, the page in the reader's language ----------------


def _close_a_motion_in_korean(secretariat, excom):
    from intercity.governance import services

    meeting, item = excom
    people = list(meeting.participants.select_related("organisation").order_by("id"))[:5]
    for participant in people:
        services.check_in(secretariat, participant, Participant.Attendance.IN_PERSON)
    motion = services.propose_motion(secretariat, item, title="Adopt the work plan")
    for participant, choice in zip(people, ["yes", "yes", "yes", "no", "abstain"], strict=True):
        services.record_vote(secretariat, motion, participant.organisation, choice)
    with translation.override("ko"):  # a Korean officer closes the vote
        return services.close_motion(secretariat, motion)


def test_a_ruling_is_recorded_in_english_and_read_in_korean(client, secretariat, excom):
    decided = _close_a_motion_in_korean(secretariat, excom)
    # The record: the network's official language, whoever recorded it.
    assert decided.explanation.startswith("5 of 19 present; quorum is one fourth or more")
    url = reverse("governance_decision", args=["wego", decided.pk])
    korean = html(client.get(url, **KO))
    assert "19명 중 5명 출석. 의사정족수는 전체 회원 19명의 4분의 1 이상" in korean
    assert "5 of 19 present" not in korean
    english = html(client.get(url))
    assert "5 of 19 present; quorum is one fourth or more of all 19 members" in english


def test_the_seeded_memorandum_explains_its_decisions_in_korean(client, wego):
    url = reverse("governance_memorandum", args=["wego", SEEDED_MEETING])
    korean = html(client.get(url, **KO))
    assert "기록에 따르면 결과는 채택입니다. 표결 집계가 기록에 없어" in korean
    assert "(2014-11-05 개정 정관)" in korean
    assert "기구가 기록함. 표결하지 않습니다." in korean
    assert "as the record says" not in korean
    assert "Recorded by the body" not in korean
    english = html(client.get(url))
    assert "Adopted as the record says; no vote counts are on record" in english


def test_an_election_result_is_read_in_the_readers_language(secretariat, excom):
    from intercity.governance import explanations, services

    meeting, item = excom
    for participant in list(meeting.participants.order_by("id"))[:9]:
        services.check_in(secretariat, participant, Participant.Attendance.IN_PERSON)
    election = services.open_election(secretariat, item, title="Host", office="ga-host")
    makati, seoul = (Organisation.objects.get(key=k) for k in ("makati", "seoul"))
    services.add_candidate(secretariat, election, makati, None)
    services.add_candidate(secretariat, election, seoul, None)
    with translation.override("ko"):
        services.close_election(secretariat, election, {makati.pk: 5, seoul.pk: 4})
    read = Decision.objects.select_related("winner").prefetch_related("candidates__organisation")
    decided = read.get(pk=election.pk)
    assert decided.explanation == "Makati 5, Seoul 4: Makati has the most votes."
    with translation.override("ko"):
        assert explanations.shown_explanation(decided) == (
            "마카티 5, 서울 4: 마카티이(가) 최다 득표입니다."
        )
