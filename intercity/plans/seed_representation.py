"""Seeds of the representation part, each row citing its seed passage. Idempotent.

- The inaugural year's rule (seed 004, Scope and para. 8): up to three pilot cities per ASEAN
  Member State, its capital included. The note is undated; its nominations are due by
  end-February 2018 for "the inaugural year", so the rule is dated from 2018-01-01.
- The ten Member States (the registry's ASCN regions, one per state) with their capitals. The
  seed names no capital: the capitals are the states' own (general knowledge, said so in
  `capital_source`); each is among the seed's pilot cities.
- The nominations: the registry's ASCN pilot-city memberships, as they are (26 cities; four
  for Malaysia, which the representation page explains).
- The ASEAN Chair of 2018, Singapore (seed 004, Core Elements 7(c) and 7(d): "As ASEAN Chair,
  Singapore ..."). The seed names no later chair and no shepherd: staff add them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from intercity.network.models import Membership, Network, Organisation, Region
from intercity.plans.models_representation import (
    ChairYear,
    MemberState,
    Nomination,
    RepresentationRule,
)

RULE_QUOTE = (
    "Each AMS will be asked to nominate up to three cities (including its capital) as 'pilot' "
    "cities for the inaugural year of the ASCN (para. 8); up to three cities from each AMS, "
    "including capitals - with room for expansion when it matures (Scope)."
)
RULE_SOURCE = "004, Scope and para. 8"
CAPITAL_SOURCE = "The state's capital (general knowledge; seed 004 names no capital)"

# ASCN region slug (networks.yaml) -> ISO 3166 alpha-2 code and the capital's registry key.
STATES: dict[str, tuple[str, str]] = {
    "brunei": ("BN", "bandar-seri-begawan"),
    "cambodia": ("KH", "phnom-penh"),
    "indonesia": ("ID", "jakarta"),
    "laos": ("LA", "vientiane"),
    "malaysia": ("MY", "kuala-lumpur"),
    "myanmar": ("MM", "nay-pyi-taw"),
    "philippines": ("PH", "manila"),
    "singapore": ("SG", "singapore"),
    "thailand": ("TH", "bangkok"),
    "vietnam": ("VN", "ha-noi"),
}
CHAIRS = [(2018, "SG", "004, Core Elements 7(c)-(d): 'As ASEAN Chair, Singapore ...' (2018)")]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="ascn").first()
    if network is None:
        return created
    _, made = RepresentationRule.objects.get_or_create(
        network=network,
        effective_from=dt.date(2018, 1, 1),
        defaults={
            "max_cities_per_state": 3,
            "capital_included": True,
            "scope": "for the inaugural year; with room for expansion when it matures",
            "quote": RULE_QUOTE,
            "source": RULE_SOURCE,
        },
    )
    created["representation rules"] += made
    states: dict[int, MemberState] = {}
    for region in Region.objects.filter(network=network, slug__in=STATES):
        code, capital_key = STATES[region.slug]
        state, made = MemberState.objects.get_or_create(
            network=network,
            country=code,
            defaults={
                "region": region,
                "capital": Organisation.objects.filter(key=capital_key).first(),
                "capital_source": CAPITAL_SOURCE,
            },
        )
        states[region.pk] = state
        created["member states"] += made
    memberships = Membership.objects.filter(
        network=network, region__in=list(states)
    ).select_related("organisation")
    for membership in memberships:
        first = membership.periods.order_by("valid_from").first()
        _, made = Nomination.objects.get_or_create(
            network=network,
            organisation=membership.organisation,
            defaults={
                "state": states[membership.region_id],  # type: ignore[index]
                "nominated_on": first.valid_from if first else dt.date(2018, 2, 28),
                "source": (first.source if first else "") or "004, List of Pilot ASCN Cities",
            },
        )
        created["nominations"] += made
    by_code = {s.country.code: s for s in states.values()}
    for year, code, source in CHAIRS:
        if code in by_code:
            _, made = ChairYear.objects.get_or_create(
                network=network, year=year, defaults={"state": by_code[code], "source": source}
            )
            created["ASEAN chairs"] += made
    return created
