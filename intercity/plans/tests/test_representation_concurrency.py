"""Two nominations at once for a state's last place: one wins, the other is refused (threads on
committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network
from intercity.plans.models_representation import Designation, Nomination
from intercity.plans.services import representation as services
from intercity.plans.tests import factories_representation as make

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_nominations_for_the_last_place_at_once_one_wins(committed_seed):
    ascn = Network.objects.get(slug="ascn")
    secretariat = person("sam", Role.SECRETARIAT)
    # Laos has two of three places taken (Luang Prabang, Vientiane): one place is left.
    cities = [make.city("Luang Namtha", "LA"), make.city("Pakse", "LA")]
    outcomes = run_concurrently(
        lambda i: services.nominate(secretariat, ascn, "LA", cities[i]), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert "already has 3 pilot cities" in str(outcomes.errors[0])
    assert Nomination.objects.filter(network=ascn, state__country="LA").count() == 3
    assert AuditEvent.objects.filter(verb="nominate_pilot_city").count() == 1


def test_two_national_representatives_at_once_one_is_designated(committed_seed):
    ascn = Network.objects.get(slug="ascn")
    secretariat = person("sam", Role.SECRETARIAT)
    thailand = make.state(ascn, "TH")
    outcomes = run_concurrently(
        lambda i: services.designate(
            secretariat, ascn, "national_representative", f"Person {i}", state=thailand
        ),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Designation.objects.filter(state=thailand, end__isnull=True).count() == 1
