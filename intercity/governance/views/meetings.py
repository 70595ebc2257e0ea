"""Meetings: the governance home, a new meeting, its status, agenda, documents and attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.governance import forms, services
from intercity.governance.models import (
    Decision,
    Meeting,
    Participant,
)
from intercity.governance.views.common import auto_id, item_of, meeting_url
from intercity.governance.views.meeting_page import answer, form_action, member_choices
from intercity.network import services as registry

# --- Meetings: the governance home and a new meeting -----------------------------------------


def home(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    today = timezone.localdate()
    meetings = list(services.meetings(network).annotate(decision_count=Count("decisions")))
    upcoming = sorted(
        (m for m in meetings if m.date >= today or m.status != Meeting.Status.CLOSED),
        key=lambda m: m.date,
    )
    past = [m for m in meetings if m not in upcoming]
    decisions = services.decisions(network)
    return render(
        request,
        "governance/home.html",
        {
            "network": network,
            "upcoming": upcoming,
            "past": past,
            "open_consents": decisions.filter(
                kind=Decision.Kind.WRITTEN_CONSENT, status=Decision.Status.OPEN
            ),
            "is_staff": permissions.is_secretariat(request.user),
            "today": today,
        },
    )


@secretariat_only
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    form = forms.MeetingForm(network, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_meeting(
                request.user,
                network,
                form.cleaned_data.pop("body"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            invited = created.participants.count()
            messages.success(
                request,
                ngettext(
                    "%(meeting)s planned; %(n)s member invited.",
                    "%(meeting)s planned; %(n)s members invited.",
                    invited,
                )
                % {"meeting": created, "n": invited},
            )
            return redirect(meeting_url(created))
    status = 400 if form.is_bound else 200
    return render(
        request, "governance/meeting_form.html", {"network": network, "form": form}, status=status
    )


@secretariat_only
@require_POST
def meeting_status(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    form = forms.StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("A meeting is planned, in session or closed."))
        services.set_meeting_status(request.user, meeting, form.cleaned_data["status"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            # Translators: a meeting's new status, e.g. "EXCOM 2018: in session."
            _("%(meeting)s: %(status)s.")
            % {"meeting": meeting, "status": meeting.get_status_display().lower()},
        )
    return redirect(meeting_url(meeting))


@secretariat_only
@require_POST
def check_in(request: HttpRequest, slug: str, key: str, participant_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    form = forms.CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(
                _("Attendance is one of %(values)s.")
                % {"values": ", ".join(Participant.Attendance.values)}
            )
        participant = services.get_participant(meeting, participant_id)
        services.check_in(request.user, participant, form.cleaned_data["attendance"])
    except DomainError as exc:
        return answer(request, meeting, f"participant-{participant_id}", error=exc.message)
    # Translators: a participant's attendance as just recorded, e.g. "Seoul: remote."
    done = _("%(participant)s: %(attendance)s.") % {
        "participant": participant,
        "attendance": participant.get_attendance_display().lower(),
    }
    return answer(request, meeting, f"participant-{participant_id}", done=done)


@secretariat_only
@require_POST
def participant_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    form = forms.ParticipantForm(
        request.POST,
        auto_id=auto_id("participant"),
        organisations=member_choices(meeting.network, meeting.date),
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        organisation = (
            registry.get_organisation(data["organisation"]) if data["organisation"] else None
        )
        added = services.add_participant(
            request.user, meeting, organisation=organisation, name=data["name"], role=data["role"]
        )
        return _("%(name)s was added to the participants.") % {
            "name": added
        }, f"participant-{added.pk}"

    return form_action(request, meeting, "participant", form, act)


@secretariat_only
@require_POST
def agenda_item_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    form = forms.AgendaItemForm(request.POST, auto_id=auto_id("agenda"))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        item = services.add_agenda_item(request.user, meeting, **data)
        return _("Agenda item %(item)s added.") % {"item": item}, f"item-{item.pk}"

    return form_action(request, meeting, "agenda", form, act)


@secretariat_only
@require_POST
def document_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"document-{item.pk}"
    form = forms.DocumentForm(request.POST, auto_id=auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        document = services.add_document(request.user, item, **data)
        return _("Document '%(title)s' added to item %(number)s.") % {
            "title": document,
            "number": item.number,
        }, f"item-{item.pk}"

    return form_action(request, meeting, form_key, form, act)
