"""Two requests at once: a city joins a cluster once, and a cluster has one lead city
(threads on committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.knowledge.models import Cluster, ClusterActivity, ClusterMember
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mobility(committed_seed: None) -> Cluster:
    return Cluster.objects.get(network__slug="wego", slug="smart-mobility")


def test_joining_twice_at_once_makes_one_membership(mobility):
    officer = person("miguel", Role.CITY_OFFICER, "makati")
    makati = Organisation.objects.get(key="makati")
    outcomes = run_concurrently(
        lambda _i: services.join(officer, Cluster.objects.get(pk=mobility.pk), makati), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert ClusterMember.objects.filter(cluster=mobility, organisation=makati).count() == 1
    assert ClusterActivity.objects.filter(cluster=mobility, kind="joined").count() == 1
    assert AuditEvent.objects.filter(verb="join_cluster").count() == 1


def test_two_leads_set_at_once_leave_one_lead(mobility):
    secretariat = person("sam", Role.SECRETARIAT)
    cities = [Organisation.objects.get(key=key) for key in ("makati", "goyang")]
    outcomes = run_concurrently(
        lambda i: services.set_lead(secretariat, Cluster.objects.get(pk=mobility.pk), cities[i]),
        times=2,
    )
    assert not [e for e in outcomes.errors if not isinstance(e, DomainError)], outcomes.errors
    leads = ClusterMember.objects.filter(cluster=mobility, role="lead", left_on__isnull=True)
    assert leads.count() == 1
    # each change that went through is audited and in the feed; the last one is the lead
    done = len(outcomes.results)
    assert done >= 1
    assert AuditEvent.objects.filter(verb="set_cluster_lead").count() == done
    latest = ClusterActivity.objects.filter(cluster=mobility, kind="lead").order_by("-at", "-pk")
    assert latest.count() == done
    assert latest[0].member is not None
    assert latest[0].member.organisation_id == leads.get().organisation_id


def test_the_same_lead_twice_at_once_is_set_once(mobility):
    secretariat = person("sam", Role.SECRETARIAT)
    makati = Organisation.objects.get(key="makati")
    outcomes = run_concurrently(
        lambda _i: services.set_lead(secretariat, Cluster.objects.get(pk=mobility.pk), makati),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert ClusterMember.objects.filter(cluster=mobility, organisation=makati).count() == 1
