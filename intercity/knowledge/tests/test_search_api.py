"""The projects API: the search with filters and facets, a project in the unified format,
projects like it with the reasons; published only; bad input refused with a JSON detail."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from intercity.knowledge.models import ProjectLink, ProjectPartner
from intercity.knowledge.tests.factories_search import Catalog, catalog

pytestmark = pytest.mark.django_db
URL = "/api/v1/knowledge/projects"


@pytest.fixture
def cat() -> Catalog:
    return catalog()


def test_the_search_finds_by_words_and_filters_with_facets(client: Client, cat: Catalog) -> None:
    net = cat.world.network.slug
    answer = client.get(URL, {"q": "MEDELLIN", "network": str(net)})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["id"] == cat.p1.pk
    assert item["city"] == {"id": cat.p1.organisation_id, "name": "Medellín", "country": "CO"}
    assert item["themes"][0]["slug"] == "mobility"
    assert item["status"] == "completed"
    assert item["url"] == f"/knowledge/projects/{cat.p1.pk}/"
    assert {f["key"]: f["count"] for f in body["facets"]["status"]} == {"completed": 1}

    themed = client.get(URL, {"theme": "environment", "network": net, "status": "completed"})
    assert [i["id"] for i in themed.json()["items"]] == [cat.p6.pk, cat.p5.pk]
    sdg = client.get(URL, {"sdg": "9", "network": net, "facets": "false"}).json()
    assert [i["id"] for i in sdg["items"]] == [cat.p3.pk]
    assert sdg["facets"] == {}


def test_the_search_pages_with_limit_and_offset(client: Client, cat: Catalog) -> None:
    net = cat.world.network.slug
    page = client.get(URL, {"network": net, "limit": "2", "offset": "2"}).json()
    assert page["total"] == 6
    assert [i["id"] for i in page["items"]] == [cat.p4.pk, cat.p3.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"budget_min": "lots"},
        {"budget_min": "-5"},
        {"budget_min": "100", "budget_max": "50"},
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"sdg": 18},
        {"country": "XX"},
        {"status": "abandoned"},
        {"city_size": "huge"},
    ],
)
def test_bad_input_is_refused_with_a_detail(
    client: Client, cat: Catalog, params: dict[str, Any]
) -> None:
    answer = client.get(URL, params)
    assert answer.status_code in (400, 422)
    assert "detail" in answer.json()


def test_a_project_in_the_unified_format(client: Client, cat: Catalog) -> None:
    ProjectPartner.objects.create(project=cat.p6, name="EcoBin Co.", role="Sensors")
    ProjectLink.objects.create(project=cat.p6, label="Report", url="https://example.org/r")
    body = client.get(f"{URL}/{cat.p6.pk}").json()
    assert body["title"] == "Smart waste collection"
    assert body["budget_usd"] == "500000.00"
    assert body["partners"] == [{"name": "EcoBin Co.", "role": "Sensors", "organisation": None}]
    assert body["links"] == [{"label": "Report", "url": "https://example.org/r"}]
    assert [s["number"] for s in body["sdgs"]] == [12]
    assert body["similar_url"] == f"/knowledge/projects/{cat.p6.pk}/similar/"


def test_a_draft_or_unknown_project_is_not_found(client: Client, cat: Catalog) -> None:
    for pk in (cat.draft.pk, 10**9):
        assert client.get(f"{URL}/{pk}").status_code == 404
        assert client.get(f"{URL}/{pk}/similar").status_code == 404
    assert client.get(f"{URL}/0").status_code == 422


def test_similar_projects_come_with_their_reasons(client: Client, cat: Catalog) -> None:
    answer = client.get(f"{URL}/{cat.p5.pk}/similar", {"limit": 3})
    assert answer.status_code == 200
    items = answer.json()
    assert len(items) <= 3
    assert items[0]["project"]["id"] == cat.p6.pk
    assert items[0]["shared_themes"] == ["Environment"]
    assert items[0]["shared_terms"]
    assert items[0]["why"].startswith("Shares the theme Environment")
    assert all(i["project"]["id"] not in (cat.p5.pk, cat.draft.pk) for i in items)
    assert client.get(f"{URL}/{cat.p5.pk}/similar", {"limit": 0}).status_code == 422
