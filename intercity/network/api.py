"""Network registry API: networks, their members on a date, organisations."""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from intercity.core.pagination import Pages
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.network import services
from intercity.network.models import (
    EndReason,
    MembershipPeriod,
    MembershipStatus,
    Network,
    Organisation,
)

router = Router(tags=["network"])


class CategoryOut(Schema):
    slug: str
    name: str
    may_vote: bool | None = Field(description="null where the source defines no such right.")
    may_hold_office: bool | None = Field(description="null where the source defines no such right.")


class ReportedTotalOut(Schema):
    figure: int = Field(description="The total as the source states it.")
    counts: str = Field(description="What the source's figure counts.")
    as_of: dt.date
    quote: str
    source: str
    register_count: int = Field(description="The register's count of the same thing on `as_of`.")
    difference: int = Field(description="figure - register_count.")
    note: str = Field(description="Why the register's count differs.")


class RegionOut(Schema):
    slug: str
    name: str


class NetworkOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    seat: str
    founded_on: dt.date | None
    categories: list[CategoryOut]
    regions: list[RegionOut]
    reported_totals: list[ReportedTotalOut] = Field(
        description="Headline totals the sources state, beside the register's count: the "
        "register holds only the members the sources name."
    )


class MemberOut(Schema):
    organisation: OrganisationRef
    category: str = Field(description="Category slug in force on the date asked.")
    status: str = Field(description="active, suspended or withdrawn on the date asked.")
    since: dt.date = Field(description="The day this category and status took effect.")
    date_basis: str = Field(
        description="exact; not_later_than when the sources only prove the date as a bound; "
        "application when it is an application's date; after when it is some day after "
        "(since is the first possible day); unknown when the sources give no date (since is "
        "only the latest it can have been)."
    )
    end_reason: str | None = Field(
        description="For a withdrawn membership: withdrawal, or unknown when the sources do "
        "not say how it ended; null otherwise."
    )
    region: str | None = Field(description="Region slug within the network.")

    @staticmethod
    def resolve_end_reason(period: MembershipPeriod) -> str | None:
        return _end_reason(period)

    @staticmethod
    def resolve_organisation(period: MembershipPeriod) -> dict[str, object]:
        organisation = period.membership.organisation
        return {
            "id": organisation.pk,
            "name": organisation.name,
            "country": str(organisation.country or ""),
        }

    @staticmethod
    def resolve_category(period: MembershipPeriod) -> str:
        return period.category.slug

    @staticmethod
    def resolve_since(period: MembershipPeriod) -> dt.date:
        return period.valid_from

    @staticmethod
    def resolve_region(period: MembershipPeriod) -> str | None:
        region = period.membership.region
        return region.slug if region else None


def _end_reason(period: MembershipPeriod) -> str | None:
    if period.status != MembershipStatus.WITHDRAWN:
        return None
    return period.end_reason or EndReason.WITHDRAWAL


class MemberQuery(Schema):
    category: str = Field("", description="Category slug, e.g. full, associate, friendship.")
    status: str = Field(
        "",
        description="One of: current (active or suspended), "
        + ", ".join(MembershipStatus.values)
        + "; empty for every membership in force that day, withdrawn ones too.",
    )
    country: str = Field("", description="ISO 3166-1 alpha-2 country code.")
    region: str = Field("", description="Region slug.")
    search: str = Field(
        "",
        description="Part of the organisation's name or its country's name; "
        "accents and case are ignored.",
    )
    on: dt.date | None = Field(
        None, description="Answer for this date (YYYY-MM-DD); default today."
    )


class MembershipPeriodOut(Schema):
    category: str
    status: str
    valid_from: dt.date
    valid_to: dt.date | None
    date_basis: str
    end_reason: str | None
    decision_reference: str
    source: str


class MembershipOut(Schema):
    network: str
    region: str | None
    history: list[MembershipPeriodOut]


class OrganisationOut(Schema):
    id: int
    key: str
    name: str
    kind: str
    country: str
    official_name: str
    administering_body: str
    leader_name: str
    leader_title: str
    incumbent_term_start: int | None
    incumbent_term_end: int | None
    area_km2: str | None
    population: int | None
    population_year: int | None
    official_languages: list[str]
    website: str
    employees: int | None
    memberships: list[MembershipOut]


class OrganisationSummary(Schema):
    id: int
    key: str
    name: str
    kind: str
    country: str

    @staticmethod
    def resolve_country(organisation: Organisation) -> str:
        return str(organisation.country or "")


def _network_out(network: Network) -> NetworkOut:
    return NetworkOut(
        slug=network.slug,
        name=network.name,
        short_name=network.short_name,
        description=network.description,
        seat=network.seat,
        founded_on=network.founded_on,
        categories=[CategoryOut.from_orm(c) for c in network.categories.all()],
        regions=[RegionOut.from_orm(r) for r in network.regions.all()],
        reported_totals=[
            ReportedTotalOut(
                figure=t.figure,
                counts=t.counts,
                as_of=t.as_of,
                quote=t.quote,
                source=t.source,
                register_count=t.register_count,
                difference=t.difference,
                note=t.note,
            )
            for t in services.headline_totals(network)
        ],
    )


@router.get(
    "/networks", response={200: list[NetworkOut], 400: ErrorOut}, summary="List the networks"
)
def list_networks(request: HttpRequest) -> list[NetworkOut]:
    networks = Network.objects.prefetch_related("categories", "regions")
    return [_network_out(n) for n in networks]


@router.get(
    "/networks/{slug}",
    response={200: NetworkOut, 400: ErrorOut, 404: ErrorOut},
    summary="One network with its categories and regions",
)
def get_network(request: HttpRequest, slug: str) -> NetworkOut:
    return _network_out(services.get_network(slug))


@router.get(
    "/networks/{slug}/members",
    response={200: list[MemberOut], 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Members of a network on a date",
    description=(
        "Every organisation with a membership in force on `on` (default today), with the "
        "category and status it had that day, including withdrawn ones unless `status` "
        "filters them. An organisation that had not yet joined on `on` is absent."
    ),
)
@paginate(Pages)
def list_members(
    request: HttpRequest, slug: str, filters: Query[MemberQuery]
) -> QuerySet[MembershipPeriod]:
    network = services.get_network(slug)
    wanted = services.MemberFilter(
        on=filters.on or timezone.localdate(),
        category=filters.category,
        status=filters.status,
        region=filters.region,
        country=filters.country,
        search=filters.search,
    )
    return services.members(network, wanted)


def _organisation_out(organisation: Organisation) -> OrganisationOut:
    return OrganisationOut(
        id=organisation.pk,
        key=organisation.key,
        name=organisation.name,
        kind=organisation.kind,
        country=str(organisation.country or ""),
        official_name=organisation.official_name,
        administering_body=organisation.administering_body,
        leader_name=organisation.leader_name,
        leader_title=organisation.leader_title,
        incumbent_term_start=organisation.incumbent_term_start,
        incumbent_term_end=organisation.incumbent_term_end,
        area_km2=str(organisation.area_km2) if organisation.area_km2 is not None else None,
        population=organisation.population,
        population_year=organisation.population_year,
        official_languages=list(organisation.official_languages or []),
        website=organisation.website,
        employees=organisation.employees,
        memberships=[
            MembershipOut(
                network=m.network.slug,
                region=m.region.slug if m.region else None,
                history=[
                    MembershipPeriodOut(
                        category=p.category.slug,
                        status=p.status,
                        valid_from=p.valid_from,
                        valid_to=p.valid_to,
                        date_basis=p.date_basis,
                        end_reason=_end_reason(p),
                        decision_reference=p.decision_reference,
                        source=p.source,
                    )
                    for p in m.periods.all()
                ],
            )
            for m in services.organisation_memberships(organisation)
        ],
    )


@router.get(
    "/organisations",
    response={200: list[OrganisationSummary], 400: ErrorOut, 422: ErrorOut},
    summary="Search organisations by name",
)
@paginate(Pages)
def list_organisations(request: HttpRequest, search: str = "") -> QuerySet[Organisation]:
    return services.search_organisations(search)


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One organisation's profile and membership history",
)
def get_organisation(request: HttpRequest, organisation_id: int) -> OrganisationOut:
    return _organisation_out(services.get_organisation(organisation_id))
