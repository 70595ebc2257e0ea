"""The results API: the editions each caller may see, an edition's results per category
and for the whole edition, 404s with a detail, and the schemas in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from intercity.accounts.services import create_api_token
from intercity.awards.models import Category, Edition, Placement, Stage
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, vote
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

API = "/api/v1/awards/editions"


@pytest.fixture
def decided(wego: Any, secretariat: Any) -> Round2World:
    world = round2_edition(wego)
    apps = world.apps()
    category = world.categories[0]
    for judge, other in zip(world.judges, (apps[1], apps[2], apps[4]), strict=True):
        vote(judge, category, apps[3], other)
    round2.close_round2(secretariat, world.edition)
    results.add_special_mention(secretariat, category, apps[0].pk, "Open data for all.")
    world.edition.refresh_from_db()
    return world


def as_staff(secretariat: Any) -> Client:
    client = Client()
    client.force_login(secretariat)
    return client


def test_the_public_sees_only_published_editions(decided: Round2World, secretariat: Any) -> None:
    # The seeded 2017 edition is published; this one is only decided.
    assert [e["year"] for e in Client().get(API).json()] == [2017]
    staff = as_staff(secretariat).get(API).json()
    assert {e["year"]: e["stage"] for e in staff} == {2019: "decided", 2017: "published"}
    results.publish(secretariat, decided.edition)
    [edition] = [e for e in Client().get(API).json() if e["year"] == 2019]
    assert edition == {
        "id": decided.edition.pk,
        "network": "wego",
        "year": 2019,
        "number": 4,
        "title": "2019 Smart Sustainable City Awards",
        "stage": "published",
        "categories": [
            {"id": decided.categories[0].pk, "code": "cat-0", "name": "Open City"},
            {"id": decided.categories[1].pk, "code": "cat-1", "name": "Digital Inclusion"},
        ],
    }


def test_results_are_404_until_published_except_for_the_secretariat(
    decided: Round2World, secretariat: Any, seoul_officer: Any
) -> None:
    url = f"{API}/{decided.edition.pk}/results"
    response = Client().get(url)
    assert response.status_code == 404
    assert "No published results" in response.json()["detail"]
    head = Client()
    head.force_login(decided.users[2])  # the head of panel: not through the API
    assert head.get(url).status_code == 404
    _stored, token = create_api_token(seoul_officer, "results")
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert as_staff(secretariat).get(url).status_code == 200


def test_the_results_per_category_and_for_the_whole_edition(
    decided: Round2World, secretariat: Any
) -> None:
    edition = results.publish(secretariat, decided.edition)
    Placement.objects.create(
        edition=edition,
        place="special-achievement",
        organisation=Organisation.objects.get(key="seoul"),
        ruling="For its leadership.",
    )
    body = Client().get(f"{API}/{edition.pk}/results").json()
    assert body["edition"]["stage"] == "published"
    assert body["published_at"]
    [open_city, digital] = body["categories"]
    assert digital == {
        "category": {"id": decided.categories[1].pk, "code": "cat-1", "name": "Digital Inclusion"},
        "placements": [],
    }
    gold, silver, mention = open_city["placements"]
    goyang = Organisation.objects.get(key="goyang")
    assert gold == {
        "place": "gold",
        "organisation": {"id": goyang.pk, "name": "Goyang", "country": "KR"},
        "project": "Bus Finder",
        "votes": 3,
        "ruling": "Gold: Bus Finder (Goyang) with 3 votes.",
    }
    assert (silver["place"], silver["project"], silver["votes"]) == ("silver", "Kiosk Network", 1)
    assert "the tie is broken by the round-1 scores" in silver["ruling"]
    assert (mention["place"], mention["votes"]) == ("special-mention", None)
    assert mention["ruling"] == "Special Mention of the panel: Open data for all."
    [wide] = body["edition_wide"]
    assert (wide["place"], wide["organisation"]["name"], wide["votes"]) == (
        "special-achievement",
        "Seoul",
        None,
    )


def test_a_record_without_votes_has_null_votes(wego: Any) -> None:
    edition = Edition.objects.create(
        network=wego, number=3, year=2015, title="Old Awards", stage=Stage.PUBLISHED
    )
    category = Category.objects.create(edition=edition, code="open-city", name="Open City")
    Placement.objects.create(
        edition=edition,
        category=category,
        place="gold",
        organisation=Organisation.objects.get(key="seoul"),
        project="Plaza",
    )
    body = Client().get(f"{API}/{edition.pk}/results").json()
    [placement] = body["categories"][0]["placements"]
    assert (placement["votes"], placement["ruling"]) == (None, "")


def test_an_unknown_edition_or_a_bad_token(db: None) -> None:
    response = Client().get(f"{API}/999999/results")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert Client().get(f"{API}/0/results").status_code == 422
    refused = Client().get(API, HTTP_AUTHORIZATION="Bearer nonsense")
    assert refused.status_code == 401


def test_the_schemas_are_in_the_openapi_document(db: None) -> None:
    document = Client().get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    for name in ("AwardEditionOut", "AwardResultsOut", "AwardPlacementOut"):
        assert name in schemas
    assert "/api/v1/awards/editions/{edition_id}/results" in document["paths"]
    placement = schemas["AwardPlacementOut"]["properties"]
    assert set(placement) == {"place", "organisation", "project", "votes", "ruling"}
