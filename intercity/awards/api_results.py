"""The editions and their results under /api/v1/awards/: published editions for everyone,
every edition for the Secretariat. Each handler parses, calls one service and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.accounts.api_auth import ApiTokenAuth, VerifiedSessionAuth
from intercity.awards.models import Edition, Placement
from intercity.awards.services import results as services
from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut, OrganisationRef

router = Router(tags=["awards"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# Public operations whose answer depends on who calls: a token or a verified session names
# the caller (a token that is unknown or revoked is a 401, never read as the public); without
# either, the caller is the public, who sees published results only.
_METHODS = (ApiTokenAuth(), VerifiedSessionAuth())


def _caller(request: HttpRequest) -> Any:
    for method in _METHODS:
        user = method(request)
        if user:
            return user
    return AnonymousUser()


class AwardCategoryOut(Schema):
    id: int
    code: str
    name: str


class AwardEditionOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. wego.")
    year: int = Field(description="The General Assembly's year.")
    number: int = Field(description="3 for the 3rd edition.")
    title: str
    stage: str = Field(
        description="draft, applications, screening, round1, round2, decided or published."
    )
    categories: list[AwardCategoryOut]


class AwardPlacementOut(Schema):
    place: str = Field(
        description="gold, silver or special-mention in a category; special-achievement for "
        "an award of the whole edition."
    )
    organisation: OrganisationRef
    project: str = Field(description="The project's title; empty when the record has none.")
    votes: int | None = Field(
        description="Round-2 votes; null for a Special Mention or a record without them."
    )
    ruling: str = Field(description="Why this place, in words: the votes and the tie-break used.")


class AwardCategoryResultsOut(Schema):
    category: AwardCategoryOut
    placements: list[AwardPlacementOut]


class AwardResultsOut(Schema):
    edition: AwardEditionOut
    published_at: dt.datetime | None = Field(
        description="When the results were published; null before."
    )
    categories: list[AwardCategoryResultsOut]
    edition_wide: list[AwardPlacementOut] = Field(
        description="Awards of the whole edition, in no category (e.g. the Special Achievement "
        "Awards of 2017)."
    )


def _edition(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "network": edition.network.slug,
        "year": edition.year,
        "number": edition.number,
        "title": edition.title,
        "stage": edition.stage,
        "categories": [
            {"id": c.pk, "code": c.code, "name": c.name}
            for c in sorted(edition.categories.all(), key=lambda c: (c.position, c.code))
        ],
    }


def _placement(placement: Placement) -> dict[str, Any]:
    organisation = placement.organisation
    return {
        "place": placement.place,
        "organisation": {
            "id": organisation.pk,
            "name": organisation.name,
            "country": str(organisation.country or ""),
        },
        "project": placement.project,
        "votes": placement.votes,
        "ruling": placement.ruling,
    }


@router.get(
    "/awards/editions",
    response={200: list[AwardEditionOut], **ERRORS},
    summary="Award editions: the published ones (every edition for the Secretariat)",
)
def list_editions(request: HttpRequest) -> list[dict[str, Any]]:
    return [_edition(e) for e in services.editions_with_results(_caller(request))]


@router.get(
    "/awards/editions/{edition_id}/results",
    response={200: AwardResultsOut, **ERRORS},
    summary="An edition's results: per category Gold, Silver and Special Mentions",
    description=(
        "Published results for everyone; the Secretariat also sees decided results before "
        "publication. Any other edition, or an unknown id, is a 404."
    ),
)
def edition_results(request: HttpRequest, edition_id: DbId) -> dict[str, Any]:
    edition = services.get_visible_edition(_caller(request), edition_id, panel=False)
    found = services.results(_caller(request), edition)
    return {
        "edition": _edition(edition),
        "published_at": edition.published_at,
        "categories": [
            {
                "category": {"id": c.category.pk, "code": c.category.code, "name": c.category.name},
                "placements": [_placement(p) for p in c.placements],
            }
            for c in found.categories
        ],
        "edition_wide": [_placement(p) for p in found.edition_wide],
    }
