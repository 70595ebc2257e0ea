"""The regional offices page (Statute 2017 Art. 13.5-13.8; seed 003 Agenda 1): each office
with its term and the day its host must rebid, its annual reports against their deadline,
the Executive Committee's assessments on the network's criteria; the bids per region; the
criteria. Everyone reads it; Secretariat staff record bids, reports and assessments there
and put the bids for a region to an Executive Committee meeting.

The read model is `regional_records`, shared with `api_regional`, so the page and the API
say the same about terms and deadlines with the same few queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError, NotFound
from intercity.governance import forms_regional, services
from intercity.governance.models import (
    AgendaItem,
    AssessmentCriterion,
    Meeting,
    RegionalOfficeBid,
)
from intercity.governance.regional_records import (
    BID_OUTCOME,
    bids,
    office_records,
)
from intercity.network import services as registry
from intercity.network.models import Body, Network, Region, RegionalOffice

# --- The page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BidRow:
    bid: RegionalOfficeBid
    meeting: Meeting | None

    @property
    def outcome(self) -> str:
        return BID_OUTCOME.get(self.bid.status, "open")


def _auto_id(key: str) -> str:
    return f"id_{key}_%s"


def _page_url(network: Network, anchor: str = "") -> str:
    url = reverse("governance_regional_offices", args=[network.slug])
    return f"{url}#{anchor}" if anchor else url


def _city_choices(network: Network) -> list[tuple[Any, str]]:
    """Cities with a membership of the network; the service checks it is in force."""
    return [("", "—"), *registry.member_city_choices(network)]


def _item_choices(open_meetings: list[Meeting]) -> list[tuple[Any, str]]:
    items = AgendaItem.objects.filter(meeting__in=open_meetings).select_related("meeting")
    return [
        ("", "—"),
        *((i.pk, f"{i.meeting.title}: {i.number}. {i.title}") for i in items),
    ]


def _context(
    request: HttpRequest, network: Network, bound: dict[str, django_forms.Form]
) -> dict[str, Any]:
    records = office_records(network)
    is_staff = permissions.is_secretariat(request.user)
    by_date = {m.date: m for m in records.meetings}
    bid_rows = [BidRow(b, by_date.get(b.tabled_on) if b.tabled_on else None) for b in bids(network)]
    by_region: dict[int, tuple[Region, list[BidRow]]] = {}
    for row in bid_rows:
        by_region.setdefault(row.bid.region_id, (row.bid.region, []))[1].append(row)
    open_meetings = [m for m in records.meetings if m.status != Meeting.Status.CLOSED]
    context: dict[str, Any] = {
        "network": network,
        "records": records.offices,
        "criteria": records.criteria,
        "bids_by_region": list(by_region.values()),
        "open_meetings": open_meetings,
        "is_staff": is_staff,
        "bound_key": next(iter(bound), ""),
    }
    if not is_staff:
        return context
    offices = [(r.office.pk, r.office.name) for r in records.offices]
    waiting = {
        row.bid.region.slug: row.bid.region.name
        for row in bid_rows
        if row.bid.status == RegionalOfficeBid.Status.SUBMITTED
    }

    def form(key: str, make: Callable[..., django_forms.Form], **kwargs: Any) -> Any:
        return bound.get(key) or make(auto_id=_auto_id(key), **kwargs)

    context["bid_form"] = form(
        "bid",
        forms_regional.BidForm,
        regions=[("", "—"), *network.regions.values_list("slug", "name")],
        organisations=_city_choices(network),
    )
    if offices:
        context["report_form"] = form(
            "report", forms_regional.AnnualReportForm, offices=[("", "—"), *offices]
        )
    if offices and records.criteria:
        context["assessment_form"] = form(
            "assessment",
            forms_regional.AssessmentForm,
            offices=[("", "—"), *offices],
            criteria=records.criteria,
        )
    if waiting and open_meetings:
        context["election_form"] = form(
            "election",
            forms_regional.BidElectionForm,
            regions=[("", "—"), *sorted(waiting.items(), key=lambda r: r[1])],
            items=_item_choices(open_meetings),
        )
    context["waiting_regions"] = sorted(waiting.values())
    return context


def _render(
    request: HttpRequest,
    network: Network,
    bound: dict[str, django_forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _context(request, network, bound or {})
    return render(request, "governance/regional_offices.html", context, status=status)


def regional_offices(request: HttpRequest, slug: str) -> HttpResponse:
    return _render(request, registry.get_network(slug))


# --- Staff forms: each parses, calls one service, and goes back to the page -----------------

Act = Callable[[Any], str]


def _form_action(
    request: HttpRequest, network: Network, key: str, form: django_forms.Form, act: Act
) -> HttpResponse:
    """On success the messages and back to the page (or where `act` says); on bad input the
    page again with the form open and its errors, nothing saved."""
    if form.is_valid():
        try:
            url = act(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(url)
    return _render(request, network, {key: form}, status=400)


def _office(network: Network, pk: int) -> RegionalOffice:
    office = RegionalOffice.objects.filter(network=network, pk=pk).select_related("network")
    found = office.first()
    if found is None:
        raise NotFound(
            _("No regional office %(pk)s in %(network)s.") % {"pk": pk, "network": network}
        )
    return found


def _region(network: Network, slug: str) -> Region:
    region = network.regions.filter(slug=slug).first()
    if region is None:
        raise NotFound(
            _("No region '%(slug)s' in %(network)s.") % {"slug": slug, "network": network}
        )
    return region


@secretariat_only
@require_POST
def bid_submit(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    form = forms_regional.BidForm(
        request.POST,
        auto_id=_auto_id("bid"),
        regions=list(network.regions.values_list("slug", "name")),
        organisations=_city_choices(network),
    )

    def act(form: forms_regional.BidForm) -> str:
        data = form.cleaned_data
        region = _region(network, data["region"])
        city = registry.get_organisation(data["organisation"])
        bid = services.submit_regional_office_bid(
            request.user, network, region, city, data["submitted_on"]
        )
        messages.success(
            request,
            _("%(city)s bids to host the regional office for %(region)s.")
            % {"city": city, "region": region.name},
        )
        return _page_url(network, f"bid-{bid.pk}")

    return _form_action(request, network, "bid", form, act)


def _office_choices(network: Network) -> list[tuple[Any, str]]:
    return list(RegionalOffice.objects.filter(network=network).values_list("pk", "name"))


@secretariat_only
@require_POST
def report_record(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    form = forms_regional.AnnualReportForm(
        request.POST, auto_id=_auto_id("report"), offices=_office_choices(network)
    )

    def act(form: forms_regional.AnnualReportForm) -> str:
        data = form.cleaned_data
        office = _office(network, data["office"])
        recorded = services.record_annual_report(
            request.user,
            office,
            data["year"],
            data["submitted_on"],
            data["summary"],
            data["url"],
        )
        messages.success(
            request,
            _("The %(year)s annual report of %(office)s is recorded.")
            % {"year": data["year"], "office": office},
        )
        for warning in recorded.warnings:
            messages.warning(request, _("The statute warns: %(warning)s") % {"warning": warning})
        return _page_url(network, f"report-{recorded.report.pk}")

    return _form_action(request, network, "report", form, act)


@secretariat_only
@require_POST
def assessment_record(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    form = forms_regional.AssessmentForm(
        request.POST,
        auto_id=_auto_id("assessment"),
        offices=_office_choices(network),
        criteria=list(AssessmentCriterion.objects.filter(network=network).order_by("position")),
    )

    def act(form: forms_regional.AssessmentForm) -> str:
        data = form.cleaned_data
        office = _office(network, data["office"])
        assessment = services.record_assessment(
            request.user,
            office,
            data["year"],
            form.findings(),
            data["recommendation"],
            data["note"].strip(),
        )
        messages.success(
            request,
            _("The %(year)s assessment of %(office)s is recorded: %(recommendation)s.")
            % {
                "year": data["year"],
                "office": office,
                "recommendation": assessment.get_recommendation_display().lower(),
            },
        )
        return _page_url(network, f"assessment-{assessment.pk}")

    return _form_action(request, network, "assessment", form, act)


@secretariat_only
@require_POST
def bid_election(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    open_meetings = list(
        Meeting.objects.filter(network=network, body__kind=Body.Kind.COMMITTEE).exclude(
            status=Meeting.Status.CLOSED
        )
    )
    form = forms_regional.BidElectionForm(
        request.POST,
        auto_id=_auto_id("election"),
        regions=list(network.regions.values_list("slug", "name")),
        items=_item_choices(open_meetings),
    )

    def act(form: forms_regional.BidElectionForm) -> str:
        data = form.cleaned_data
        region = _region(network, data["region"])
        item = (
            AgendaItem.objects.select_related("meeting__network", "meeting__body")
            .filter(meeting__network=network, pk=data["item"])
            .first()
        )
        if item is None:
            raise NotFound(
                _("No agenda item %(item)s in %(network)s.")
                % {"item": data["item"], "network": network}
            )
        decision = services.regional_office_bid_election(request.user, item, region)
        messages.success(
            request,
            _(
                "The bids for %(region)s are put to the %(body)s as '%(title)s'. Record the votes "
                "here and close the election."
            )
            % {"region": region.name, "body": item.meeting.body.name, "title": decision},
        )
        url = reverse("governance_meeting", args=[network.slug, item.meeting.key])
        return f"{url}#decision-{decision.pk}"

    return _form_action(request, network, "election", form, act)
