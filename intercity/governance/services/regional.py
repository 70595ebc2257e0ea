"""Regional offices: bids, annual reports and assessments (Art. 13.5-13.8; seed 003 Agenda 1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError, full_clean_or_refuse
from intercity.governance import rules
from intercity.governance.models import (
    AgendaItem,
    AssessmentCriterion,
    Decision,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
)
from intercity.governance.services._common import _lock, require_secretariat
from intercity.governance.services.deadlines import deadlines_for
from intercity.governance.services.elections import add_candidate, open_election
from intercity.network import services as registry
from intercity.network.models import (
    Body,
    MembershipStatus,
    Network,
    Organisation,
    Region,
    RegionalOffice,
)

# --- Regional offices: bids, annual reports, assessments (Art. 13.5-13.8; seed 003 Agenda 1) --

ANNUAL_REPORT_DEADLINE = "regional-office-annual-report"


def submit_regional_office_bid(
    actor: Any,
    network: Network,
    region: Region,
    organisation: Organisation,
    submitted_on: dt.date,
    *,
    source: str = "",
) -> RegionalOfficeBid:
    """A member city bids to host the regional office of a region (Art. 13.5: "any member
    city that wishes to host a regional office may participate in the bidding process")."""
    require_secretariat(actor)
    if region.network_id != network.pk:
        raise DomainError(
            _("%(region)s is not a region of %(network)s.")
            % {"region": region.name, "network": network}
        )
    if organisation.kind != Organisation.Kind.CITY:
        raise DomainError(
            _(
                "%(organisation)s is not a city; only member cities bid to host a regional "
                "office (Art. 13.5)."
            )
            % {"organisation": organisation}
        )
    period = registry.period_on(network, organisation, submitted_on)
    if period is None or period.status == MembershipStatus.WITHDRAWN:
        raise DomainError(
            _(
                "%(organisation)s is not a member of %(network)s on %(submitted_on)s; only "
                "member cities bid to host a regional office (Art. 13.5)."
            )
            % {"organisation": organisation, "network": network, "submitted_on": submitted_on}
        )
    if period.status == MembershipStatus.SUSPENDED:
        raise DomainError(
            _(
                "%(organisation)s is suspended on %(submitted_on)s and may not bid until the "
                "suspension is lifted (Art. 7.3)."
            )
            % {"organisation": organisation, "submitted_on": submitted_on}
        )
    with transaction.atomic():
        # The region's row orders bids for it: one waiting bid per city is checked here.
        _lock(Region, region.pk)
        if RegionalOfficeBid.objects.filter(
            network=network,
            region=region,
            organisation=organisation,
            status=RegionalOfficeBid.Status.SUBMITTED,
        ).exists():
            raise DomainError(
                _(
                    "%(organisation)s already has a bid for %(region)s awaiting the Executive "
                    "Committee."
                )
                % {"organisation": organisation, "region": region.name}
            )
        bid = RegionalOfficeBid.objects.create(
            network=network,
            region=region,
            organisation=organisation,
            submitted_on=submitted_on,
            source=source,
        )
        audit.record(
            actor,
            "submit_regional_office_bid",
            bid,
            after={"region": region.slug, "organisation": organisation.pk, "on": submitted_on},
        )
    return bid


def regional_office_bid_election(actor: Any, item: AgendaItem, region: Region) -> Decision:
    """Put the bids awaiting a decision for a region to the Executive Committee as an
    election: the city with the most votes gets the office for the statute's term (Art.
    13.6(a)). Closing it (`close_election`) establishes the office and settles the bids."""
    require_secretariat(actor)
    meeting = item.meeting
    if meeting.body.kind != Body.Kind.COMMITTEE:
        raise DomainError(
            _(
                "The Executive Committee approves regional offices (Art. 13.6(a)); put the bids "
                "to one of its meetings."
            )
        )
    if region.network_id != meeting.network_id:
        raise DomainError(
            _("%(region)s is not a region of %(network)s.")
            % {"region": region.name, "network": meeting.network}
        )
    with transaction.atomic():
        # Under the region's lock, so a bid is put to one election only.
        _lock(Region, region.pk)
        bids = list(
            RegionalOfficeBid.objects.filter(
                network=meeting.network, region=region, status=RegionalOfficeBid.Status.SUBMITTED
            )
            .filter(Q(submitted_on__isnull=True) | Q(submitted_on__lte=meeting.date))
            .filter(Q(decision__isnull=True) | ~Q(decision__status=Decision.Status.OPEN))
            .select_related("organisation")
            .order_by("organisation__name")
        )
        if not bids:
            raise DomainError(
                _("No bid for %(region)s awaits the Executive Committee.") % {"region": region.name}
            )
        decision = open_election(
            actor,
            item,
            title=_("Regional office for %(region)s") % {"region": region.name},
            office="regional-office",
            region=region,
        )
        for bid in bids:
            add_candidate(actor, decision, bid.organisation, bid.submitted_on)
            bid.decision = decision
            bid.tabled_on = meeting.date
        RegionalOfficeBid.objects.bulk_update(bids, ["decision", "tabled_on"])
        audit.record(
            actor,
            "regional_office_bid_election",
            decision,
            after={"region": region.slug, "bids": [bid.pk for bid in bids]},
        )
    return decision


@dataclass(frozen=True)
class AnnualReportRecorded:
    """A recorded annual report, with its deadline when the statute gives one and what the
    statute says against it (e.g. late, Art. 13.7)."""

    report: RegionalOfficeReport
    due_on: dt.date | None
    warnings: list[str]


def annual_report_deadline(office: RegionalOffice, year: int) -> rules.Deadline | None:
    """When a regional office's report for `year` is due: before that year's regular
    Executive Committee meeting, by the statute in force on its date (two months in the 2017
    text, Art. 13.7; one month in the 2014 text). None when no meeting is planned yet."""
    meeting = (
        Meeting.objects.filter(
            network_id=office.network_id,
            body__kind=Body.Kind.COMMITTEE,
            kind=Meeting.Kind.REGULAR,
            date__year=year,
        )
        .select_related("network", "body")
        .order_by("date")
        .first()
    )
    if meeting is None:
        return None
    return next(
        (d for d in deadlines_for(meeting) if d.key == ANNUAL_REPORT_DEADLINE and d.due), None
    )


def record_annual_report(
    actor: Any,
    office: RegionalOffice,
    year: int,
    submitted_on: dt.date,
    summary: str,
    url: str = "",
) -> AnnualReportRecorded:
    """The annual report of a regional office on its operational progress (Art. 13.7),
    one per year; a report later than the statute's deadline is recorded with a warning."""
    require_secretariat(actor)
    if office.term_start and year < office.term_start.year:
        raise DomainError(
            _("%(office)s opened on %(term_start)s; it has no report for %(year)s.")
            % {"office": office, "term_start": office.term_start, "year": year}
        )
    if office.term_end and year > office.term_end.year:
        raise DomainError(
            _("%(office)s's term ended on %(term_end)s; no report for %(year)s.")
            % {"office": office, "term_end": office.term_end, "year": year}
        )
    if not summary.strip() and not url.strip():
        raise DomainError(_("Give the report's summary or a link to it."))
    deadline = annual_report_deadline(office, year)
    due = deadline.due if deadline else None
    warnings = []
    if deadline is not None and due is not None and submitted_on > due:
        warnings.append(
            _("Submitted on %(day)s, after the deadline of %(due)s (%(explanation)s; %(article)s).")
            % {
                "day": submitted_on.isoformat(),
                "due": due.isoformat(),
                "explanation": deadline.explanation,
                "article": deadline.article,
            }
        )
    with transaction.atomic():
        _lock(RegionalOffice, office.pk)
        if RegionalOfficeReport.objects.filter(office=office, year=year).exists():
            raise DomainError(
                _("%(office)s already has its report for %(year)s on record.")
                % {"office": office, "year": year}
            )
        report = RegionalOfficeReport(
            office=office, year=year, submitted_on=submitted_on, summary=summary, url=url.strip()
        )
        full_clean_or_refuse(report)
        report.save()
        audit.record(
            actor,
            "record_annual_report",
            report,
            after={"year": year, "submitted_on": submitted_on, "warnings": warnings},
        )
    return AnnualReportRecorded(report, due, warnings)


def record_assessment(
    actor: Any,
    office: RegionalOffice,
    year: int,
    findings: dict[str, str],
    recommendation: str,
    note: str = "",
) -> RegionalOfficeAssessment:
    """The Executive Committee's annual assessment of a regional office: a finding per
    criterion of the network (seed 003, Agenda 1) and a recommendation to continue, review
    or dissolve it (Art. 13.6(b))."""
    require_secretariat(actor)
    if recommendation not in RegionalOfficeAssessment.Recommendation.values:
        choices = ", ".join(RegionalOfficeAssessment.Recommendation.values)
        raise DomainError(
            _("The recommendation is one of %(choices)s, not '%(recommendation)s'.")
            % {"choices": choices, "recommendation": recommendation}
        )
    known = list(
        AssessmentCriterion.objects.filter(network_id=office.network_id)
        .order_by("position")
        .values_list("key", flat=True)
    )
    if not known:
        raise DomainError(
            _("%(network)s has no assessment criteria on record.") % {"network": office.network}
        )
    unknown = sorted(set(findings) - set(known))
    if unknown:
        raise DomainError(
            _("Unknown criteria: %(value)s; the criteria are %(value2)s.")
            % {"value": ", ".join(unknown), "value2": ", ".join(known)}
        )
    if not findings:
        raise DomainError(_("Give the finding for at least one criterion."))
    blank = [key for key, text in findings.items() if not str(text).strip()]
    if blank:
        raise DomainError(_("Say what was found for: %(value)s.") % {"value": ", ".join(blank)})
    with transaction.atomic():
        _lock(RegionalOffice, office.pk)
        if RegionalOfficeAssessment.objects.filter(office=office, year=year).exists():
            raise DomainError(
                _("%(office)s already has its assessment for %(year)s on record.")
                % {"office": office, "year": year}
            )
        assessment = RegionalOfficeAssessment.objects.create(
            office=office,
            year=year,
            findings={key: str(findings[key]).strip() for key in known if key in findings},
            recommendation=recommendation,
            note=note,
        )
        audit.record(
            actor,
            "record_assessment",
            assessment,
            after={"year": year, "recommendation": recommendation, "criteria": list(findings)},
        )
    return assessment
