"""Two presses at once: a proposal is accepted once (one exchange, one audit event), a need is
withdrawn once, an exchange moves once (threads on committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.exchange.models_needs import Exchange, Need, Proposal
from intercity.exchange.services import needs as services
from intercity.exchange.tests import factories_needs as make
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(committed_seed: None) -> dict:
    return {
        "staff": person("sam", Role.SECRETARIAT),
        "seoul": person("seoyeon", Role.CITY_OFFICER, "seoul"),
        "makati": person("miguel", Role.CITY_OFFICER, "makati"),
    }


def _proposal(people: dict) -> Proposal:
    make.need(people["makati"], "makati")
    make.offer(people["seoul"], "seoul")
    run = services.run_matching(people["staff"], Network.objects.get(slug="wego"))
    return run.proposals.get()


def test_accept_pressed_twice_at_once_makes_one_exchange(people):
    proposal = _proposal(people)
    outcomes = run_concurrently(
        lambda _i: services.accept_proposal(people["staff"], Proposal.objects.get(pk=proposal.pk)),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Exchange.objects.count() == 1
    assert AuditEvent.objects.filter(verb="accept_exchange_proposal").count() == 1


def test_withdraw_pressed_twice_at_once_withdraws_once(people):
    need = make.need(people["makati"], "makati")
    outcomes = run_concurrently(
        lambda _i: services.withdraw(people["makati"], Need.objects.get(pk=need.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert AuditEvent.objects.filter(verb="withdraw_exchange_need").count() == 1


def test_two_cities_agreeing_at_once_move_the_exchange_once(people):
    exchange = services.accept_proposal(people["staff"], _proposal(people))
    who = [people["makati"], people["seoul"]]
    outcomes = run_concurrently(
        lambda i: services.move(who[i], Exchange.objects.get(pk=exchange.pk), "agreed"), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert AuditEvent.objects.filter(verb="move_exchange").count() == 1
