"""Demonstration data of the needs part for `make run`, marked as such (`demo=True`; the pages
say "Demonstration data"): a handful of needs and offers of WeGO cities, Seoul and Makati among
them, one matching run and one accepted exchange. Not what these cities really asked for."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_needs import Need, Offer, Theme
from intercity.exchange.services import needs as services
from intercity.network.models import Network, Organisation

# (kind, city key, theme, title, description, forms, languages, capacity)
POSTINGS: list[tuple[str, str, str, str, str, list[str], list[str], int]] = [
    (
        "need",
        "makati",
        "mobile-government",
        "Real-time bus information for commuters",
        "Makati wants to show bus arrival times on phones and at major stops.",
        ["study_visit", "training"],
        ["en"],
        1,
    ),
    (
        "need",
        "makati",
        "citizen-engagement",
        "A single city contact number",
        "Makati wants one number for residents' questions and complaints.",
        ["expert_mission"],
        ["en"],
        1,
    ),
    (
        "need",
        "kampala",
        "building-infrastructure",
        "A city base map and address register",
        "Kampala wants to build an address register on a limited budget.",
        ["expert_mission", "training"],
        ["en"],
        1,
    ),
    (
        "offer",
        "seoul",
        "mobile-government",
        "Training on Seoul's bus information system",
        "Seoul trains officers from other cities on its bus information system.",
        ["training", "study_visit"],
        ["en", "ko"],
        2,
    ),
    (
        "offer",
        "seoul",
        "citizen-engagement",
        "The Dasan call centre: a study visit",
        "Seoul shows how its 120 call centre is staffed and run.",
        ["study_visit"],
        ["en", "ko"],
        1,
    ),
    (
        "offer",
        "goyang",
        "mobile-government",
        "Mobile services for field staff",
        "Goyang shares its mobile tools for inspectors.",
        ["software_or_data"],
        ["ko", "en"],
        1,
    ),
]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    if Need.objects.filter(demo=True).exists() or Offer.objects.filter(demo=True).exists():
        return created
    wego = Network.objects.filter(slug="wego").first()
    if wego is None or not Theme.objects.exists():
        return created
    actor: Any = SYSTEM
    with transaction.atomic():
        for kind, key, theme, title, description, forms, languages, capacity in POSTINGS:
            city = Organisation.objects.filter(key=key).first()
            if city is None or wego not in services.member_networks(city):
                continue
            model = Need if kind == "need" else Offer
            extra = {"capacity": capacity} if kind == "offer" else {}
            services.post(
                actor,
                model,
                city,
                wego,
                demo=True,
                title=title,
                description=description,
                theme=Theme.objects.get(slug=theme),
                module=None,
                forms=forms,
                languages=languages,
                available_from=None,
                available_to=None,
                **extra,
            )
            created[f"demo {kind}"] += 1
        run = services.run_matching(actor, wego, demo=True)
        created["demo matching run"] += 1
        first = services.proposals_of(run).filter(need__organisation__key="makati").first()
        if first is not None:
            services.accept_proposal(actor, first)
            created["demo exchange"] += 1
    return created
