"""The ASCN's published annual reports under /api/v1/plans/{network}/reports: each frozen
report with its sections and the figures it was built from. Drafts are not in the API (they
are read on their page by the Secretariat and the year's Chair)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import StringConstraints

from intercity.core.bounds import Year
from intercity.core.errors import NotFound
from intercity.core.links import absolute
from intercity.core.schemas import ErrorOut
from intercity.network.models import Network
from intercity.plans.models_report import AnnualReport
from intercity.plans.services import report as service

router = Router(tags=["plans"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}

NetworkSlug = Annotated[str, StringConstraints(max_length=50, pattern=r"^[a-z0-9_-]+$")]


class AnnualReportOut(Schema):
    network: str = Field(description="The network's slug, e.g. ascn.")
    year: int
    title: str
    frozen_at: dt.datetime = Field(description="When it was frozen and published.")
    figures_taken_at: str | None = Field(
        description="When the figures it keeps were compiled from the progress (ISO 8601)."
    )
    demo: bool = Field(description="True for demonstration data, not a report of the network.")
    url: str = Field(description="The report's page.")
    pdf_url: str = Field(description="The report as a PDF.")


class AnnualReportSectionOut(Schema):
    key: str
    heading: str
    body: str


class AnnualReportDetailOut(AnnualReportOut):
    sections: list[AnnualReportSectionOut]
    figures: dict[str, Any] = Field(
        description=(
            "The figures as kept at freezing: `rollup` (rows per network, state and city: name, "
            "percent as a decimal string or null, lines, reported, statuses) and `meetings`."
        )
    )


def _network(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise NotFound(_("No network %(slug)s.") % {"slug": slug})
    return network


def _report(report: AnnualReport) -> dict[str, Any]:
    args = [report.network.slug, report.year]
    return {
        "network": report.network.slug,
        "year": report.year,
        "title": report.title,
        "frozen_at": report.frozen_at,
        "figures_taken_at": (report.figures or {}).get("taken_at"),
        "demo": report.demo,
        "url": absolute(reverse("plans_report", args=args)),
        "pdf_url": absolute(reverse("plans_report_pdf", args=args)),
    }


@router.get(
    "/plans/{network}/reports",
    response={200: list[AnnualReportOut], **ERRORS},
    summary="A network's published annual reports, newest year first",
)
def list_reports(request: HttpRequest, network: NetworkSlug) -> list[dict[str, Any]]:
    found = _network(network)
    return [_report(r) for r in service.published(found).select_related("network")[:100]]


@router.get(
    "/plans/{network}/reports/{year}",
    response={200: AnnualReportDetailOut, **ERRORS},
    summary="A network's published annual report of a year, with the figures it keeps",
    description="A year with no published report (a draft, or none) is a 404.",
)
def get_report(request: HttpRequest, year: Year, network: NetworkSlug) -> dict[str, Any]:
    found = _network(network)
    report = service.published(found).select_related("network").filter(year=year).first()
    if report is None:
        raise NotFound(
            _("%(network)s has no published annual report for %(year)s.")
            % {"network": found.short_name, "year": year}
        )
    out = _report(report)
    out["sections"] = [
        {"key": s.key, "heading": s.heading, "body": s.body} for s in service.sections(report)
    ]
    out["figures"] = report.figures or {}
    return out
