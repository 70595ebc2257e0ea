"""A city's choice to share its figures happens once, however many of its administrators
press at once: threads released together, each on its own connection (SQLite and
PostgreSQL alike)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import services
from intercity.participation.models import Jurisdiction, PerformanceSharing

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def admins(seoul):
    return [person(f"cps-admin-{n}", Role.CPS_ADMIN, "seoul") for n in range(THREADS)]


def test_sharing_pressed_at_once_shares_once(seoul, admins):
    def share(i: int) -> bool:
        return services.share_performance(
            admins[i], Jurisdiction.objects.get(pk=seoul.pk), timezone.now()
        )

    outcomes = run_concurrently(share, times=THREADS)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [False] * (THREADS - 1) + [True]
    assert PerformanceSharing.objects.filter(jurisdiction=seoul).count() == 1
    assert AuditEvent.objects.filter(verb="share_performance").count() == 1


def test_stopping_pressed_at_once_stops_once(seoul, admins):
    services.share_performance(admins[0], seoul, timezone.now())

    def stop(i: int) -> bool:
        return services.stop_sharing_performance(admins[i], Jurisdiction.objects.get(pk=seoul.pk))

    outcomes = run_concurrently(stop, times=THREADS)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [False] * (THREADS - 1) + [True]
    assert not PerformanceSharing.objects.filter(jurisdiction=seoul).exists()
    assert AuditEvent.objects.filter(verb="stop_sharing_performance").count() == 1
