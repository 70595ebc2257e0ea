"""The catalog's demonstration projects (`load_demo_projects`, run by `demo_knowledge` in `make
run`): labelled as demonstration data, in several languages and cities of both networks, with
work for the demo Seoul officer (drafts and one in review). Run twice, it adds nothing."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command

from intercity.knowledge import demo_projects, rules
from intercity.knowledge.models import Cluster, Project
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> list[Project]:
    call_command("create_demo_users", stdout=io.StringIO())
    demo_projects.load_demo_projects()
    return list(Project.objects.filter(demo=True))


def test_every_demo_project_is_labelled_and_says_its_figures_are_not_real(demo):
    assert len(demo) == len(demo_projects.PROJECTS) == 26
    for project in demo:
        assert project.demo
        assert project.source == demo_projects.SOURCE
        note = demo_projects.FIGURES_NOTE[project.language]
        assert project.figures_and_impact.startswith(note)
        if project.budget_usd is not None:
            assert project.budget_and_financing.startswith(note)
        assert project.search_text
    # The seeded projects are not demonstration data.
    assert not Project.objects.filter(demo=True, source__startswith="seed").exists()


def test_a_second_run_creates_nothing(demo):
    assert +demo_projects.load_demo_projects() == Counter()
    assert Project.objects.filter(demo=True).count() == 26


def test_a_first_run_counts_what_it_made():
    Project.objects.filter(demo=True).delete()
    created = demo_projects.load_demo_projects()
    assert created == Counter(projects=26, partners=7)


def test_several_languages_cities_and_both_networks(demo):
    assert {p.language for p in demo} == {"en", "ko", "es", "ru", "zh-hans"}
    assert {p.network.slug for p in demo} == {"wego", "ascn"}
    assert len({p.organisation_id for p in demo}) >= 15
    # The search across languages has something to find: Hangul, accents, Cyrillic, Chinese.
    texts = " ".join(p.search_text for p in demo)
    for word in ("가로등", "participacion", "освещение", "停车"):
        assert word in texts, word
    assert rules.fold("Participación") in texts


def test_each_city_writes_in_a_network_it_belongs_to(demo):
    for project in demo:
        assert project.organisation.memberships.filter(network=project.network).exists(), (
            project.title
        )


def test_the_seoul_officer_has_drafts_and_one_project_in_review(demo):
    seoul = [p for p in demo if p.organisation.key == "seoul"]
    states = Counter(p.state for p in seoul)
    assert states == Counter(
        {Project.State.DRAFT: 2, Project.State.IN_REVIEW: 1, Project.State.PUBLISHED: 2}
    )
    in_review = next(p for p in seoul if p.state == Project.State.IN_REVIEW)
    assert in_review.submitted_at is not None
    assert in_review.published_at is None
    assert all(p.created_by and p.created_by.username == "seoul" for p in seoul)
    makati = [p for p in demo if p.organisation.key == "makati"]
    assert Project.State.DRAFT in {p.state for p in makati}


def test_published_ones_have_dates_drafts_do_not(demo):
    for project in demo:
        if project.state == Project.State.PUBLISHED:
            assert project.published_at is not None
        else:
            assert project.published_at is None


def test_budgets_statuses_sdgs_and_partners_for_the_filters(demo):
    assert all(p.budget_usd is not None and p.budget_usd > 0 for p in demo)
    assert {p.status for p in demo} == set(Project.Status.values)
    assert all(p.sdgs.exists() for p in demo)
    assert sum(p.partners.count() for p in demo) == 7


def test_themes_are_set_when_the_clusters_exist():
    wego = Network.objects.get(slug="wego")
    lighting, _ = Cluster.objects.get_or_create(
        network=wego, slug="smart-street-lighting", defaults={"name": "Smart Street Lighting"}
    )
    green, _ = Cluster.objects.get_or_create(
        network=wego, slug="smartgreen-buildings", defaults={"name": "Smart/Green Buildings"}
    )
    Project.objects.filter(demo=True).delete()
    demo_projects.load_demo_projects()
    assert set(lighting.projects.filter(demo=True).values_list("title", flat=True)) == {
        "스마트 가로등 시범사업",
        "Умное освещение дворов",
    }
    # The slug slugify() gives "Smart/Green Buildings" is found too.
    assert set(green.projects.filter(demo=True).values_list("title", flat=True)) == {
        "Rooftop Solar for Public Buildings"
    }


def test_a_city_missing_from_the_registry_is_skipped():
    Project.objects.filter(demo=True).delete()
    Organisation.objects.filter(key="makassar").update(key="makassar-elsewhere")
    created = demo_projects.load_demo_projects()
    assert created["projects"] == 25
    assert not Project.objects.filter(demo=True, title="Digital Land Records").exists()
