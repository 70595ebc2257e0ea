"""Demonstration data of the twinning part for `make run`, marked as such: an ASCN round with
eight pilot cities and four demonstration external partners (seed 004 names no partner of the
twinning programme, so these are made up and named "Demonstration partner"), their rankings,
and the stable matching run (the pairs proposed, none confirmed). Loading twice adds nothing."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_twinning import TwinningParticipant, TwinningRound
from intercity.exchange.services import twinning
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation

YEAR = 2018
CITIES = [
    "bangkok",
    "cebu-city",
    "da-nang",
    "jakarta",
    "kuala-lumpur",
    "manila",
    "phuket",
    "yangon",
]
PARTNERS = [
    "Demonstration partner A",
    "Demonstration partner B",
    "Demonstration partner C",
    "Demonstration partner D",
]
NOTE = "Demonstration data: not a real ASCN external partner (seed 004 names none)."
# Each city's ranking of the partners and each partner's of the cities (letters and keys),
# some incomplete, so the demonstration shows cities left out and a choice of the matching.
CITY_RANKINGS = {
    "bangkok": "ABC",
    "cebu-city": "BA",
    "da-nang": "ACD",
    "jakarta": "CB",
    "kuala-lumpur": "DA",
    "manila": "B",
    "phuket": "AD",
    "yangon": "",
}
PARTNER_RANKINGS = {
    "A": ["da-nang", "bangkok", "phuket", "kuala-lumpur"],
    "B": ["manila", "cebu-city", "jakarta", "bangkok"],
    "C": ["bangkok", "jakarta", "da-nang"],
    "D": ["phuket", "da-nang", "kuala-lumpur"],
}


def _partner(name: str) -> tuple[Organisation, bool]:
    found = Organisation.objects.filter(name=name, kind=Organisation.Kind.EXTERNAL_PARTNER).first()
    if found is not None:
        return found, False
    made = network_services.register_organisation(
        SYSTEM,
        name=name,
        kind=Organisation.Kind.EXTERNAL_PARTNER,
        country="",
        description=NOTE,
    )
    return made, True


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="ascn").first()
    if network is None or TwinningRound.objects.filter(network=network, year=YEAR).exists():
        return created
    cities = list(Organisation.objects.filter(key__in=CITIES).order_by("name"))
    if len(cities) != len(CITIES):
        return created
    with transaction.atomic():
        partners = []
        for name in PARTNERS:
            partner, new = _partner(name)
            partners.append(partner)
            created["demonstration partners"] += int(new)
        demo = twinning.open_round(
            SYSTEM, network, YEAR, partners, cities=cities, demonstration=True
        )
        created["twinning rounds"] += 1
        by_org = {p.organisation_id: p for p in TwinningParticipant.objects.filter(round=demo)}
        city_of = {o.key: by_org[o.pk] for o in cities}
        partner_of = {name[-1]: by_org[p.pk] for name, p in zip(PARTNERS, partners, strict=True)}
        for key, letters in CITY_RANKINGS.items():
            if letters:
                twinning.rank(SYSTEM, city_of[key], [partner_of[x].pk for x in letters])
                created["rankings"] += 1
        for letter, keys in PARTNER_RANKINGS.items():
            twinning.rank(SYSTEM, partner_of[letter], [city_of[k].pk for k in keys])
            created["rankings"] += 1
        twinning.set_taking_part(SYSTEM, city_of["yangon"], False)
        made = twinning.run_matching(SYSTEM, demo, TwinningRound.Proposing.CITIES)
        created["proposed pairs"] += len(made)
    return created
