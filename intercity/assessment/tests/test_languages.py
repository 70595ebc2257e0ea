"""The assessment pages in the reader's language: Korean interface strings, no English ones;
the same pages unchanged in English; the JavaScript catalog in Korean; a Korean API error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.assessment import services
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
