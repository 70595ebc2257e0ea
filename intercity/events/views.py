"""The events pages: the list, an event's programme by day with its rooms, a session, the
registration form, the registrant's own page (by its secret link: personal agenda, warnings,
.ics, badge), and the organiser's participant list and badges. Thin: each view parses, calls
one service, renders or redirects; a refusal the person can fix is shown on the page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import throttle
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.events import agenda_ics, badges_pdf, records, services
from intercity.events import services_organising as organising
from intercity.events.forms import RegistrationForm
from intercity.events.models import Registration


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # A registrant's page is reached by its secret link: no other site it links to learns it
    # ("same-origin", not "no-referrer": Chromium then sends its forms with Origin: null).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def events_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/list.html",
        {
            "events": services.events_with_counts(),
            "organised_networks": organising.networks_for(request.user),
        },
    )


def event(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get_event(pk)
    days = services.programme(found)
    sessions = [session for day in days for session in day.sessions]
    return render(
        request,
        "events/event.html",
        {
            "event": found,
            "days": days,
            "rooms": services.rooms(found),
            "categories": services.categories(found),
            "links": records.session_links(request, sessions),
            "matchmaking": records.matchmaking_link(request, found),
            "organiser": services.may_organise(request.user, found),
        },
    )


def session(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    found = services.get_event(pk)
    item = services.get_session(found, session_id)
    return render(
        request,
        "events/session.html",
        {
            "event": found,
            "session": item,
            "seats": services.seats(item),
            "link": records.session_links(request, [item]).get(item.pk),
            "may_attend": [
                c for c in services.categories(found) if item.kind in services.allowed_kinds(c)
            ],
        },
    )


def register(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get_event(pk)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = RegistrationForm(request.POST or None, event=found, initial=initial)
    error = ""
    if request.method == "POST" and not _within_limit(request):
        return render(
            request,
            "events/register.html",
            {"event": found, "form": form, "error": _too_many(), "hold_hours": _hold_hours()},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                request.user,
                found,
                form.cleaned_data["category"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                _(
                    "You are registered. We sent the link to this page to %(email)s: keep it "
                    "to come back."
                )
                % {"email": registration.email},
            )
            return redirect("events_registration", registration.token)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/register.html",
        {"event": found, "form": form, "error": error, "hold_hours": _hold_hours()},
        status=status,
    )


def _hold_hours() -> int:
    return int(settings.EVENTS_UNCONFIRMED_HOLD_HOURS)


def _within_limit(request: HttpRequest) -> bool:
    """The public form's rate limit: so many registrations an hour per client address
    (counted in the cache, as the password reset's; accounts/throttle)."""
    limit = settings.EVENTS_REGISTRATIONS_PER_CLIENT_HOUR
    if limit <= 0:
        return True
    client = throttle.client_address(request) or "unknown"
    return throttle.within_limit("event-registration", client, limit)


def _too_many() -> str:
    return _(
        "Too many registrations from your connection in the last hour (at most %(limit)d). "
        "Try again later."
    ) % {"limit": settings.EVENTS_REGISTRATIONS_PER_CLIENT_HOUR}


def _registration_page(
    request: HttpRequest, registration: Registration, *, error: str = "", status: int = 200
) -> HttpResponse:
    event = registration.event
    chosen = services.agenda(registration)
    chosen_ids = {s.pk for s in chosen}
    allowed = services.allowed_kinds(registration.category)
    days = services.programme(event)
    response = render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": event,
            "agenda": chosen,
            "chosen_ids": chosen_ids,
            "warnings": services.agenda_warnings(registration),
            "holds_place": services.holds_place(registration),
            "hold_ends": services.hold_ends(registration),
            "days": [(day, [(s, s.kind in allowed) for s in day.sessions]) for day in days],
            "error": error,
        },
        status=status,
    )
    return _no_referrer(response)


def registration(request: HttpRequest, token: str) -> HttpResponse:
    return _registration_page(request, services.get_registration(token))


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = services.confirm(token)
    except DomainError as refusal:
        registration = services.get_registration(token)
        return _registration_page(request, registration, error=refusal.message, status=409)
    messages.success(request, _("Your e-mail address is confirmed."))
    return redirect("events_registration", found.token)


def _session_of(registration: Registration, raw: str) -> object:
    pk = int(raw) if raw.isdigit() and len(raw) < 12 else 0
    return services.get_session(registration.event, pk)


@require_POST
def choose(request: HttpRequest, token: str) -> HttpResponse:
    found = services.get_registration(token)
    item = _session_of(found, request.POST.get("session", ""))
    try:
        warnings = services.choose_session(found, item)  # type: ignore[arg-type]
    except DomainError as refusal:
        return _registration_page(request, found, error=refusal.message, status=400)
    messages.success(request, _("Added to your agenda: %(title)s") % {"title": item})
    for warning in warnings:
        messages.warning(request, warning)
    return redirect("events_registration", found.token)


@require_POST
def drop(request: HttpRequest, token: str) -> HttpResponse:
    found = services.get_registration(token)
    item = _session_of(found, request.POST.get("session", ""))
    services.drop_session(found, item)  # type: ignore[arg-type]
    messages.success(request, _("Removed from your agenda: %(title)s") % {"title": item})
    return redirect("events_registration", found.token)


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    found = services.get_registration(token)
    try:
        services.cancel(found)
    except DomainError as refusal:
        return _registration_page(request, found, error=refusal.message, status=400)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("events_registration", found.token)


def agenda_file(request: HttpRequest, token: str) -> HttpResponse:
    found = services.get_registration(token)
    response = HttpResponse(
        agenda_ics.render(found, services.agenda(found)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="agenda-{found.event_id}.ics"'
    return _no_referrer(response)


def badge(request: HttpRequest, token: str) -> HttpResponse:
    found = services.get_registration(token)
    if found.status != Registration.Status.REGISTERED:
        return _registration_page(
            request, found, error=_("This registration is cancelled."), status=400
        )
    response = HttpResponse(badges_pdf.render(found.event, [found]), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{badges_pdf.filename(found.event)}"'
    return _no_referrer(response)


@secretariat_only
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get_event(pk)
    return render(
        request,
        "events/participants.html",
        {"event": found, "registrations": services.participants(request.user, found)},
    )


@secretariat_only
def badges(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get_event(pk)
    active = services.participants(request.user, found).filter(
        status=Registration.Status.REGISTERED
    )
    response = HttpResponse(badges_pdf.render(found, list(active)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{badges_pdf.filename(found)}"'
    return response
