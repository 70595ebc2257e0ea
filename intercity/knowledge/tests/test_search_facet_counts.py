"""The whole catalog's facet counts (the search page before anything is asked) stay those of
the published projects counted one by one, whatever changes them: publishing, unpublishing,
themes and SDGs added or removed, a budget or status edited, a project deleted. On PostgreSQL
they are kept by the database (migrations 0005 and 0007); on SQLite counted when asked."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from intercity.knowledge import rules_search
from intercity.knowledge.models import Project
from intercity.knowledge.rules_search import BUDGETS, CITY_SIZES, UNKNOWN
from intercity.knowledge.services import catalog as catalog_services
from intercity.knowledge.services import search as services
from intercity.knowledge.services.search import FACETS, Query
from intercity.knowledge.tests.factories_search import Catalog, catalog, sdg
from intercity.network.models import Membership

pytestmark = pytest.mark.django_db


def counted_one_by_one() -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}

    def add(name: str, key: Any) -> None:
        counts[name][str(key)] = counts[name].get(str(key), 0) + 1

    regions = {
        (m.network_id, m.organisation_id): m.region_id
        for m in Membership.objects.all()
        if m.region_id is not None
    }
    for project in (
        catalog_services.published()
        .select_related("organisation")
        .prefetch_related("themes", "sdgs")
    ):
        for theme in project.themes.all():
            add("theme", theme.pk)
        for goal in project.sdgs.all():
            add("sdg", goal.number)
        add("network", project.network_id)
        add("region", regions.get((project.network_id, project.organisation_id), UNKNOWN))
        add("country", project.organisation.country.code or UNKNOWN)
        add("city_size", rules_search.band_of(project.organisation.population, CITY_SIZES))
        add("budget", rules_search.band_of(project.budget_usd, BUDGETS))
        add("status", project.status or UNKNOWN)
    return counts


def assert_landing_counts_are_right() -> None:
    shown = services.search(Query(), facets=True).facets
    expected = counted_one_by_one()
    for name in FACETS:
        got = {value.key: value.count for value in shown[name]}
        # Unknown countries and regions have no label to show.
        wanted = {
            key: n
            for key, n in expected[name].items()
            if not (key == UNKNOWN and name in ("country", "region", "network"))
        }
        assert got == wanted, name


@pytest.fixture
def cat() -> Catalog:
    return catalog()


def test_the_landing_facets_are_the_published_projects_counted_one_by_one(cat: Catalog) -> None:
    assert_landing_counts_are_right()


def test_the_landing_facets_follow_every_change_in_the_same_transaction(
    cat: Catalog, secretariat: Any
) -> None:
    # Published: the draft (its themes and SDGs counted from then on).
    Project.objects.filter(pk=cat.draft.pk).update(
        state=Project.State.PUBLISHED, published_at=timezone.now()
    )
    assert_landing_counts_are_right()
    # Unpublished by the Secretariat.
    catalog_services.unpublish(secretariat, cat.p5, "A duplicate.")
    assert_landing_counts_are_right()
    # Themes and SDGs edited through the service, and through the links directly.
    p6 = Project.objects.get(pk=cat.p6.pk)
    catalog_services.update_project(
        secretariat,
        p6,
        version=p6.version,
        themes=[cat.world.themes["living-labs"].pk],
        sdgs=[3, 11],
    )
    assert_landing_counts_are_right()
    cat.p1.themes.add(cat.world.themes["environment"])
    cat.p2.sdgs.clear()
    cat.p3.sdgs.add(sdg(9), sdg(13))
    assert_landing_counts_are_right()
    # A budget and a status edited, a city moved, a project deleted.
    Project.objects.filter(pk=cat.p3.pk).update(budget_usd=Decimal("150000000"), status="")
    Project.objects.filter(pk=cat.p4.pk).update(organisation=cat.world.cities["seoul"])
    Project.objects.get(pk=cat.p1.pk).delete()
    assert_landing_counts_are_right()


def test_the_budget_bands_kept_by_the_database_are_those_of_the_rules() -> None:
    migration = importlib.import_module("intercity.knowledge.migrations.0007_facet_counts")
    edges = migration.BUDGET_EDGES.split("'")[1].strip("{}").split(",")
    assert [Decimal(edge) for edge in edges] == services._BUDGET_EDGES
