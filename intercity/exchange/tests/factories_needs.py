"""Factories of the needs part, made through the services as a city would: `need(officer)`
posts a need of Seoul's (by default) in WeGO; `offer(officer, "makati")` an offer of Makati's."""

from __future__ import annotations

from typing import Any, cast

from intercity.exchange.models_needs import Need, Offer, Theme
from intercity.exchange.services import needs as services
from intercity.network.models import Network, Organisation


def _values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Real-time bus information",
        "description": "We want to show bus arrivals on phones and at stops.",
        "theme": Theme.objects.get(slug="mobile-government"),
        "module": None,
        "forms": ["study_visit", "training"],
        "languages": ["en"],
        "available_from": None,
        "available_to": None,
    }
    values.update(overrides)
    return values


def need(actor: Any, city: str = "seoul", network: str = "wego", **overrides: Any) -> Need:
    return cast(
        Need,
        services.post(
            actor,
            Need,
            Organisation.objects.get(key=city),
            Network.objects.get(slug=network),
            **_values(**overrides),
        ),
    )


def offer(actor: Any, city: str = "makati", network: str = "wego", **overrides: Any) -> Offer:
    overrides.setdefault("title", "Training on bus information systems")
    return cast(
        Offer,
        services.post(
            actor,
            Offer,
            Organisation.objects.get(key=city),
            Network.objects.get(slug=network),
            **_values(**overrides),
        ),
    )
