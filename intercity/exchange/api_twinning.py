"""The exchange API: the twinning part, public. `GET /api/v1/exchange/twinning/rounds` lists
the ASCN twinning rounds; `GET /api/v1/exchange/twinning/rounds/{id}` gives one round with its
published pairs, each with why it was proposed (the ranks the city and the partner gave each
other). Pairs are shown only once the round is published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.exchange.models_twinning import TwinningPair, TwinningRound
from intercity.exchange.services import twinning as services

router = Router(tags=["exchange"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class TwinningRoundOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. ascn.")
    year: int
    status: str = Field(description="open (rankings open), matched, confirmed or published.")
    proposing: str = Field(description="cities or partners once the matching ran; else empty.")
    partner_capacity: int = Field(description="How many pilot cities one partner may take.")
    demonstration: bool = Field(description="Made-up data to show the platform.")
    published_at: dt.datetime | None


class TwinningPairOut(Schema):
    city: OrganisationRef
    partner: OrganisationRef
    city_rank: int = Field(description="Where the city ranked the partner (1 is first).")
    city_ranked: int = Field(description="How many partners the city ranked.")
    partner_rank: int = Field(description="Where the partner ranked the city (1 is first).")
    partner_ranked: int = Field(description="How many cities the partner ranked.")
    reason: str = Field(description="Why the pair was proposed, in words.")


class TwinningRoundDetailOut(TwinningRoundOut):
    stability: str = Field(description="What the check of the proposed pairs found.")
    pairs: list[TwinningPairOut] = Field(
        description="The confirmed pairs once the round is published; empty before."
    )


def _organisation(organisation: Any) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


def _round(twinning: TwinningRound) -> dict[str, Any]:
    return {
        "id": twinning.pk,
        "network": twinning.network.slug,
        "year": twinning.year,
        "status": twinning.status,
        "proposing": twinning.proposing,
        "partner_capacity": twinning.partner_capacity,
        "demonstration": twinning.demonstration,
        "published_at": twinning.published_at,
    }


def _pair(pair: TwinningPair) -> dict[str, Any]:
    return {
        "city": _organisation(pair.city.organisation),
        "partner": _organisation(pair.partner.organisation),
        "city_rank": pair.city_rank,
        "city_ranked": pair.city_ranked,
        "partner_rank": pair.partner_rank,
        "partner_ranked": pair.partner_ranked,
        "reason": services.reason(pair),
    }


@router.get(
    "/exchange/twinning/rounds",
    response={200: list[TwinningRoundOut], **ERRORS},
    summary="ASCN twinning rounds",
    description="Every twinning round of pilot cities with external partners, the latest first.",
)
def list_twinning_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_round(r) for r in services.rounds()]


@router.get(
    "/exchange/twinning/rounds/{round_id}",
    response={200: TwinningRoundDetailOut, **ERRORS},
    summary="A twinning round with its published pairs",
    description="The round and, once published, its confirmed pairs of a pilot city and an "
    "external partner, each with the ranks they gave each other; an unknown round is a 404.",
)
def get_twinning_round(request: HttpRequest, round_id: DbId) -> dict[str, Any]:
    twinning = services.get_round(round_id)
    published = twinning.status == TwinningRound.Status.PUBLISHED
    return {
        **_round(twinning),
        "stability": twinning.stability if published else "",
        "pairs": [_pair(p) for p in services.published_pairs(twinning)],
    }
