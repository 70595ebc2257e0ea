"""Factories of the representation part, for this app's tests and others'."""

from __future__ import annotations

import datetime as dt

from intercity.network.models import Network, Organisation
from intercity.plans.models_representation import MemberState, RepresentationRule


def city(name: str, country: str) -> Organisation:
    key = "test-" + name.lower().replace(" ", "-")
    organisation, _ = Organisation.objects.get_or_create(
        key=key, defaults={"name": name, "country": country, "kind": Organisation.Kind.CITY}
    )
    return organisation


def state(network: Network, code: str) -> MemberState:
    return MemberState.objects.get(network=network, country=code)


def rule(
    network: Network, on: dt.date, limit: int, capital_included: bool = True
) -> RepresentationRule:
    return RepresentationRule.objects.create(
        network=network,
        effective_from=on,
        max_cities_per_state=limit,
        capital_included=capital_included,
        source="test rule",
    )
