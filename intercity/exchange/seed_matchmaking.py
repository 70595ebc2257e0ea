"""Seeds of the matchmaking part, each row citing its seed passage. Idempotent.

Seed 002 ("Matchmaking Meetings at the 4th WeGO General Assembly", the final report's section
on the matchmaking meetings): WeGO arranged 23 meetings of 30 minutes each, from 27 to 29 June
2017 in Ulyanovsk, "held privately in an official matchmaking meeting room", and lists the 23
pairs. It gives neither their times nor the room's name, so the meetings are stored as held
(accepted, `held=True`) with no placement: the agendas say the time is not recorded. The
report names no requester either; the first-named of each pair is stored as the requester.

(The report's table of contents also reads "Matchmaking Meetings 58": that is the page
number of the section, not a count; the section itself says 23 and lists 23.)

Every organisation named is in the registry (network/seed_data/organisations.yaml); a pair
whose organisation is missing (a partial registry) is skipped and counted as such.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction

from intercity.exchange.models_matchmaking import (
    MatchmakingEvent,
    MatchmakingParticipant,
    MeetingRequest,
)
from intercity.network.models import Network, Organisation

SOURCE = "seed 002, Matchmaking Meetings at the 4th WeGO General Assembly"
NAME = "Matchmaking Meetings at the 4th WeGO General Assembly"
DESCRIPTION = (
    "WeGO organized Matchmaking Meetings for delegations represented by high-level officials "
    "to promote networking, exchanging of information, and exploring areas of collaboration. "
    "These meetings were held privately in an official matchmaking meeting room. The "
    "meetings were held between cities, cities and companies, and cities and organizations "
    "and lasted 30 minutes each; 23 took place from June 27 to June 29, 2017."
)

# The 23 pairs, in the report's order, by the registry's keys.
PAIRS: tuple[tuple[str, str], ...] = (
    ("sejong", "chengdu"),
    ("seoul", "la-union"),
    ("seoul", "tshwane"),
    ("re-imagining-cities-foundation", "jerusalem"),
    ("seoul", "kabul"),
    ("madrid", "cali"),
    ("hebron", "moscow"),
    ("montevideo", "cali"),
    ("montevideo", "veracruz"),
    ("veracruz", "fmdv"),
    ("madrid", "china-center-for-urban-development"),
    ("un-pulse-lab-jakarta", "nesta"),
    ("itu", "montevideo"),
    ("tm-forum", "itu"),
    ("tm-forum", "iclei-european-secretariat"),
    ("itu", "iclei-european-secretariat"),
    ("minsk", "krasnodar"),
    ("minsk", "tashkent"),
    ("hebron", "dubai"),
    ("magas", "dubai"),
    ("re-imagining-cities-foundation", "dubai"),
    ("veracruz", "dubai"),
    ("veracruz", "re-imagining-cities-foundation"),
)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="wego").first()
    if network is None:
        return created  # a registry without WeGO: nothing to attach the event to
    with transaction.atomic():
        event, made = MatchmakingEvent.objects.get_or_create(
            network=network,
            name=NAME,
            defaults={
                "place": "Ulyanovsk, Russia",
                "starts_on": dt.date(2017, 6, 27),
                "ends_on": dt.date(2017, 6, 29),
                "time_zone": "Europe/Ulyanovsk",
                "slot_minutes": 30,
                "status": MatchmakingEvent.Status.ANNOUNCED,
                "description": DESCRIPTION,
                "source": SOURCE,
            },
        )
        created["matchmaking event"] += made
        organisations = Organisation.objects.in_bulk(
            {key for pair in PAIRS for key in pair}, field_name="key"
        )
        delegations: dict[str, MatchmakingParticipant] = {}
        for number, (first, second) in enumerate(PAIRS, start=1):
            if first not in organisations or second not in organisations:
                created["matchmaking meeting skipped"] += 1
                continue
            a, b = (
                _delegation(event, organisations[k], delegations, created) for k in (first, second)
            )
            _, made = MeetingRequest.objects.get_or_create(
                event=event,
                requester=a,
                target=b,
                held=True,
                defaults={
                    "status": MeetingRequest.Status.ACCEPTED,
                    "source": f"{SOURCE}, meeting {number}",
                },
            )
            created["matchmaking meeting"] += made
    return created


def _delegation(
    event: MatchmakingEvent,
    organisation: Organisation,
    found: dict[str, MatchmakingParticipant],
    created: Counter[str],
) -> MatchmakingParticipant:
    if organisation.key not in found:
        participant, made = MatchmakingParticipant.objects.get_or_create(
            event=event, organisation=organisation, defaults={"source": SOURCE}
        )
        created["matchmaking participant"] += made
        found[organisation.key] = participant
    return found[organisation.key]
