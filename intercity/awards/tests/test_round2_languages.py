"""Round 2 and the results in the reader's language: the ballot page, a refusal on it, the
progress and results pages, the API's `detail` and the certificate; the stored rulings stay
in the source language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from intercity.awards.models import Placement
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(wego: Any) -> Round2World:
    return round2_edition(wego)


def reader(user: Any, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "title", "refusal"),
    [
        ("ko", "2차 심사: 나의 투표", "심사위원은 정확히 2개의 결선 진출작에 투표합니다"),
        ("zh-hans", "第二轮：您的投票", "评委须恰好投票给 2 个决赛项目"),
        ("ru", "Тур 2: ваши голоса", "Член жюри голосует ровно за 2 финалистов"),
        ("es", "Ronda 2: sus votos", "Un jurado vota exactamente por 2 finalistas"),
    ],
)
def test_the_ballot_page_and_its_refusal_in_each_language(
    world: Round2World, language: str, title: str, refusal: str
) -> None:
    client = reader(world.users[1], language)
    page = client.get(f"/awards/editions/{world.edition.pk}/ballot/")
    assert page.status_code == 200
    assert title in page.content.decode()
    apps = world.apps()
    refused = client.post(
        f"/awards/categories/{world.categories[0].pk}/ballot/", {"choice": [apps[1].pk]}
    )
    assert refused.status_code == 400
    assert refusal in refused.content.decode()


def test_progress_results_api_and_certificate_in_korean(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    category = world.categories[0]
    for judge, other in zip(world.judges, (apps[1], apps[2], apps[4]), strict=True):
        vote(judge, category, apps[3], other)
    staff = reader(secretariat, "ko")
    progress = staff.get(f"/awards/editions/{world.edition.pk}/round2/").content.decode()
    assert "심사위원 3명 중 3명 투표" in progress
    round2.close_round2(secretariat, world.edition)
    page = staff.get(f"/awards/editions/{world.edition.pk}/results/").content.decode()
    assert "아직 발표되지 않았습니다." in page
    assert "금상" in page
    # The ruling was stored in English and is shown as stored.
    assert "Gold: Bus Finder (Goyang) with 3 votes." in page
    missing = reader(None, "ko").get(f"/api/v1/awards/editions/{world.edition.pk}/results")
    assert missing.status_code == 404
    assert "발표된 결과가 없습니다" in missing.json()["detail"]
    results.publish(secretariat, world.edition)
    gold = Placement.objects.get(category=category, place="gold")
    pdf = reader(None, "ko").get(f"/awards/certificates/{gold.pk}.pdf")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "증서" in text
    assert "금상" in text
