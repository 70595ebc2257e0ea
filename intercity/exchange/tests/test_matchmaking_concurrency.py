"""Two presses at once (threads on committed rows, SQLite and PostgreSQL): a request is
answered once, and two staff pressing "schedule" together make one run."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.exchange.models_matchmaking import MatchmakingEvent, MeetingRequest, ScheduleRun
from intercity.exchange.services import matchmaking as services
from intercity.exchange.tests import factories_matchmaking as make

pytestmark = pytest.mark.django_db(transaction=True)


def test_accept_and_decline_at_once_make_one_decision(committed_seed):
    seoul_officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    makati_officer = person("miguel", Role.CITY_OFFICER, "makati")
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    request = services.request_meeting(seoul_officer, seoul, makati)

    def answer(i: int) -> MeetingRequest:
        action = services.accept if i % 2 == 0 else services.decline
        return action(makati_officer, request.pk)

    outcomes = run_concurrently(answer, times=4)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 3
    decided = AuditEvent.objects.filter(
        verb__in=["accept_matchmaking_request", "decline_matchmaking_request"]
    )
    assert decided.count() == 1
    assert MeetingRequest.objects.get(pk=request.pk).status == outcomes.results[0].status


def test_two_schedule_presses_at_once_make_one_run(committed_seed):
    staff = person("sam", Role.SECRETARIAT)
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    make.accepted(seoul, makati)
    make.closed(event)

    outcomes = run_concurrently(
        lambda _i: services.schedule(staff, MatchmakingEvent.objects.get(pk=event.pk), seen_runs=0),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert "Another scheduling run" in str(outcomes.errors[0])
    assert ScheduleRun.objects.filter(event=event).count() == 1
    assert AuditEvent.objects.filter(verb="schedule_matchmaking").count() == 1
