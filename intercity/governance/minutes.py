"""The memorandum (minutes) of a meeting, generated from what was recorded: the meeting's
facts, the statute text in force that day, who took part and how, and each agenda item with
its documents and decisions, every decision with the ruling that decided it (Statute 2017
Art. 16, 20; the memoranda of seed 002, Annexes 1 and 2, are the model).

`memorandum(meeting)` reads the record in a fixed number of queries, whatever the size of the
meeting, and returns plain dataclasses; the HTML page and the PDF (`minutes_pdf`) only lay
them out, so both always say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from intercity.governance import effects, services
from intercity.governance.effects import office_words
from intercity.governance.explanations import shown_explanation
from intercity.governance.models import (
    AgendaItem,
    BallotReceipt,
    Candidate,
    Decision,
    Meeting,
    Participant,
    Speech,
    Vote,
)

ATTENDANCE_WORDS: dict[str, str | Promise] = {
    Participant.Attendance.IN_PERSON: gettext_lazy("In person"),
    Participant.Attendance.REMOTE: gettext_lazy("Remote"),
    Participant.Attendance.ABSENT: gettext_lazy("Absent"),
    Participant.Attendance.UNKNOWN: gettext_lazy("Not recorded"),
}
ROLE_HEADINGS: dict[str, str | Promise] = {
    Participant.Role.DELEGATE: gettext_lazy("Delegates"),
    Participant.Role.OBSERVER: gettext_lazy("Observers"),
    Participant.Role.GUEST: gettext_lazy("Guests"),
    Participant.Role.SECRETARIAT: pgettext_lazy("participants' role", "Secretariat"),
}
# The order a memorandum lists them in: those who vote first.
ROLE_ORDER = [
    Participant.Role.DELEGATE,
    Participant.Role.OBSERVER,
    Participant.Role.GUEST,
    Participant.Role.SECRETARIAT,
]


@dataclass(frozen=True)
class Attendance:
    in_person: int = 0
    remote: int = 0
    absent: int = 0
    not_recorded: int = 0

    @property
    def present(self) -> int:
        """Remote attendance counts as present (Art. 20)."""
        return self.in_person + self.remote

    @property
    def total(self) -> int:
        return self.in_person + self.remote + self.absent + self.not_recorded

    def words(self) -> str:
        values = {
            "total": self.total,
            "present": self.present,
            "in_person": self.in_person,
            "remote": self.remote,
            "absent": self.absent,
            "not_recorded": self.not_recorded,
        }
        if self.not_recorded:
            return (
                _(
                    "%(total)s listed: %(present)s present (%(in_person)s in person, "
                    "%(remote)s remote), %(absent)s absent, %(not_recorded)s not recorded"
                )
                % values
            )
        return (
            _(
                "%(total)s listed: %(present)s present (%(in_person)s in person, "
                "%(remote)s remote), %(absent)s absent"
            )
            % values
        )

    def summary(self) -> str:
        """One group's line, e.g. "5 of 6 present (1 remote), 1 absent"."""
        text = _("%(present)s of %(total)s present") % {
            "present": self.present,
            "total": self.total,
        }
        if self.remote:
            text += " " + _("(%(remote)s remote)") % {"remote": self.remote}
        if self.absent:
            text += ", " + _("%(absent)s absent") % {"absent": self.absent}
        if self.not_recorded:
            text += ", " + _("%(n)s not recorded") % {"n": self.not_recorded}
        return text

    @classmethod
    def of(cls, attendances: Iterable[str]) -> Attendance:
        values = list(attendances)
        return cls(
            in_person=values.count(Participant.Attendance.IN_PERSON),
            remote=values.count(Participant.Attendance.REMOTE),
            absent=values.count(Participant.Attendance.ABSENT),
            not_recorded=values.count(Participant.Attendance.UNKNOWN),
        )


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation_id: int | None
    country: str
    attendance: str  # a Participant.Attendance value
    attendance_words: str
    source: str

    @property
    def present(self) -> bool:
        return self.attendance in Participant.PRESENT


@dataclass(frozen=True)
class RoleGroup:
    role: str
    heading: str
    attendees: list[Attendee]
    attendance: Attendance


@dataclass(frozen=True)
class Document:
    title: str
    reference: str
    url: str


@dataclass(frozen=True)
class CandidateLine:
    name: str
    votes: int | None
    elected: bool
    warnings: list[str]


@dataclass(frozen=True)
class Counts:
    members_total: int | None
    present: int | None
    yes: int | None
    no: int | None
    abstain: int | None
    casting_vote: str

    def words(self) -> str:
        parts = []
        if self.members_total is not None:
            parts.append(_("%(n)s members") % {"n": self.members_total})
        if self.present is not None:
            parts.append(_("%(n)s present") % {"n": self.present})
        if self.yes is not None:
            parts.append(
                _("%(yes)s yes, %(no)s no, %(abstain)s abstaining")
                % {"yes": self.yes, "no": self.no or 0, "abstain": self.abstain or 0}
            )
        if self.casting_vote == "yes":
            parts.append(_("casting vote of the Secretary General: yes"))
        elif self.casting_vote:
            parts.append(_("casting vote of the Secretary General: no"))
        return "; ".join(parts)


@dataclass(frozen=True)
class BallotLine:
    """One member's vote in a named vote, and how it came (the delegate's device or the clerk)."""

    name: str
    choice: str
    choice_words: str
    source: str
    source_words: str


@dataclass(frozen=True)
class ElectronicVote:
    """How a motion was voted, for the memorandum's list of votes: named, each member's vote;
    secret, the counts only (and how many ballots came from devices or from the clerk)."""

    mode: str
    mode_words: str
    ballots: list[BallotLine]
    from_devices: int
    by_clerk: int

    def words(self) -> str:
        return _("%(devices)s from delegates' devices, %(clerk)s recorded by the clerk") % {
            "devices": self.from_devices,
            "clerk": self.by_clerk,
        }


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    kind: str
    kind_words: str
    title: str
    text: str
    status: str
    status_words: str
    outcome: str
    outcome_words: str
    explanation: str
    counts: Counts | None
    statute_version: str
    rule: str
    article: str
    office: str
    candidates: list[CandidateLine]
    winner: str
    effects: list[str]
    effects_applied: bool
    source: str
    conflict: str
    vote: ElectronicVote | None = None
    # The floor: an amendment's motion and mover, a motion's text as moved, an election's
    # seats, the regions of those elected and the composition checks (governance.minutes_floor).
    notes: list[str] = field(default_factory=list)

    @property
    def ruling(self) -> str:
        """The result in one line, e.g. 'Adopted' or 'Open: not yet decided'."""
        if self.status == Decision.Status.OPEN:
            return _("Open: not yet decided")
        if self.status == Decision.Status.WITHDRAWN:
            return pgettext("decision status", "Withdrawn")
        return self.outcome_words or self.status_words


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    description: str
    documents: list[Document]
    decisions: list[DecisionRecord]
    # Who spoke on the item, in the order they spoke.
    speakers: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "item-" + "".join(c if c.isalnum() else "-" for c in self.number.lower())


@dataclass(frozen=True)
class StatuteInForce:
    name: str
    effective_from: dt.date
    source: str


@dataclass(frozen=True)
class Memorandum:
    network: str
    network_name: str
    network_slug: str
    key: str
    title: str
    body: str
    kind: str
    date: dt.date
    venue: str
    status: str
    source: str
    statute: StatuteInForce | None
    participants: list[RoleGroup]
    attendance: Attendance
    agenda: list[Item]
    # Decisions of the meeting recorded without an agenda item.
    other_decisions: list[DecisionRecord] = field(default_factory=list)
    # "regular meeting" or "special meeting", in the reader's language.
    kind_words: str = ""

    @property
    def decisions(self) -> list[DecisionRecord]:
        return [d for item in self.agenda for d in item.decisions] + self.other_decisions

    @property
    def electronic_votes(self) -> list[DecisionRecord]:
        """The motions and amendments put to a named vote or a secret ballot, in the order of
        the record."""
        return [d for d in self.decisions if d.vote is not None]

    @property
    def filename(self) -> str:
        return f"{self.key}-memorandum.pdf"


# --- Reading the record (a fixed number of queries) ------------------------------------------


def memorandum(meeting: Meeting) -> Memorandum:
    """The memorandum of a meeting from its record, in about a dozen queries whatever the
    number of participants, items and decisions."""
    network = meeting.network
    # The text the meeting opened under; a text it adopts governs only what follows, and each
    # decision keeps the text it was judged by.
    statute = services.statute_on(network, meeting.date, at=services.opening_of(meeting))
    participants = list(meeting.participants.select_related("organisation").order_by("id"))
    decisions = (
        Decision.objects.filter(meeting=meeting)
        .select_related(
            "statute_version", "winner", "body", "amendment__motion", "amendment__mover"
        )
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=Candidate.objects.select_related("organisation").order_by(
                    "-votes", "organisation__name"
                ),
            ),
            Prefetch("votes", queryset=Vote.objects.select_related("organisation")),
            Prefetch("receipts", queryset=BallotReceipt.objects.only("decision_id", "source")),
        )
        .order_by("position", "id")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("documents", Prefetch("decisions", queryset=decisions))
        .order_by("position", "id")
    )
    loose = list(decisions.filter(agenda_item__isnull=True))
    every = [d for item in items for d in item.decisions.all()] + loose
    words = EffectWords.load(network, [e for d in every for e in d.effects])
    # The floor: adopted amendments by motion (amendments are decisions of the same meeting),
    # and who spoke on each item, in one query.
    adopted: dict[int, list[Decision]] = {}
    for d in every:
        amendment = getattr(d, "amendment", None) if d.kind == Decision.Kind.AMENDMENT else None
        if amendment is not None and d.outcome == Decision.Outcome.ADOPTED:
            adopted.setdefault(amendment.motion_id, []).append(d)
    spoke: dict[int, list[str]] = {}
    for speech in (
        Speech.objects.filter(item__meeting=meeting, status=Speech.Status.DONE)
        .select_related("participant__organisation")
        .order_by("started_at", "id")
    ):
        spoke.setdefault(speech.item_id, []).append(str(speech.participant))
    return Memorandum(
        network=str(network),
        network_name=network.name,
        network_slug=network.slug,
        key=meeting.key,
        title=meeting.title,
        body=meeting.body.name,
        kind=meeting.get_kind_display(),
        date=meeting.date,
        venue=meeting.venue,
        status=meeting.get_status_display(),
        source=meeting.source,
        statute=StatuteInForce(statute.name, statute.effective_from, statute.source)
        if statute
        else None,
        participants=role_groups(participants),
        attendance=Attendance.of(p.attendance for p in participants),
        agenda=[
            Item(
                number=item.number,
                title=item.title,
                description=item.description,
                documents=[Document(d.title, d.reference, d.url) for d in item.documents.all()],
                decisions=[
                    decision_record(d, words, adopted.get(d.pk, [])) for d in item.decisions.all()
                ],
                speakers=spoke.get(item.pk, []),
            )
            for item in items
        ],
        other_decisions=[decision_record(d, words, adopted.get(d.pk, [])) for d in loose],
        kind_words=_("special meeting")
        if meeting.kind == Meeting.Kind.SPECIAL
        else _("regular meeting"),
    )


# --- Building the parts (no queries) ---------------------------------------------------------


def role_groups(participants: list[Participant]) -> list[RoleGroup]:
    groups = []
    known = [*ROLE_ORDER, *(r for r in Participant.Role.values if r not in ROLE_ORDER)]
    for role in known:
        members = [p for p in participants if p.role == role]
        if not members:
            continue
        attendees = [
            Attendee(
                name=p.organisation.name if p.organisation else p.name,
                organisation_id=p.organisation_id,
                country=p.organisation.country.name
                if p.organisation and p.organisation.country
                else "",
                attendance=p.attendance,
                attendance_words=str(
                    ATTENDANCE_WORDS.get(p.attendance, p.get_attendance_display())
                ),
                source=p.source,
            )
            for p in members
        ]
        # In Python: databases disagree on where a participant without organisation sorts.
        attendees.sort(key=lambda a: a.name.casefold())
        groups.append(
            RoleGroup(
                role=role,
                heading=str(ROLE_HEADINGS.get(role, role.title())),
                attendees=attendees,
                attendance=Attendance.of(p.attendance for p in members),
            )
        )
    return groups


def article_of(decision: Decision) -> str:
    """The article the decision was judged by: as stored with its ruling, else as the statute
    in force that day states it for this kind of decision and body."""
    stored = (decision.rule_applied or {}).get("article")
    if stored:
        return str(stored)
    statute = decision.statute_version
    if statute is None or not decision.rule:
        return ""
    by_body = (statute.rules or {}).get(decision.rule) or {}
    return str((by_body.get(decision.body.slug) or {}).get("article", ""))


def decision_record(
    decision: Decision, words: EffectWords, amended_by: list[Decision] | None = None
) -> DecisionRecord:
    counted = any(v is not None for v in (decision.members_total, decision.present, decision.yes))
    candidates = list(decision.candidates.all())
    return DecisionRecord(
        id=decision.pk,
        kind=decision.kind,
        kind_words=decision.get_kind_display(),
        title=decision.title,
        text=decision.text,
        status=decision.status,
        status_words=decision.get_status_display(),
        outcome=decision.outcome,
        outcome_words=decision.get_outcome_display() if decision.outcome else "",
        explanation=shown_explanation(decision),
        counts=Counts(
            decision.members_total,
            decision.present,
            decision.yes,
            decision.no,
            decision.abstain,
            decision.casting_vote,
        )
        if counted
        else None,
        statute_version=decision.statute_version.name if decision.statute_version else "",
        rule=decision.rule,
        article=article_of(decision),
        office=office_words(decision.office),
        candidates=[
            CandidateLine(c.organisation.name, c.votes, c.elected, list(c.warnings or []))
            for c in candidates
        ],
        winner=decision.winner.name if decision.winner else "",
        effects=[words(e, decision) for e in decision.effects or []],
        effects_applied=decision.effects_applied,
        source=decision.source,
        conflict=decision.conflict,
        vote=electronic_vote(decision),
        notes=floor_notes(decision, amended_by or []),
    )


SOURCE_WORDS = {"device": gettext_lazy("device"), "clerk": gettext_lazy("clerk")}


def electronic_vote(decision: Decision) -> ElectronicVote | None:
    """The list of a motion's named votes, or a secret ballot's counts; none for a show of
    hands or a motion voted by no one (uses the memorandum's prefetched votes and receipts)."""
    if decision.kind not in (Decision.Kind.MOTION, Decision.Kind.AMENDMENT):
        return None
    if decision.vote_mode == Decision.VoteMode.SECRET:
        sources = [r.source for r in decision.receipts.all()]
        return ElectronicVote(
            decision.vote_mode,
            str(Decision.VoteMode.SECRET.label),
            [],
            sources.count("device"),
            sources.count("clerk"),
        )
    votes = sorted(decision.votes.all(), key=lambda v: v.organisation.name.casefold())
    if decision.vote_mode != Decision.VoteMode.ROLL_CALL or not votes:
        return None
    return ElectronicVote(
        decision.vote_mode,
        str(Decision.VoteMode.ROLL_CALL.label),
        [
            BallotLine(
                v.organisation.name,
                v.choice,
                v.get_choice_display(),
                v.source,
                str(SOURCE_WORDS.get(v.source, v.source)),
            )
            for v in votes
        ],
        sum(v.source == "device" for v in votes),
        sum(v.source == "clerk" for v in votes),
    )


def floor_notes(decision: Decision, amended_by: list[Decision]) -> list[str]:
    """What the floor adds to a decision's record, from rows already loaded: the motion an
    amendment amends and who moved it, the text it gives; a motion's text as first moved;
    an election's seats, the regions of those elected and the composition checks."""
    notes = []
    amendment = getattr(decision, "amendment", None) if decision.kind == "amendment" else None
    if amendment is not None:
        notes.append(_("Amends the motion '%(motion)s'.") % {"motion": amendment.motion.title})
        if amendment.mover is not None:
            notes.append(_("Moved by %(name)s.") % {"name": amendment.mover.name})
        notes.append(_("Text as amended: %(text)s") % {"text": amendment.replacement})
    if decision.kind == "motion" and amended_by:
        first = sorted(amended_by, key=lambda d: (d.decided_at is None, d.decided_at, d.pk))
        notes.append(_("Text as moved: %(text)s") % {"text": first[0].amendment.text_before})
        notes.append(_("Amended by: %(titles)s.") % {"titles": ", ".join(d.title for d in first)})
    if decision.kind == "election" and decision.seats > 1:
        applied = decision.rule_applied or {}
        notes.append(
            _("%(seats)s seats, each voter voting for at most %(seats)s candidates (%(article)s).")
            % {"seats": decision.seats, "article": applied.get("article", "Art. 12.4")}
        )
        if applied.get("regions"):
            notes.append(str(applied["regions"]))
        notes.extend(str(w) for w in applied.get("composition") or [])
    return notes


class EffectWords(effects.Names):
    """Says an effect of a decision in words ("Goyang approved as a full member"), with the
    names it needs loaded once for the whole memorandum (`governance.effects` has the words)."""

    def __call__(self, effect: dict[str, Any], decision: Decision) -> str:
        return effects.sentence(effect, decision, self)
