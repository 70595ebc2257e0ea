"""The assessment pages in the reader's language: Korean interface strings, no English ones;
the same pages unchanged in English; the JavaScript catalog in Korean; a Korean API error."""

from __future__ import annotations

import subprocess
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation

from intercity.assessment import report_pdf, results, rules, services
from intercity.assessment.tests.helpers import TODAY
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def draft(actor):
    return services.start_assessment(
        actor,
        Organisation.objects.get(key="seoul"),
        Network.objects.get(slug="wego"),
        "ceds",
        2026,
        today=TODAY,
    )


def test_the_assessment_home_in_korean_and_in_english(client):
    korean = client.get(reverse("assessment_home"), HTTP_ACCEPT_LANGUAGE="ko").text
    assert "자가진단 및 벤치마킹" in korean
    assert "진단 도구" in korean
    assert "Self-assessment and benchmarking" not in korean
    assert "Instruments</h2>" not in korean
    english = client.get(reverse("assessment_home"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Self-assessment and benchmarking" in english
    assert "자가진단" not in english


def test_the_questions_page_and_the_result_in_korean(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_edit", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    if page.status_code == 302:
        page = client.get(page["Location"], HTTP_ACCEPT_LANGUAGE="ko")
    text = page.text
    assert "저장 후 계속" in text
    assert "증빙자료" in text
    assert "Save and continue" not in text
    assert "Result so far" not in text
    result = client.get(
        reverse("assessment_result", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    ).text
    assert "성숙도 단계" in result
    assert "종합 점수" in result
    assert "Overall score" not in result
    assert "Maturity level" not in result


def test_a_refused_answer_says_why_in_korean(client, seoul_officer):
    assessment = draft(seoul_officer)
    client.force_login(seoul_officer)
    response = client.post(
        reverse("assessment_autosave", args=[assessment.pk, "economic-stability"]),
        {"q-ECO-01": "many"},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert "숫자를 입력하십시오" in response.text
    assert "enter a number" not in response.text


def test_the_javascript_catalog_serves_korean(client):
    response = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    assert "\\uac1c \\ub3c4\\uc2dc" in response.text or "개 도시" in response.text


# --- The report PDF, its chart, and the texts computed in Python ---------------------------


def pdf_text(content: bytes) -> str:
    """The PDF's text as a reader's PDF viewer extracts it (pdftotext), spaces collapsed."""
    found = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - poppler, installed by the project
        input=content,
        capture_output=True,
        check=True,
    )
    return " ".join(found.stdout.decode("utf-8").split())


KOREAN_CEDS_HEADINGS = [
    "자가진단 보고서",
    "요약",
    "요인별 점수",
    "요인별 점수(0~100)",  # the radar chart's caption
    "채점 방법:",
    "종합 점수 = (",
    "분야별 시스템: 격차",
    "권고 모듈(우선순위순)",
    "목적:",
    "첫 절차:",
    "마스터플랜 가이드라인",
    "산출물",
    "답변",
    "경제적 안정성",  # a factor's name, kept in English with the result, read in Korean
    "쪽 중 1쪽",  # the page footer: "Page 1 of N"
]
ENGLISH_CEDS_HEADINGS = [
    "Self-assessment report",
    "Summary",
    "Scores by factor",
    "Factor scores, 0 to 100",
    "How it is scored",
    "Overall score",
    "Sectoral systems: the gap",
    "Recommended modules",
    "Purpose:",
    "First steps:",
    "Master plan guideline",
    "What it produces",
    "The answers",
    "Economic stability",
    "is at level",
    "weakest related factor",
    "you report",
    "Expected at the city's level",
    "Not answered",
    "Page 1 of",
]


def test_the_ceds_report_of_a_kept_result_in_korean_has_no_english_heading_left(
    seoul_officer,
):
    from intercity.assessment.tests.test_report import start, submitted

    assessment = submitted(seoul_officer, start(seoul_officer), best=False)  # kept in English
    with translation.override("ko"):
        outcome = results.outcome(assessment)
        text = pdf_text(report_pdf.render(outcome, (), results.benchmark(assessment, "all")))
    for korean in KOREAN_CEDS_HEADINGS:
        assert korean in text, korean
    assert "비교 도시와 비교" in text  # the peers' section, withheld for want of peers
    assert "진단을 받은 모든 도시" in text
    for english in ENGLISH_CEDS_HEADINGS:
        assert english not in text, english


def test_the_maturity_report_with_targets_in_korean(seoul_officer):
    from intercity.assessment.tests.test_report import start, submitted

    assessment = submitted(seoul_officer, start(seoul_officer, slug="maturity-benchmark"))
    with translation.override("ko"):
        text = pdf_text(report_pdf.render(results.outcome(assessment)))
    for korean in ["영역별 점수", "영역별 점수(0~100)", "목표 단계", "목표 연도", "제출"]:
        assert korean in text, korean
    assert f"{assessment.year + 3}년 목표 단계(단계 시작 점수)" in text  # the chart's legend
    for english in ["Dimension", "Target level", "Targets for", "submitted", "version 1"]:
        assert english not in text, english


def test_the_ceds_report_in_chinese_speaks_chinese_around_english_data(seoul_officer):
    """No Chinese copy of the instruments is seeded: their names stay English (data, in the
    admin), but every heading and sentence of the report itself is Chinese."""
    from intercity.assessment.tests.test_report import start, submitted

    assessment = submitted(seoul_officer, start(seoul_officer), best=False)
    with translation.override("zh-hans"):
        text = pdf_text(report_pdf.render(results.outcome(assessment)))
    for chinese in [
        "自我评估报告",
        "各因素得分",
        "评分方法：",
        "行业系统：差距",
        "推荐模块",
        "答案",
    ]:
        assert chinese in text, chinese
    for english in [
        "Self-assessment report",
        "Scores by factor",
        "How it is scored",
        "The answers",
    ]:
        assert english not in text, english


def test_a_kept_result_reads_in_english_exactly_as_it_was_kept(seoul_officer):
    from intercity.assessment.tests.test_report import start, submitted

    assessment = submitted(seoul_officer, start(seoul_officer), best=False)
    kept = assessment.result
    with translation.override("en"):
        outcome = results.outcome(assessment)
    assert outcome.explanation == kept["explanation"]
    assert [s.name for s in outcome.sections] == [s["name"] for s in kept["sections"]]
    assert [r.reason for r in outcome.recommendations] == [
        r["reason"] for r in kept["recommendations"]
    ]
    with translation.override("ko"):
        korean = results.outcome(assessment)
    assert korean.explanation.startswith("종합 점수 = (")
    assert "가장 약한 관련 요인" in korean.recommendations[0].reason
    assert korean.sections[0].name == "경제적 안정성"


def test_the_instrument_rules_are_cached_per_language():
    version = services.current_version(services.get_instrument("ceds"), TODAY)
    with translation.override("ko"):
        korean = services.instrument_rules(version).sections[0].name
    with translation.override("en"):
        english = services.instrument_rules(version).sections[0].name
    assert korean == "경제적 안정성"
    assert english == "Economic stability"


def test_the_result_page_explains_a_kept_result_in_korean(client, seoul_officer):
    from intercity.assessment.tests.test_report import start, submitted

    assessment = submitted(seoul_officer, start(seoul_officer), best=False)
    client.force_login(seoul_officer)
    page = client.get(
        reverse("assessment_result", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    ).text
    assert "종합 점수 = (" in page
    assert "경제적 안정성" in page
    assert "가장 약한 관련 요인" in page
    assert "Overall score =" not in page
    assert "weakest related factor" not in page
    assert "Economic stability" not in page
    assert "No peer has an accepted assessment" not in page


def test_the_menu_link_and_an_api_error_in_korean(client, seoul_officer):
    home = client.get(reverse("assessment_home"), HTTP_ACCEPT_LANGUAGE="ko").text
    assert f'<a href="{reverse("assessment_home")}">자가진단</a>' in home
    assert f'<a href="{reverse("assessment_home")}">Self-assessment</a>' not in home
    client.force_login(seoul_officer)
    response = client.get("/api/v1/assessment/assessments?status=bogus", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 400
    assert "알 수 없는 상태" in response.json()["detail"]
    assert "Unknown status" not in response.json()["detail"]


def test_a_yes_or_no_answer_is_not_a_vote_in_korean():
    question = rules.Question(code="Q", type=rules.QuestionType.YES_NO, weight=Fraction(1))
    with translation.override("ko"):
        assert results.answer_text(question, True) == "예"
        assert results.answer_text(question, False) == "아니요"


def test_an_accepted_assessment_reads_as_approved_in_korean_not_as_an_accepted_application():
    from intercity.assessment.models import Assessment, Review

    with translation.override("ko"):
        assert str(Assessment.Status.ACCEPTED.label) == "승인됨"
        assert str(Review.Verdict.ACCEPTED.label) == "승인됨"
        # The membership module's own "Accepted" (an application) keeps its word.
        assert translation.gettext("Accepted") == "수락"
