"""The results as services: the panel's Special Mentions, publication (refused while a tie
on places is undecided), who sees the results when, and a record of placements only."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.awards.models import Application, Edition, Placement, Stage
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, vote
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(wego: Any, secretariat: Any) -> Round2World:
    """Round 2 closed: in Open City, Bus Finder Gold (3 votes), Citizen Desk Silver (2)."""
    world = round2_edition(wego)
    apps = world.apps()
    category = world.categories[0]
    j0, j1, j2 = world.judges
    vote(j0, category, apps[3], apps[4])
    vote(j1, category, apps[3], apps[1])
    vote(j2, category, apps[4], apps[3])
    round2.close_round2(secretariat, world.edition)
    world.edition.refresh_from_db()
    return world


# --- Special Mentions ------------------------------------------------------------------------


def test_the_secretariat_records_a_special_mention_for_the_panel(
    decided: Round2World, secretariat: Any
) -> None:
    air_watch = decided.apps()[5]  # not even a finalist: any eligible application may
    placement = results.add_special_mention(
        secretariat, decided.categories[0], air_watch.pk, "Clean air data for every school."
    )
    assert (placement.place, placement.votes, placement.application) == (
        "special-mention",
        None,
        air_watch,
    )
    assert placement.ruling == "Special Mention of the panel: Clean air data for every school."
    assert AuditEvent.objects.get(verb="add_special_mention").reason.startswith("Clean air")


def test_the_head_of_panel_may_record_one_too(decided: Round2World) -> None:
    results.add_special_mention(
        decided.users[2], decided.categories[0], decided.apps()[0].pk, "Why"
    )
    with pytest.raises(PermissionDenied):
        results.add_special_mention(
            decided.users[1], decided.categories[0], decided.apps()[1].pk, "Why"
        )


def test_no_special_mention_for_gold_silver_or_beyond_the_number(
    decided: Round2World, secretariat: Any
) -> None:
    apps = decided.apps()
    category = decided.categories[0]
    with pytest.raises(DomainError, match="Bus Finder already has a place: Gold"):
        results.add_special_mention(secretariat, category, apps[3].pk, "Why")
    with pytest.raises(DomainError, match="already has a place: Silver"):
        results.add_special_mention(secretariat, category, apps[4].pk, "Why")
    results.add_special_mention(secretariat, category, apps[0].pk, "Why")
    with pytest.raises(DomainError, match="already has its Special Mentions \\(1 at most\\)"):
        results.add_special_mention(secretariat, category, apps[1].pk, "Why")
    assert category.placements.filter(place="special-mention").count() == 1


def test_no_special_mention_for_another_category_or_an_ineligible_entry(
    decided: Round2World, secretariat: Any
) -> None:
    category = decided.categories[0]
    with pytest.raises(DomainError, match="Only an eligible application of Open City"):
        results.add_special_mention(secretariat, category, decided.apps(1)[0].pk, "Why")
    Application.objects.filter(pk=decided.apps()[0].pk).update(status=Application.Status.INELIGIBLE)
    with pytest.raises(DomainError, match="Only an eligible application"):
        results.add_special_mention(secretariat, category, decided.apps()[0].pk, "Why")
    with pytest.raises(DomainError, match="reason"):
        results.add_special_mention(secretariat, category, decided.apps()[1].pk, " ")


def test_no_special_mention_before_the_close_or_after_publication(
    wego: Any, secretariat: Any, decided: Round2World
) -> None:
    category = decided.categories[0]
    results.publish(secretariat, decided.edition)
    with pytest.raises(DomainError, match="after round 2 closes"):
        results.add_special_mention(secretariat, category, decided.apps()[0].pk, "Why")
    early = round2_edition(wego, year=2021, prefix="early")
    with pytest.raises(DomainError, match="after round 2 closes"):
        results.add_special_mention(secretariat, early.categories[0], early.apps()[0].pk, "Why")


def test_an_application_tied_for_a_place_gets_no_mention_before_the_tie_is_decided(
    wego: Any, secretariat: Any
) -> None:
    world = round2_edition(wego)
    apps = world.apps()
    from intercity.awards.tests.factories_round2 import set_round1

    set_round1(apps[4], 7, 6)
    for judge in world.judges:
        vote(judge, world.categories[0], apps[3], apps[4])
    round2.close_round2(secretariat, world.edition)
    with pytest.raises(DomainError, match="tied for a place"):
        results.add_special_mention(secretariat, world.categories[0], apps[3].pk, "Why")


# --- Publication -----------------------------------------------------------------------------


def test_publishing_sets_the_day_and_is_in_the_history(
    decided: Round2World, secretariat: Any
) -> None:
    edition = results.publish(secretariat, decided.edition)
    edition.refresh_from_db()
    assert edition.stage == Stage.PUBLISHED
    assert edition.published_at is not None
    event = AuditEvent.objects.get(verb="publish_results")
    assert (event.before, event.after["stage"]) == ({"stage": "decided"}, "published")
    with pytest.raises(DomainError, match="Only decided results can be published") as refused:
        results.publish(secretariat, decided.edition)
    assert refused.value.status_code == 409


def test_only_the_secretariat_publishes_and_only_decided_results(
    wego: Any, decided: Round2World, secretariat: Any
) -> None:
    with pytest.raises(PermissionDenied):
        results.publish(decided.users[2], decided.edition)
    open_round = round2_edition(wego, year=2021, prefix="open")
    with pytest.raises(DomainError, match="Round 2: voting"):
        results.publish(secretariat, open_round.edition)


# --- Who sees the results --------------------------------------------------------------------


def test_decided_results_are_the_secretariats_and_the_heads_until_published(
    decided: Round2World, secretariat: Any, seoul_officer: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    edition = decided.edition
    for nobody in (AnonymousUser(), seoul_officer, decided.users[1]):
        with pytest.raises(NotFound):
            results.results(nobody, edition)
    found = results.results(secretariat, edition)
    assert not found.published
    [open_city, digital] = found.categories
    assert open_city.gold is not None
    assert open_city.gold.project == "Bus Finder"
    assert open_city.silver is not None
    assert digital.placements == []
    assert open_city.mentions_left == 1
    assert [a.title for a in open_city.mentionable] == [
        "Air Watch",
        "Kiosk Network",
        "Open Data Plaza",
        "Zero Waste Streets",
    ]
    assert results.results(decided.users[2], edition).categories[0].gold is not None
    edition = results.publish(secretariat, edition)
    public = results.results(AnonymousUser(), edition)
    assert public.published
    assert public.categories[0].mentionable == []


def test_only_published_editions_are_listed_for_the_public(
    decided: Round2World, secretariat: Any, seoul_officer: Any
) -> None:
    assert decided.edition not in results.editions_with_results(seoul_officer)
    assert decided.edition in results.editions_with_results(secretariat)
    results.publish(secretariat, decided.edition)
    assert decided.edition in results.editions_with_results(seoul_officer)


def test_a_record_of_placements_only_is_shown_without_numbers(wego: Any) -> None:
    edition = Edition.objects.create(
        network=wego, number=3, year=2015, title="Old Awards", stage=Stage.PUBLISHED
    )
    from intercity.awards.models import Category

    category = Category.objects.create(edition=edition, code="open-city", name="Open City")
    seoul = Organisation.objects.get(key="seoul")
    Placement.objects.create(
        edition=edition, category=category, place="gold", organisation=seoul, project="Plaza"
    )
    Placement.objects.create(
        edition=edition, place="special-achievement", organisation=seoul, project=""
    )
    found = results.results(None, edition)
    assert found.categories[0].gold is not None
    assert found.categories[0].gold.votes is None
    assert [p.place for p in found.edition_wide] == ["special-achievement"]


def test_a_certificate_is_only_for_published_results(
    decided: Round2World, secretariat: Any
) -> None:
    gold = Placement.objects.get(category=decided.categories[0], place="gold")
    with pytest.raises(NotFound):
        results.get_certificate_placement(secretariat, gold.pk)
    results.publish(secretariat, decided.edition)
    assert results.get_certificate_placement(None, gold.pk) == gold
    with pytest.raises(NotFound):
        results.get_certificate_placement(None, 999999)
