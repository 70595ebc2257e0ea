"""The catalog search on the database it runs on (SQLite and PostgreSQL give the same
answers here): accents, case, Hangul, Chinese, Cyrillic, rank, each filter, facet counts
counted by hand, and "projects like this one" explained and stable."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intercity.core.errors import DomainError, NotFound
from intercity.knowledge.rules_search import words
from intercity.knowledge.services import search as services
from intercity.knowledge.services.search import Query
from intercity.knowledge.tests.factories_search import Catalog, catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat() -> Catalog:
    return catalog()


def found(cat: Catalog, **wanted: object) -> list[int]:
    """Ids of the results, in order, inside the test's own network."""
    query = Query(networks=(cat.world.network.slug,), **wanted)  # type: ignore[arg-type]
    return [hit.project.pk for hit in services.search(query, facets=False).hits]


def test_accents_and_case_are_ignored(cat: Catalog) -> None:
    assert found(cat, text="medellin") == [cat.p1.pk]
    assert found(cat, text="MEDELLÍN") == [cat.p1.pk]
    assert found(cat, text="Metrocable HILLSIDE") == [cat.p1.pk]


def test_a_hangul_word_finds_its_project(cat: Catalog) -> None:
    assert found(cat, text="북촌") == [cat.p2.pk]


def test_a_korean_word_finds_the_word_with_a_particle_glued_to_it(cat: Catalog) -> None:
    # 서울 is in p2's text as 서울시의, and is Seoul's Korean name (p2 and p6); never the draft.
    assert set(found(cat, text="서울")) == {cat.p2.pk, cat.p6.pk}


def test_a_chinese_word_is_found_inside_a_run_of_characters(cat: Catalog) -> None:
    assert found(cat, text="交通") == [cat.p3.pk]
    assert found(cat, text="北京") == [cat.p3.pk]


def test_cyrillic_words_are_found_whatever_their_case(cat: Catalog) -> None:
    assert found(cat, text="казань") == [cat.p4.pk]
    assert found(cat, text="ДАТЧИКИ воздуха") == [cat.p4.pk]


def test_a_city_or_theme_name_in_another_language_finds_the_projects(cat: Catalog) -> None:
    assert found(cat, text="환경") == [cat.p6.pk, cat.p5.pk, cat.p4.pk]


def test_every_word_must_be_found(cat: Catalog) -> None:
    assert found(cat, text="waste metrocable") == []


def test_an_unpublished_project_is_never_found(cat: Catalog) -> None:
    assert cat.draft.pk not in found(cat, text="waste")
    assert cat.draft.pk not in found(cat)


def test_the_best_match_comes_first(cat: Catalog) -> None:
    # p5 says "waste" three times and in its title; p6 twice, in its title too.
    assert found(cat, text="waste") == [cat.p5.pk, cat.p6.pk]
    # "sensor" is in p5's title; p6 and p3 hold it once, in their summaries.
    assert found(cat, text="sensor")[0] == cat.p5.pk


def test_equal_matches_come_newest_first(cat: Catalog) -> None:
    w = cat.world
    older = w.project("smalltown", "Quiet streets", summary="Zorbling of quiet streets.")
    newer = w.project("smalltown", "Quiet streets", summary="Zorbling of quiet streets.")
    assert found(cat, text="zorbling") == [newer.pk, older.pk]


def test_without_words_the_newest_come_first(cat: Catalog) -> None:
    assert found(cat) == [cat.p6.pk, cat.p5.pk, cat.p4.pk, cat.p3.pk, cat.p2.pk, cat.p1.pk]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ({"themes": ("mobility",)}, {"p1", "p3", "p6"}),
        ({"regions": ("asia",)}, {"p2", "p3", "p6"}),
        ({"countries": ("co",)}, {"p1"}),
        ({"city_sizes": ("over-10m",)}, {"p3"}),
        ({"city_sizes": ("5m-10m", "under-500k")}, {"p2", "p6", "p5"}),
        ({"budgets": ("under-100k",)}, {"p5"}),
        ({"budgets": ("unknown",)}, {"p4"}),
        ({"budget_min": Decimal(1_000_000), "budget_max": Decimal(40_000_000)}, {"p2", "p3"}),
        ({"statuses": ("completed",)}, {"p1", "p5", "p6"}),
        ({"sdgs": (12,)}, {"p5", "p6"}),
        ({"sdgs": (12,), "themes": ("mobility",)}, {"p6"}),
    ],
)
def test_each_filter_keeps_what_it_names(
    cat: Catalog, wanted: dict[str, object], expected: set[str]
) -> None:
    if "regions" in wanted:
        region = cat.world.network.regions.get(slug="asia")
        wanted = {**wanted, "regions": (str(region.pk),)}
    assert set(found(cat, **wanted)) == {getattr(cat, name).pk for name in expected}


def test_a_theme_may_be_named_by_its_id(cat: Catalog) -> None:
    mobility = cat.world.themes["mobility"]
    assert set(found(cat, themes=(str(mobility.pk),))) == {cat.p1.pk, cat.p3.pk, cat.p6.pk}


def counts(results: services.Results, facet: str) -> dict[str, int]:
    return {v.key: v.count for v in results.facets[facet]}


def test_facet_counts_are_those_of_the_results_with_the_other_filters(cat: Catalog) -> None:
    net = cat.world.network.slug
    results = services.search(Query(networks=(net,), statuses=("completed",)))
    assert results.total == 3
    themes = cat.world.themes
    # Completed: p1 (mobility), p5 (environment), p6 (environment, mobility).
    assert counts(results, "theme") == {
        str(themes["mobility"].pk): 2,
        str(themes["environment"].pk): 2,
    }
    # The statuses are counted without the status filter: 3 completed, 2 under way, 1 planned.
    assert counts(results, "status") == {"completed": 3, "under_way": 2, "planned": 1}
    assert [v.key for v in results.facets["status"] if v.selected] == ["completed"]
    # City sizes of p1 (2.5M), p5 (200k), p6 (9.4M).
    assert counts(results, "city_size") == {"1m-5m": 1, "under-500k": 1, "5m-10m": 1}
    assert counts(results, "budget") == {"10m-100m": 1, "under-100k": 1, "100k-1m": 1}
    assert counts(results, "sdg") == {"11": 2, "12": 2}
    assert counts(results, "country") == {"CO": 1, "ES": 1, "KR": 1}
    regions = {r.slug: str(r.pk) for r in cat.world.network.regions.all()}
    assert counts(results, "region") == {
        regions["americas"]: 1,
        regions["europe"]: 1,
        regions["asia"]: 1,
    }
    # Without the network filter the seeded catalog's completed projects count too.
    assert counts(results, "network")[str(cat.world.network.pk)] == 3


def test_facet_counts_follow_the_words(cat: Catalog) -> None:
    results = services.search(Query(text="waste", networks=(cat.world.network.slug,)))
    assert counts(results, "status") == {"completed": 2}
    assert counts(results, "sdg") == {"11": 1, "12": 2}


@pytest.mark.parametrize(
    "wanted",
    [
        {"themes": ("no-such-theme",)},
        {"networks": ("nowhere",)},
        {"regions": ("999999",)},
        {"regions": ("asia",)},
        {"countries": ("XX",)},
        {"city_sizes": ("huge",)},
        {"budgets": ("lots",)},
        {"statuses": ("abandoned",)},
        {"sdgs": (18,)},
        {"budget_min": Decimal(-1)},
        {"budget_min": Decimal("NaN")},
        {"budget_min": Decimal(10), "budget_max": Decimal(5)},
    ],
)
def test_a_filter_that_names_nothing_is_refused(cat: Catalog, wanted: dict[str, object]) -> None:
    with pytest.raises(DomainError) as refused:
        services.search(Query(**wanted))  # type: ignore[arg-type]
    assert refused.value.status_code == 422


def test_the_summary_marks_the_matched_words(cat: Catalog) -> None:
    hit = services.search(Query(text="medellin hillside")).hits[0]
    assert ("hillside", True) in hit.summary


def test_similar_projects_are_explained_and_never_the_project_or_a_draft(cat: Catalog) -> None:
    suggestions = services.similar(cat.p5)
    ids = [s.project.pk for s in suggestions]
    assert ids[0] == cat.p6.pk
    assert cat.p5.pk not in ids
    assert cat.draft.pk not in ids
    best = suggestions[0].likeness
    assert best.shared_themes == ("Environment",)
    # The shared words, rarest in the whole catalog first (the seeded projects count too).
    assert best.shared_terms
    assert set(best.shared_terms) <= set(words(cat.p5.search_text)) & set(words(cat.p6.search_text))
    assert best.shared_sdgs == (12,)
    why = services.explanation(best)
    assert why.startswith("Shares the theme Environment; shares the words")
    assert f"“{best.shared_terms[0]}”" in why
    assert why.endswith("works towards the same SDGs: 12.")


def test_similar_projects_are_the_same_twice_and_ties_go_by_id(cat: Catalog) -> None:
    w = cat.world
    twins = [
        w.project("kazan", "Tram depot", summary="Qwertle tram depot.", themes=("mobility",))
        for _ in range(2)
    ]
    first = [(s.project.pk, s.likeness.score) for s in services.similar(cat.p1)]
    second = [(s.project.pk, s.likeness.score) for s in services.similar(cat.p1)]
    assert first == second
    twin_positions = [
        first.index((t.pk, first[[p for p, _ in first].index(t.pk)][1])) for t in twins
    ]
    assert twin_positions[0] < twin_positions[1]
    scores = [score for _, score in first]
    assert scores == sorted(scores, reverse=True)


def test_a_draft_has_no_page_of_similar_projects(cat: Catalog) -> None:
    with pytest.raises(NotFound):
        services.get_published(cat.draft.pk)


def test_the_kept_word_counts_are_those_counted_live(cat: Catalog) -> None:
    from django.core.cache import cache
    from django.db import connection

    if connection.vendor != "postgresql":
        assert services.refresh_word_counts() == 0
        return
    terms = ["metrocable", "medellin", "waste", "nowhereword"]
    cache.clear()
    live, documents = services._document_frequencies(terms)
    assert services.refresh_word_counts() > 0
    cache.clear()
    kept, again = services._document_frequencies(terms)
    assert (kept, again) == (live, documents)
    assert kept["metrocable"] >= 1


def test_the_words_of_a_shared_themes_names_are_not_given_as_shared_words(cat: Catalog) -> None:
    w = cat.world
    w.theme("lagoons", "Lagoon Stewardship", name_es="Custodia de lagunas")
    alone = w.project("kazan", "Zorbit pumps", summary="Zorbit pumps.", themes=("lagoons",))
    other = w.project("kazan", "Zorbit valves", summary="Zorbit valves.", themes=("lagoons",))

    best = next(s for s in services.similar(alone) if s.project.pk == other.pk).likeness

    assert best.shared_themes == ("Lagoon Stewardship",)
    # Both search texts hold "lagoon", "stewardship", "custodia" and "lagunas" (the theme's
    # names, so that a search finds them), and "kazan" (the city's); they are not shared words.
    assert set(best.shared_terms) == {"zorbit"}
