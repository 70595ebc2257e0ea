"""The plans part's pages: a city's plan with its lines' progress and its roll-up; the progress
form of a line (a new report, or the correction of one); the roll-up of a state and of the
network for a year, with a chart and its table. Thin: read through the services, render."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core.edge import attempt
from intercity.core.errors import DomainError
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
    forms: dict[str, Any] | None = None


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
    can_edit = plan_services.may_edit(request.user, found, plan.organisation_id)
    for project in plan.projects.select_related("focus_area").order_by("position", "pk"):
        projects[project.pk] = {"project": project, "lines": []}
    pairs = plan_services.twinning_partners(plan.organisation) if can_edit else []
    for line in lines:
        entry = projects.setdefault(line.project_id, {"project": line.project, "lines": []})
        row = _line_row(line, figures)
        if can_edit:
            row = dataclasses.replace(row, forms=_line_forms(line.pk, pairs))
        entry["lines"].append(row)
    if can_edit:
        for entry in projects.values():
            entry["line_form"] = _project_forms(plan, entry["project"].pk)
    state = plan_services.state_of(plan.organisation)
    can_review = plan_services.may_review(request.user, found, plan.organisation)
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
            "can_edit": can_edit,
            "can_review": can_review,
            "edit_forms": _edit_forms(plan, found) if can_edit else {},
            "review_form": (
                forms_plans.ReviewForm(auto_id="review_%s", initial={"year": year})
                if can_review
                else None
            ),
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


def _year_url(network: Network, plan: ActionPlan, year: int) -> str:
    """The plan's page at the year of a progress report, at its lines."""
    url = reverse("plans_city", args=[network.slug, plan.organisation_id])
    return f"{url}?year={year}#lines"


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
    return attempt(
        request,
        lambda: progress.report_progress(
            request.user,
            line,
            as_of=data["as_of"],
            status=data["status"],
            percent=data["percent"],
            evidence=data["evidence"],
            evidence_link=data["evidence_link"],
            evidence_file=data.get("evidence_file") or None,
            values=form.values(),
        ),
        done=_("The progress is saved."),
        redirect_to=lambda made: _year_url(found, plan, made.year),
        on_refusal=partial(_progress_page, request, found, line, form),
    )


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
    return attempt(
        request,
        lambda: progress.correct_report(
            request.user,
            report,
            version=data["version"],
            status=data["status"],
            percent=data["percent"],
            evidence=data["evidence"],
            evidence_link=data["evidence_link"],
            values=form.values(),
        ),
        done=_("The progress is saved."),
        redirect_to=_year_url(found, plan, report.year),
        on_refusal=partial(_progress_page, request, found, line, form, report=report),
    )


# --- Editing the plan on its pages, and the National Representative's review ----------------


def _area_choices(network: Network) -> list[tuple[str, str]]:
    return [(a.slug, _(a.name)) for a in plan_services.focus_areas(network)]


def _project_choices(plan: ActionPlan) -> list[tuple[int, str]]:
    return [
        (p.pk, f"{p.title} ({_(p.focus_area.name)})")
        for p in plan.projects.select_related("focus_area").order_by("position", "pk")
    ]


def _edit_forms(plan: ActionPlan, network: Network) -> dict[str, Any]:
    """The empty forms the plan page shows its editors, each with its own ids."""
    areas = _area_choices(network)
    return {
        "project": forms_plans.ProjectForm(areas=areas, auto_id="new_project_%s"),
        "revision": forms_plans.RevisionForm(
            areas=areas,
            auto_id="revision_%s",
            initial={
                "title": plan.title,
                "summary": plan.summary,
                "areas": list(plan.focus_areas.values_list("slug", flat=True)),
                "version": plan.version,
            },
        ),
    }


def _project_forms(plan: ActionPlan, project_id: int) -> forms_plans.LineForm:
    return forms_plans.LineForm(
        projects=_project_choices(plan),
        auto_id=f"project{project_id}_line_%s",
        initial={"project": project_id, "first_year": plan.first_year, "last_year": plan.last_year},
    )


def _line_forms(line_id: int, pairs: list[tuple[int, str]]) -> dict[str, Any]:
    return {
        "indicator": forms_plans.IndicatorForm(auto_id=f"line{line_id}_indicator_%s"),
        "partner": forms_plans.PartnerForm(pairs=pairs, auto_id=f"line{line_id}_partner_%s"),
        "milestone": forms_plans.MilestoneForm(auto_id=f"line{line_id}_milestone_%s"),
    }


def _form_page(
    request: HttpRequest,
    network: Network,
    plan: ActionPlan,
    form: Any,
    *,
    heading: str,
    submit: str,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/plans/edit_form.html",
        {
            "network": network,
            "plan": plan,
            "form": form,
            "heading": heading,
            "submit": submit,
            "error": error,
        },
        status=status,
    )


def _handle(
    request: HttpRequest,
    network: Network,
    plan: ActionPlan,
    make_form: Any,
    act: Any,
    *,
    heading: str,
    submit: str,
    done: str,
    anchor: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """The shared round of every editing form: show it; on a post, check it, act through the
    service, and go back to the plan; a form error or a refusal re-renders what was typed."""
    if request.method != "POST":
        return _form_page(
            request, network, plan, make_form(initial=initial), heading=heading, submit=submit
        )
    form = make_form(data=request.POST)
    if not form.is_valid():
        return _form_page(request, network, plan, form, heading=heading, submit=submit, status=400)
    url = reverse("plans_city", args=[network.slug, plan.organisation_id])
    return attempt(
        request,
        lambda: act(form.cleaned_data),
        done=done,
        redirect_to=f"{url}#{anchor}",
        on_refusal=partial(
            _form_page, request, network, plan, form, heading=heading, submit=submit
        ),
    )


def _editable_plan(
    request: HttpRequest, network: str, organisation_id: int
) -> tuple[Network, ActionPlan]:
    found = network_services.get_network(network)
    plan = plan_services.get_plan(found, organisation_id)
    plan_services.require_edit(request.user, found, plan.organisation_id)
    return found, plan


@login_required
def plan_revise(request: HttpRequest, network: str, organisation_id: int) -> HttpResponse:
    """A revision of the plan (the workshop draft becomes the revised plan), with its note."""
    found, plan = _editable_plan(request, network, organisation_id)
    areas = _area_choices(found)
    return _handle(
        request,
        found,
        plan,
        lambda **kw: forms_plans.RevisionForm(areas=areas, **kw),
        lambda d: plan_services.revise_plan(
            request.user,
            plan,
            version=d["version"],
            title=d["title"],
            summary=d["summary"],
            areas=list(d["areas"]),
            note=d["note"],
        ),
        heading=_("Record a revision of %(plan)s") % {"plan": plan.title},
        submit=_("Record the revision"),
        done=_("The revision is recorded."),
        anchor="revisions",
        initial=_edit_forms(plan, found)["revision"].initial,
    )


@login_required
def project_add(request: HttpRequest, network: str, organisation_id: int) -> HttpResponse:
    found, plan = _editable_plan(request, network, organisation_id)
    areas = _area_choices(found)
    return _handle(
        request,
        found,
        plan,
        lambda **kw: forms_plans.ProjectForm(areas=areas, **kw),
        lambda d: plan_services.add_project(
            request.user, plan, title=d["title"], area=d["focus_area"], description=d["description"]
        ),
        heading=_("Add a project to %(plan)s") % {"plan": plan.title},
        submit=_("Add the project"),
        done=_("The project is added."),
        anchor="lines",
    )


def _project_in(request: HttpRequest, network: str, project_id: int) -> tuple[Network, Any]:
    found = network_services.get_network(network)
    project = plan_services.get_project(project_id)
    if project.plan.network_id != found.pk:
        raise Http404
    plan_services.require_edit(request.user, found, project.plan.organisation_id)
    return found, project


@login_required
def project_edit(request: HttpRequest, network: str, project_id: int) -> HttpResponse:
    found, project = _project_in(request, network, project_id)
    areas = _area_choices(found)
    return _handle(
        request,
        found,
        project.plan,
        lambda **kw: forms_plans.ProjectForm(areas=areas, **kw),
        lambda d: plan_services.edit_project(
            request.user,
            project,
            title=d["title"],
            area=d["focus_area"],
            description=d["description"],
            seen=d["seen"],
        ),
        heading=_("Edit the project %(project)s") % {"project": project.title},
        submit=_("Save the project"),
        done=_("The project is saved."),
        anchor="lines",
        initial={
            "title": project.title,
            "focus_area": project.focus_area.slug,
            "description": project.description,
            "seen": plan_services.project_seen(project),
        },
    )


def _line_kwargs(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": d["title"],
        "description": d["description"],
        "first_year": d["first_year"],
        "last_year": d["last_year"],
        "budget": d["budget"],
        "currency": d["currency"],
    }


@login_required
def line_add(request: HttpRequest, network: str, project_id: int) -> HttpResponse:
    found, project = _project_in(request, network, project_id)
    plan = project.plan
    choices = [(project.pk, project.title)]
    return _handle(
        request,
        found,
        plan,
        lambda **kw: forms_plans.LineForm(projects=choices, **kw),
        lambda d: plan_services.add_line(request.user, project, **_line_kwargs(d)),
        heading=_("Add an action line to %(project)s") % {"project": project.title},
        submit=_("Add the action line"),
        done=_("The action line is added."),
        anchor="lines",
        initial={"project": project.pk},
    )


def _editable_line(
    request: HttpRequest, network: str, line_id: int
) -> tuple[Network, ActionLine, ActionPlan]:
    found = network_services.get_network(network)
    line, plan = _line_in(found, line_id)
    plan_services.require_edit(request.user, found, plan.organisation_id)
    return found, line, plan


@login_required
def line_edit(request: HttpRequest, network: str, line_id: int) -> HttpResponse:
    found, line, plan = _editable_line(request, network, line_id)
    choices = _project_choices(plan)
    projects = {p.pk: p for p in plan.projects.all()}
    return _handle(
        request,
        found,
        plan,
        lambda **kw: forms_plans.LineForm(projects=choices, **kw),
        lambda d: plan_services.edit_line(
            request.user, line, project=projects[d["project"]], seen=d["seen"], **_line_kwargs(d)
        ),
        heading=_("Edit the action line %(line)s") % {"line": line.title},
        submit=_("Save the action line"),
        done=_("The action line is saved."),
        anchor=f"line-{line.pk}",
        initial={
            "title": line.title,
            "project": line.project_id,
            "first_year": line.first_year,
            "last_year": line.last_year,
            "budget": line.budget,
            "currency": line.currency,
            "description": line.description,
            "seen": plan_services.line_seen(line),
        },
    )


@login_required
def indicator_add(request: HttpRequest, network: str, line_id: int) -> HttpResponse:
    found, line, plan = _editable_line(request, network, line_id)
    return _handle(
        request,
        found,
        plan,
        forms_plans.IndicatorForm,
        lambda d: plan_services.add_indicator(request.user, line, **d),
        heading=_("Add an indicator to %(line)s") % {"line": line.title},
        submit=_("Add the indicator"),
        done=_("The indicator is added."),
        anchor=f"line-{line.pk}",
    )


@login_required
def partner_add(request: HttpRequest, network: str, line_id: int) -> HttpResponse:
    found, line, plan = _editable_line(request, network, line_id)
    pairs = plan_services.twinning_partners(plan.organisation)
    return _handle(
        request,
        found,
        plan,
        lambda **kw: forms_plans.PartnerForm(
            organisations=network_services.organisation_choices(), pairs=pairs, **kw
        ),
        lambda d: plan_services.add_partner(
            request.user,
            line,
            kind=d["kind"],
            name=d["name"].strip(),
            organisation=network_services.get_organisation(d["organisation"])
            if d.get("organisation") is not None
            else None,
            twinning_pair_id=d.get("twinning_pair"),
        ),
        heading=_("Add a partner to %(line)s") % {"line": line.title},
        submit=_("Add the partner"),
        done=_("The partner is added."),
        anchor=f"line-{line.pk}",
    )


@login_required
def milestone_add(request: HttpRequest, network: str, line_id: int) -> HttpResponse:
    found, line, plan = _editable_line(request, network, line_id)
    return _handle(
        request,
        found,
        plan,
        forms_plans.MilestoneForm,
        lambda d: plan_services.add_milestone(
            request.user, line, title=d["title"], due_on=d["due_on"]
        ),
        heading=_("Add a milestone to %(line)s") % {"line": line.title},
        submit=_("Add the milestone"),
        done=_("The milestone is added."),
        anchor=f"line-{line.pk}",
    )


@login_required
def plan_review(request: HttpRequest, network: str, organisation_id: int) -> HttpResponse:
    """The National Representative of the city's state (or the Secretariat) reviews the plan."""
    found = network_services.get_network(network)
    plan = plan_services.get_plan(found, organisation_id)
    if not plan_services.may_review(request.user, found, plan.organisation):
        raise HttpForbidden
    return _handle(
        request,
        found,
        plan,
        forms_plans.ReviewForm,
        lambda d: plan_services.review(
            request.user,
            plan,
            year=d["year"],
            comment=d["comment"],
            mark_reviewed=d["mark_reviewed"],
        ),
        heading=_("Review %(plan)s") % {"plan": plan.title},
        submit=_("Record the review"),
        done=_("The review is recorded."),
        anchor="reviews",
        initial={"year": _year(request)},
    )
