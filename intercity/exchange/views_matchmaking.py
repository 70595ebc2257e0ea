"""The matchmaking pages: an event (participants, rooms, what a delegate may do), a delegation's
requests (sent and received), the Secretariat's scheduling page, and a delegation's agenda as
a page, a PDF and an iCalendar file. Thin: each view parses, calls one service, renders or
redirects; a refusal the person can fix is shown on the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.exchange import agenda_ics as ics_file
from intercity.exchange import agenda_pdf as pdf_file
from intercity.exchange import forms_matchmaking as forms
from intercity.exchange.models_matchmaking import (
    MatchmakingEvent,
    MatchmakingParticipant,
    MeetingRequest,
)
from intercity.exchange.services import matchmaking as services
from intercity.network.models import Network, Organisation


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _acting(request: HttpRequest, event: MatchmakingEvent) -> list[MatchmakingParticipant]:
    """The delegations the person acts for on this page: their own; staff choose one with
    `?as=<participant>` (a delegation without a login of its own)."""
    own = services.own_participants(request.user, event)
    if permissions.is_secretariat(request.user):
        chosen = _int(request.GET.get("as", "") or request.POST.get("participant", ""))
        if chosen is not None:
            found = services.participants(event).filter(pk=chosen).first()
            if found is not None and found not in own:
                own.append(found)
    return own


def _posted_participant(request: HttpRequest, event: MatchmakingEvent) -> MatchmakingParticipant:
    pk = _int(request.POST.get("participant", ""))
    found = services.participants(event).filter(pk=pk).first() if pk else None
    if found is None:
        raise NotFound(_("No such delegation at this event."))
    return found


def _event_page(
    request: HttpRequest,
    event: MatchmakingEvent,
    *,
    error: str = "",
    status: int = 200,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    bound = bound or {}
    staff = permissions.is_secretariat(request.user)
    everyone = list(services.participants(event))
    acting = []
    for participant in _acting(request, event):
        targets = [(p.pk, p.organisation.name) for p in everyone if p.pk != participant.pk]
        key = f"p{participant.pk}"
        acting.append(
            {
                "participant": participant,
                "windows": list(participant.windows.all()),
                "window_form": bound.get(f"window-{key}")
                or forms.WindowForm(prefix=f"window-{key}", initial={"day": event.starts_on}),
                "request_form": bound.get(f"request-{key}")
                or forms.RequestForm(prefix=f"request-{key}", targets=targets),
            }
        )
    context: dict[str, Any] = {
        "event": event,
        "participants": everyone,
        "rooms": list(services.rooms(event)),
        "acting": acting,
        "staff": staff,
        "error": error,
        "zone": event.zone,
    }
    if staff:
        taken = {p.organisation_id for p in everyone}
        context["room_form"] = bound.get("room") or forms.RoomForm(prefix="room")
        context["participant_form"] = bound.get("participant") or forms.ParticipantForm(
            prefix="participant",
            choices=[
                (o.pk, o.name)
                for o in Organisation.objects.order_by("name").only("pk", "name")
                if o.pk not in taken
            ],
        )
    return render(request, "exchange/matchmaking/event.html", context, status=status)


def event(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, services.get_event(pk))


def _run(
    request: HttpRequest,
    event: MatchmakingEvent,
    action: Callable[[], Any],
    message: str,
    *,
    bound: dict[str, Any] | None = None,
    back: str = "",
) -> HttpResponse:
    """Call one service from the event's page (`core.edge.attempt`); with `back`, from another
    page (requests, scheduling) that has no form to keep: go back there, refused or not."""
    return attempt(
        request,
        action,
        done=message,
        redirect_to=back or reverse("matchmaking_event", args=[event.pk]),
        on_refusal=back or partial(_event_page, request, event, bound=bound),
    )


@login_required
@require_POST
def add_window(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    participant = _posted_participant(request, event)
    prefix = f"window-p{participant.pk}"
    form = forms.WindowForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _event_page(request, event, status=400, bound={prefix: form})
    start, end = form.window()
    return _run(
        request,
        event,
        lambda: services.add_window(request.user, participant, start, end),
        _("The availability window is added."),
        bound={prefix: form},
    )


@login_required
@require_POST
def remove_window(request: HttpRequest, pk: int, window_id: int) -> HttpResponse:
    event = services.get_event(pk)
    return _run(
        request,
        event,
        lambda: services.remove_window(request.user, window_id),
        _("The availability window is removed."),
    )


@login_required
@require_POST
def request_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    participant = _posted_participant(request, event)
    prefix = f"request-p{participant.pk}"
    targets = [(p.pk, p.organisation.name) for p in services.participants(event)]
    form = forms.RequestForm(request.POST, prefix=prefix, targets=targets)
    if not form.is_valid():
        return _event_page(request, event, status=400, bound={prefix: form})
    target = services.participants(event).get(pk=form.cleaned_data["target"])
    return _run(
        request,
        event,
        lambda: services.request_meeting(
            request.user,
            participant,
            target,
            priority=form.cleaned_data["priority"],
            message=form.cleaned_data["message"],
        ),
        _("Your request to meet %(name)s is sent.") % {"name": target.organisation.name},
        bound={prefix: form},
    )


@login_required
def my_requests(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    acting = _acting(request, event)
    if not acting and not permissions.is_secretariat(request.user):
        raise PermissionDenied(_("Your organisation does not take part in this event."))
    return render(
        request,
        "exchange/matchmaking/requests.html",
        {
            "event": event,
            "groups": [
                {
                    "participant": p,
                    "sent": list(services.requests_sent(p)),
                    "received": list(services.requests_received(p)),
                }
                for p in acting
            ],
            "staff": permissions.is_secretariat(request.user),
        },
    )


def _requests_page(event: MatchmakingEvent, request: HttpRequest) -> str:
    url = reverse("matchmaking_requests", args=[event.pk])
    chosen = _int(request.POST.get("participant", ""))
    return f"{url}?as={chosen}" if chosen and permissions.is_secretariat(request.user) else url


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    event = services.get_event(pk)
    decision = request.POST.get("decision", "")
    if decision == "accept":
        action, said = services.accept, _("You accepted the meeting.")
    elif decision == "decline":
        action, said = services.decline, _("You declined the meeting.")
    else:
        raise DomainError(_("Accept or decline the request."))
    return _run(
        request,
        event,
        lambda: action(request.user, request_id),
        said,
        back=_requests_page(event, request),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    event = services.get_event(pk)
    return _run(
        request,
        event,
        lambda: services.withdraw(request.user, request_id),
        _("Your request is withdrawn."),
        back=_requests_page(event, request),
    )


# --- Staff -----------------------------------------------------------------------------------


@secretariat_only
def new_event(request: HttpRequest) -> HttpResponse:
    networks = [(n.pk, n.name) for n in Network.objects.order_by("name")]
    form = forms.EventForm(request.POST or None, networks=networks)

    def page(*, error: str = "", status: int = 200) -> HttpResponse:
        if error:
            form.add_error(None, error)
        return render(request, "exchange/matchmaking/new_event.html", {"form": form}, status=status)

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(status=400)
    data = form.cleaned_data
    return attempt(
        request,
        lambda: services.create_event(
            request.user,
            network=Network.objects.get(pk=data["network"]),
            name=data["name"],
            place=data["place"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            time_zone=data["time_zone"],
            slot_minutes=data["slot_minutes"],
        ),
        done=_("The matchmaking event is created."),
        redirect_to=lambda made: reverse("matchmaking_event", args=[made.pk]),
        on_refusal=page,
    )


@secretariat_only
@require_POST
def add_room(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    form = forms.RoomForm(request.POST, prefix="room")
    if not form.is_valid():
        return _event_page(request, event, status=400, bound={"room": form})
    return _run(
        request,
        event,
        lambda: services.add_room(request.user, event, form.cleaned_data["name"]),
        _("The room is added."),
        bound={"room": form},
    )


@secretariat_only
@require_POST
def add_participant(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    choices = [(o.pk, o.name) for o in Organisation.objects.only("pk", "name")]
    form = forms.ParticipantForm(request.POST, prefix="participant", choices=choices)
    if not form.is_valid():
        return _event_page(request, event, status=400, bound={"participant": form})
    organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    return _run(
        request,
        event,
        lambda: services.add_participant(
            request.user, event, organisation, form.cleaned_data["delegation"]
        ),
        _("%(name)s takes part in the event.") % {"name": organisation.name},
        bound={"participant": form},
    )


@secretariat_only
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    if request.POST.get("to") == "closed":
        return _run(
            request,
            event,
            lambda: services.close_requests(request.user, event),
            _("Requests are closed."),
        )
    return _run(
        request,
        event,
        lambda: services.reopen_requests(request.user, event),
        _("Requests are open again."),
    )


def _names(run: Any) -> dict[int, MeetingRequest]:
    ids = [row["request"] for row in run.unplaced] + list(run.moved) if run else []
    return {
        r.pk: r
        for r in MeetingRequest.objects.filter(pk__in=ids).select_related(
            "requester__organisation", "target__organisation"
        )
    }


@secretariat_only
def scheduling(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    run = services.latest_run(event)
    by_id = _names(run)
    zone = event.zone
    placements = (
        [(p, p.starts_at.astimezone(zone)) for p in services.run_placements(run)] if run else []
    )
    placed = {p.request_id for p, _at in placements}
    return render(
        request,
        "exchange/matchmaking/schedule.html",
        {
            "event": event,
            "run": run,
            "placements": placements,
            "unplaced": [(by_id.get(row["request"]), row["why"]) for row in run.unplaced]
            if run
            else [],
            "moved": [(by_id.get(pk), pk in placed) for pk in run.moved] if run else [],
            "accepted": MeetingRequest.objects.filter(
                event=event, status=MeetingRequest.Status.ACCEPTED, held=False
            ).count(),
            "pending": MeetingRequest.objects.filter(
                event=event, status=MeetingRequest.Status.PENDING
            ).count(),
            "can_announce": run is not None
            and event.status == MatchmakingEvent.Status.SCHEDULED
            and event.announced_run_id != run.pk,
        },
    )


@secretariat_only
@require_POST
def run_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    seen = _int(request.POST.get("seen_runs", "")) or 0
    back = reverse("matchmaking_schedule", args=[event.pk])
    return _run(
        request,
        event,
        lambda: services.schedule(request.user, event, seen_runs=seen),
        _("The meetings are scheduled; check the result, then announce it."),
        back=back,
    )


@secretariat_only
@require_POST
def announce(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.get_event(pk)
    run_id = _int(request.POST.get("run", "")) or 0
    return _run(
        request,
        event,
        lambda: services.announce(request.user, event, run_id),
        _("The schedule is announced: each delegation sees its agenda."),
        back=reverse("matchmaking_schedule", args=[event.pk]),
    )


# --- Agendas ---------------------------------------------------------------------------------


@login_required
def agenda(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = services.get_participant(participant_id)
    items = services.agenda(request.user, participant)
    return render(
        request,
        "exchange/matchmaking/agenda.html",
        {"participant": participant, "event": participant.event, "items": items},
    )


@login_required
def agenda_pdf(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = services.get_participant(participant_id)
    items = services.agenda(request.user, participant)
    response = HttpResponse(pdf_file.render(participant, items), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_file.filename(participant, "pdf")}"'
    return response


@login_required
def agenda_ics(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = services.get_participant(participant_id)
    items = services.agenda(request.user, participant)
    response = HttpResponse(
        ics_file.render(participant, items),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{pdf_file.filename(participant, "ics")}"'
    )
    return response
