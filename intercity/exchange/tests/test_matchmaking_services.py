"""What delegates and staff do with a matchmaking event, through the services: windows,
requests and answers, scheduling, announcing and the rerun after a late change."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.accounts.permissions import SYSTEM
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.exchange.models_matchmaking import MatchmakingEvent, MeetingRequest
from intercity.exchange.services import matchmaking as services
from intercity.exchange.tests import factories_matchmaking as make

pytestmark = pytest.mark.django_db
DAY = make.DAY


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_an_officer_requests_a_meeting_and_the_target_accepts(seoul_officer, makati_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    request = services.request_meeting(seoul_officer, seoul, makati, priority=3, message="Data")
    assert request.status == MeetingRequest.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.accept(seoul_officer, request.pk)  # only the target answers
    services.accept(makati_officer, request.pk)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert request.decided_by == makati_officer
    assert AuditEvent.objects.filter(verb="accept_matchmaking_request").count() == 1


def test_a_request_to_oneself_or_a_second_pending_one_is_refused_in_words(seoul_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    with pytest.raises(DomainError, match="cannot request a meeting with itself"):
        services.request_meeting(seoul_officer, seoul, seoul)
    services.request_meeting(seoul_officer, seoul, makati)
    with pytest.raises(DomainError, match="already waiting for an answer"):
        services.request_meeting(seoul_officer, seoul, makati)
    with pytest.raises(DomainError, match="already waiting for an answer"):
        services.request_meeting(SYSTEM, makati, seoul)  # the other way round too
    assert MeetingRequest.objects.filter(event=event).count() == 1


def test_an_officer_cannot_act_for_another_delegation(seoul_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    with pytest.raises(PermissionDenied):
        services.request_meeting(seoul_officer, makati, seoul)
    with pytest.raises(PermissionDenied):
        services.add_window(seoul_officer, makati, at(9), at(10))


def test_the_requester_withdraws_a_pending_request_once(seoul_officer, makati_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    request = services.request_meeting(seoul_officer, seoul, makati)
    services.withdraw(seoul_officer, request.pk)
    with pytest.raises(DomainError, match="already been answered: it is withdrawn"):
        services.accept(makati_officer, request.pk)
    with pytest.raises(DomainError, match="Only a request waiting"):
        services.withdraw(seoul_officer, request.pk)
    # withdrawn: a new request between the two may be made
    services.request_meeting(seoul_officer, seoul, makati)


def test_requests_are_refused_once_closed(seoul_officer):
    event = make.event()
    seoul, makati = make.delegation(event, "seoul"), make.delegation(event, "makati")
    make.closed(event)
    with pytest.raises(DomainError, match="no longer takes meeting requests"):
        services.request_meeting(seoul_officer, seoul, makati)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (at(10), at(9), "end after it starts"),
        (at(9), at(9, 45), "whole number of 30-minute"),
        (at(9, day=DAY - dt.timedelta(days=1)), at(10, day=DAY - dt.timedelta(days=1)), "inside"),
        (at(10), at(11), "overlaps"),
    ],
)
def test_a_bad_window_is_refused_and_nothing_saved(seoul_officer, start, end, words):
    event = make.event()
    seoul = make.delegation(event, "seoul", windows=((9, 12),))
    with pytest.raises(DomainError, match=words):
        services.add_window(seoul_officer, seoul, start, end)
    assert seoul.windows.count() == 1


def test_windows_are_stored_in_the_events_time_zone(seoul_officer):
    event = make.event(time_zone="Europe/Madrid")
    seoul = make.delegation(event, "seoul", windows=())
    window = services.add_window(seoul_officer, seoul, at(9), at(10))
    # 09:00 in Madrid in summer is 07:00 UTC
    assert window.starts_at.astimezone(dt.UTC) == dt.datetime(2030, 6, 27, 7, 0, tzinfo=dt.UTC)


def test_staff_schedule_and_announce_then_both_agendas_show_the_meeting(
    secretariat, seoul_officer, makati_officer
):
    event = make.event(rooms=("Room A",))
    seoul = make.delegation(event, "seoul", windows=((10, 11),))
    makati = make.delegation(event, "makati", windows=((9, 12),))
    meeting = make.accepted(seoul, makati)
    make.closed(event)
    with pytest.raises(PermissionDenied):
        services.schedule(seoul_officer, event, seen_runs=0)
    run = services.schedule(secretariat, event, seen_runs=0)
    assert (run.placed, run.meetings, run.greedy_placed) == (1, 1, 1)
    assert "1 of 1 accepted meeting placed" in run.explanation
    assert services.agenda(seoul_officer, seoul) == []  # not announced yet
    services.announce(secretariat, event, run.pk)
    for user, participant, other in (
        (seoul_officer, seoul, makati),
        (makati_officer, makati, seoul),
    ):
        [item] = services.agenda(user, participant)
        assert item.request == meeting
        assert item.other == other
        assert item.room == "Room A"
        assert item.starts_at is not None
        assert item.starts_at.hour == 10
        assert str(item.starts_at.tzinfo) == "Asia/Seoul"
    with pytest.raises(PermissionDenied):
        services.agenda(makati_officer, seoul)
    with pytest.raises(DomainError, match="Only the latest scheduling run"):
        services.announce(secretariat, event, run.pk)


def test_a_meeting_without_common_time_is_unplaced_with_the_reason(secretariat):
    event = make.event()
    seoul = make.delegation(event, "seoul", windows=((9, 10),))
    makati = make.delegation(event, "makati", windows=((14, 15),))
    make.accepted(seoul, makati)
    make.closed(event)
    run = services.schedule(secretariat, event, seen_runs=0)
    assert run.placed == 0
    [row] = run.unplaced
    assert row["why"] == "Seoul and Makati are never available at the same time."


def test_an_out_of_date_schedule_press_is_refused(secretariat):
    event = make.event()
    make.closed(event)
    services.schedule(secretariat, event, seen_runs=0)
    with pytest.raises(DomainError, match="Another scheduling run"):
        services.schedule(secretariat, event, seen_runs=0)
    assert MatchmakingEvent.objects.get(pk=event.pk).runs.count() == 1


def test_a_rerun_after_a_late_change_keeps_announced_meetings_and_says_which_moved(secretariat):
    event = make.event(rooms=("Room A",))
    seoul = make.delegation(event, "seoul", windows=((9, 11),))
    makati = make.delegation(event, "makati", windows=((9, 11),))
    sejong = make.delegation(event, "sejong", windows=((9, 11),))
    first = make.accepted(seoul, makati)
    make.closed(event)
    run = services.schedule(secretariat, event, seen_runs=0)
    services.announce(secretariat, event, run.pk)
    announced = event.announced_run.placements.get(request=first)

    services.reopen_requests(secretariat, event)
    late = make.accepted(sejong, seoul, priority=3)
    make.closed(event)
    rerun = services.schedule(secretariat, event, seen_runs=1)
    assert rerun.placed == 2
    placements = {p.request_id: p for p in rerun.placements.all()}
    assert late.pk in placements
    # The solver honours `keep` where it can; whatever it did, the run records it truly.
    again = placements[first.pk]
    stayed = (again.room_id, again.starts_at) == (announced.room_id, announced.starts_at)
    assert (first.pk in rerun.kept) == stayed
    assert (first.pk in rerun.moved) == (not stayed)
    # Until the rerun is announced, the agendas still show the announced run.
    event.refresh_from_db()
    assert event.announced_run_id == run.pk


def test_a_changed_window_moves_an_announced_meeting_and_the_run_says_so(secretariat):
    event = make.event(rooms=("Room A",))
    seoul = make.delegation(event, "seoul", windows=((9, 10),))
    makati = make.delegation(event, "makati", windows=((9, 12),))
    meeting = make.accepted(seoul, makati)
    make.closed(event)
    run = services.schedule(secretariat, event, seen_runs=0)
    services.announce(secretariat, event, run.pk)
    # Seoul can no longer come at 09:00: its window is now 11:00-12:00.
    services.remove_window(secretariat, seoul.windows.get().pk)
    services.add_window(secretariat, seoul, at(11), at(12))
    rerun = services.schedule(secretariat, event, seen_runs=1)
    assert rerun.moved == [meeting.pk]
    assert "0 stay where they were and 1 moved" in rerun.explanation
    assert rerun.placements.get().starts_at.astimezone(event.zone).hour == 11
