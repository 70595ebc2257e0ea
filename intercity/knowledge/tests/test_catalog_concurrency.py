"""Two presses at once: a project is published once (one audit event, one line in each
theme's feed), sent for review once, and an award winner becomes one draft (threads on
committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.knowledge.models import ClusterActivity, Project
from intercity.knowledge.services import catalog
from intercity.knowledge.tests import factories_catalog as make
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wego(committed_seed: None) -> Network:
    return Network.objects.get(slug="wego")


def test_publish_pressed_twice_at_once_publishes_once(wego):
    secretariat = person("sam", Role.SECRETARIAT)
    project = make.project(state=Project.State.IN_REVIEW)
    project.themes.add(make.cluster(wego), make.cluster(wego, "Smart Mobility"))
    outcomes = run_concurrently(
        lambda _i: catalog.publish(secretariat, Project.objects.get(pk=project.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert "already published" in str(outcomes.errors[0])
    assert AuditEvent.objects.filter(verb="publish_catalog_project").count() == 1
    assert ClusterActivity.objects.filter(project=project).count() == 2  # one per theme


def test_send_for_review_pressed_twice_at_once_sends_once(wego):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    project = make.project()
    outcomes = run_concurrently(
        lambda _i: catalog.submit(officer, Project.objects.get(pk=project.pk)), times=2
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert AuditEvent.objects.filter(verb="submit_catalog_project").count() == 1


def test_add_to_catalog_pressed_twice_at_once_makes_one_draft(wego):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    placement = make.placement()
    outcomes = run_concurrently(lambda _i: catalog.add_winner(officer, placement.pk), times=2)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Project.objects.filter(award_placement_ref=placement.pk).count() == 1
    assert AuditEvent.objects.filter(verb="add_winner_to_catalog").count() == 1


def test_two_edits_from_one_copy_save_one(wego):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    project = make.project()

    def edit(i: int) -> Project:
        return catalog.update_project(
            officer, Project.objects.get(pk=project.pk), version=1, summary=f"Edit {i}"
        )

    outcomes = run_concurrently(edit, times=2)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    stored = Project.objects.get(pk=project.pk)
    assert stored.version == 2
    assert stored.summary == outcomes.results[0].summary
