"""The journal's state changes under requests that arrive together: issues created at once
take different numbers (never an IntegrityError), publications at once publish once, adds of
the same project at once add it once. Threads run against committed rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.knowledge.models import JournalEntry, JournalIssue
from intercity.knowledge.services import journal
from intercity.knowledge.tests import factories_journal as make
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


def test_issues_created_at_once_take_different_numbers(committed_seed: None) -> None:
    secretariat = person("sam", Role.SECRETARIAT)
    wego = Network.objects.get(slug="wego")

    def create(index: int) -> Any:
        return journal.create_issue(secretariat, wego, f"Issue made by request {index}")

    outcomes = run_concurrently(create, times=6)

    assert outcomes.count(IntegrityError) == 0
    # Every creation either made an issue or was refused cleanly (409), never a crash.
    assert len(outcomes.results) + outcomes.count(DomainError) == 6
    assert len(outcomes.errors) == outcomes.count(DomainError)
    numbers = sorted(JournalIssue.objects.filter(network=wego).values_list("number", flat=True))
    assert numbers == list(range(1, len(outcomes.results) + 1))
    assert len(outcomes.results) >= 1
    assert AuditEvent.objects.filter(verb="create_journal_issue").count() == len(numbers)


def test_new_issue_forms_sent_at_once_never_answer_500(committed_seed: None) -> None:
    secretariat = person("sam", Role.SECRETARIAT)
    wego = Network.objects.get(slug="wego")
    clients = []
    for _ in range(4):
        client = Client()
        client.force_login(secretariat)
        clients.append(client)

    def post(index: int) -> int:
        response = clients[index].post(
            "/knowledge/journal/new/", {"network": wego.pk, "title": f"Form {index}"}
        )
        return response.status_code

    outcomes = run_concurrently(post, times=4)

    assert not outcomes.errors
    assert set(outcomes.results) <= {302, 409}
    made = JournalIssue.objects.filter(network=wego).count()
    assert made == outcomes.results.count(302)
    assert sorted(JournalIssue.objects.values_list("number", flat=True)) == list(range(1, made + 1))


def test_publications_at_once_publish_once(committed_seed: None) -> None:
    secretariat = person("sam", Role.SECRETARIAT)
    issue = make.issue(projects=(make.project(),), editorial="Why these.")

    def publish(_index: int) -> Any:
        return journal.publish_issue(secretariat, JournalIssue.objects.get(pk=issue.pk))

    outcomes = run_concurrently(publish, times=6)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 5, outcomes.errors
    assert all("already published" in e.message for e in outcomes.errors)
    assert AuditEvent.objects.filter(verb="publish_journal_issue").count() == 1


def test_the_same_project_added_at_once_goes_in_once(committed_seed: None) -> None:
    secretariat = person("sam", Role.SECRETARIAT)
    item = make.project()
    issue = make.issue()

    def add(_index: int) -> Any:
        return journal.add_entry(secretariat, JournalIssue.objects.get(pk=issue.pk), item.pk, "")

    outcomes = run_concurrently(add, times=4)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3, outcomes.errors
    assert JournalEntry.objects.filter(issue=issue).count() == 1
