"""The annual report's pages: a network's reports, a report (HTML and PDF) for everyone once
frozen; a draft for the ASEAN Secretariat and the year's Chair, who edit it, recompile its
figures and freeze it. Thin: each view parses the request, calls one service and renders."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.core.edge import attempt
from intercity.core.errors import DomainError, PermissionDenied
from intercity.network.models import Network
from intercity.plans import report_pdf as pdf
from intercity.plans import rules_report as rules
from intercity.plans.forms_report import ChairForm, NewReportForm, ReportTextForm
from intercity.plans.models_plans import LineStatus
from intercity.plans.models_report import AnnualReport
from intercity.plans.services import report as service


def _network(slug: str) -> Network:
    return get_object_or_404(Network, slug=slug)


def figures_context(report: AnnualReport) -> dict[str, Any]:
    """What the page and the PDF show of the report's kept figures."""
    figures = report.figures or {}
    rollup = figures.get("rollup") or {}
    totals = (rollup.get("network") or [{}])[0]
    states = [_worded(row) for row in rollup.get("state") or []]
    cities = [_worded(row) for row in rollup.get("city") or []]
    return {
        "taken_at": figures.get("taken_at"),
        "totals": totals,
        "states": states,
        "cities": cities,
        "state_bars": rules.bars(states),
        "meetings": figures.get("meetings") or [],
        "summary": rules.summary_sentence(
            totals, network=report.network.short_name, year=report.year
        )
        if totals
        else "",
    }


def _worded(row: dict[str, Any]) -> dict[str, Any]:
    """A kept row with its statuses in words ("On track: 2, Delayed: 1")."""
    labels = dict(LineStatus.choices)
    words = ", ".join(
        f"{labels.get(key, key)}: {count}" for key, count in (row.get("statuses") or {}).items()
    )
    return {**row, "status_words": words}


def report_list(request: HttpRequest, network: str) -> HttpResponse:
    found = _network(network)
    staff = permissions.is_secretariat(request.user)
    return _list_page(request, found, staff=staff, form=NewReportForm() if staff else None)


def _list_page(
    request: HttpRequest,
    found: Network,
    *,
    staff: bool,
    form: NewReportForm | None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "plans/report/list.html",
        {
            "network": found,
            "reports": list(service.reports_visible_to(request.user, found)),
            "staff": staff,
            "form": form,
            "error": error,
        },
        status=status,
    )


def _user(username: str) -> Any:
    if not username.strip():
        return None
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise DomainError(_("No login is called %(name)s.") % {"name": username.strip()})
    return user


@require_POST
def new_report(request: HttpRequest, network: str) -> HttpResponse:
    found = _network(network)
    permissions.require_secretariat(
        request.user,
        refusal=_("Only the ASEAN Secretariat may start an annual report or name its Chair."),
    )
    form = NewReportForm(request.POST)
    page = partial(_list_page, request, found, staff=True, form=form)
    if not form.is_valid():
        return page(status=400)
    return attempt(
        request,
        lambda: service.create_report(
            request.user,
            found,
            form.cleaned_data["year"],
            chair=_user(form.cleaned_data["chair"]),
        ),
        done=_("The draft report is compiled."),
        redirect_to=lambda report: _report_url(found.slug, report.year),
        on_refusal=page,
    )


def _report_url(network: str, year: int) -> str:
    return reverse("plans_report", kwargs={"network": network, "year": year})


def report_page(request: HttpRequest, network: str, year: int) -> HttpResponse:
    report = service.get_report(request.user, _network(network), year)
    return render(
        request,
        "plans/report/report.html",
        {
            "report": report,
            "sections": service.sections(report),
            "may_edit": service.may_edit(request.user, report) and not report.frozen,
            "staff": permissions.is_secretariat(request.user),
            "chair_form": ChairForm(
                initial={"chair": report.chair.username if report.chair else ""}
            ),
            **figures_context(report),
        },
    )


def report_pdf(request: HttpRequest, network: str, year: int) -> HttpResponse:
    report = service.get_report(request.user, _network(network), year)
    document = pdf.render(report, service.sections(report), figures_context(report))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(report)}"'
    return response


def _editable(request: HttpRequest, network: str, year: int) -> AnnualReport:
    report = service.get_report(request.user, _network(network), year)
    if not service.may_edit(request.user, report):
        raise PermissionDenied(
            _("Only the ASEAN Secretariat and the year's Chair of the ASCN may edit this report.")
        )
    return report


def edit_report(request: HttpRequest, network: str, year: int) -> HttpResponse:
    report = _editable(request, network, year)
    sections = service.sections(report)

    def page(form: ReportTextForm, *, error: str = "", status: int = 200) -> HttpResponse:
        return render(
            request,
            "plans/report/edit.html",
            {"report": report, "form": form, "error": error},
            status=status,
        )

    if request.method != "POST":
        refusal = (rules.edit_refusal(report.state) or "") if report.frozen else ""
        return page(ReportTextForm(sections, initial={"title": report.title}), error=refusal)
    form = ReportTextForm(sections, request.POST)
    if not form.is_valid():
        return page(form, status=400)
    return attempt(
        request,
        lambda: service.edit_report(
            request.user, report, title=form.cleaned_data["title"], bodies=form.bodies()
        ),
        done=_("The report is saved."),
        redirect_to=_report_url(network, year),
        on_refusal=partial(page, form),
    )


def _act(request: HttpRequest, network: str, year: int, action: Any, done: str) -> HttpResponse:
    report = _editable(request, network, year)
    back = _report_url(network, year)
    return attempt(request, lambda: action(report), done=done, redirect_to=back, on_refusal=back)


@require_POST
def recompile(request: HttpRequest, network: str, year: int) -> HttpResponse:
    return _act(
        request,
        network,
        year,
        lambda report: service.recompile(request.user, report),
        _("The figures are compiled again from the progress as it stands."),
    )


@require_POST
def freeze(request: HttpRequest, network: str, year: int) -> HttpResponse:
    return _act(
        request,
        network,
        year,
        lambda report: service.freeze(request.user, report),
        _("The report is frozen and published: it will not change again."),
    )


@require_POST
def name_chair(request: HttpRequest, network: str, year: int) -> HttpResponse:
    form = ChairForm(request.POST)
    chair = form.cleaned_data["chair"] if form.is_valid() else ""
    return _act(
        request,
        network,
        year,
        lambda report: service.name_chair(request.user, report, _user(chair)),
        _("The year's Chair is named."),
    )
