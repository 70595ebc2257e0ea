"""Twinning rounds for tests: an ASCN round with named pilot cities (seeded) and external
partners (the registry's, by key), opened through the real service; rankings by key."""

from __future__ import annotations

from intercity.accounts.permissions import SYSTEM
from intercity.exchange.models_twinning import TwinningParticipant, TwinningRound
from intercity.exchange.services import twinning
from intercity.network.models import Network, Organisation

CITIES = ("bangkok", "da-nang", "manila")
PARTNERS = ("adb", "aiib", "world-bank")


def round_(
    cities: tuple[str, ...] = CITIES,
    partners: tuple[str, ...] = PARTNERS,
    *,
    year: int = 2030,
    capacity: int = 1,
) -> TwinningRound:
    return twinning.open_round(
        SYSTEM,
        Network.objects.get(slug="ascn"),
        year,
        list(Organisation.objects.filter(key__in=partners)),
        cities=list(Organisation.objects.filter(key__in=cities)),
        partner_capacity=capacity,
    )


def participant(twinning_round: TwinningRound, key: str) -> TwinningParticipant:
    return TwinningParticipant.objects.select_related("organisation", "round").get(
        round=twinning_round, organisation__key=key
    )


def ranks(
    twinning_round: TwinningRound, key: str, ranked: list[str], actor: object = SYSTEM
) -> None:
    """`key` ranks the participants named by `ranked` (keys), the most wanted first."""
    twinning.rank(
        actor,
        participant(twinning_round, key),
        [participant(twinning_round, k).pk for k in ranked],
    )
