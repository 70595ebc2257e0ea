"""The search page and a project's "projects like this one" page, without a browser: the GET
form, the facets, the result count, pagination, no results, the htmx fragments."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.knowledge.tests.factories_search import Catalog, catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat() -> Catalog:
    return catalog()


def test_the_search_page_shows_results_facets_and_marked_words(
    client: Client, cat: Catalog
) -> None:
    page = client.get(
        "/knowledge/projects/", {"q": "medellin hillside", "network": cat.world.network.slug}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 project found." in html
    assert "Metrocable for Medellín hillsides" in html
    assert "<mark>hillside</mark>" in html
    assert 'name="status" value="completed"' in html
    assert "Clear the search and filters" in html


def test_a_search_with_no_result_offers_a_way_back(client: Client, cat: Catalog) -> None:
    html = client.get("/knowledge/projects/", {"q": "qqqzzzxx"}).content.decode()
    assert "No published project answers this search." in html
    assert 'href="/knowledge/projects/"' in html


def test_an_unknown_filter_is_said_not_ignored(client: Client, cat: Catalog) -> None:
    page = client.get("/knowledge/projects/", {"theme": "no-such-theme"})
    assert page.status_code == 422
    assert "There is no theme “no-such-theme”." in page.content.decode()
    assert client.get("/knowledge/projects/", {"budget_min": "lots"}).status_code == 422


def test_results_come_in_pages(client: Client, cat: Catalog) -> None:
    w = cat.world
    for n in range(21):
        w.project("smalltown", f"Paged project {n}", summary="Plimsoll.")
    first = client.get("/knowledge/projects/", {"q": "plimsoll"}).content.decode()
    assert "21 projects found." in first
    assert "Page 1 of 2" in first
    assert "page=2" in first
    second = client.get("/knowledge/projects/", {"q": "plimsoll", "page": "2"}).content.decode()
    assert "Paged project 0" in second


def test_htmx_gets_the_results_fragment(client: Client, cat: Catalog) -> None:
    html = client.get("/knowledge/projects/", {"q": "waste"}, HTTP_HX_REQUEST="true")
    text = html.content.decode()
    assert "<html" not in text
    assert "Smart waste collection" in text


def test_the_similar_page_says_why_and_htmx_gets_a_fragment(client: Client, cat: Catalog) -> None:
    url = f"/knowledge/projects/{cat.p5.pk}/similar/"
    page = client.get(url).content.decode()
    assert "Projects like “Waste sensors for every bin”" in page
    assert "Shares the theme Environment" in page
    assert "Waste sensors for every bin, draft" not in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "Smart waste collection" in fragment
    assert client.get(f"/knowledge/projects/{cat.draft.pk}/similar/").status_code == 404
