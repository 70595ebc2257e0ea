"""The regional offices page (Statute 2017 Art. 13.5-13.8; seed 003 Agenda 1): each office
with its term and the day its host must rebid, its annual reports against their deadline,
the Executive Committee's assessments on the network's criteria; the bids per region; the
criteria. Everyone reads it; Secretariat staff record bids, reports and assessments there
and put the bids for a region to an Executive Committee meeting.

The read model at the top (`office_records`) is shared with `api_regional`, so the page
and the API say the same about terms and deadlines with the same few queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.core.errors import DomainError, NotFound
from intercity.governance import forms_regional, rules, services
from intercity.governance.models import (
    AgendaItem,
    AssessmentCriterion,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
)
from intercity.governance.views import _network, secretariat_only
from intercity.network import services as registry
from intercity.network.models import Body, Network, Organisation, Region, RegionalOffice

# The key of the regional office term in a statute version's `terms` (Art. 13.6(a)).
TERM = "regional-office"

BID_OUTCOME: dict[str, str] = {
    RegionalOfficeBid.Status.APPROVED: "adopted",
    RegionalOfficeBid.Status.NOT_APPROVED: "rejected",
    RegionalOfficeBid.Status.SUBMITTED: "open",
    RegionalOfficeBid.Status.NOT_RECORDED: "withdrawn",
}
RECOMMENDATION_OUTCOME: dict[str, str] = {
    RegionalOfficeAssessment.Recommendation.CONTINUE: "adopted",
    RegionalOfficeAssessment.Recommendation.PROBATION: "open",
    RegionalOfficeAssessment.Recommendation.DISSOLVE: "rejected",
}


# --- Read model, shared with the API ---------------------------------------------------------


@dataclass(frozen=True)
class OfficeTerm:
    """An office's term by the statute: its length, the day the host must rebid with other
    member cities (Art. 13.6(a)) and how that day follows, in words."""

    years: int | None
    article: str
    statute: str
    rebid_due: dt.date | None
    words: str


def _in_force(statutes: list[StatuteVersion], day: dt.date) -> StatuteVersion | None:
    """The statute text in force on a day, as `services.statute_on` picks it."""
    return next((s for s in reversed(statutes) if s.effective_from <= day), None)


def _term_text(statutes: list[StatuteVersion], start: dt.date | None) -> StatuteVersion | None:
    """The text whose term applies to an office: the one in force on its first day; when that
    one sets no term, the first later text that does (the five-year term came with the 2017
    Statute, in force the day after the EXCOM approved Mexico City and Beyoğlu, and says all
    offices rebid at the end of it). With no start on record: the latest text with a term."""
    with_term = [s for s in statutes if (s.terms or {}).get(TERM)]
    if start is None:
        return with_term[-1] if with_term else None
    current = _in_force(statutes, start)
    if current is not None and current in with_term:
        return current
    return next((s for s in with_term if s.effective_from > start), None)


def office_term(office: RegionalOffice, statutes: list[StatuteVersion]) -> OfficeTerm:
    """`statutes` are the network's statute versions in the order they came into force."""
    text = _term_text(statutes, office.term_start)
    spec = ((text.terms or {}).get(TERM) or {}) if text else {}
    years = int(spec["years"]) if spec.get("years") else None
    article = str(spec.get("article", ""))
    name = text.name if text else ""
    start, end = office.term_start, office.term_end
    ends = rules.add_months(start, 12 * years) if start and years else None
    if end is not None and (ends is None or end < ends):
        words = (
            f"The office closed on {end.isoformat()}, before the end of its term."
            if ends
            else f"Its term ends on {end.isoformat()}; the host rebids to continue."
        )
        return OfficeTerm(years, article, name, None if ends else end, words)
    if years is None or text is None:
        return OfficeTerm(None, "", "", end, "No statute text on record sets its term.")
    length = f"{years}-year term ({text.name}, {article})"
    if start is None or ends is None:
        return OfficeTerm(
            years,
            article,
            name,
            None,
            f"No start date on record, so the end of its term cannot be counted; {length}.",
        )
    words = f"{length}: at its end the host rebids with other member cities."
    if text.effective_from > start:
        words += (
            f" The term came with {text.name}, in force from "
            f"{text.effective_from.isoformat()}; it is counted from the approval."
        )
    return OfficeTerm(years, article, name, ends, words)


def report_deadlines(
    meetings: list[Meeting], statutes: list[StatuteVersion], years: set[int]
) -> dict[int, rules.Deadline | None]:
    """Each year's annual report deadline (Art. 13.7) as `services.annual_report_deadline`
    finds it: before the year's first regular Executive Committee meeting, by the statute in
    force on its date. From rows already read, so many years cost no query."""
    first: dict[int, Meeting] = {}
    for meeting in sorted(meetings, key=lambda m: m.date):
        if meeting.kind == Meeting.Kind.REGULAR and meeting.body.kind == Body.Kind.COMMITTEE:
            first.setdefault(meeting.date.year, meeting)
    found: dict[int, rules.Deadline | None] = {}
    for year in years:
        anchor = first.get(year)
        statute = _in_force(statutes, anchor.date) if anchor else None
        if anchor is None or statute is None:
            found[year] = None
            continue
        try:
            deadlines = rules.deadlines({anchor.body.slug: anchor.date}, list(statute.deadlines))
        except (ValueError, OverflowError):
            deadlines = []
        found[year] = next(
            (d for d in deadlines if d.key == services.ANNUAL_REPORT_DEADLINE and d.due), None
        )
    return found


@dataclass(frozen=True)
class ReportRow:
    report: RegionalOfficeReport
    deadline: rules.Deadline | None

    @property
    def due_on(self) -> dt.date | None:
        return self.deadline.due if self.deadline else None

    @property
    def days_late(self) -> int:
        due = self.due_on
        return max((self.report.submitted_on - due).days, 0) if due else 0

    @property
    def late(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class Finding:
    key: str
    name: str
    text: str


@dataclass(frozen=True)
class AssessmentRow:
    assessment: RegionalOfficeAssessment
    findings: list[Finding]

    @property
    def outcome(self) -> str:
        return RECOMMENDATION_OUTCOME.get(self.assessment.recommendation, "open")


@dataclass
class OfficeRecord:
    office: RegionalOffice
    term: OfficeTerm
    reports: list[ReportRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)

    @property
    def latest_assessment(self) -> AssessmentRow | None:
        return self.assessments[0] if self.assessments else None


@dataclass
class Records:
    offices: list[OfficeRecord]
    criteria: list[AssessmentCriterion]
    meetings: list[Meeting]


def _findings(
    assessment: RegionalOfficeAssessment, criteria: list[AssessmentCriterion]
) -> list[Finding]:
    """The findings in the order of the network's criteria; a finding on a criterion no
    longer on record still shows, under its key."""
    notes = dict(assessment.findings or {})
    rows = [Finding(c.key, c.name, str(notes.pop(c.key))) for c in criteria if c.key in notes]
    return rows + [Finding(key, key, str(text)) for key, text in notes.items()]


def office_records(network: Network, office_id: int | None = None) -> Records:
    """The network's regional offices (or the one asked for) with their terms, reports and
    assessments, in six queries whatever their number."""
    found = RegionalOffice.objects.filter(network=network).select_related("region", "host")
    if office_id is not None:
        found = found.filter(pk=office_id)
    offices = list(found.order_by("region__position", "region__name", "pk"))
    if office_id is not None and not offices:
        raise NotFound(f"No regional office {office_id} in {network}.")
    statutes = services.statute_rows(network)
    criteria = list(AssessmentCriterion.objects.filter(network=network).order_by("position"))
    meetings = list(
        Meeting.objects.filter(network=network, body__kind=Body.Kind.COMMITTEE)
        .select_related("body")
        .order_by("date", "key")
    )
    records = {o.pk: OfficeRecord(o, office_term(o, statutes)) for o in offices}
    reports = list(RegionalOfficeReport.objects.filter(office__in=offices).order_by("-year"))
    due = report_deadlines(meetings, statutes, {r.year for r in reports})
    for report in reports:
        records[report.office_id].reports.append(ReportRow(report, due[report.year]))
    for assessment in RegionalOfficeAssessment.objects.filter(office__in=offices).order_by("-year"):
        records[assessment.office_id].assessments.append(
            AssessmentRow(assessment, _findings(assessment, criteria))
        )
    return Records(list(records.values()), criteria, meetings)


def bids(network: Network) -> QuerySet[RegionalOfficeBid]:
    """The network's bids, region by region, those not yet tabled last."""
    return (
        RegionalOfficeBid.objects.filter(network=network)
        .select_related("region", "organisation")
        .order_by(
            "region__position",
            "region__name",
            F("tabled_on").asc(nulls_last=True),
            F("submitted_on").asc(nulls_last=True),
            "organisation__name",
            "pk",
        )
    )


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
    cities = (
        Organisation.objects.filter(kind=Organisation.Kind.CITY, memberships__network=network)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    return [("", "—"), *cities]


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
    return _render(request, _network(slug))


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
        raise NotFound(f"No regional office {pk} in {network}.")
    return found


def _region(network: Network, slug: str) -> Region:
    region = network.regions.filter(slug=slug).first()
    if region is None:
        raise NotFound(f"No region '{slug}' in {network}.")
    return region


@secretariat_only
@require_POST
def bid_submit(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
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
        messages.success(request, f"{city} bids to host the regional office for {region.name}.")
        return _page_url(network, f"bid-{bid.pk}")

    return _form_action(request, network, "bid", form, act)


def _office_choices(network: Network) -> list[tuple[Any, str]]:
    return list(RegionalOffice.objects.filter(network=network).values_list("pk", "name"))


@secretariat_only
@require_POST
def report_record(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
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
        messages.success(request, f"The {data['year']} annual report of {office} is recorded.")
        for warning in recorded.warnings:
            messages.warning(request, f"The statute warns: {warning}")
        return _page_url(network, f"report-{recorded.report.pk}")

    return _form_action(request, network, "report", form, act)


@secretariat_only
@require_POST
def assessment_record(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
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
            f"The {data['year']} assessment of {office} is recorded: "
            f"{assessment.get_recommendation_display().lower()}.",
        )
        return _page_url(network, f"assessment-{assessment.pk}")

    return _form_action(request, network, "assessment", form, act)


@secretariat_only
@require_POST
def bid_election(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
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
            raise NotFound(f"No agenda item {data['item']} in {network}.")
        decision = services.regional_office_bid_election(request.user, item, region)
        messages.success(
            request,
            f"The bids for {region.name} are put to the {item.meeting.body.name} as "
            f"'{decision}'. Record the votes here and close the election.",
        )
        url = reverse("governance_meeting", args=[network.slug, item.meeting.key])
        return f"{url}#decision-{decision.pk}"

    return _form_action(request, network, "election", form, act)
