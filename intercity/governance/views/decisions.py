"""Decisions: the list with its filters, and one decision's page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.governance import effects as decision_effects
from intercity.governance import forms, rules, services
from intercity.governance.models import (
    Decision,
)
from intercity.governance.views.meeting_page import OFFICE_LABELS
from intercity.governance.views.words import rule_words, stored_rule_words
from intercity.network import services as registry

# --- Decisions --------------------------------------------------------------------------------


def decisions(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    form = forms.DecisionFilterForm(network, request.GET or None)
    found = services.decisions(network)
    error = ""
    if form.is_bound and not form.is_valid():
        error = _("Please correct the filters below.")
        found = found.none()
    elif form.is_bound:
        found = services.find_decisions(network, form.wanted())
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/decisions.html",
        {
            "network": network,
            "form": form,
            "page": page,
            "error": error,
            "query": query.urlencode(),
        },
        status=400 if error else 200,
    )


def _rule_in_force(decision: Decision) -> str:
    """The statute's rule for a decision that stored no arithmetic (the seeded record)."""
    if not decision.rule or decision.kind == Decision.Kind.ELECTION:
        return ""
    try:
        rule = services.rule_for_decision(decision)
    except DomainError:
        return ""
    return rule_words(rule)


def decision(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = registry.get_network(slug)
    found = services.get_decision(network, pk)
    is_staff = permissions.is_secretariat(request.user)
    consents = list(found.consents.select_related("organisation"))
    consent_rows: list[dict[str, Any]] = []
    if found.kind == Decision.Kind.WRITTEN_CONSENT:
        members = services.body_members(found.body, found.date)
        categories = services.voting_categories(network)
        answers = {c.organisation_id: c for c in consents}
        for organisation in registry.organisations_by_name(list(members)):
            voter = members[organisation.pk]
            refusal = services.vote_refusal(
                network, rules.Voter(voter.category, voter.status, True), categories
            )
            consent_rows.append(
                {
                    "organisation": organisation,
                    "answer": answers.get(organisation.pk),
                    "refusal": refusal,
                }
            )
    return render(
        request,
        "governance/decision.html",
        {
            "network": network,
            "decision": found,
            "rule_words": stored_rule_words(found.rule_applied),
            "rule_in_force": "" if found.rule_applied else _rule_in_force(found),
            "office_label": OFFICE_LABELS.get(found.office, found.office),
            "statute": found.statute_version or services.statute_on(network, found.date),
            "votes": found.votes.select_related("organisation"),
            "candidates": found.candidates.select_related("organisation"),
            "consents": consents,
            "consent_rows": consent_rows,
            "consented": sum(1 for c in consents if c.answer == "yes"),
            "effects": decision_effects.described(found),
            "is_staff": is_staff,
            "can_answer": is_staff and found.status == Decision.Status.OPEN,
            "answer_choices": [("yes", _("Consents")), ("no", _("Objects"))],
            "today": timezone.localdate(),
        },
    )
