"""Two clicks at once: a stage moves once, an application is submitted once (threads on
committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.models import Application, Edition, Stage
from intercity.awards.services import applications, editions
from intercity.awards.tests import factories_apps as make
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wego(committed_seed: None) -> Network:
    return Network.objects.get(slug="wego")


@pytest.mark.parametrize(
    ("source", "move", "target"),
    [
        (Stage.DRAFT, editions.open_applications, Stage.APPLICATIONS),
        (Stage.APPLICATIONS, editions.close_applications, Stage.SCREENING),
    ],
)
def test_a_double_stage_move_moves_once(wego, source, move, target):
    secretariat = person("sam", Role.SECRETARIAT)
    made = make.edition(wego, stage=source)
    outcomes = run_concurrently(
        lambda _i: move(secretariat, Edition.objects.get(pk=made.pk)), times=2
    )
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1, outcomes.errors
    assert Edition.objects.get(pk=made.pk).stage == target
    assert AuditEvent.objects.filter(object_id=str(made.pk), after__stage=target).count() == 1


def test_a_double_open_round1_opens_it_once(wego):
    secretariat = person("sam", Role.SECRETARIAT)
    made = make.edition(wego, stage=Stage.SCREENING, judges=1)
    make.application(made, status=Application.Status.ELIGIBLE)
    outcomes = run_concurrently(
        lambda _i: editions.open_round1(secretariat, Edition.objects.get(pk=made.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert AuditEvent.objects.filter(verb="open_award_round1").count() == 1


def test_a_double_submit_submits_once(wego):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    made = make.edition(wego)
    draft = make.application(made)
    outcomes = run_concurrently(
        lambda _i: applications.submit(officer, Application.objects.get(pk=draft.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Application.objects.get(pk=draft.pk).status == Application.Status.SUBMITTED
    assert AuditEvent.objects.filter(verb="submit_award_application").count() == 1


def test_a_submit_racing_the_close_of_applications_comes_first_or_is_refused(wego):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    secretariat = person("sam", Role.SECRETARIAT)
    made = make.edition(wego)
    draft = make.application(made)

    def act(i: int) -> object:
        if i == 0:
            return editions.close_applications(secretariat, Edition.objects.get(pk=made.pk))
        return applications.submit(officer, Application.objects.get(pk=draft.pk))

    outcomes = run_concurrently(act, times=2)
    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    assert Edition.objects.get(pk=made.pk).stage == Stage.SCREENING
    status = Application.objects.get(pk=draft.pk).status
    refused = [e for e in outcomes.errors if "not open for applications" in str(e)]
    assert (status, len(refused)) in {
        (Application.Status.SUBMITTED, 0),
        (Application.Status.DRAFT, 1),
    }
