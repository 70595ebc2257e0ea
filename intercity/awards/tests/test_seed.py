"""The 3rd WeGO Smart Sustainable City Awards (seed 002) as the seed loads them: a finished,
published edition with its six categories, its panel and head of panel, 18 placements and two
Special Achievement Awards, and nothing the seed does not give (criteria, applications,
scores, votes). The test database is seeded once (conftest), so each test starts from the
loaded edition."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from intercity.awards import seed
from intercity.awards.models import (
    Application,
    Ballot,
    Category,
    Criterion,
    Edition,
    Judge,
    Placement,
    Scorecard,
    Stage,
)
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

CATEGORIES = [
    "Open City",
    "Digital Inclusion",
    "Innovative Smart City",
    "Sustainable City",
    "e-Government Service",
    "Cooperative City",
]


def edition_2017() -> Edition:
    return Edition.objects.get(network__slug="wego", year=2017)


def test_a_second_load_creates_nothing():
    assert edition_2017()  # loaded once by the test database's seed
    assert +seed.load() == Counter()
    assert Edition.objects.filter(network__slug="wego", year=2017).count() == 1
    assert Placement.objects.filter(edition__year=2017).count() == 20


def test_a_load_after_the_edition_was_removed_makes_it_again_with_the_same_cities():
    cities = Organisation.objects.count()
    edition_2017().delete()
    created = seed.load()
    assert +created == Counter(edition=1, category=6, judge=6, placement=20)
    assert Organisation.objects.count() == cities  # Cape Town and Qingdao found, not doubled
    assert +seed.load() == Counter()


def test_the_edition_is_the_third_finished_and_published_with_the_seeds_numbers():
    edition = edition_2017()
    assert (edition.number, edition.year, edition.stage) == (3, 2017, Stage.PUBLISHED)
    assert edition.published
    assert not edition.demo
    assert edition.title == "3rd WeGO Smart Sustainable City Awards"
    assert edition.ceremony_on == dt.date(2017, 6, 28)
    assert (edition.score_min, edition.score_max) == (1, 10)
    assert (edition.finalists, edition.votes_per_judge, edition.special_mentions) == (5, 2, 1)
    assert edition.source.startswith("seed 002")


def test_the_six_categories_in_the_seeds_order_and_no_invented_criteria():
    edition = edition_2017()
    assert [c.name for c in edition.categories.order_by("position")] == CATEGORIES
    assert not Criterion.objects.filter(category__edition=edition).exists()


def test_nothing_is_recorded_that_the_seed_does_not_give():
    edition = edition_2017()
    assert not Application.objects.filter(edition=edition).exists()
    assert not Scorecard.objects.filter(application__edition=edition).exists()
    assert not Ballot.objects.filter(category__edition=edition).exists()
    assert not Placement.objects.filter(edition=edition, votes__isnull=False).exists()
    assert not Placement.objects.filter(edition=edition, application__isnull=False).exists()
    for placement in Placement.objects.filter(edition=edition):
        assert "seed 002" in placement.ruling
        assert "no scores or votes" in placement.ruling
        assert placement.source.startswith("seed 002")


def test_eighteen_category_placements_one_gold_one_silver_one_special_mention_each():
    edition = edition_2017()
    in_categories = Placement.objects.filter(edition=edition, category__isnull=False)
    assert in_categories.count() == 18
    for category in edition.categories.all():
        places = sorted(category.placements.values_list("place", flat=True))
        assert places == ["gold", "silver", "special-mention"], category.name


def test_the_winners_as_the_seed_writes_them():
    edition = edition_2017()

    def won(code: str, place: str) -> tuple[str, str, str]:
        p = Placement.objects.get(edition=edition, category__code=code, place=place)
        return (p.organisation.name, str(p.organisation.country), p.project)

    assert won("open-city", "gold") == ("Edmonton", "CA", "Open City Initiative")
    assert won("innovative-smart-city", "gold") == (
        "Qingdao",
        "CN",
        'Qingdao "Smart Social Insurance" People\'s Livelihood Service Platform',
    )
    assert won("innovative-smart-city", "silver") == ("New Taipei", "TW", "NTPC Library 2.0+")
    # The registry names Taipei "Taipei City": the seed's winner is that organisation.
    assert won("cooperative-city", "gold") == (
        "Taipei City",
        "TW",
        "Taipei Smart City Living Lab – Government as a Platform",
    )
    assert won("cooperative-city", "special-mention")[2] == (
        "After Classes Project – Extra School Study Groups and Activities for Children"
    )


def test_two_special_achievement_awards_of_the_whole_edition():
    found = Placement.objects.filter(
        edition=edition_2017(), place=Placement.Place.SPECIAL_ACHIEVEMENT
    )
    assert sorted(p.organisation.name for p in found) == ["Beyoğlu", "Chengdu"]
    assert all(p.category is None and p.project == "" for p in found)
    assert Placement.objects.filter(edition=edition_2017(), category__isnull=True).count() == 2


def test_winners_in_the_registry_are_found_not_doubled():
    for key in ("edmonton", "jakarta", "goyang", "sejong", "moscow", "kampala", "beyoglu"):
        organisation = Organisation.objects.get(key=key)
        assert organisation.award_placements.filter(edition=edition_2017()).count() == 1
    for name in ("Edmonton", "Goyang", "Moscow"):
        assert Organisation.objects.filter(name=name).count() == 1


def test_a_city_not_in_the_registry_is_added_citing_the_seed_without_a_membership():
    for name, country in (("Cape Town", "ZA"), ("Qingdao", "CN")):
        organisation = Organisation.objects.get(name=name)
        assert str(organisation.country) == country
        assert organisation.kind == Organisation.Kind.CITY
        assert organisation.source.startswith("seed 002, Winners of the 3rd WeGO")
        assert not organisation.memberships.exists()


def test_the_six_judges_as_the_seed_gives_them_with_marc_wolfram_head_of_panel():
    edition = edition_2017()
    judges = Judge.objects.filter(edition=edition)
    assert judges.count() == 6
    assert not judges.filter(user__isnull=False).exists()
    head = judges.get(is_head=True)
    assert head.name == "Marc Wolfram"
    assert (head.country, head.affiliation) == (
        "Germany",
        "Associate Professor, Urban Sustainability Transitions Lab, Yonsei University",
    )
    assert "Head of the Awards Judging Panel" in head.source
    bueti = judges.get(name="Cristina Bueti")
    assert bueti.country == "Switzerland"
    assert "International Telecommunication Union (ITU)" in bueti.affiliation
    assert not bueti.is_head


def test_the_title_and_categories_read_in_korean_and_every_language_is_there():
    edition = edition_2017()
    with translation.override("ko"):
        assert edition.title == "제3회 WeGO 스마트 지속가능 도시 어워드"
        assert edition.categories.get(code="open-city").name == "오픈 시티"
    for language in ("ko", "zh_hans", "ru", "es"):
        for category in edition.categories.all():
            assert getattr(category, f"name_{language}"), (category.code, language)


def test_a_translation_left_empty_is_filled_on_the_next_load_and_an_edited_one_stays():
    edition = edition_2017()
    Category.objects.filter(edition=edition, code="open-city").update(name_es="")
    Category.objects.filter(edition=edition, code="digital-inclusion").update(name_es="Corrected")
    assert +seed.load() == Counter(translation=1)
    assert Category.objects.get(edition=edition, code="open-city").name_es == "Ciudad Abierta"
    assert Category.objects.get(edition=edition, code="digital-inclusion").name_es == "Corrected"


def copy_translations(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    shutil.copytree(seed.TRANSLATIONS_DIR, folder)
    return folder


def test_a_translation_naming_a_category_the_english_file_lacks_is_refused(tmp_path):
    folder = copy_translations(tmp_path)
    path = folder / "ko" / seed.EDITION_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["categories"]["smart-city"] = data["categories"].pop("open-city")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(seed.SeedProblem, match=r"ko.*open-city"):
        seed.load(folder)


def test_a_translation_without_a_title_is_refused(tmp_path):
    folder = copy_translations(tmp_path)
    path = folder / "ru" / seed.EDITION_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["edition"]["title"] = " "
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(seed.SeedProblem, match=r"ru.*edition\.title"):
        seed.load(folder)


def test_a_city_the_registry_has_twice_in_one_country_is_refused_not_guessed():
    Organisation.objects.create(key="edmonton-2", name="Edmonton", country="CA")
    edition_2017().delete()
    with pytest.raises(seed.SeedProblem, match="more than one 'Edmonton'"):
        seed.load()
    assert not Edition.objects.filter(network__slug="wego", year=2017).exists()  # nothing half
