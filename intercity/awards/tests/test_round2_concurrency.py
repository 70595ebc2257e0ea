"""Round 2's state changes happen once however many requests arrive together: a judge's
double submit makes one ballot, two closes count once, Special Mentions never pass the
edition's number, two publications publish once. Threads run against committed rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from intercity.awards.models import Ballot, Placement
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, vote
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(committed_seed: None) -> Round2World:
    return round2_edition(Network.objects.get(slug="wego"))


def test_a_double_submit_of_the_ballot_form_makes_one_ballot(world: Round2World) -> None:
    apps = world.apps()
    category = world.categories[0]
    url = f"/awards/categories/{category.pk}/ballot/"
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(world.users[1])
        clients.append(client)

    def submit(index: int) -> int:
        response = clients[index].post(url, {"choice": [apps[0].pk, apps[1].pk]})
        return response.status_code

    outcomes = run_concurrently(submit, times=4)

    assert not outcomes.errors
    assert sorted(outcomes.results) == [302, 409, 409, 409]
    assert Ballot.objects.filter(category=category).count() == 1
    assert AuditEvent.objects.filter(verb="cast_ballot").count() == 1


def test_eight_closes_at_once_count_once(world: Round2World, committed_seed: None) -> None:
    from intercity.accounts.models import Role
    from intercity.accounts.tests.factories import person

    secretariat = person("sam", Role.SECRETARIAT)
    apps = world.apps()
    category = world.categories[0]
    for judge in world.judges:
        vote(judge, category, apps[3], apps[4])
    world.judges[0].ballots.get().choices.set([apps[3], apps[2]])

    def close(_index: int) -> Any:
        return round2.close_round2(secretariat, round2.get_edition(world.edition.pk))

    outcomes = run_concurrently(close, times=8)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7, outcomes.errors
    assert Placement.objects.filter(category=category).count() == 2
    assert AuditEvent.objects.filter(verb="close_round2").count() == 1

    others = [apps[0], apps[1], apps[2], apps[5]]  # none of them Gold or Silver

    def mention(index: int) -> Any:
        return results.add_special_mention(
            secretariat, round2.get_category(category.pk), others[index % len(others)].pk, "Why"
        )

    outcomes = run_concurrently(mention, times=4)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3, outcomes.errors
    assert Placement.objects.filter(category=category, place="special-mention").count() == 1

    def publish(_index: int) -> Any:
        return results.publish(secretariat, round2.get_edition(world.edition.pk))

    outcomes = run_concurrently(publish, times=6)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 5, outcomes.errors
    assert AuditEvent.objects.filter(verb="publish_results").count() == 1


def test_a_ballot_racing_the_close_is_counted_or_refused_never_lost(
    world: Round2World, committed_seed: None
) -> None:
    from intercity.accounts.models import Role
    from intercity.accounts.tests.factories import person

    secretariat = person("sam", Role.SECRETARIAT)
    apps = world.apps()
    category = world.categories[0]
    vote(world.judges[0], category, apps[3], apps[4])
    vote(world.judges[2], category, apps[3], apps[1])

    def act(index: int) -> Any:
        if index == 0:
            return round2.close_round2(secretariat, round2.get_edition(world.edition.pk))
        return round2.cast_ballot(
            world.users[1], round2.get_category(category.pk), [apps[1].pk, apps[2].pk]
        )

    outcomes = run_concurrently(act, times=2)

    counted = AuditEvent.objects.get(verb="close_round2").after["counts"]["cat-0"]
    if Ballot.objects.filter(judge=world.judges[1]).exists():
        assert not outcomes.errors
        assert counted.startswith("3 ballots counted")
    else:
        assert outcomes.count(DomainError) == 1, outcomes.errors
        assert counted.startswith("2 ballots counted")
