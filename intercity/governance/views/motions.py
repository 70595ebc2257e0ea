"""Motions: tabling, votes, counts, closing, withdrawing, and announcements."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError
from intercity.governance import forms, services
from intercity.governance.explanations import shown_explanation
from intercity.governance.models import AgendaItem, Meeting
from intercity.governance.views.common import (
    auto_id,
    decision_url,
    item_of,
    meeting_of,
    meeting_url,
)
from intercity.governance.views.meeting_page import (
    answer,
    effect_choices,
    form_action,
    motion_rule_choices,
)
from intercity.network import services as registry


@secretariat_only
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = registry.get_network(slug)
    decision = services.get_decision(network, pk)
    if decision.meeting is None:
        raise Http404(_("Votes are taken at a meeting."))
    meeting = services.get_meeting(network, decision.meeting.key)
    form = forms.VoteForm(request.POST)
    anchor = f"decision-{pk}"
    try:
        if not form.is_valid():
            raise DomainError(_("A vote names the member and its choice: yes, no or abstain."))
        organisation = registry.get_organisation(form.cleaned_data["organisation"])
        cast = services.record_vote(
            request.user, decision, organisation, form.cleaned_data["choice"]
        )
    except DomainError as exc:
        return answer(request, meeting, anchor, error=exc.message)
    done = _("%(name)s: %(choice)s on '%(title)s'.") % {
        "name": organisation,
        "choice": cast.get_choice_display().lower(),
        "title": decision,
    }
    return answer(request, meeting, anchor, done=done)


# The motion's own page posts this, so its errors are shown there and not on the meeting page.
DETAILS_STEP = "details"


def _motion_page(
    request: HttpRequest,
    meeting: Meeting,
    item: AgendaItem,
    form: forms.MotionForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "governance/motion_form.html",
        {
            "network": meeting.network,
            "meeting": meeting,
            "item": item,
            "form": form,
            "meeting_url": meeting_url(meeting, f"item-{item.pk}"),
            "step": DETAILS_STEP,
        },
        status=status,
    )


@secretariat_only
def motion_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    """Put a motion under an agenda item, with what it does if adopted. From the meeting page
    a motion with no effect is tabled at once; choosing an effect opens the motion's page
    with the fields that effect needs (the same page a GET opens, `?effect=<kind>`)."""
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"motion-{item.pk}"
    statute = services.statute_on(meeting.network, meeting.date)
    options: dict[str, Any] = {
        "auto_id": auto_id(form_key),
        "rules": motion_rule_choices(meeting, statute),
        "effect_choices": effect_choices(meeting),
    }
    if request.method != "POST":
        chosen = request.GET.get("effect", "")
        form = forms.MotionForm(initial={"effect": chosen, "details_for": chosen}, **options)
        return _motion_page(request, meeting, item, form)
    form = forms.MotionForm(request.POST, **options)
    if form.is_valid() and form.needs_details:
        chosen = form.cleaned_data["effect"]
        details = forms.MotionForm(initial={**form.cleaned_data, "details_for": chosen}, **options)
        return _motion_page(request, meeting, item, details)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        motion = services.propose_motion(request.user, item, **form.motion())
        done = _("Motion '%(motion)s' put to the %(body)s.") % {
            "motion": motion,
            "body": meeting.body.name,
        }
        return done, f"decision-{motion.pk}"

    if request.POST.get("step") != DETAILS_STEP:
        return form_action(request, meeting, form_key, form, act)
    if form.is_valid():
        try:
            done, anchor = act(form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect(meeting_url(meeting, anchor))
    return _motion_page(request, meeting, item, form, status=400)


@secretariat_only
@require_POST
def announcement_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"announcement-{item.pk}"
    form = forms.AnnouncementForm(request.POST, auto_id=auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        announcement = services.record_announcement(request.user, item, **data)
        return _("Announcement '%(title)s' recorded.") % {
            "title": announcement
        }, f"decision-{announcement.pk}"

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
        return _("Counts recorded for '%(title)s'.") % {"title": decision}, f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def close_motion(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    meeting = meeting_of(decision)
    form = forms.CastingVoteForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("A casting vote is yes or no."))
        services.close_motion(
            request.user, decision, casting_vote=form.cleaned_data["casting_vote"] or None
        )
    except DomainError as exc:
        return answer(request, meeting, f"decision-{pk}", error=exc.message)
    # Translators: a decision's outcome and the ruling's explanation, e.g. "'Budget 2019':
    # adopted. 12 of 19 present; ..."
    done = _("'%(title)s': %(outcome)s. %(explanation)s.") % {
        "title": decision,
        "outcome": decision.get_outcome_display().lower(),
        "explanation": shown_explanation(decision),
    }
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
                raise DomainError(_("Say why it is withdrawn."))
            services.withdraw_decision(request.user, decision, form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("'%(title)s' was withdrawn.") % {"title": decision})
        return redirect(decision_url(decision))
    meeting = meeting_of(decision)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.withdraw_decision(request.user, decision, data["reason"])
        return _("'%(title)s' was withdrawn.") % {"title": decision}, f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)
