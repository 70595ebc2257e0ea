"""The catalog projects the seeds describe (seed 002), as the seed loads them: the 18 winners
of the 3rd WeGO Smart Sustainable City Awards, each pointing at its placement, and the city
cases of the 4th General Assembly's sessions, each citing its passage and saying only what
the passage says. The test database is seeded once (conftest), so each test starts from the
loaded projects."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
import yaml

from intercity.awards.models import Placement
from intercity.core import seed_files
from intercity.knowledge import seed_projects
from intercity.knowledge.models import Cluster, Project
from intercity.network.models import Membership, Network, Organisation

pytestmark = pytest.mark.django_db

SEED_002 = Path("/work/shared/seeds/002_wego_general_assembly_2017_final_report.txt")
AWARDS_FILE = Path(seed_projects.__file__).parent.parent / "awards/seed_data/wego_awards_2017.yaml"
CEREMONY = dt.datetime(2017, 6, 28, 12, tzinfo=dt.UTC)


def seeded() -> list[Project]:
    return list(Project.objects.filter(source__startswith="seed 0"))


def project(city: str, title: str) -> Project:
    return Project.objects.get(network__slug="wego", organisation__name=city, title=title)


def test_the_seed_gives_53_published_wego_projects_each_citing_seed_002():
    projects = seeded()
    data = seed_projects.read()
    assert len(projects) == len(data["awards"]) + len(data["cases"]) == 18 + 35 == 53
    for p in projects:
        assert p.network.slug == "wego"
        assert p.state == Project.State.PUBLISHED
        assert not p.demo
        assert p.source.startswith("seed 002, ")
        assert p.summary
        assert p.search_text  # the search can find it
        assert p.published_at.date() in {
            dt.date(2017, 6, 27),
            dt.date(2017, 6, 28),
            dt.date(2017, 6, 29),
        }
        assert not p.sdgs.exists()  # the seed ties no project to an SDG
        assert p.budget_usd is None  # the seed gives no budget in dollars


def test_a_second_load_creates_nothing():
    before = Project.objects.count()
    assert +seed_projects.load() == Counter()
    assert Project.objects.count() == before


def test_a_load_after_the_projects_were_removed_makes_them_again_with_the_same_cities():
    cities = Organisation.objects.count()
    Project.objects.filter(source__startswith="seed 0").delete()
    created = seed_projects.load()
    assert created == Counter(projects=53, partners=2)
    assert Organisation.objects.count() == cities  # Novosibirsk found, not doubled
    assert +seed_projects.load() == Counter()


def test_each_winner_points_at_its_own_placement_of_2017():
    winners = Project.objects.filter(award_placement_ref__isnull=False)
    assert winners.count() == 18
    for p in winners:
        placement = Placement.objects.get(pk=p.award_placement_ref)
        assert placement.edition.year == 2017
        assert placement.organisation_id == p.organisation_id
        assert placement.project == p.title
        assert p.published_at == CEREMONY
        assert p.source.startswith("seed 002, Winners of the 3rd WeGO Smart Sustainable City")
    # Every category placement of 2017 has its project (the Special Achievement Awards have
    # no project and no catalog entry).
    placed = Placement.objects.filter(edition__year=2017, category__isnull=False)
    assert set(placed.values_list("pk", flat=True)) == set(
        winners.values_list("award_placement_ref", flat=True)
    )


def test_the_winners_are_the_awards_seed_files_eighteen_with_the_same_words():
    awards = yaml.safe_load(AWARDS_FILE.read_text(encoding="utf-8"))
    theirs = {
        (row.get("registry_name") or row["city"], row["project"], code, row["place"])
        for code, placements in awards["placements"].items()
        for row in placements
    }
    data = seed_projects.read()
    ours = {(row["city"], row["title"], *row["award"]) for row in data["awards"]}
    assert ours == theirs
    assert data["award_categories"] == {row["code"]: row["name"] for row in awards["categories"]}


def test_a_winner_says_what_it_won_and_what_the_seed_says_of_it():
    goyang = project("Goyang", "Smart Waste Collection and Management Service")
    assert goyang.summary.startswith(
        "Gold, Sustainable City, 3rd WeGO Smart Sustainable City Awards (2017)."
    )
    assert "Ecube Labs" in goyang.summary
    partner = goyang.partners.get()
    assert partner.name == "Ecube Labs"
    assert partner.organisation.key == "ecube-labs"
    assert "Exhibition Area" in goyang.source
    # A winner the seed does not describe says only what it won.
    edmonton = project("Edmonton", "Open City Initiative")
    assert edmonton.summary == "Gold, Open City, 3rd WeGO Smart Sustainable City Awards (2017)."
    assert not edmonton.main_features
    assert not edmonton.figures_and_impact
    assert not edmonton.partners.exists()
    # The figures the seed gives, where it names the winning project.
    kampala = project("Kampala", "Revenue Modernization Project (RMP)")
    assert "tripled within six years" in kampala.figures_and_impact
    assert "30 minutes" in kampala.figures_and_impact
    jakarta = project("Jakarta", "Jakarta Smart City Portal")
    assert "6,426 CCTV feeds" in jakarta.figures_and_impact


def test_the_city_cases_of_the_sessions_as_the_seed_tells_them():
    bukchon = project("Seoul", "Bukchon Living Lab")
    assert "Bukchon into a living lab by 2020" in bukchon.summary
    assert bukchon.status == Project.Status.PLANNED
    assert bukchon.published_at.date() == dt.date(2017, 6, 29)  # World Mayors Roundtable
    assert bukchon.source.startswith("seed 002, World Mayors Roundtable")

    sejong = project("Sejong", "Sejong Smart City Project")
    assert "underground pipes" in sejong.main_features
    assert "unmanned bike rental" in sejong.main_features
    assert "online-to-offline (O2O)" in sejong.main_features
    assert sejong.award_placement_ref is None  # the seed does not say it is the winner

    madrid = project("Madrid", "Decide Madrid")
    assert "citizen participation platform" in madrid.summary
    assert "25,000 votes" in madrid.figures_and_impact

    ufa = project("Ufa", "Developing Urban Power Grids Using Smart Grid Technologies")
    assert ufa.budget_and_financing == "A total project investment of 5 billion Russian rubles."
    assert ufa.status == Project.Status.UNDER_WAY

    energy = project("Ulyanovsk Region", "Smart Energy Cluster")
    assert "59 projects" in energy.figures_and_impact
    assert energy.source == "seed 002, Session 6 Smart Cities and Regions in Russia"


def figures(p: Project) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d", p.figures_and_impact + p.budget_and_financing)


def test_every_figure_is_one_the_seed_file_quotes_from_seed_002():
    """The numbers a project gives are the seed's: each appears in the passages the YAML
    file quotes in its comments (copied from seed 002)."""
    path = Path(seed_projects.SEED_DIR) / "projects.yaml"
    quotes = " ".join(
        line.split("#", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if "#" in line
    )
    for p in seeded():
        for number in figures(p):
            assert number in quotes, (p.title, number)


@pytest.mark.skipif(not SEED_002.exists(), reason="the seed texts are not on this machine")
def test_every_figure_is_in_seed_002_itself():
    text = SEED_002.read_text(encoding="utf-8")
    for p in seeded():
        for number in figures(p):
            assert number in text, (p.title, number)


def test_a_status_only_where_the_seed_says_and_no_dates_it_does_not_give():
    with_status = {p.title: p.status for p in seeded() if p.status}
    assert with_status == {
        "Bukchon Living Lab": "planned",
        "Citizen 360": "under_way",
        "Developing Urban Power Grids Using Smart Grid Technologies": "under_way",
        "Electronic Omsk and Information Society programmes": "completed",
        "Tatarstan Smart City Project": "planned",
    }
    assert not any(p.started_on or p.completed_on for p in seeded())


def test_a_city_the_registry_lacked_is_added_citing_the_seed_without_a_membership():
    novosibirsk = Organisation.objects.get(name="Novosibirsk", country="RU")
    assert novosibirsk.source.startswith("seed 002, Session 6")
    assert not Membership.objects.filter(organisation=novosibirsk).exists()


def test_the_64_practices_of_seed_001_are_not_made_up():
    text = (Path(seed_projects.SEED_DIR) / "projects.yaml").read_text(encoding="utf-8")
    assert "64 practices" in text
    assert not Project.objects.filter(source__startswith="seed 001").exists()


def test_themes_are_tagged_from_the_clusters_when_they_exist():
    """On a database whose clusters are seeded, the projects the seed plainly puts in a
    cluster's area carry that theme; a cluster that does not exist is left out."""
    wego = Network.objects.get(slug="wego")
    living_labs, _ = Cluster.objects.get_or_create(
        network=wego,
        slug="living-labs-for-open-innovation",
        defaults={"name": "Living Labs for Open Innovation"},
    )
    Project.objects.filter(source__startswith="seed 0").delete()
    seed_projects.load()
    tagged = set(living_labs.projects.values_list("title", flat=True))
    assert tagged == {
        "Bukchon Living Lab",
        "Seoul Business App Center",
        "Taipei Smart City Living Lab – Government as a Platform",
    }
    bukchon = project("Seoul", "Bukchon Living Lab")
    assert "living labs for open innovation" in bukchon.search_text
    # Edmonton's project has no theme: the seed puts it in no cluster's area.
    assert not project("Edmonton", "Open City Initiative").themes.exists()


def test_without_the_awards_module_the_rows_carry_no_reference():
    wego = Network.objects.get(slug="wego")
    with mock.patch.object(seed_projects.modules, "is_installed", return_value=False):
        rows = seed_projects.rows(wego)
    winners = [row for row in rows if row.award]
    assert len(rows) == 53
    assert len(winners) == 18
    assert all(row.award_placement_ref is None for row in rows)
    # They still say what they won.
    assert all(row.texts["summary"].startswith(("Gold", "Silver", "Special")) for row in winners)


def test_without_the_awards_module_the_winners_are_seeded_without_reference():
    Project.objects.filter(source__startswith="seed 0").delete()
    with mock.patch.object(seed_projects.modules, "is_installed", return_value=False):
        created = seed_projects.load()
    assert created["projects"] == 53
    assert not Project.objects.filter(award_placement_ref__isnull=False).exists()


def test_with_the_awards_module_every_winner_row_has_a_reference():
    wego = Network.objects.get(slug="wego")
    rows = seed_projects.rows(wego)
    assert sum(1 for row in rows if row.award_placement_ref) == 18


def test_a_row_without_a_seed_passage_or_with_a_double_is_refused():
    data = seed_files.read(Path(seed_projects.SEED_DIR) / "projects.yaml")
    wego = Network.objects.get(slug="wego")
    uncited = dict(data, cases=[{**data["cases"][0], "source": "a blog"}])
    with pytest.raises(seed_projects.SeedProblem, match="cites no seed passage"):
        seed_projects.rows(wego, uncited)
    doubled = dict(data, cases=[data["cases"][0], data["cases"][0]])
    with pytest.raises(seed_projects.SeedProblem, match="given twice"):
        seed_projects.rows(wego, doubled)
    invented = dict(data, cases=[{**data["cases"][0], "budget_usd": 1000}])
    with pytest.raises(seed_projects.SeedProblem, match="unknown fields"):
        seed_projects.rows(wego, invented)
    bad_status = dict(data, cases=[{**data["cases"][0], "status": "finished"}])
    with pytest.raises(seed_projects.SeedProblem, match="unknown status"):
        seed_projects.rows(wego, bad_status)
