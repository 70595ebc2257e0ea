"""The live meeting room: the delegate's phone page, the clerk's page and the projector.

Each page holds a region that polls a small fragment every second with the version it shows
(`?v=`); the fragment answers 204 (nothing to swap, one indexed read) while the meeting's
version (`LiveSettings.version`, bumped in the transaction of every change) is the same, and
the new region otherwise. Actions post with htmx and answer with the region; without
JavaScript they post and come back to the page.

The projector is public for the room: its URL carries the meeting's projector key, shown on
the clerk's page; it shows no choice of any member, only turnout, and the result at close.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError, PermissionDenied
from intercity.governance import services
from intercity.governance.models import Decision, Meeting, Participant, Vote
from intercity.governance.services import floor, live
from intercity.governance.views.common import is_htmx
from intercity.network import services as registry
from intercity.network.models import Organisation


def _meeting(slug: str, key: str) -> Meeting:
    return services.get_meeting(registry.get_network(slug), key)


def _unchanged(request: HttpRequest, meeting_id: int) -> bool:
    """The poll's question: is the version the page shows still the meeting's?"""
    shown = request.GET.get("v", "")
    return shown.isdigit() and int(shown) == live.version(meeting_id)


NO_CHANGE = 204


def _no_change() -> HttpResponse:
    response = HttpResponse(status=NO_CHANGE)
    response["Cache-Control"] = "no-store"
    return response


def _room(meeting: Meeting) -> dict[str, Any]:
    state = live.room_state(meeting)
    return {"network": meeting.network, "meeting": meeting, "state": state}


# --- The delegate's page --------------------------------------------------------------------


def _delegate_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    delegate = live.require_delegation(request.user, meeting)
    context = _room(meeting)
    participant = meeting.participants.filter(organisation=delegate.organisation).first()
    fragment_url = reverse("governance_live_fragment", args=[meeting.network.slug, meeting.key])
    context.update(
        # The delegate's own region polls with its own version and a signed ticket, so that a
        # poll through a burst of other members' votes is answered early (live_poll.py); the
        # room's board (turnout, quorum, results) is the projector's region.
        live_version=live.delegate_version(meeting, delegate.organisation_id),
        poll_url=f"{fragment_url}?{urlencode({'t': live.poll_ticket(delegate)})}",
        board_url=reverse(
            "governance_live_projector_fragment",
            args=[meeting.network.slug, meeting.key, live.live_settings(meeting).projector_key],
        ),
        delegate=delegate,
        participant=participant,
        present=bool(participant and participant.present),
        ballots=[
            live.ballot_state(m.decision, delegate.organisation)
            for m in context["state"].open_motions
        ],
        speak=live.my_floor(context["state"], participant),
        vote_choices=Vote.Choice.choices,
        **extra,
    )
    return context


@login_required
def delegate_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    if live.delegation(request.user, meeting) is None and permissions.is_secretariat(request.user):
        return redirect("governance_live_clerk", slug, key)
    return render(request, "governance/live_delegate.html", _delegate_context(request, meeting))


@login_required
def delegate_fragment(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    delegate = live.require_delegation(request.user, meeting)
    if request.GET.get("v", "") == live.delegate_version(meeting, delegate.organisation_id):
        return _no_change()
    return render(
        request, "governance/_live_delegate_room.html", _delegate_context(request, meeting)
    )


def _delegate_answer(request: HttpRequest, meeting: Meeting, done: str, error: str) -> HttpResponse:
    if is_htmx(request):
        context = _delegate_context(request, meeting, done=done, error=error)
        return render(request, "governance/_live_delegate_room.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("governance_live", meeting.network.slug, meeting.key)


@login_required
@require_POST
def delegate_check_in(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    remote = request.POST.get("how") == "remote"
    done = error = ""
    try:
        live.delegate_check_in(
            request.user, meeting, code=request.POST.get("code", "")[:20], remote=remote
        )
        done = _("You are checked in remotely.") if remote else _("You are checked in.")
    except PermissionDenied:
        raise
    except DomainError as exc:
        error = exc.message
    return _delegate_answer(request, meeting, done, error)


@login_required
@require_POST
def delegate_ballot(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug, key)
    decision = _decision_of(meeting, pk)
    done = error = ""
    try:
        state = live.cast_ballot(request.user, decision, request.POST.get("choice", "")[:10])
        done = (
            _("Your ballot on '%(title)s' is counted.") % {"title": decision.title}
            if not state.choice
            else _("Your vote on '%(title)s': %(choice)s.")
            % {"title": decision.title, "choice": Vote.Choice(state.choice).label.lower()}
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        error = exc.message
    return _delegate_answer(request, meeting, done, error)


@login_required
@require_POST
def delegate_speak(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """The delegate asks for the floor on the item the room speaks on, or withdraws."""
    meeting = _meeting(slug, key)
    delegate = live.require_delegation(request.user, meeting)
    participant = meeting.participants.filter(organisation=delegate.organisation).first()
    done = error = ""
    try:
        raw = request.POST.get("item", "")
        item = meeting.agenda.filter(pk=int(raw)).first() if raw.isdigit() else None
        if item is None or participant is None:
            raise DomainError(_("No such agenda item at this meeting."), status=404)
        if request.POST.get("do") == "withdraw":
            floor.withdraw_members_request(request.user, item, participant)
            done = _("Your request to speak is withdrawn.")
        else:
            floor.request_to_speak(request.user, item, participant)
            done = _("You are on the speakers list.")
    except DomainError as exc:
        error = exc.message
    return _delegate_answer(request, meeting, done, error)


def _decision_of(meeting: Meeting, pk: int) -> Decision:
    decision = services.get_decision(meeting.network, pk)
    if decision.meeting_id != meeting.pk:
        raise DomainError(_("This motion is not of this meeting."), status=404)
    return decision


# --- The clerk's page -----------------------------------------------------------------------


def _clerk_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    context = _room(meeting)
    settings = live.live_settings(meeting)
    present_members = [
        p.organisation
        for p in meeting.participants.select_related("organisation").filter(
            organisation__isnull=False, attendance__in=Participant.PRESENT
        )
    ]
    motions = []
    for motion in context["state"].open_motions:
        voted = live.voted_members(motion.decision)
        voted_ids = {o.pk for o in voted}
        motions.append(
            {
                "live": motion,
                "voted": voted,
                "waiting": [o for o in present_members if o and o.pk not in voted_ids],
            }
        )
    context.update(
        settings=settings,
        motions=motions,
        delegates=list(live.delegates(meeting)),
        members=[
            p.organisation
            for p in meeting.participants.select_related("organisation").filter(
                organisation__isnull=False, role=Participant.Role.DELEGATE
            )
        ],
        vote_choices=Vote.Choice.choices,
        projector_url=request.build_absolute_uri(
            reverse(
                "governance_live_projector",
                args=[meeting.network.slug, meeting.key, settings.projector_key],
            )
        ),
        fragment_url=reverse(
            "governance_live_clerk_fragment", args=[meeting.network.slug, meeting.key]
        ),
        **extra,
    )
    return context


@secretariat_only
def clerk_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    return render(request, "governance/live_clerk.html", _clerk_context(request, meeting))


@secretariat_only
def clerk_fragment(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    if _unchanged(request, meeting.pk):
        return _no_change()
    return render(request, "governance/_live_clerk_room.html", _clerk_context(request, meeting))


def _clerk_answer(request: HttpRequest, meeting: Meeting, done: str, error: str) -> HttpResponse:
    if is_htmx(request):
        context = _clerk_context(request, meeting, done=done, error=error)
        return render(request, "governance/_live_clerk_room.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("governance_live_clerk", meeting.network.slug, meeting.key)


@secretariat_only
@require_POST
def clerk_settings(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    done = error = ""
    try:
        if request.POST.get("new_code"):
            live.new_checkin_code(request.user, meeting)
            done = _("A new check-in code is shown.")
        else:
            changeable = request.POST.get("ballots_changeable") == "1"
            live.set_ballots_changeable(request.user, meeting, changeable)
            done = (
                _("Delegates may change a named ballot until the vote closes.")
                if changeable
                else _("A named ballot, once cast, is final.")
            )
    except DomainError as exc:
        error = exc.message
    return _clerk_answer(request, meeting, done, error)


@secretariat_only
@require_POST
def clerk_designate(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(slug, key)
    done = error = ""
    try:
        organisation = _organisation(request.POST.get("organisation", ""))
        username = request.POST.get("username", "").strip()[:150]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise DomainError(_("No login '%(username)s'.") % {"username": username})
        live.designate_delegate(request.user, meeting, organisation, user)
        done = _("%(person)s represents %(organisation)s.") % {
            "person": username,
            "organisation": organisation,
        }
    except DomainError as exc:
        error = exc.message
    return _clerk_answer(request, meeting, done, error)


@secretariat_only
@require_POST
def clerk_remove_delegate(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    """A delegate named by mistake, or who has left, no longer represents the member; the
    member's ballots already cast stay cast."""
    meeting = _meeting(slug, key)
    delegate = live.get_delegate(meeting, pk)
    done = error = ""
    try:
        live.remove_delegate(request.user, delegate)
        done = _("%(person)s no longer represents %(organisation)s.") % {
            "person": delegate.user.get_full_name() or delegate.user.username,
            "organisation": delegate.organisation,
        }
    except DomainError as exc:
        error = exc.message
    return _clerk_answer(request, meeting, done, error)


def _organisation(value: str) -> Organisation:
    if not value.isdigit():
        raise DomainError(_("Choose a member."))
    return registry.get_organisation(int(value))


@secretariat_only
@require_POST
def clerk_ballot(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    """A ballot the clerk records for a member present without a device."""
    meeting = _meeting(slug, key)
    done = error = ""
    try:
        decision = _decision_of(meeting, pk)
        organisation = _organisation(request.POST.get("organisation", ""))
        live.cast_ballot(
            request.user,
            decision,
            request.POST.get("choice", "")[:10],
            organisation=organisation,
        )
        done = _("%(organisation)s's ballot on '%(title)s' is recorded.") % {
            "organisation": organisation,
            "title": decision.title,
        }
    except DomainError as exc:
        error = exc.message
    return _clerk_answer(request, meeting, done, error)


@secretariat_only
@require_POST
def clerk_close(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug, key)
    done = error = ""
    try:
        decision = services.close_motion(request.user, _decision_of(meeting, pk))
        done = _("'%(title)s': %(outcome)s.") % {
            "title": decision.title,
            "outcome": decision.get_outcome_display().lower(),
        }
    except DomainError as exc:
        error = exc.message
    return _clerk_answer(request, meeting, done, error)


# --- The projector --------------------------------------------------------------------------


def _projector_context(meeting: Meeting, token: str) -> dict[str, Any]:
    context = _room(meeting)
    context["fragment_url"] = reverse(
        "governance_live_projector_fragment", args=[meeting.network.slug, meeting.key, token]
    )
    return context


def projector(request: HttpRequest, slug: str, key: str, token: str) -> HttpResponse:
    meeting = live.get_meeting_by_projector_key(slug, key, token)
    return render(request, "governance/live_projector.html", _projector_context(meeting, token))


def projector_fragment(request: HttpRequest, slug: str, key: str, token: str) -> HttpResponse:
    """The projector's region, the same for everyone in the room: rendered once per version
    and language and kept in the cache, so 300 screens that see a change cost one render (and
    their next polls are answered from the cache by live_poll.py). The region asks in the
    language it was rendered in (`l=`), so every screen keeps its language."""
    meeting = live.get_meeting_by_projector_key(slug, key, token)
    current = live.version(meeting.pk)
    shown = request.GET.get("v", "")
    if shown.isdigit() and int(shown) == current:
        return _no_change()
    asked = request.GET.get("l", "")
    language = asked if asked in dict(django_settings.LANGUAGES) else get_language()
    cache_key = live.projector_cache_key(meeting.pk, token, current, language)
    html = cache.get(cache_key)
    if html is None:
        with translation.override(language):
            html = render_to_string(
                "governance/_live_projector_room.html",
                _projector_context(meeting, token),
                request,
            )
        cache.set(cache_key, html, 300)
    return HttpResponse(html)
