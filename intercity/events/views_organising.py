"""The organiser's pages: a network's events with "New event"; an event's organising page
(its details, rooms, tracks, sessions, registration categories, registration open or
closed) and the forms to add and change each. Thin: parse a form, call one service of
`services_organising`, redirect; a refusal is shown above the form, which keeps what was
typed (HTTP 4xx)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.core.errors import DomainError
from intercity.events import forms, services
from intercity.events import services_organising as organising
from intercity.events.models import Event
from intercity.network.models import Network

Save = Callable[[django_forms.Form], Any]


def _organised(request: HttpRequest, pk: int) -> Event:
    found = services.get_event(pk)
    services.require_organiser(request.user, found)
    return found


def _to_organise(event: Event, anchor: str = "") -> HttpResponse:
    return redirect(_organise_url(event, anchor))


def _organise_url(event: Event, anchor: str = "") -> str:
    return reverse("events_organise", args=[event.pk]) + (f"#{anchor}" if anchor else "")


def _form_page(
    request: HttpRequest,
    form: django_forms.Form,
    save: Save,
    *,
    title: str,
    event: Event | None,
    done: Callable[[Any], HttpResponse],
    success: str,
    back: str,
) -> HttpResponse:
    """A form page: on a valid POST, `save(form)`; a refusal stays on the page (4xx)."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save(form)
            except DomainError as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status_code
            else:
                messages.success(request, success)
                return done(saved)
        else:
            status = 400
    return render(
        request,
        "events/organise_form.html",
        {"form": form, "title": title, "event": event, "back": back},
        status=status,
    )


@login_required
def network_events(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    found = organising.network_events(request.user, network)
    return render(request, "events/organise_list.html", {"network": network, "events": found})


def _event_data(form: django_forms.Form) -> organising.EventData:
    data = form.cleaned_data
    return organising.EventData(
        network=data["network"],
        name=data["name"],
        kind=data["kind"],
        place=data["place"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        time_zone=data["time_zone"],
        capacity=data["capacity"],
        description=data["description"],
    )


@login_required
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    organising.require_creator(request.user, network)
    form = forms.EventForm(
        request.POST or None,
        networks=organising.networks_for(request.user),
        initial={"network": network.pk, "time_zone": "Asia/Seoul"},
    )
    return _form_page(
        request,
        form,
        lambda f: organising.create_event(request.user, _event_data(f)),
        title=_("New event"),
        event=None,
        done=_to_organise,
        success=_("The event is created. Add its rooms, sessions and registration categories."),
        back=reverse("events_network_events", args=[network.slug]),
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    initial = {
        "network": event.network_id,
        **{
            name: getattr(event, name)
            for name in ("name", "kind", "place", "starts_on", "ends_on", "time_zone")
        },
        "capacity": event.capacity,
        "description": event.description,
    }
    form = forms.EventForm(
        request.POST or None,
        networks=Network.objects.filter(pk=event.network_id),
        initial=initial,
    )
    return _form_page(
        request,
        form,
        lambda f: organising.change_event(request.user, event, _event_data(f)),
        title=_("Change the event"),
        event=event,
        done=_to_organise,
        success=_("The event is saved."),
        back=_organise_url(event),
    )


@login_required
def organise(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    return render(
        request,
        "events/organise.html",
        {
            "event": event,
            "rooms": services.rooms(event),
            "tracks": organising.tracks(event),
            "days": services.programme(event),
            "categories": services.categories(event),
            "registered": services.registered_count(event),
        },
    )


@login_required
def room(request: HttpRequest, pk: int, room_id: int | None = None) -> HttpResponse:
    event = _organised(request, pk)
    found = organising.get_room(event, room_id) if room_id else None
    initial = (
        {"name": found.name, "capacity": found.capacity, "interpretation": found.interpretation}
        if found
        else {}
    )
    form = forms.RoomForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda f: organising.save_room(request.user, event, found, **f.cleaned_data),
        title=_("Change the room") if found else _("Add a room"),
        event=event,
        done=lambda saved: _to_organise(event, "rooms"),
        success=_("The room is saved."),
        back=_organise_url(event, "rooms"),
    )


@login_required
def track(request: HttpRequest, pk: int, track_id: int | None = None) -> HttpResponse:
    event = _organised(request, pk)
    found = organising.get_track(event, track_id) if track_id else None
    form = forms.TrackForm(request.POST or None, initial={"name": found.name} if found else {})
    return _form_page(
        request,
        form,
        lambda f: organising.save_track(request.user, event, found, name=f.cleaned_data["name"]),
        title=_("Rename the track") if found else _("Add a track"),
        event=event,
        done=lambda saved: _to_organise(event, "tracks"),
        success=_("The track is saved."),
        back=_organise_url(event, "tracks"),
    )


def _session_data(form: forms.SessionForm) -> organising.SessionData:
    data = form.cleaned_data
    starts, ends = form.times()
    return organising.SessionData(
        title=data["title"],
        kind=data["kind"],
        starts_at=starts,
        ends_at=ends,
        room=data["room"],
        track=data["track"],
        capacity=data["capacity"],
        description=data["description"],
        people=[organising.Person(*person) for person in form.people()],
    )


@login_required
def session(request: HttpRequest, pk: int, session_id: int | None = None) -> HttpResponse:
    event = _organised(request, pk)
    found = services.get_session(event, session_id) if session_id else None
    initial = forms.SessionForm.initial_of(found) if found else {"day": event.starts_on}
    form = forms.SessionForm(request.POST or None, event=event, initial=initial)
    return _form_page(
        request,
        form,
        lambda f: organising.save_session(request.user, event, found, _session_data(f)),  # type: ignore[arg-type]
        title=_("Change the session") if found else _("Add a session"),
        event=event,
        done=lambda saved: _to_organise(event, "programme"),
        success=_("The session is saved."),
        back=_organise_url(event, "programme"),
    )


def _session_action(request: HttpRequest, pk: int, session_id: int, action: str) -> HttpResponse:
    event = _organised(request, pk)
    found = services.get_session(event, session_id)
    try:
        if action == "cancel":
            organising.cancel_session(request.user, event, found)
            messages.success(request, _("“%(title)s” is cancelled.") % {"title": found.title})
        else:
            organising.delete_session(request.user, event, found)
            messages.success(request, _("“%(title)s” is deleted.") % {"title": found.title})
    except DomainError as refusal:
        messages.error(request, refusal.message)
    return _to_organise(event, "programme")


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    return _session_action(request, pk, session_id, "cancel")


@login_required
@require_POST
def session_delete(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    return _session_action(request, pk, session_id, "delete")


@login_required
def category(request: HttpRequest, pk: int, category_id: int | None = None) -> HttpResponse:
    event = _organised(request, pk)
    found = organising.get_category(event, category_id) if category_id else None
    initial = (
        {
            "name": found.name,
            "code": found.code,
            "description": found.description,
            "kinds": sorted(services.allowed_kinds(found)),
        }
        if found
        else {}
    )
    form = forms.CategoryForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda f: organising.save_category(request.user, event, found, **f.cleaned_data),
        title=_("Change the registration category") if found else _("Add a registration category"),
        event=event,
        done=lambda saved: _to_organise(event, "categories"),
        success=_("The registration category is saved."),
        back=_organise_url(event, "categories"),
    )


@login_required
@require_POST
def registration_switch(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, pk)
    is_open = request.POST.get("open") == "1"
    try:
        services.open_registration(request.user, event, is_open)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Registration is open.") if is_open else _("Registration is closed.")
        )
    return _to_organise(event)
