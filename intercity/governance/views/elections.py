"""Elections: opening one, its candidates, closing it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts.permissions import secretariat_only
from intercity.governance import forms, services
from intercity.governance.explanations import shown_explanation
from intercity.governance.models import Decision
from intercity.governance.views.common import auto_id, item_of, meeting_of
from intercity.governance.views.meeting_page import form_action, member_choices
from intercity.network import services as registry


@secretariat_only
@require_POST
def election_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = item_of(meeting, item_id)
    form_key = f"election-{item.pk}"
    form = forms.ElectionForm(meeting.network, request.POST, auto_id=auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        region = meeting.network.regions.filter(slug=data.get("region", "")).first()
        election = services.open_election(
            request.user, item, title=data["title"], office=data["office"], region=region
        )
        return _("Election '%(title)s' opened.") % {"title": election}, f"decision-{election.pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def candidate_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    meeting = meeting_of(decision)
    form_key = f"candidate-{pk}"
    form = forms.CandidateForm(
        request.POST,
        auto_id=auto_id(form_key),
        organisations=member_choices(meeting.network, meeting.date),
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        organisation = registry.get_organisation(data["organisation"])
        candidate = services.add_candidate(
            request.user, decision, organisation, data["declared_on"]
        )
        if candidate.warnings:
            done = _("%(name)s is a candidate. The statute warns: %(warnings)s.") % {
                "name": organisation,
                "warnings": "; ".join(candidate.warnings),
            }
        else:
            done = _("%(name)s is a candidate.") % {"name": organisation}
        return done, f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def close_election(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = services.get_decision(registry.get_network(slug), pk)
    meeting = meeting_of(decision)
    form_key = f"result-{pk}"
    candidates = [
        (c.organisation_id, c.organisation.name)
        for c in decision.candidates.select_related("organisation")
    ]
    form = forms.ElectionResultForm(request.POST, auto_id=auto_id(form_key), candidates=candidates)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.close_election(request.user, decision, form.votes())
        # Read again with its candidates, so the result is said in the reader's language.
        closed = (
            Decision.objects.select_related("winner", "body", "statute_version")
            .prefetch_related("candidates__organisation")
            .get(pk=decision.pk)
        )
        # Translators: an election's title and its result, e.g. "'President': Seoul 12, ..."
        done = _("'%(title)s': %(explanation)s") % {
            "title": decision,
            "explanation": shown_explanation(closed),
        }
        return done, f"decision-{pk}"

    return form_action(request, meeting, form_key, form, act)
