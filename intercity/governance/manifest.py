"""What governance brings: meetings, decisions, officers, statute deadlines, minutes and the
regional offices, and the links to them on a network's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from intercity.core.modules import Link, Manifest, Section


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    links = (
        Link("Meetings", reverse("governance_home", args=[network.slug])),
        Link("Decisions", reverse("governance_decisions", args=[network.slug])),
        Link("Officers and terms", reverse("governance_officers", args=[network.slug])),
        Link("Statute deadlines", reverse("governance_deadlines", args=[network.slug])),
    )
    return [Section("Meetings and decisions", links=links, anchor="governance", order=10)]


def decision_choices(request: HttpRequest, network: Any) -> list[tuple[str, str]]:
    """The network's adopted decisions, newest first, as (reference, label) pairs: what a
    membership approval may cite. The reference is how the decision is cited elsewhere."""
    from intercity.governance import services

    adopted = services.find_decisions(network, services.DecisionFilter(outcome="adopted"))
    return [
        (
            decision.reference[:300],
            f"{decision.date:%d %b %Y}, {decision.body.name}: {decision.title}",
        )
        for decision in adopted[:300]
    ]


manifest = Manifest(
    name="governance",
    label="Governance",
    urls=(
        "intercity.governance.urls",
        "intercity.governance.urls_minutes",
        "intercity.governance.urls_regional",
    ),
    api=("intercity.governance.api:router", "intercity.governance.api_regional:router"),
    seed="intercity.governance.seed",
    network_sections=network_sections,
    decision_choices=decision_choices,
)
