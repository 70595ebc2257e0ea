"""Motions: tabling, votes, counts, closing, withdrawing, and announcements."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.governance import forms, services
from intercity.governance.views.common import auto_id, decision_url, item_of, meeting_of
from intercity.governance.views.meeting_page import answer, form_action, motion_rule_choices
from intercity.network import services as registry


@secretariat_only
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = registry.get_network(slug)
    decision = services.get_decision(network, pk)
    if decision.meeting is None:
        raise Http404("Votes are taken at a meeting.")
    meeting = services.get_meeting(network, decision.meeting.key)
    form = forms.VoteForm(request.POST)
    anchor = f"decision-{pk}"
    try:
        if not form.is_valid():
            raise DomainError("A vote names the member and its choice: yes, no or abstain.")
        organisation = registry.get_organisation(form.cleaned_data["organisation"])
        cast = services.record_vote(
            request.user, decision, organisation, form.cleaned_data["choice"]
        )
    except DomainError as exc:
        return answer(request, meeting, anchor, error=exc.message)
    done = f"{organisation}: {cast.get_choice_display().lower()} on '{decision}'."
    return answer(request, meeting, anchor, done=done)


@secretariat_only
@require_POST
def motion_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"motion-{item.pk}"
    statute = services.statute_on(meeting.network, meeting.date)
    form = forms.MotionForm(
        request.POST, auto_id=auto_id(form_key), rules=motion_rule_choices(meeting, statute)
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        motion = services.propose_motion(request.user, item, **data)
        return f"Motion '{motion}' put to the {meeting.body.name}.", f"decision-{motion.pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def announcement_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"announcement-{item.pk}"
    form = forms.AnnouncementForm(request.POST, auto_id=auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        announcement = services.record_announcement(request.user, item, **data)
        return f"Announcement '{announcement}' recorded.", f"decision-{announcement.pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def counts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    meeting = meeting_of(decision)
    form_key = f"counts-{pk}"
    form = forms.CountsForm(request.POST, auto_id=auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.record_counts(request.user, decision, **data)
        return f"Counts recorded for '{decision}'.", f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def close_motion(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    meeting = meeting_of(decision)
    form = forms.CastingVoteForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("A casting vote is yes or no.")
        services.close_motion(
            request.user, decision, casting_vote=form.cleaned_data["casting_vote"] or None
        )
    except DomainError as exc:
        return answer(request, meeting, f"decision-{pk}", error=exc.message)
    done = f"'{decision}': {decision.get_outcome_display().lower()}. {decision.explanation}."
    return answer(request, meeting, f"decision-{pk}", done=done)


@secretariat_only
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    form_key = f"withdraw-{pk}"
    form = forms.WithdrawForm(request.POST, auto_id=auto_id(form_key))
    if decision.meeting is None:
        try:
            if not form.is_valid():
                raise DomainError("Say why it is withdrawn.")
            services.withdraw_decision(request.user, decision, form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"'{decision}' was withdrawn.")
        return redirect(decision_url(decision))
    meeting = meeting_of(decision)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.withdraw_decision(request.user, decision, data["reason"])
        return f"'{decision}' was withdrawn.", f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)
