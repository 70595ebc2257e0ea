"""Regional offices API (public reads; Statute 2017 Art. 13.5-13.8, seed 003 Agenda 1): the
offices with their terms and the day the host must rebid, one office with its annual
reports and assessments, and the bids to host an office. What the page shows, from the
same read model (`regional_records.office_records`)."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from intercity.core.bounds import DbId
from intercity.core.errors import DomainError
from intercity.core.pagination import Pages
from intercity.core.schemas import OrganisationRef
from intercity.governance.api import ERRORS
from intercity.governance.models import RegionalOfficeAssessment, RegionalOfficeBid
from intercity.governance.regional_records import OfficeRecord, bids, office_records
from intercity.network import services as registry
from intercity.network.models import Organisation, Region

router = Router(tags=["governance"])

RECOMMENDATIONS = ", ".join(RegionalOfficeAssessment.Recommendation.values)
BID_STATUSES = ", ".join(RegionalOfficeBid.Status.values)


def _region(region: Region) -> dict[str, str]:
    return {"slug": region.slug, "name": region.name}


def _organisation(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


class RegionRef(Schema):
    slug: str
    name: str


class LatestAssessmentOut(Schema):
    year: int
    recommendation: str = Field(description=f"One of: {RECOMMENDATIONS}.")


class RegionalOfficeOut(Schema):
    id: int
    name: str
    region: RegionRef
    host: OrganisationRef
    term_start: dt.date | None = Field(description="Null when no record states it.")
    term_end: dt.date | None = Field(description="Null when no record states it.")
    term_years: int | None = Field(
        description="The term the statute sets (Art. 13.6(a)); null when no text sets one."
    )
    rebid_due: dt.date | None = Field(
        description="The day the host must rebid with other member cities (the end of its "
        "term); null when it cannot be counted (no start date on record, or closed)."
    )
    term_explanation: str = Field(description="How rebid_due follows, in words.")
    director: str
    staff: list[str]
    latest_assessment: LatestAssessmentOut | None
    source: str


class ReportOut(Schema):
    year: int
    submitted_on: dt.date
    due_on: dt.date | None = Field(
        description="Two months (Statute 2017; one month before) before that year's first "
        "regular Executive Committee meeting (Art. 13.7); null when none is on record."
    )
    late: bool
    deadline_explanation: str
    summary: str
    url: str


class FindingOut(Schema):
    criterion: str = Field(description="The criterion's key.")
    name: str
    finding: str


class RegionalOfficeAssessmentOut(Schema):
    year: int
    recommendation: str = Field(description=f"One of: {RECOMMENDATIONS}.")
    note: str
    decision: int | None = Field(description="The decision's id, when one is on record.")
    findings: list[FindingOut] = Field(description="In the order of the network's criteria.")
    source: str


class RegionalOfficeDetailOut(RegionalOfficeOut):
    reports: list[ReportOut] = Field(description="Latest year first.")
    assessments: list[RegionalOfficeAssessmentOut] = Field(description="Latest year first.")


class BidOut(Schema):
    id: int
    region: RegionRef
    organisation: OrganisationRef
    submitted_on: dt.date | None
    tabled_on: dt.date | None = Field(description="The Executive Committee meeting it went to.")
    status: str = Field(description=f"One of: {BID_STATUSES}.")
    note: str
    decision: int | None = Field(description="The election's id, when one is on record.")
    source: str

    @staticmethod
    def resolve_region(obj: RegionalOfficeBid) -> dict[str, str]:
        return _region(obj.region)

    @staticmethod
    def resolve_organisation(obj: RegionalOfficeBid) -> dict[str, Any]:
        return _organisation(obj.organisation)

    @staticmethod
    def resolve_decision(obj: RegionalOfficeBid) -> int | None:
        return obj.decision_id


class BidQuery(Schema):
    region: str = Field("", description="Region slug within the network.")
    status: str = Field("", description=f"One of: {BID_STATUSES}.")


def _office(record: OfficeRecord) -> dict[str, Any]:
    office, term, latest = record.office, record.term, record.latest_assessment
    return {
        "id": office.pk,
        "name": office.name,
        "region": _region(office.region),
        "host": _organisation(office.host),
        "term_start": office.term_start,
        "term_end": office.term_end,
        "term_years": term.years,
        "rebid_due": term.rebid_due,
        "term_explanation": term.words,
        "director": office.director,
        "staff": [str(name) for name in office.staff or []],
        "latest_assessment": (
            {
                "year": latest.assessment.year,
                "recommendation": latest.assessment.recommendation,
            }
            if latest
            else None
        ),
        "source": office.source,
    }


def _office_detail(record: OfficeRecord) -> dict[str, Any]:
    return {
        **_office(record),
        "reports": [
            {
                "year": row.report.year,
                "submitted_on": row.report.submitted_on,
                "due_on": row.due_on,
                "late": row.late,
                "deadline_explanation": (
                    f"{row.deadline.explanation} ({row.deadline.article})" if row.deadline else ""
                ),
                "summary": row.report.summary,
                "url": row.report.url,
            }
            for row in record.reports
        ],
        "assessments": [
            {
                "year": row.assessment.year,
                "recommendation": row.assessment.recommendation,
                "note": row.assessment.note,
                "decision": row.assessment.decision_id,
                "findings": [
                    {"criterion": f.key, "name": f.name, "finding": f.text} for f in row.findings
                ],
                "source": row.assessment.source,
            }
            for row in record.assessments
        ],
    }


@router.get(
    "/networks/{slug}/regional-offices",
    response={200: list[RegionalOfficeOut], **ERRORS},
    summary="A network's regional offices: host, term, the day the host rebids, last assessment",
)
def list_regional_offices(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    records = office_records(registry.get_network(slug))
    return [_office(record) for record in records.offices]


@router.get(
    "/networks/{slug}/regional-offices/{office_id}",
    response={200: RegionalOfficeDetailOut, **ERRORS},
    summary="One regional office with its annual reports and the Executive Committee's "
    "assessments, a finding per criterion",
)
def get_regional_office(request: HttpRequest, slug: str, office_id: DbId) -> dict[str, Any]:
    records = office_records(registry.get_network(slug), office_id)
    return _office_detail(records.offices[0])


@router.get(
    "/networks/{slug}/regional-office-bids",
    response={200: list[BidOut], **ERRORS},
    summary="Bids of member cities to host a region's office, with their status",
    description=(
        "An unknown region or status is a 422 naming the known ones, rather than an empty "
        "list that looks like 'no bids'."
    ),
)
@paginate(Pages)
def list_regional_office_bids(
    request: HttpRequest, slug: str, filters: Query[BidQuery]
) -> QuerySet[RegionalOfficeBid]:
    network = registry.get_network(slug)
    found = bids(network)
    if filters.region:
        regions = list(network.regions.values_list("slug", flat=True))
        if filters.region not in regions:
            raise DomainError(
                _("Unknown region '%(region)s' in %(network)s; known regions: %(value)s.")
                % {"region": filters.region, "network": network, "value": ", ".join(regions)},
                status=422,
            )
        found = found.filter(region__slug=filters.region)
    if filters.status:
        if filters.status not in RegionalOfficeBid.Status.values:
            raise DomainError(
                _("status is one of %(BID_STATUSES)s, not '%(status)s'.")
                % {"BID_STATUSES": BID_STATUSES, "status": filters.status},
                status=422,
            )
        found = found.filter(status=filters.status)
    return found
