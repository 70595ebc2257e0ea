"""The clusters' seed: the ten clusters seed 002 announced and Kabul's proposal, the lead
cities that offered, Taipei's interest as a feed line (not a membership), translated names,
the SDGs' translated names; a second load creates nothing; a bad translation is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intercity.knowledge import seed, seed_clusters
from intercity.knowledge.models import Cluster, ClusterActivity, ClusterMember, Sdg

pytestmark = pytest.mark.django_db

SESSION = dt.date(2017, 6, 29)  # the World Mayors Roundtable, seed 002 "Program at a Glance"
TEN = [
    "Smart Government",
    "Smart Mobility",
    "Smart Environment",
    "Smart Economy",
    "Smart People",
    "Smart Living",
    "Living Labs for Open Innovation",
    "Big Data and Data-Driven Policy",
    "Smart Street Lighting",
    "Smart/Green Buildings",
]


def test_the_ten_announced_clusters_are_active_and_kabuls_is_proposed(wego):
    found = list(Cluster.objects.filter(network=wego).order_by("position"))
    assert [c.name for c in found] == [*TEN, "Smart Infrastructure"]
    assert all(c.status == Cluster.Status.ACTIVE for c in found[:10])
    proposed = found[10]
    assert proposed.status == Cluster.Status.PROPOSED
    assert proposed.proposed_by is not None
    assert proposed.proposed_by.key == "kabul"
    assert "Kabul" in proposed.source
    assert "Smart Infrastructure" in proposed.source
    assert all(c.announced_on == SESSION for c in found[:10])
    assert proposed.announced_on is None
    assert "2017-06-29" in proposed.source
    assert all(c.source.startswith("002, World Mayors Roundtable") for c in found)


def test_smart_and_low_carbon_city_of_seed_003_is_not_a_cluster(wego):
    assert not Cluster.objects.filter(name__icontains="low-carbon").exists()


@pytest.mark.parametrize(
    ("slug", "city"),
    [("living-labs-for-open-innovation", "seoul"), ("smart-government", "goyang")],
)
def test_the_cities_that_offered_lead_from_the_session_with_their_source(wego, slug, city):
    lead = ClusterMember.objects.get(
        cluster__slug=slug, role=ClusterMember.Role.LEAD, left_on__isnull=True
    )
    assert lead.organisation.key == city
    assert lead.joined_on == SESSION
    assert "readiness to lead" in lead.source
    assert ClusterActivity.objects.filter(
        cluster=lead.cluster, kind=ClusterActivity.Kind.LEAD, member=lead
    ).exists()


def test_the_other_clusters_have_no_lead_and_no_member(wego):
    led = {"living-labs-for-open-innovation", "smart-government"}
    for cluster in Cluster.objects.filter(network=wego).exclude(slug__in=led):
        assert not cluster.members.exists(), cluster.slug


def test_taipeis_interest_is_a_feed_line_not_a_membership(wego):
    assert not ClusterMember.objects.filter(organisation__key="taipei").exists()
    note = ClusterActivity.objects.get(
        cluster__slug="living-labs-for-open-innovation", kind=ClusterActivity.Kind.POST
    )
    assert "Taipei" in note.text
    assert "not a membership" in note.text
    assert note.at.date() == SESSION


def test_the_clusters_names_are_translated(wego):
    cluster = Cluster.objects.get(slug="living-labs-for-open-innovation")
    assert cluster.name_ko == "개방형 혁신을 위한 리빙랩"
    for suffix in ("ko", "zh_hans", "ru", "es"):
        for c in Cluster.objects.filter(network=wego):
            assert getattr(c, f"name_{suffix}"), (c.slug, suffix)


def test_the_sdgs_names_are_translated_in_the_uns_words(db):
    goal = Sdg.objects.get(number=11)
    assert goal.name_es == "Ciudades y comunidades sostenibles"
    assert goal.name_zh_hans == "可持续城市和社区"
    assert Sdg.objects.count() == 17
    assert not Sdg.objects.filter(name_ru="").exists()


def test_a_second_load_creates_nothing(wego):
    before = (
        Cluster.objects.count(),
        ClusterMember.objects.count(),
        ClusterActivity.objects.count(),
    )
    assert +seed.load() == {}
    assert (
        Cluster.objects.count(),
        ClusterMember.objects.count(),
        ClusterActivity.objects.count(),
    ) == before


def test_a_load_fills_an_empty_translation_and_keeps_a_corrected_one(wego):
    Cluster.objects.filter(slug="smart-mobility").update(name_ru="", name_es="Movilidad")
    seed_clusters.load()
    cluster = Cluster.objects.get(slug="smart-mobility")
    assert cluster.name_ru == "Умная мобильность"
    assert cluster.name_es == "Movilidad"


def test_a_translation_that_leaves_a_cluster_out_is_refused(wego, tmp_path: Path):
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "clusters.yaml").write_text(
        "clusters:\n  smart-government: 스마트 정부\n", encoding="utf-8"
    )
    with pytest.raises(seed_clusters.SeedProblem, match="differ"):
        seed_clusters.load(folder=tmp_path)


def test_an_empty_translation_is_refused(wego, tmp_path: Path):
    english = seed_clusters.read()
    (tmp_path / "es").mkdir()
    lines = [f"  {row['slug']}: x" for row in english["clusters"]]
    lines[0] = lines[0].replace(": x", ": ''")
    (tmp_path / "es" / "clusters.yaml").write_text(
        "clusters:\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    with pytest.raises(seed_clusters.SeedProblem, match="no text"):
        seed_clusters.load(folder=tmp_path)
