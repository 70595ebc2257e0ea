"""The plans API, plans part: a pilot city's action plan with its lines and their progress, a
line's new progress report, and the roll-up for a year.

Who (decided in `services.plans`; every operation needs a signed-in caller: an API token or
the session):
- reading a plan and the roll-up: the network's members' signed-in officers (its pilot cities'
  officers and Chief Smart City Officers), its National Representatives and the Secretariat;
  anyone else is refused (403);
- POST a progress report: the city's Chief Smart City Officer and officers, and the
  Secretariat (403 otherwise; 422 for a report the rules refuse, 409 for a day already
  reported).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId, IsoDate, Year
from intercity.core.errors import DomainError, NotFound
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.network import services as network_services
from intercity.plans.models import ActionLine, ActionPlan, ProgressReport
from intercity.plans.rules_plans import LineFigure, Rollup
from intercity.plans.services import plans as services
from intercity.plans.services import progress

router = Router(tags=["plans"])

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store NUL in text
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Value = Annotated[Decimal, Field(max_digits=16, decimal_places=4)]


class PlanIndicatorValueOut(Schema):
    indicator_id: int
    value: Decimal


class PlanReportOut(Schema):
    id: int
    year: int
    as_of: dt.date
    status: str = Field(description="not_started, on_track, delayed, completed or dropped.")
    percent: Decimal = Field(description="How far along the line is, 0-100.")
    evidence: str
    evidence_link: str
    has_file: bool
    reported_by: str = Field(description="The login of who reported it; empty if unknown.")
    reported_at: dt.datetime
    version: int = Field(description="Name it when correcting the report.")
    demonstration: bool
    values: list[PlanIndicatorValueOut]


class PlanIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal
    baseline_year: int
    target: Decimal
    target_year: int


class PlanPartnerOut(Schema):
    kind: str = Field(description="external_partner, twinning, solution_provider or other.")
    name: str
    organisation_id: int | None


class PlanMilestoneOut(Schema):
    title: str
    due_on: dt.date
    reached_on: dt.date | None


class PlanLineOut(Schema):
    id: int
    project: str
    focus_area: str = Field(description="The focus area's slug.")
    title: str
    description: str
    first_year: int
    last_year: int
    budget: Decimal | None
    currency: str
    indicators: list[PlanIndicatorOut]
    partners: list[PlanPartnerOut]
    milestones: list[PlanMilestoneOut]
    reports: list[PlanReportOut] = Field(description="Every report, the oldest first.")


class PlanOut(Schema):
    id: int
    network: str
    city: OrganisationRef
    state: str = Field(description="The city's ASEAN Member State, ISO 3166-1 alpha-2.")
    title: str
    summary: str
    first_year: int
    last_year: int
    stage: str = Field(description="workshop_draft or revised.")
    version: int
    focus_areas: list[str]
    demonstration: bool = Field(description="Made-up demonstration content.")
    lines: list[PlanLineOut]


class PlanValueIn(Schema):
    indicator_id: DbId
    value: Value


class PlanReportIn(Schema):
    as_of: IsoDate = Field(description="The day the report is about; its year is the year.")
    status: str = Field(max_length=20, pattern=NO_NUL)
    percent: Percent
    evidence: str = Field("", max_length=5000, pattern=NO_NUL)
    evidence_link: str = Field("", max_length=200, pattern=NO_NUL)
    values: list[PlanValueIn] = Field(default_factory=list, max_length=50)


class PlanLineFigureOut(Schema):
    line_id: int
    title: str
    city_id: int
    city: str
    state: str
    budget: Decimal | None
    currency: str
    basis: str = Field(description="reported, carried_forward, not_reported or dropped.")
    status: str | None
    percent: Decimal | None
    from_year: int | None = Field(description="The year of the report used.")
    weight: str = Field(description="The line's exact share of its city's figure, e.g. 3/4.")


class PlanRollupOut(Schema):
    by: str
    key: str
    label: str
    year: int
    percent: Decimal | None = Field(description="Rounded half up to one decimal.")
    percent_exact: str | None = Field(description="The exact fraction, e.g. 200/3.")
    weighting: str = Field(description="budget, equal (within a city) or cities.")
    explanation: str
    statuses: dict[str, int]
    parts: list[PlanRollupOut]
    lines: list[PlanLineFigureOut]


class PlanRollupQuery(Schema):
    by: str = Field(description="state or network.", max_length=20, pattern=NO_NUL)
    year: Year


def _network(slug: str) -> Any:
    return network_services.get_network(slug)


def _report(r: ProgressReport) -> dict[str, Any]:
    return {
        "id": r.pk,
        "year": r.year,
        "as_of": r.as_of,
        "status": r.status,
        "percent": r.percent,
        "evidence": r.evidence,
        "evidence_link": r.evidence_link,
        "has_file": bool(r.evidence_file),
        "reported_by": r.reported_by.get_username() if r.reported_by else "",
        "reported_at": r.reported_at,
        "version": r.version,
        "demonstration": r.demonstration,
        "values": [{"indicator_id": v.indicator_id, "value": v.value} for v in r.values.all()],
    }


def _line(line: ActionLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "project": line.project.title,
        "focus_area": line.project.focus_area.slug,
        "title": line.title,
        "description": line.description,
        "first_year": line.first_year,
        "last_year": line.last_year,
        "budget": line.budget,
        "currency": line.currency,
        "indicators": list(line.indicators.all()),
        "partners": [
            {"kind": p.kind, "name": str(p), "organisation_id": p.organisation_id}
            for p in line.partners.all()
        ],
        "milestones": list(line.milestones.all()),
        "reports": [_report(r) for r in line.reports.all()],
    }


def _plan(plan: ActionPlan) -> dict[str, Any]:
    organisation = plan.organisation
    return {
        "id": plan.pk,
        "network": plan.network.slug,
        "city": {
            "id": organisation.pk,
            "name": organisation.name,
            "country": services.state_of(organisation),
        },
        "state": services.state_of(organisation),
        "title": plan.title,
        "summary": plan.summary,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "stage": plan.stage,
        "version": plan.version,
        "focus_areas": sorted(a.slug for a in plan.focus_areas.all()),
        "demonstration": plan.demonstration,
        "lines": [_line(line) for line in services.lines_of([plan])],
    }


def _figure(f: LineFigure) -> dict[str, Any]:
    return {**f.__dict__, "weight": str(f.weight)}


def rollup_out(r: Rollup) -> dict[str, Any]:
    return {
        "by": r.by,
        "key": r.key,
        "label": r.label,
        "year": r.year,
        "percent": r.shown,
        "percent_exact": str(r.percent) if r.percent is not None else None,
        "weighting": r.weighting,
        "explanation": r.explanation,
        "statuses": r.statuses,
        "parts": [rollup_out(p) for p in r.parts],
        # the network's lines are in its states' parts; listed once, at the lowest level
        "lines": [_figure(f) for f in r.lines] if r.by == "city" else [],
    }


@router.get(
    "/plans/{network}/cities/{organisation_id}/plan",
    response={200: PlanOut, **ERRORS},
    auth=signed_in,
    summary="A pilot city's action plan, its lines and their progress (for members)",
)
def get_plan(request: HttpRequest, network: str, organisation_id: DbId) -> dict[str, Any]:
    found = _network(network)
    services.require_read(request.user, found)
    return _plan(services.get_plan(found, organisation_id))


@router.post(
    "/plans/{network}/lines/{line_id}/progress",
    response={201: PlanReportOut, **ERRORS},
    auth=signed_in,
    summary="Report an action line's progress (the city's officers, the Secretariat)",
)
def post_progress(
    request: HttpRequest, network: str, line_id: DbId, body: PlanReportIn
) -> Status[dict[str, Any]]:
    found = _network(network)
    line = services.get_line(line_id)
    if line.project.plan.network_id != found.pk:
        raise NotFound(_("No action line %(id)s.") % {"id": line_id})
    try:
        report = progress.report_progress(
            request.user,
            line,
            as_of=body.as_of,
            status=body.status,
            percent=body.percent,
            evidence=body.evidence,
            evidence_link=body.evidence_link,
            values={v.indicator_id: v.value for v in body.values},
        )
    except DomainError as exc:
        if exc.status_code == 400:
            exc.status_code = 422
        raise
    report = progress.get_report(report.pk)
    return Status(201, _report(report))


@router.get(
    "/plans/{network}/rollup",
    response={200: list[PlanRollupOut], **ERRORS},
    auth=signed_in,
    summary="Progress rolled up for a year, by state or for the network (for members)",
)
def get_rollup(
    request: HttpRequest, network: str, wanted: Query[PlanRollupQuery]
) -> list[dict[str, Any]]:
    found = _network(network)
    services.require_read(request.user, found)
    if wanted.by not in ("state", "network"):
        raise DomainError(_("Roll up by state or network."), status=422)
    if wanted.by == "state":
        return [rollup_out(r) for r in progress.by_state(found, wanted.year)]
    return [rollup_out(progress.rollup(found, wanted.year, "network"))]
