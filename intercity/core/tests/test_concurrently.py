"""The concurrency harness really runs its threads together against committed rows: an
unguarded read-then-write loses updates, a conditional UPDATE does not."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat

from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_conditional_update_lets_exactly_one_of_eight_threads_win(committed_seed):
    event = AuditEvent.objects.create(verb="draft", object_type="t", object_id="1")

    def claim(_index: int) -> int:
        with transaction.atomic():
            return AuditEvent.objects.filter(pk=event.pk, verb="draft").update(verb="claimed")

    outcomes = run_concurrently(claim, times=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]


def test_threads_see_committed_rows_and_all_of_them_run(committed_seed):
    event = AuditEvent.objects.create(verb="count", object_type="t", object_id="2", after={})

    def bump(_index: int) -> None:
        with transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(
                object_id=Concat(F("object_id"), Value("x"))
            )

    outcomes = run_concurrently(bump, times=6)
    assert outcomes.errors == []
    event.refresh_from_db()
    assert event.object_id == "2" + "x" * 6
