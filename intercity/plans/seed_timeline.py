"""Seeds of the timeline part, each row citing its seed passage. Idempotent.

Seed 004 is a concept note written before every date it gives, so each milestone is recorded
as planned, dated to the month the note names (none names a day). The note gives two dates for
endorsing the ASEAN Smart Cities Framework: the first ASCN meeting in July 2018 (para. 7(b))
and October 2018 (its Timeline table); both are kept, each with its passage, rather than one
chosen."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import transaction

from intercity.network.models import Network
from intercity.plans.models_timeline import NetworkDocument, NetworkMilestone

FRAMEWORK = {
    "slug": "asean-smart-cities-framework",
    "title": "ASEAN Smart Cities Framework",
    "purpose": (
        "Crafted jointly by the ASCN member cities and their National Representatives, it (i) "
        'articulates ASEAN\'s definition of a "smart city"; (ii) outlines key principles; and '
        "(iii) identifies core outcomes. A normative document that guides smart city "
        "development in each ASCN city without imposing on national development plans."
    ),
    "source": "004, Core Elements para. 7(b)",
}

K = NetworkMilestone.Kind

# (position, month, kind, title, concerns the framework, source, the seed's words)
MILESTONES: list[tuple[int, dt.date, str, str, bool, str, str]] = [
    (
        1,
        dt.date(2018, 2, 1),
        K.OTHER,
        "Nominations due: member cities, Chief Smart City Officers and National Representatives",
        False,
        "004, Timeline (February 2018); para. 9",
        'AMS to submit nominations for (i) member cities; (ii) "Chief Smart City Officers"; '
        "and (iii) National Representatives. Singapore hopes to receive AMS' list of "
        "nominated cities and representatives by end-February 2018.",
    ),
    (
        2,
        dt.date(2018, 3, 1),
        K.REPORT,
        "Initial draft of the ASEAN Smart Cities Framework circulated to the Member States",
        True,
        "004, Core Elements para. 7(b)",
        "An initial draft of this framework will be prepared by Singapore and circulated to "
        "AMS in March 2018.",
    ),
    (
        3,
        dt.date(2018, 5, 1),
        K.MEETING,
        "Smart Cities Governance Workshop in Singapore (5 days)",
        True,
        "004, Timeline (May 2018); Core Elements para. 7(a) and 7(b)",
        "5-day Smart City Governance Workshop in Singapore. Member cities develop their "
        "initial action plans in consultation with their National Representatives; member "
        "cities and National Representatives discuss a revised draft framework.",
    ),
    (
        4,
        dt.date(2018, 7, 1),
        K.MEETING,
        "First Annual Meeting of the ASCN and matchmaking with external partners",
        False,
        "004, Timeline (July 2018); Core Elements para. 7(c)",
        "First Annual Meeting of the ASCN and Matchmaking with External Partners. Singapore "
        "will convene the first annual meeting of the ASCN in July 2018 alongside the World "
        "Cities Summit, inviting all member cities and their National Representatives.",
    ),
    (
        5,
        dt.date(2018, 7, 1),
        K.ENDORSEMENT,
        "Endorsement of the ASEAN Smart Cities Framework targeted at the first ASCN meeting",
        True,
        "004, Core Elements para. 7(b)",
        "The framework will be targeted for endorsement at the first ASCN meeting in July.",
    ),
    (
        6,
        dt.date(2018, 8, 1),
        K.ANNOUNCEMENT,
        "Twinning Programme officially announced at the 51st AMM and Related Meetings",
        False,
        "004, Timeline (August 2018); Core Elements para. 7(d)",
        "Twinning Programme officially announced at 51st AMM and Related Meetings.",
    ),
    (
        7,
        dt.date(2018, 10, 1),
        K.ENDORSEMENT,
        "City-specific action plans and the list of external partners noted; ASEAN Smart "
        "Cities Framework endorsed",
        True,
        "004, Timeline (October 2018)",
        "Note city-specific action plans. Note list of external partners for ASCN member "
        "cities. Endorse ASEAN Smart Cities Framework.",
    ),
    (
        8,
        dt.date(2018, 11, 1),
        K.ANNOUNCEMENT,
        "Official launch of the ASCN by the ASEAN Leaders",
        False,
        "004, Timeline (November 2018)",
        "Official Launch of the ASCN by ASEAN Leaders.",
    ),
    (
        9,
        dt.date(2018, 11, 1),
        K.ENDORSEMENT,
        "Adoption of the ASEAN Smart Cities Framework by the ASEAN Leaders at the 33rd ASEAN "
        "Summit",
        True,
        "004, Core Elements para. 7(b)",
        "The framework will be targeted for ... adoption by the ASEAN Leaders at the 33rd "
        "ASEAN Summit in November 2018.",
    ),
]


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="ascn").first()
    if network is None:
        return created
    with transaction.atomic():
        document, made = NetworkDocument.objects.get_or_create(
            network=network, slug=FRAMEWORK["slug"], defaults=FRAMEWORK
        )
        created["network documents"] += made
        for position, on, kind, title, framework, source, passage in MILESTONES:
            defaults: dict[str, Any] = {
                "kind": kind,
                "precision": NetworkMilestone.Precision.MONTH,
                "status": NetworkMilestone.Status.PLANNED,
                "title": title,
                "document": document if framework else None,
                "passage": passage,
            }
            _, made = NetworkMilestone.objects.get_or_create(
                network=network, source=source, on=on, position=position, defaults=defaults
            )
            created["milestones"] += made
    return created
