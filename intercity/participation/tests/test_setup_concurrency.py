"""Two administrators create a service with the same code at once: one is created, the other
is told the code is taken (SQLite and PostgreSQL alike: threads on their own connections)."""

from __future__ import annotations

import pytest

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import setup
from intercity.participation.models import Department, Jurisdiction, Service
from intercity.participation.tests.factories import admin_of

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def admins(seoul):
    return [admin_of(f"admin-{n}", "seoul") for n in range(THREADS)]


def test_two_creates_of_one_code_at_once_make_one_service(seoul, admins):
    def create(i: int) -> Service:
        fields = setup.ServiceFields(code="sinkhole", names={"ko": f"싱크홀 {i}"})
        return setup.create_service(admins[i], Jurisdiction.objects.get(pk=seoul.pk), fields)

    outcomes = run_concurrently(create, times=THREADS)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == THREADS - 1
    assert {e.status_code for e in outcomes.errors} == {409}
    assert Service.objects.filter(jurisdiction=seoul, code="sinkhole").count() == 1
    assert AuditEvent.objects.filter(verb="create_service").count() == 1


def test_two_departments_of_one_name_at_once_make_one(seoul, admins):
    def create(i: int) -> Department:
        return setup.create_department(
            admins[i], Jurisdiction.objects.get(pk=seoul.pk), {"ko": "안전과", "en": "Safety"}
        )

    outcomes = run_concurrently(create, times=THREADS)
    assert len(outcomes.results) == 1, outcomes.errors
    assert Department.objects.filter(jurisdiction=seoul, name="Safety").count() == 1
