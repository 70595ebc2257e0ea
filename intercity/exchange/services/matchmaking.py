"""Matchmaking meetings at an event (seed 002): the named actions and what the pages read.

Who does what:
- Secretariat staff make an event, its rooms and its participants (a delegation of any
  organisation, with or without a login), close and reopen requests, schedule and announce;
  they may act for any participant;
- a participant's officers (city officers of its organisation) set its availability windows,
  request meetings, accept or decline the requests they receive, withdraw their own.

Each action runs in one transaction and writes its audit event; its state is checked inside
the transaction by a conditional update or a row lock, so two presses at once have one effect.
Scheduling is the one long action: a run claims its number by a conditional update (one run
for two presses), the solver works outside any transaction, and the result is stored only if
no newer run was started meanwhile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.exchange import rules_matchmaking as rules
from intercity.exchange import rules_schedule, solver
from intercity.exchange.models_matchmaking import (
    Availability,
    MatchmakingEvent,
    MatchmakingParticipant,
    MatchmakingRoom,
    MeetingPlacement,
    MeetingRequest,
    ScheduleRun,
)
from intercity.network.models import Network, Organisation

Status = MatchmakingEvent.Status
RequestStatus = MeetingRequest.Status
TIME_LIMIT_S = 10.0


# --- Reading ---------------------------------------------------------------------------------


def events() -> QuerySet[MatchmakingEvent]:
    return MatchmakingEvent.objects.select_related("network").order_by("-starts_on", "pk")


def get_event(pk: int) -> MatchmakingEvent:
    event = events().filter(pk=pk).first()
    if event is None:
        raise NotFound(_("No matchmaking event %(id)s.") % {"id": pk})
    return event


def event_link(network_slug: str, name: str) -> tuple[str, str] | None:
    """The name and page address of a network's matchmaking event by its name, for another
    module's page that places it in a programme (the events module); None when there is none."""
    from django.urls import reverse

    found = MatchmakingEvent.objects.filter(network__slug=network_slug, name=name).first()
    if found is None:
        return None
    return found.name, reverse("matchmaking_event", args=[found.pk])


def get_participant(pk: int) -> MatchmakingParticipant:
    found = (
        MatchmakingParticipant.objects.select_related("event", "event__network", "organisation")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No matchmaking participant %(id)s.") % {"id": pk})
    return found


def participants(event: MatchmakingEvent) -> QuerySet[MatchmakingParticipant]:
    return (
        MatchmakingParticipant.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("windows")
        .order_by("organisation__name", "pk")
    )


def rooms(event: MatchmakingEvent) -> QuerySet[MatchmakingRoom]:
    return MatchmakingRoom.objects.filter(event=event).order_by("name", "pk")


def may_act_for(user: Any, participant: MatchmakingParticipant) -> bool:
    """Staff, and the officers of the participant's organisation."""
    return permissions.is_secretariat(user) or (
        participant.organisation_id in permissions.officer_organisation_ids(user)
    )


def own_participants(user: Any, event: MatchmakingEvent) -> list[MatchmakingParticipant]:
    """The delegations at the event the person is an officer of (staff: none of their own)."""
    ids = permissions.officer_organisation_ids(user)
    if not ids:
        return []
    return list(participants(event).filter(organisation_id__in=ids))


def participations_of_user(user: Any) -> QuerySet[MatchmakingParticipant]:
    ids = permissions.officer_organisation_ids(user)
    return (
        MatchmakingParticipant.objects.filter(organisation_id__in=ids)
        .select_related("event", "organisation")
        .order_by("-event__starts_on", "organisation__name")
    )


def requests_sent(participant: MatchmakingParticipant) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(requester=participant).select_related(
        "target__organisation"
    )


def requests_received(participant: MatchmakingParticipant) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(target=participant).select_related(
        "requester__organisation"
    )


def pending_received_count(user: Any) -> int:
    ids = permissions.officer_organisation_ids(user)
    if not ids:
        return 0
    return MeetingRequest.objects.filter(
        target__organisation_id__in=ids,
        status=RequestStatus.PENDING,
        event__status=Status.OPEN,
    ).count()


def latest_run(event: MatchmakingEvent) -> ScheduleRun | None:
    if event.current_run_id is None:
        return None
    return ScheduleRun.objects.filter(pk=event.current_run_id).first()


def run_placements(run: ScheduleRun) -> QuerySet[MeetingPlacement]:
    return MeetingPlacement.objects.filter(run=run).select_related(
        "room", "request__requester__organisation", "request__target__organisation"
    )


def events_to_schedule() -> QuerySet[MatchmakingEvent]:
    """What staff have to do: events whose requests are closed but not yet announced, and
    announced ones with accepted meetings no run has placed since (a late change)."""
    return events().filter(status__in=[Status.CLOSED, Status.SCHEDULED])


@dataclass(frozen=True)
class AgendaItem:
    request: MeetingRequest
    other: MatchmakingParticipant
    room: str
    starts_at: dt.datetime | None  # local time of the event; None: a held meeting, time unknown
    ends_at: dt.datetime | None


def agenda(user: Any, participant: MatchmakingParticipant) -> list[AgendaItem]:
    """The participant's meetings as announced, in time order (local time of the event), then
    the meetings the record says were held whose time is unknown. Only the participant's own
    officers and staff may read it."""
    if not may_act_for(user, participant):
        raise PermissionDenied(_("Only the delegation's own officers and staff see its agenda."))
    event = participant.event
    zone = event.zone
    items: list[AgendaItem] = []
    placed: set[int] = set()
    if event.announced_run_id is not None:
        for placement in run_placements(event.announced_run).filter(  # type: ignore[arg-type]
            Q(request__requester=participant) | Q(request__target=participant),
            request__status=RequestStatus.ACCEPTED,
        ):
            request = placement.request
            placed.add(request.pk)
            items.append(
                AgendaItem(
                    request=request,
                    other=request.target
                    if request.requester_id == participant.pk
                    else request.requester,
                    room=placement.room.name,
                    starts_at=placement.starts_at.astimezone(zone),
                    ends_at=placement.ends_at.astimezone(zone),
                )
            )
    items.sort(key=lambda item: (item.starts_at, item.room))
    for request in (
        MeetingRequest.objects.filter(
            Q(requester=participant) | Q(target=participant),
            status=RequestStatus.ACCEPTED,
            held=True,
        )
        .exclude(pk__in=placed)
        .select_related("requester__organisation", "target__organisation")
        .order_by("pk")
    ):
        items.append(
            AgendaItem(
                request=request,
                other=request.target
                if request.requester_id == participant.pk
                else request.requester,
                room="",
                starts_at=None,
                ends_at=None,
            )
        )
    return items


# --- Helpers of the actions -----------------------------------------------------------------


def _require_staff(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may manage a matchmaking event.")
    )


def _require_acting(actor: Any, participant: MatchmakingParticipant) -> None:
    if not may_act_for(actor, participant):
        raise PermissionDenied(
            _("Only %(name)s's officers and Secretariat staff may act for this delegation.")
            % {"name": participant.organisation.name}
        )


def _lock_event(event: MatchmakingEvent) -> MatchmakingEvent:
    locked = MatchmakingEvent.objects.select_for_update().filter(pk=event.pk).first()
    if locked is None:
        raise NotFound(_("This matchmaking event no longer exists."))
    return locked


def _local(event: MatchmakingEvent, moment: dt.datetime) -> dt.datetime:
    """An aware time as the event's naive wall-clock time."""
    return moment.astimezone(event.zone).replace(tzinfo=None)


def _aware(event: MatchmakingEvent, local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=event.zone)


def _event_snapshot(event: MatchmakingEvent) -> dict[str, Any]:
    return audit.snapshot(
        event,
        ["network", "name", "place", "starts_on", "ends_on", "time_zone", "slot_minutes", "status"],
    )


# --- The event, its rooms and participants (staff) ------------------------------------------


def create_event(
    actor: Any,
    *,
    network: Network,
    name: str,
    place: str,
    starts_on: dt.date,
    ends_on: dt.date,
    time_zone: str,
    slot_minutes: int = 30,
    description: str = "",
    is_demo: bool = False,
) -> MatchmakingEvent:
    _require_staff(actor)
    event = MatchmakingEvent(
        network=network,
        name=" ".join(name.split()),
        place=" ".join(place.split()),
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        slot_minutes=slot_minutes,
        description=description,
        is_demo=is_demo,
    )
    if ends_on < starts_on:
        raise DomainError(_("The last day must not come before the first day."))
    full_clean_or_refuse(event)
    with transaction.atomic():
        event.save()
        audit.record(actor, "create_matchmaking_event", event, after=_event_snapshot(event))
    return event


def add_room(actor: Any, event: MatchmakingEvent, name: str) -> MatchmakingRoom:
    _require_staff(actor)
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the room's name."))
    room = MatchmakingRoom(event=event, name=name)
    full_clean_or_refuse(room, fields_only=True)
    try:
        with transaction.atomic():
            if MatchmakingRoom.objects.filter(event=event, name__iexact=name).exists():
                raise IntegrityError
            room.save()
            audit.record(
                actor, "add_matchmaking_room", room, after={"event": event.pk, "name": name}
            )
    except IntegrityError:
        raise DomainError(
            _("The event already has a room called %(name)s.") % {"name": name}, status=409
        ) from None
    return room


def add_participant(
    actor: Any, event: MatchmakingEvent, organisation: Organisation, delegation: str = ""
) -> MatchmakingParticipant:
    """Staff add a delegation (a city, a company, an organisation, with or without a login)."""
    _require_staff(actor)
    participant = MatchmakingParticipant(
        event=event, organisation=organisation, delegation=" ".join(delegation.split())
    )
    full_clean_or_refuse(participant, fields_only=True)
    try:
        with transaction.atomic():
            participant.save()
            audit.record(
                actor,
                "add_matchmaking_participant",
                participant,
                after={"event": event.pk, "organisation": organisation.pk},
            )
    except IntegrityError:
        raise DomainError(
            _("%(name)s already takes part in this event.") % {"name": organisation.name},
            status=409,
        ) from None
    return participant


def _set_status(
    actor: Any, event: MatchmakingEvent, allowed: list[str], to: str, verb: str, refusal: str
) -> MatchmakingEvent:
    _require_staff(actor)
    with transaction.atomic():
        changed = MatchmakingEvent.objects.filter(pk=event.pk, status__in=allowed).update(status=to)
        if not changed:
            raise DomainError(refusal, status=409)
        before = event.status
        event.refresh_from_db()
        audit.record(actor, verb, event, before={"status": before}, after={"status": to})
    return event


def close_requests(actor: Any, event: MatchmakingEvent) -> MatchmakingEvent:
    return _set_status(
        actor,
        event,
        [Status.OPEN],
        Status.CLOSED,
        "close_matchmaking_requests",
        _("Requests are already closed for this event."),
    )


def reopen_requests(actor: Any, event: MatchmakingEvent) -> MatchmakingEvent:
    """A late change: requests open again; what was announced stays on the agendas until a
    new run is announced, and the rerun keeps it where it can."""
    return _set_status(
        actor,
        event,
        [Status.CLOSED, Status.SCHEDULED, Status.ANNOUNCED],
        Status.OPEN,
        "reopen_matchmaking_requests",
        _("Requests are already open for this event."),
    )


# --- Availability (a participant's officers, or staff) --------------------------------------


def add_window(
    actor: Any, participant: MatchmakingParticipant, start: dt.datetime, end: dt.datetime
) -> Availability:
    """A window in the event's local time (naive `start` and `end`)."""
    _require_acting(actor, participant)
    event = participant.event
    with transaction.atomic():
        locked = MatchmakingParticipant.objects.select_for_update().get(pk=participant.pk)
        others = [
            (_local(event, w.starts_at), _local(event, w.ends_at))
            for w in Availability.objects.filter(participant=locked)
        ]
        problems = rules.window_problems(
            start,
            end,
            first_day=event.starts_on,
            last_day=event.ends_on,
            slot_minutes=event.slot_minutes,
            others=others,
        )
        if problems:
            raise DomainError(" ".join(problems))
        window = Availability.objects.create(
            participant=locked, starts_at=_aware(event, start), ends_at=_aware(event, end)
        )
        audit.record(
            actor,
            "add_matchmaking_window",
            window,
            after={"participant": locked.pk, "from": start, "until": end, "zone": event.time_zone},
        )
    return window


def remove_window(actor: Any, window_id: int) -> None:
    window = (
        Availability.objects.select_related("participant__organisation", "participant__event")
        .filter(pk=window_id)
        .first()
    )
    if window is None:
        raise NotFound(_("This availability window no longer exists."))
    _require_acting(actor, window.participant)
    with transaction.atomic():
        before = {
            "participant": window.participant_id,
            "from": window.starts_at,
            "until": window.ends_at,
        }
        if not Availability.objects.filter(pk=window.pk).delete()[0]:
            raise DomainError(_("This availability window was already removed."), status=409)
        audit.record(actor, "remove_matchmaking_window", window.participant, before=before)


# --- Meeting requests -----------------------------------------------------------------------


def request_meeting(
    actor: Any,
    requester: MatchmakingParticipant,
    target: MatchmakingParticipant,
    *,
    priority: int = MeetingRequest.Priority.NORMAL,
    message: str = "",
) -> MeetingRequest:
    _require_acting(actor, requester)
    if target.event_id != requester.event_id:
        raise DomainError(_("Both delegations must take part in the same event."))
    if priority not in MeetingRequest.Priority.values:
        raise DomainError(_("Choose a priority: low, normal or high."))
    message = " ".join((message or "").split())
    if len(message) > 500:
        raise DomainError(_("A message has at most 500 characters."))
    try:
        with transaction.atomic():
            event = _lock_event(requester.event)
            pair = Q(requester=requester, target=target) | Q(requester=target, target=requester)
            between = MeetingRequest.objects.filter(pair)
            refusal = rules.request_refusal(
                rules.PairState(
                    same=requester.pk == target.pk,
                    pending_either_way=between.filter(status=RequestStatus.PENDING).exists(),
                    accepted_either_way=between.filter(status=RequestStatus.ACCEPTED).exists(),
                    requests_open=event.status == Status.OPEN,
                )
            )
            if refusal:
                raise DomainError(refusal, status=409)
            request = MeetingRequest.objects.create(
                event=event,
                requester=requester,
                target=target,
                priority=priority,
                message=message,
                requested_by=permissions.user_or_none(actor),
            )
            audit.record(
                actor,
                "request_matchmaking_meeting",
                request,
                after={"requester": requester.pk, "target": target.pk, "priority": priority},
            )
    except IntegrityError:
        raise DomainError(
            _("A request between these two delegations is already waiting for an answer."),
            status=409,
        ) from None
    return request


def _get_request(pk: int) -> MeetingRequest:
    found = (
        MeetingRequest.objects.select_related(
            "event", "requester__organisation", "target__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No meeting request %(id)s.") % {"id": pk})
    return found


def _decide(actor: Any, request_id: int, to: str, verb: str) -> MeetingRequest:
    request = _get_request(request_id)
    _require_acting(actor, request.target)
    with transaction.atomic():
        changed = MeetingRequest.objects.filter(pk=request.pk, status=RequestStatus.PENDING).update(
            status=to, decided_at=timezone.now(), decided_by=permissions.user_or_none(actor)
        )
        if not changed:
            request.refresh_from_db()
            raise DomainError(
                _("This request has already been answered: it is %(status)s.")
                % {"status": request.get_status_display().lower()},
                status=409,
            )
        request.refresh_from_db()
        audit.record(
            actor, verb, request, before={"status": RequestStatus.PENDING}, after={"status": to}
        )
    return request


def accept(actor: Any, request_id: int) -> MeetingRequest:
    """The target accepts: the meeting is for the scheduler to place. One decision wins."""
    return _decide(actor, request_id, RequestStatus.ACCEPTED, "accept_matchmaking_request")


def decline(actor: Any, request_id: int) -> MeetingRequest:
    return _decide(actor, request_id, RequestStatus.DECLINED, "decline_matchmaking_request")


def withdraw(actor: Any, request_id: int) -> MeetingRequest:
    """The requester takes back a request no one has answered yet."""
    request = _get_request(request_id)
    _require_acting(actor, request.requester)
    with transaction.atomic():
        changed = MeetingRequest.objects.filter(pk=request.pk, status=RequestStatus.PENDING).update(
            status=RequestStatus.WITHDRAWN, decided_at=timezone.now()
        )
        if not changed:
            raise DomainError(
                _("Only a request waiting for an answer can be withdrawn."), status=409
            )
        request.refresh_from_db()
        audit.record(
            actor,
            "withdraw_matchmaking_request",
            request,
            before={"status": RequestStatus.PENDING},
            after={"status": RequestStatus.WITHDRAWN},
        )
    return request


# --- Scheduling and announcing (staff) ------------------------------------------------------


def _problem(event: MatchmakingEvent) -> tuple[rules_schedule.Problem, dict[str, str]]:
    """The event as the scheduler's problem, and the participants' names by key."""
    windows: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    names: dict[str, str] = {}
    for participant in participants(event):
        names[rules.participant_key(participant.pk)] = participant.organisation.name
        windows[participant.pk] = [
            (_local(event, w.starts_at), _local(event, w.ends_at))
            for w in participant.windows.all()
        ]
    accepted = [
        rules.Row(r.pk, r.requester_id, r.target_id, r.priority)
        for r in MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .exclude(held=True)
        .order_by("-priority", "created_at", "pk")
    ]
    announced: list[rules.Announced] = []
    if event.announced_run_id is not None:
        announced = [
            rules.Announced(p.request_id, p.room_id, _local(event, p.starts_at))
            for p in MeetingPlacement.objects.filter(run_id=event.announced_run_id)
        ]
    problem = rules.build_problem(
        slot_minutes=event.slot_minutes,
        rooms=rooms(event).values_list("pk", flat=True),
        windows=windows,
        accepted=accepted,
        announced=announced,
    )
    return problem, names


def schedule(
    actor: Any, event: MatchmakingEvent, *, seen_runs: int, time_limit_s: float = TIME_LIMIT_S
) -> ScheduleRun:
    """Place the accepted meetings with the solver and store the run as the event's current
    one. `seen_runs` is the number of runs the person saw: a press made on an out-of-date page
    (another person's run started meanwhile) is refused, so two presses make one run."""
    _require_staff(actor)
    if event.status not in (Status.CLOSED, Status.SCHEDULED, Status.ANNOUNCED):
        raise DomainError(_("Close the requests before scheduling."), status=409)
    with transaction.atomic():
        claimed = MatchmakingEvent.objects.filter(
            pk=event.pk,
            runs_started=seen_runs,
            status__in=[Status.CLOSED, Status.SCHEDULED, Status.ANNOUNCED],
        ).update(runs_started=F("runs_started") + 1)
        if not claimed:
            raise DomainError(
                _("Another scheduling run was started meanwhile; see its result."), status=409
            )
        run = ScheduleRun.objects.create(
            event=event,
            number=seen_runs + 1,
            run_by=permissions.user_or_none(actor),
            started_at=timezone.now(),
        )
    event.refresh_from_db()
    problem, names = _problem(event)
    result = solver.solve(problem, time_limit_s)
    broken = rules_schedule.violations(problem, result.scheduled)
    if broken:  # never store a schedule that double books: the solver is another's code
        raise DomainError(
            _("The scheduler returned an invalid schedule: %(what)s") % {"what": " ".join(broken)}
        )
    changes = rules.compare_with_announced(problem.keep, result.scheduled)
    unplaced = [
        {
            "request": rules.key_id(meeting_id),
            "why": rules.why_unplaced(problem, result.scheduled, meeting_id, names),
        }
        for meeting_id in result.unscheduled
    ]
    room_by_key = {rules.room_key(r.pk): r for r in rooms(event)}
    slot = dt.timedelta(minutes=event.slot_minutes)
    with transaction.atomic():
        locked = _lock_event(event)
        if locked.runs_started != run.number:
            raise DomainError(
                _("Another scheduling run was started meanwhile; see its result."), status=409
            )
        MeetingPlacement.objects.bulk_create(
            MeetingPlacement(
                run=run,
                request_id=rules.key_id(p.meeting),
                room=room_by_key[p.room],
                starts_at=_aware(event, p.start),
                ends_at=_aware(event, p.start + slot),
            )
            for p in result.scheduled
        )
        run.state = ScheduleRun.State.DONE
        run.finished_at = timezone.now()
        run.meetings = len(problem.meetings)
        run.placed = len(result.scheduled)
        run.greedy_placed = result.greedy_scheduled
        run.optimal = result.optimal
        run.solve_seconds = result.solve_seconds
        run.greedy_seconds = result.greedy_seconds
        run.unplaced = unplaced
        run.kept = [rules.key_id(m) for m in changes.kept]
        run.moved = [rules.key_id(m) for m in changes.moved]
        run.explanation = rules.explain(result, len(problem.meetings), changes)
        run.save()
        before = locked.status
        MatchmakingEvent.objects.filter(pk=locked.pk).update(
            current_run=run,
            status=Status.SCHEDULED if before != Status.OPEN else before,
        )
        audit.record(
            actor,
            "schedule_matchmaking",
            event,
            before={"status": before},
            after={
                "run": run.number,
                "placed": run.placed,
                "greedy": run.greedy_placed,
                "optimal": run.optimal,
            },
            reason=run.explanation,
        )
    event.refresh_from_db()
    return run


def announce(actor: Any, event: MatchmakingEvent, run_id: int) -> MatchmakingEvent:
    """Make the run's placements the participants' agendas. Only the event's latest run can
    be announced, once."""
    _require_staff(actor)
    with transaction.atomic():
        changed = (
            MatchmakingEvent.objects.filter(
                pk=event.pk, current_run_id=run_id, status=Status.SCHEDULED
            )
            .exclude(announced_run_id=run_id)
            .update(status=Status.ANNOUNCED, announced_run_id=run_id, announced_at=timezone.now())
        )
        if not changed:
            raise DomainError(
                _("Only the latest scheduling run of an event not yet announced can be announced."),
                status=409,
            )
        before = event.status
        event.refresh_from_db()
        audit.record(
            actor,
            "announce_matchmaking",
            event,
            before={"status": before},
            after={"status": event.status, "run": run_id},
        )
    return event
