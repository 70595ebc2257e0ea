"""Membership and dues API: fee quotes (public), balances, invoices, statements, arrears
(Secretariat staff; a member's statement also to its own officers)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId, IsoDate, Year
from intercity.core.errors import DomainError, NotFound
from intercity.core.pagination import Pages
from intercity.core.schemas import ErrorOut, Money, OrganisationRef
from intercity.membership import services
from intercity.membership.models import Invoice
from intercity.network import services as registry
from intercity.network.models import Organisation

router = Router(tags=["membership"])


ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
STAFF_ERRORS: dict[int, Any] = {**ERRORS, 401: ErrorOut, 403: ErrorOut}


class QuoteQuery(Schema):
    year: Year = Field(..., description="The fee year.")
    organisation: DbId | None = Field(None, description="Quote for this member…")
    category: str | None = Field(
        None, description="…or for a category (full, friendship, corporate)"
    )
    population: int | None = Field(None, ge=0, le=100_000_000_000)
    gdp_per_capita: Decimal | None = Field(
        None,
        ge=0,
        le=10_000_000,
        max_digits=12,
        decimal_places=2,
        description="GDP per capita (PPP, USD) of year-2, as Annex note 2 requires.",
    )
    employees: int | None = Field(None, ge=0, le=100_000_000)


class QuoteOut(Schema):
    year: int
    category: str
    amount: str = Field(description='Exact amount, e.g. "7500.00".')
    currency: str
    schedule: str | None
    band: str | None
    basis: dict[str, str]
    waived: str | None
    explanation: str
    written_for_platform: str | None = Field(
        None,
        description="What of the band used was written for this platform, not the statute's "
        "own text (Annex 1's first population column).",
    )


@router.get(
    "/networks/{slug}/fees/quote",
    response={200: QuoteOut, **ERRORS},
    summary="Quote a membership fee",
    description=(
        "Either `organisation` (a member: its category, figures, admission year and waivers "
        "on record) or `category` with the figures its annex needs. A fee that cannot be "
        "computed is a 422 naming what is missing, never a zero."
    ),
)
def quote(request: HttpRequest, slug: str, params: Query[QuoteQuery]) -> QuoteOut:
    network = registry.get_network(slug)
    category = (params.category or "").strip()
    if (params.organisation is None) == (not category):
        raise DomainError(_("Give either organisation or category."), status=422)
    try:
        if params.organisation is not None:
            organisation = registry.get_organisation(params.organisation)
            result = services.quote_for_member(network, organisation, params.year)
        else:
            result = services.quote_hypothetical(
                network,
                category=category,
                year=params.year,
                population=params.population,
                gdp_per_capita=params.gdp_per_capita,
                employees=params.employees,
            )
    except NotFound:
        raise
    except DomainError as exc:
        # The contract: what cannot be quoted is a 422 naming the problem.
        raise DomainError(exc.message, status=422) from exc
    if not result.computable or result.amount is None:
        raise DomainError(result.explanation, status=422)
    return QuoteOut(
        year=result.year,
        category=result.category,
        amount=str(result.amount),
        currency=result.currency,
        schedule=result.schedule,
        band=result.band,
        basis=result.basis,
        waived=result.waived,
        explanation=result.explanation,
        written_for_platform=result.written_for_platform,
    )


def _ref(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


class BalanceOut(Schema):
    organisation: OrganisationRef
    invoiced: Money
    paid: Money
    credited: Money
    balance: Money

    @staticmethod
    def resolve_organisation(obj: Organisation) -> dict[str, Any]:
        return _ref(obj)


@router.get(
    "/networks/{slug}/balances",
    response={200: list[BalanceOut], **STAFF_ERRORS},
    auth=signed_in,
    summary="Members' balances in USD (Secretariat)",
)
@paginate(Pages)
def balances(request: HttpRequest, slug: str) -> QuerySet[Organisation]:
    services.require_secretariat(request.user)
    return services.balances(registry.get_network(slug))


class InvoiceOut(Schema):
    id: int
    number: str
    organisation: OrganisationRef
    year: int
    category: str
    amount: Money
    currency: str
    issued_on: dt.date
    due_on: dt.date
    paid: Money
    credited: Money
    balance: Money
    explanation: str

    @staticmethod
    def resolve_organisation(obj: Invoice) -> dict[str, Any]:
        return _ref(obj.organisation)


class InvoiceQuery(Schema):
    year: Year | None = None
    organisation: DbId | None = None


@router.get(
    "/networks/{slug}/invoices",
    response={200: list[InvoiceOut], **STAFF_ERRORS},
    auth=signed_in,
    summary="Invoices with what is paid and owed (Secretariat)",
)
@paginate(Pages)
def invoices(request: HttpRequest, slug: str, params: Query[InvoiceQuery]) -> QuerySet[Invoice]:
    services.require_secretariat(request.user)
    found = Invoice.objects.filter(network=registry.get_network(slug)).select_related(
        "organisation"
    )
    if params.year is not None:
        found = found.filter(year=params.year)
    if params.organisation is not None:
        found = found.filter(organisation_id=params.organisation)
    return services.with_balances(found).order_by("-year", "number")


class PaymentOut(Schema):
    invoice: str
    received_on: dt.date
    amount: Money
    currency: str
    exchange_rate: str
    amount_applied: Money


class StatementOut(Schema):
    organisation: OrganisationRef
    invoices: list[InvoiceOut]
    payments: list[PaymentOut]
    balance: dict[str, Money] = Field(description="Balance owed, per invoice currency.")


@router.get(
    "/networks/{slug}/members/{organisation_id}/statement",
    response={200: StatementOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="A member's statement (Secretariat, or the member's own officers)",
)
def statement(request: HttpRequest, slug: str, organisation_id: DbId) -> dict[str, Any]:
    network = registry.get_network(slug)
    result = services.statement(request.user, network, registry.get_organisation(organisation_id))
    return {
        "organisation": _ref(result.organisation),
        "invoices": result.invoices,
        "payments": [
            {
                "invoice": p.invoice.number,
                "received_on": p.received_on,
                "amount": p.amount,
                "currency": p.currency,
                "exchange_rate": str(p.exchange_rate.normalize()),
                "amount_applied": p.amount_applied,
            }
            for p in result.payments
        ],
        "balance": result.balance_by_currency,
    }


class ArrearsOut(Schema):
    organisation: OrganisationRef
    # The service's names are shorter than the API's; the API's stay as they were.
    owed_0_1_years: Money = Field(validation_alias="owed_0_1")
    owed_1_2_years: Money = Field(validation_alias="owed_1_2")
    owed_2_plus_years: Money = Field(validation_alias="owed_2_plus")
    owed: Money

    @staticmethod
    def resolve_organisation(obj: Organisation) -> dict[str, Any]:
        return _ref(obj)


@router.get(
    "/networks/{slug}/arrears",
    response={200: list[ArrearsOut], **STAFF_ERRORS},
    auth=signed_in,
    summary="Unpaid fees past due, aged 0-1, 1-2 and 2+ years (Secretariat)",
)
@paginate(Pages)
def arrears(request: HttpRequest, slug: str, on: IsoDate | None = None) -> QuerySet[Organisation]:
    services.require_secretariat(request.user)
    return services.arrears(registry.get_network(slug), on or timezone.localdate())
