"""The plans part's pages: a city's plan with its lines' progress and its roll-up; the progress
form of a line (a new report, or the correction of one); the roll-up of a state and of the
network for a year, with a chart and its table. Thin: read through the services, render."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.network import services as network_services
from intercity.network.models import Network
from intercity.plans import charts_plans, forms_plans
from intercity.plans import rules_plans as rules
from intercity.plans.models import ActionLine, ActionPlan, Indicator, ProgressReport
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = min(timezone.localdate().year, 2025)
    return year if 2018 <= year <= 2025 else min(max(timezone.localdate().year, 2018), 2025)


@login_required
def rollup_page(request: HttpRequest, network: str, code: str | None = None) -> HttpResponse:
    found = network_services.get_network(network)
    if not plan_services.may_read(request.user, found):
        raise HttpForbidden
    year = _year(request)
    try:
        if code:
            result = progress.rollup(found, year, "state", code.upper())
        else:
            result = progress.rollup(found, year, "network")
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "plans/plans/rollup.html",
        {
            "network": found,
            "rollup": result,
            "year": year,
            "years": range(2018, 2026),
            "chart": charts_plans.bars(result),
        },
    )


def _readable(request: HttpRequest, network: str) -> Network:
    found = network_services.get_network(network)
    if not plan_services.may_read(request.user, found):
        raise HttpForbidden
    return found


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    value: Decimal | None
    share: Decimal | None  # percent of the way from baseline to target


@dataclass(frozen=True)
class LineRow:
    line: ActionLine
    latest: ProgressReport | None
    history: list[ProgressReport]
    indicators: list[IndicatorRow]
    figure: rules.LineFigure | None


def _line_row(line: ActionLine, figures: dict[int, rules.LineFigure]) -> LineRow:
    history = list(line.reports.all())
    latest = history[-1] if history else None
    values = {v.indicator_id: v.value for v in latest.values.all()} if latest else {}
    rows = []
    for indicator in line.indicators.all():
        value = values.get(indicator.pk)
        share = (
            rules.indicator_share(indicator.baseline, indicator.target, value)
            if value is not None
            else None
        )
        rows.append(
            IndicatorRow(indicator, value, rules.shown(share * 100) if share is not None else None)
        )
    return LineRow(line, latest, list(reversed(history)), rows, figures.get(line.pk))


@login_required
def plan_page(request: HttpRequest, network: str, organisation_id: int) -> HttpResponse:
    found = _readable(request, network)
    plan = plan_services.get_plan(found, organisation_id)
    year = _year(request)
    city = progress.rollup(found, year, "city", organisation_id)
    figures = {f.line_id: f for f in city.lines}
    lines = list(plan_services.lines_of([plan]))
    projects: dict[int, dict[str, Any]] = {}
    for line in lines:
        entry = projects.setdefault(line.project_id, {"project": line.project, "lines": []})
        entry["lines"].append(_line_row(line, figures))
    state = plan_services.state_of(plan.organisation)
    return render(
        request,
        "plans/plans/plan.html",
        {
            "network": found,
            "plan": plan,
            "city": plan.organisation,
            "state": state,
            "state_name": progress.state_name(state),
            "areas": list(plan.focus_areas.all()),
            "projects": list(projects.values()),
            "rollup": city,
            "year": year,
            "years": range(2018, 2026),
            "revisions": list(plan_services.revisions(plan)),
            "reviews": list(plan_services.reviews(plan)),
            "can_edit": plan_services.may_edit(request.user, found, plan.organisation_id),
        },
    )


def _line_in(network: Network, line_id: int) -> tuple[ActionLine, ActionPlan]:
    line = plan_services.get_line(line_id)
    plan = line.project.plan
    if plan.network_id != network.pk:
        raise Http404
    return line, plan


def _progress_page(
    request: HttpRequest,
    network: Network,
    line: ActionLine,
    form: forms_plans.ProgressForm,
    *,
    report: ProgressReport | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/plans/progress_form.html",
        {
            "network": network,
            "line": line,
            "plan": line.project.plan,
            "form": form,
            "report": report,
            "error": error,
        },
        status=status,
    )


def _done(request: HttpRequest, network: Network, plan: ActionPlan, year: int) -> HttpResponse:
    messages.success(request, _("The progress is saved."))
    url = reverse("plans_city", args=[network.slug, plan.organisation_id])
    return redirect(f"{url}?year={year}#lines")


@login_required
def line_progress(request: HttpRequest, network: str, line_id: int) -> HttpResponse:
    """A new progress report of an action line, for the city's officers."""
    found = network_services.get_network(network)
    line, plan = _line_in(found, line_id)
    plan_services.require_edit(request.user, found, plan.organisation_id)
    indicators = list(line.indicators.all())
    if request.method != "POST":
        reports = list(line.reports.all())
        last = reports[-1] if reports else None
        initial: dict[str, Any] = {"as_of": timezone.localdate()}
        if last is not None:
            initial.update(status=last.status, percent=last.percent)
        form = forms_plans.ProgressForm(indicators=indicators, initial=initial)
        return _progress_page(request, found, line, form)
    form = forms_plans.ProgressForm(request.POST, request.FILES, indicators=indicators)
    if not form.is_valid():
        return _progress_page(request, found, line, form, status=400)
    data = form.cleaned_data
    try:
        made = progress.report_progress(
            request.user,
            line,
            as_of=data["as_of"],
            status=data["status"],
            percent=data["percent"],
            evidence=data["evidence"],
            evidence_link=data["evidence_link"],
            evidence_file=data.get("evidence_file") or None,
            values=form.values(),
        )
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        return _progress_page(request, found, line, form, error=exc.message, status=exc.status_code)
    return _done(request, found, plan, made.year)


@login_required
def report_edit(request: HttpRequest, network: str, report_id: int) -> HttpResponse:
    """The correction of a progress report: the form names the version it was read at, and a
    correction that lost the race is refused in words, with what was typed kept."""
    found = network_services.get_network(network)
    report = progress.get_report(report_id)
    line, plan = _line_in(found, report.line_id)
    plan_services.require_edit(request.user, found, plan.organisation_id)
    indicators = list(line.indicators.all())
    if request.method != "POST":
        initial: dict[str, Any] = {
            "status": report.status,
            "percent": report.percent,
            "evidence": report.evidence,
            "evidence_link": report.evidence_link,
            "version": report.version,
        }
        for value in report.values.all():
            initial[f"indicator_{value.indicator_id}"] = value.value
        form = forms_plans.ProgressForm(indicators=indicators, correcting=True, initial=initial)
        return _progress_page(request, found, line, form, report=report)
    form = forms_plans.ProgressForm(request.POST, indicators=indicators, correcting=True)
    if not form.is_valid():
        return _progress_page(request, found, line, form, report=report, status=400)
    data = form.cleaned_data
    try:
        progress.correct_report(
            request.user,
            report,
            version=data["version"],
            status=data["status"],
            percent=data["percent"],
            evidence=data["evidence"],
            evidence_link=data["evidence_link"],
            values=form.values(),
        )
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        return _progress_page(
            request, found, line, form, report=report, error=exc.message, status=exc.status_code
        )
    return _done(request, found, plan, report.year)
