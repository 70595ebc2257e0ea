"""Two of Seoul's administrators make a setup change at once: one effect, judged on what the
other left (threads released together, each on its own connection, against committed rows;
SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import setup_workflow, tenancy
from intercity.participation.models import Jurisdiction, Transition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def admins(seoul):
    return [person(f"admin-{n}", Role.CPS_ADMIN, "seoul") for n in range(2)]


def test_two_administrators_adding_the_same_move_make_one(seoul, admins):
    def add(i):
        return setup_workflow.add_transition(
            admins[i], seoul, "in_progress", "acknowledged", {"en": "Back to acknowledged"}
        )

    outcomes = run_concurrently(add, times=2)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1
    moves = Transition.objects.filter(
        jurisdiction=seoul, source__code="in_progress", target__code="acknowledged"
    )
    assert moves.count() == 1
    assert AuditEvent.objects.filter(verb="add_transition").count() == 1


def test_two_removals_that_together_would_strand_a_status_make_one(seoul, admins):
    setup_workflow.add_status(
        admins[0],
        seoul,
        code="waiting_parts",
        names={"en": "Waiting for parts"},
        open311="open",
        after="in_progress",
        move={"en": "Wait for parts"},
    )
    setup_workflow.add_transition(
        admins[0], seoul, "acknowledged", "waiting_parts", {"en": "Wait for parts"}
    )
    sources = ["in_progress", "acknowledged"]

    def remove(i):
        return setup_workflow.remove_transition(admins[i], seoul, sources[i], "waiting_parts")

    outcomes = run_concurrently(remove, times=2)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1
    assert "every status reachable" in str(outcomes.errors[0])
    assert Transition.objects.filter(jurisdiction=seoul, target__code="waiting_parts").count() == 1


def test_two_administrators_removing_each_other_leave_one(seoul, admins):
    def remove(i):
        return setup_workflow.remove_member(admins[i], seoul, admins[1 - i])

    outcomes = run_concurrently(remove, times=2)
    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 1
    left = [a for a in admins if tenancy.is_admin_of(a, seoul)]
    assert len(left) == 1
