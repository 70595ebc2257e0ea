"""The plans API: the representation part. `POST /api/v1/networks/{slug}/representation/check`
is the representation rule as a what-if: may a Member State nominate a city of this name under
the rule in force? Nothing is saved. It is public, like the representation page: the rule and
the pilot list are the network's published facts, and the answer reveals nothing more."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from intercity.core.bounds import IsoDate
from intercity.core.errors import DomainError
from intercity.core.schemas import ErrorOut
from intercity.plans.services import representation as services

router = Router(tags=["plans"])

# 400: a NUL character in the body (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 422: ErrorOut}


class CheckIn(Schema):
    state: str = Field(
        min_length=2, max_length=2, description="The Member State's ISO 3166 alpha-2 code, e.g. TH."
    )
    add_city: str = Field(min_length=1, max_length=200, description="The city's name.")
    date: IsoDate | None = Field(
        None, description="Judge by the rule in force on this date; today when left out."
    )


class CheckOut(Schema):
    allowed: bool
    reason: str = Field(description="Why, in words, with the numbers and the rule's source.")
    count: int = Field(description="The state's pilot cities now.")
    limit: int | None = Field(description="Pilot cities a state may have; null: no rule in force.")


@router.post(
    "/networks/{slug}/representation/check",
    response={200: CheckOut, **ERRORS},
    summary="May a Member State nominate this city? (what-if, nothing saved)",
    description=(
        "Judges a nomination by the network's representation rule in force on `date` (up to "
        "three pilot cities per ASEAN Member State, its capital included, in the inaugural "
        "year). Public. An unknown network or state is a 422; a city already nominated is a "
        "200 with allowed false saying so."
    ),
)
def check(request: HttpRequest, slug: str, payload: CheckIn) -> CheckOut:
    if not payload.add_city.strip():
        raise DomainError(_("add_city: give the city's name."), status=422)
    try:
        network = services.get_network(slug)
    except DomainError as exc:
        raise DomainError(exc.message, status=422) from exc
    ruling = services.check(network, payload.state, payload.add_city, payload.date)
    return CheckOut(
        allowed=ruling.allowed, reason=ruling.reason, count=ruling.count, limit=ruling.limit
    )
