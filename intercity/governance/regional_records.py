"""The regional offices' record as the page and the API read it (Statute 2017 Art. 13.5-13.8;
seed 003 Agenda 1): each office with its term and the day its host must rebid, its annual
reports against their deadline, the Executive Committee's assessments on the network's
criteria, and the bids per region; with the same few queries whatever the size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.core.errors import NotFound
from intercity.governance import rules, services
from intercity.governance.formats import local_date
from intercity.governance.models import (
    AssessmentCriterion,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
)
from intercity.network.models import Body, Network, RegionalOffice

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
            _("The office closed on %(day)s, before the end of its term.")
            % {"day": local_date(end)}
            if ends
            else _("Its term ends on %(day)s; the host rebids to continue.")
            % {"day": local_date(end)}
        )
        return OfficeTerm(years, article, name, None if ends else end, words)
    if years is None or text is None:
        return OfficeTerm(None, "", "", end, _("No statute text on record sets its term."))
    length = ngettext(
        "%(years)s-year term (%(statute)s, %(article)s)",
        "%(years)s-year term (%(statute)s, %(article)s)",
        years,
    ) % {"years": years, "statute": text.name, "article": article}
    if start is None or ends is None:
        return OfficeTerm(
            years,
            article,
            name,
            None,
            _("No start date on record, so the end of its term cannot be counted; %(term)s.")
            % {"term": length},
        )
    words = _("%(term)s: at its end the host rebids with other member cities.") % {"term": length}
    if text.effective_from > start:
        words += " " + _(
            "The term came with %(statute)s, in force from %(day)s; it is counted from the "
            "approval."
        ) % {"statute": text.name, "day": local_date(text.effective_from)}
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
        raise NotFound(
            _("No regional office %(office_id)s in %(network)s.")
            % {"office_id": office_id, "network": network}
        )
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
