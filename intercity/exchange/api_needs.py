"""The exchange API, needs part: needs, offers and exchanges under /api/v1/exchange/.

Who reads what (every operation needs a signed-in caller: an API token or the session):
- needs and offers: anyone signed in sees the open ones (as on the page "Open needs and
  offers"); a city officer also sees their own cities' matched, withdrawn and closed ones; the
  Secretariat sees all. One the caller may not see is a 404, like an unknown id, so that ids
  reveal nothing.
- exchanges: the Secretariat sees every one; a city officer those their city takes part in
  (either side); anyone else none (an empty list, a 404 for one).
- POST a need or an offer: for a city the caller is an officer of (the Secretariat: any city),
  a current member of the network named; 403 otherwise, 422 for a value the rules refuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from intercity.accounts import permissions
from intercity.accounts.api_auth import signed_in
from intercity.assessment.models import SectoralModule
from intercity.core.bounds import DbId, IsoDate
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.exchange.models_needs import Exchange, ExchangeForm, Need, Offer
from intercity.exchange.services import needs as services
from intercity.network.models import Network, Organisation

router = Router(tags=["exchange"])

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store NUL in text
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}
LIMIT = 500


class ThemeRef(Schema):
    slug: str
    name: str


class PostingOut(Schema):
    id: int
    organisation: OrganisationRef
    network: str = Field(description="The network's slug, e.g. wego.")
    title: str
    description: str
    theme: ThemeRef
    module: str = Field(description="The sectoral module's slug; empty when none.")
    forms: list[str] = Field(
        description="study_visit, expert_mission, training, software_or_data or secondment."
    )
    languages: list[str] = Field(description="ISO 639-1 codes.")
    available_from: dt.date | None
    available_to: dt.date | None
    status: str = Field(description="open, matched, withdrawn or closed.")
    demo: bool = Field(description="Demonstration data.")


class OfferOut(PostingOut):
    capacity: int = Field(description="How many cities the offer can help.")


class ExchangeOut(Schema):
    id: int
    need_id: int
    offer_id: int
    need_city: OrganisationRef
    offer_city: OrganisationRef
    network: str
    form: str
    status: str = Field(description="proposed, agreed, under_way, done or cancelled.")
    score: int = Field(description="The pair's quality when it was proposed.")
    reasons: list[str] = Field(description="Why the pair, in the language of the request.")
    report: str = Field(description="The short report, once done.")


class PostingFilter(Schema):
    theme: str = Field("", max_length=60, pattern=NO_NUL, description="A theme's slug.")
    city: DbId | None = Field(None, description="An organisation's id.")
    status: str = Field(
        "", max_length=20, pattern=NO_NUL, description="open, matched, withdrawn or closed."
    )


class ExchangeFilter(Schema):
    theme: str = Field("", max_length=60, pattern=NO_NUL, description="The need's theme slug.")
    city: DbId | None = Field(None, description="Either city's id.")
    status: str = Field("", max_length=20, pattern=NO_NUL)


class PostingIn(Schema):
    organisation: DbId = Field(description="Your city's id.")
    network: str = Field(..., max_length=50, pattern=NO_NUL, description="e.g. wego")
    title: str = Field(..., max_length=200, pattern=NO_NUL)
    description: str = Field(..., max_length=5000, pattern=NO_NUL)
    theme: str = Field(..., max_length=60, pattern=NO_NUL, description="A theme's slug.")
    module: str = Field("", max_length=80, pattern=NO_NUL, description="A module's slug.")
    forms: list[str] = Field(..., min_length=1, max_length=5)
    languages: list[str] = Field(..., min_length=1, max_length=20)
    available_from: IsoDate | None = None
    available_to: IsoDate | None = None


class OfferIn(PostingIn):
    capacity: int = Field(1, ge=1, le=services.CAPACITY_MAX)


def _org(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


def _posting(posting: Any) -> dict[str, Any]:
    found = {
        "id": posting.pk,
        "organisation": _org(posting.organisation),
        "network": posting.network.slug,
        "title": posting.title,
        "description": posting.description,
        "theme": {"slug": posting.theme.slug, "name": posting.theme.name},
        "module": posting.module.slug if posting.module else "",
        "forms": [str(f) for f in posting.forms],
        "languages": [str(code) for code in posting.languages],
        "available_from": posting.available_from,
        "available_to": posting.available_to,
        "status": posting.status,
        "demo": posting.demo,
    }
    if isinstance(posting, Offer):
        found["capacity"] = posting.capacity
    return found


def _exchange(exchange: Exchange, words: Any) -> dict[str, Any]:
    return {
        "id": exchange.pk,
        "need_id": exchange.need_id,
        "offer_id": exchange.offer_id,
        "need_city": _org(exchange.need_city),
        "offer_city": _org(exchange.offer_city),
        "network": exchange.network.slug,
        "form": exchange.form,
        "status": exchange.status,
        "score": exchange.score,
        "reasons": services.reasons_in_words(exchange.reasons, words),
        "report": exchange.report,
    }


def _filtered(found: Any, wanted: PostingFilter, statuses: list[str]) -> Any:
    if wanted.theme:
        found = found.filter(theme__slug=wanted.theme)
    if wanted.city:
        found = found.filter(organisation_id=wanted.city)
    if wanted.status:
        if wanted.status not in statuses:
            raise DomainError(
                _("Unknown status; use one of %(statuses)s.") % {"statuses": ", ".join(statuses)},
                status=422,
            )
        found = found.filter(status=wanted.status)
    return found[:LIMIT]


@router.get(
    "/exchange/needs",
    response={200: list[PostingOut], **ERRORS},
    auth=signed_in,
    summary="Needs you may see (open ones; your cities' all; every one for the Secretariat)",
)
def list_needs(request: HttpRequest, wanted: Query[PostingFilter]) -> list[dict[str, Any]]:
    found = services.visible_postings(request.user, Need)
    return [_posting(n) for n in _filtered(found, wanted, Need.Status.values)]


@router.get(
    "/exchange/needs/{need_id}",
    response={200: PostingOut, **ERRORS},
    auth=signed_in,
    summary="One need",
)
def get_need(request: HttpRequest, need_id: DbId) -> dict[str, Any]:
    return _posting(services.get_posting(request.user, Need, need_id))


@router.get(
    "/exchange/offers",
    response={200: list[OfferOut], **ERRORS},
    auth=signed_in,
    summary="Offers you may see (open ones; your cities' all; every one for the Secretariat)",
)
def list_offers(request: HttpRequest, wanted: Query[PostingFilter]) -> list[dict[str, Any]]:
    found = services.visible_postings(request.user, Offer)
    return [_posting(o) for o in _filtered(found, wanted, Offer.Status.values)]


@router.get(
    "/exchange/offers/{offer_id}",
    response={200: OfferOut, **ERRORS},
    auth=signed_in,
    summary="One offer",
)
def get_offer(request: HttpRequest, offer_id: DbId) -> dict[str, Any]:
    return _posting(services.get_posting(request.user, Offer, offer_id))


@router.get(
    "/exchange/exchanges",
    response={200: list[ExchangeOut], **ERRORS},
    auth=signed_in,
    summary="Exchanges your cities take part in (every one for the Secretariat)",
)
def list_exchanges(request: HttpRequest, wanted: Query[ExchangeFilter]) -> list[dict[str, Any]]:
    found = services.visible_exchanges(request.user)
    if wanted.theme:
        found = found.filter(need__theme__slug=wanted.theme)
    if wanted.city:
        found = found.filter(need_city_id=wanted.city) | found.filter(offer_city_id=wanted.city)
    if wanted.status:
        if wanted.status not in Exchange.Status.values:
            raise DomainError(
                _("Unknown status; use one of %(statuses)s.")
                % {"statuses": ", ".join(Exchange.Status.values)},
                status=422,
            )
        found = found.filter(status=wanted.status)
    words = services.names()
    return [_exchange(e, words) for e in found[:LIMIT]]


@router.get(
    "/exchange/exchanges/{exchange_id}",
    response={200: ExchangeOut, **ERRORS},
    auth=signed_in,
    summary="One exchange, with the reasons of its pair",
)
def get_exchange(request: HttpRequest, exchange_id: DbId) -> dict[str, Any]:
    return _exchange(services.get_exchange(request.user, exchange_id), services.names())


def _post(request: HttpRequest, model: type[Need] | type[Offer], payload: PostingIn) -> Any:
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise NotFound(_("No organisation %(id)s.") % {"id": payload.organisation})
    if not permissions.can_edit_organisation(request.user, organisation.pk):
        raise PermissionDenied(
            _("Only an officer of %(city)s or the Secretariat may post for it.")
            % {"city": organisation.name}
        )
    network = Network.objects.filter(slug=payload.network).first()
    if network is None:
        raise DomainError(_("No network %(slug)s.") % {"slug": payload.network}, status=422)
    theme = services.themes().filter(slug=payload.theme).first()
    if theme is None:
        raise DomainError(_("No theme %(slug)s in force.") % {"slug": payload.theme}, status=422)
    module = None
    if payload.module:
        module = SectoralModule.objects.filter(slug=payload.module).first()
        if module is None:
            raise DomainError(
                _("No sectoral module %(slug)s.") % {"slug": payload.module}, status=422
            )
    bad_forms = [f for f in payload.forms if f not in ExchangeForm.values]
    if bad_forms:
        raise DomainError(
            _("Unknown form of exchange; use %(forms)s.")
            % {"forms": ", ".join(ExchangeForm.values)},
            status=422,
        )
    extra: dict[str, Any] = {"capacity": payload.capacity} if isinstance(payload, OfferIn) else {}
    try:
        return services.post(
            request.user,
            model,
            organisation,
            network,
            title=payload.title,
            description=payload.description,
            theme=theme,
            module=module,
            forms=payload.forms,
            languages=payload.languages,
            available_from=payload.available_from,
            available_to=payload.available_to,
            **extra,
        )
    except DomainError as exc:
        if exc.status_code == 400:  # a value the rules refuse: an unprocessable body
            exc.status_code = 422
        raise


@router.post(
    "/exchange/needs",
    response={201: PostingOut, **ERRORS},
    auth=signed_in,
    summary="Post a need for your city",
)
def post_need(request: HttpRequest, payload: PostingIn) -> Status[dict[str, Any]]:
    return Status(201, _posting(_post(request, Need, payload)))


@router.post(
    "/exchange/offers",
    response={201: OfferOut, **ERRORS},
    auth=signed_in,
    summary="Post an offer for your city",
)
def post_offer(request: HttpRequest, payload: OfferIn) -> Status[dict[str, Any]]:
    return Status(201, _posting(_post(request, Offer, payload)))
