"""The edition's page leads each person to what they do next: a seated judge to their
scorecards in round 1 and to their ballot in round 2, the Secretariat to each round's progress
and the results to publish, everyone to the results once they are published."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from intercity.awards.models import Edition, Stage
from intercity.awards.tests.factories_apps import edition

pytestmark = pytest.mark.django_db


def page(client: Client, made: Edition) -> str:
    return client.get(reverse("awards_edition", args=[made.pk])).content.decode()


@pytest.mark.parametrize(
    ("stage", "link", "label"),
    [
        (Stage.ROUND1, "awards_round1_judge", "Your scorecards"),
        (Stage.ROUND2, "awards_round2_ballot", "Your round-2 votes"),
    ],
)
def test_a_seated_judge_is_led_to_the_rounds_page(wego: Any, stage: str, link: str, label: str):
    made = edition(wego, stage=stage, judges=2)
    judge = made.judges.filter(is_head=False).get().user
    head = made.judges.get(is_head=True).user
    assert judge is not None
    assert head is not None
    client = Client()
    client.force_login(judge)
    html = page(client, made)
    assert f'href="{reverse(link, args=[made.pk])}">{label}</a>' in html
    client.force_login(head)
    assert label in page(client, made)
    assert label not in page(Client(), made)


def test_the_secretariat_is_led_to_each_rounds_progress(wego: Any, secretariat: Any):
    made = edition(wego, stage=Stage.ROUND1, judges=1)
    client = Client()
    client.force_login(secretariat)
    assert reverse("awards_round1_progress", args=[made.pk]) in page(client, made)
    Edition.objects.filter(pk=made.pk).update(stage=Stage.ROUND2)
    html = page(client, made)
    assert reverse("awards_round2_progress", args=[made.pk]) in html
    assert reverse("awards_round1_progress", args=[made.pk]) not in html
    Edition.objects.filter(pk=made.pk).update(stage=Stage.DECIDED)
    assert "Results to publish" in page(client, made)
    assert reverse("awards_results", args=[made.pk]) not in page(Client(), made)


def test_everyone_is_led_to_published_results(wego: Any):
    seeded = Edition.objects.get(network=wego, year=2017)
    html = page(Client(), seeded)
    assert f'href="{reverse("awards_results", args=[seeded.pk])}">Results</a>' in html


def test_a_demonstration_edition_says_so_on_its_pages(wego: Any, secretariat: Any):
    made = edition(wego, stage=Stage.ROUND1, judges=1, demo=True)
    client = Client()
    client.force_login(secretariat)
    for url in (
        reverse("awards_edition", args=[made.pk]),
        reverse("awards_round1_progress", args=[made.pk]),
    ):
        assert "Demonstration data: this edition" in client.get(url).content.decode()
    real = edition(wego, stage=Stage.ROUND1, judges=1)
    assert "Demonstration data" not in page(client, real)
