"""Named actions of governance: meetings, attendance, motions, votes, elections, written
consents, and what their decisions change in the registry and the membership history.

Each action checks who may do it, calls the statute rules, saves in one transaction and
writes one audit event. Pages, the API, the admin and the seed call these.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.governance import rules
from intercity.governance.models import (
    AgendaDocument,
    AgendaItem,
    AssessmentCriterion,
    Candidate,
    Consent,
    DeadlineReminder,
    Decision,
    Meeting,
    Participant,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
    Vote,
)
from intercity.membership import services as membership
from intercity.network import services as registry
from intercity.network.models import (
    Body,
    Mandate,
    MembershipStatus,
    Network,
    Organisation,
    Region,
    RegionalOffice,
)

# Offices an election fills in the Executive Committee (Art. 11-12).
ELECTED_OFFICES = {"president", "executive_vice_president", "vice_president", "member"}
RULE_DECISIONS = [
    "ordinary-motion",
    "written-consent",
    "regional-office-dissolution",
    "regional-office-establishment",
    "special-general-assembly",
    "joint-project-funding",
    "statute-amendment",
]


_M = TypeVar("_M", bound=models.Model)


def _create(model: type[_M], **fields: Any) -> _M:
    """Validate a new row as its model declares it (lengths, choices, constraints) and save
    it; a problem is a DomainError naming the field, never a database error."""
    instance = model(**fields)
    full_clean_or_refuse(instance)
    instance.save()
    return instance


def require_secretariat(actor: Any) -> None:
    if not permissions.is_secretariat(actor):
        raise PermissionDenied("Only Secretariat staff may do this.")


# Every action that moves a state re-reads the row it changes under a lock, inside its
# transaction, and checks the state there: a copy loaded before the transaction may already
# be stale when two requests arrive together (a double click, two staff, a vote posted while
# the chair closes the motion). Rows are locked parent first (region, meeting, decision), so
# two actions never wait on each other in opposite orders. SQLite takes its write lock when
# the transaction begins (transaction_mode=IMMEDIATE), which serialises the same way.


def _lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting's row, locked and fresh, in the caller's object: its status and what hangs
    from it (agenda positions, motions' positions, attendance) change one request at a time."""
    meeting.refresh_from_db(from_queryset=Meeting.objects.select_for_update())
    return meeting


def _lock_decision(decision: Decision) -> Decision:
    """The decision's row, locked and fresh, in the caller's object: its status, outcome,
    votes, counts and effects change one request at a time."""
    decision.refresh_from_db(from_queryset=Decision.objects.select_for_update())
    return decision


def _lock(model: type[_M], pk: Any) -> _M:
    return model.objects.select_for_update().get(pk=pk)  # type: ignore[attr-defined,no-any-return]


# --- Statute versions and the engine ------------------------------------------------------


def statute_rows(network: Network) -> list[StatuteVersion]:
    return list(
        StatuteVersion.objects.filter(network=network)
        .select_related("adopted_by__agenda_item")
        .order_by("effective_from")
    )


# A decision without an agenda item comes after every item of its meeting.
AFTER_THE_AGENDA = 10**6


def decision_order(decision: Decision) -> tuple[int, ...]:
    """A decision's place in its meeting's order of business: agenda item, then its position
    under the item, then the order it was recorded in."""
    item = decision.agenda_item
    return (item.position if item else AFTER_THE_AGENDA, decision.position, decision.pk or 0)


def moment_of(decision: Decision) -> rules.Moment:
    """When a decision is judged: at a meeting, its place in the order of business."""
    if decision.meeting_id is None:
        return rules.Moment(decision.date)
    return rules.Moment(decision.date, decision.meeting_id, decision_order(decision))


def opening_of(meeting: Meeting) -> rules.Moment:
    """A meeting's opening, before any of its decisions: the text then in force sets its
    notice and candidacy deadlines (a text it adopts does not reach back)."""
    return rules.Moment(meeting.date, meeting.pk, None)


def _adoption(row: StatuteVersion) -> rules.Adoption | None:
    decision = row.adopted_by
    if decision is None or decision.meeting_id is None:
        return None
    return rules.Adoption(decision.meeting_id, decision_order(decision))


def _engine_versions(rows: list[StatuteVersion]) -> list[rules.StatuteVersion]:
    return rules.versions_from_data(
        [
            {
                "version": r.name,
                "effective_from": r.effective_from,
                "rules": r.rules,
                "adopted_at": _adoption(r),
            }
            for r in rows
        ]
    )


def statute_on(
    network: Network, day: dt.date, *, at: rules.Moment | None = None
) -> StatuteVersion | None:
    """The text in force on a day (after anything adopted that day), or at a moment: a
    decision's place in its meeting (`moment_of`) or a meeting's opening (`opening_of`)."""
    rows = statute_rows(network)
    version = rules.version_in_force(_engine_versions(rows), at or day)
    return next((r for r in rows if version and r.name == version.name), None)


def rule_for(
    network: Network,
    day: dt.date,
    decision: str,
    body_slug: str,
    *,
    at: rules.Moment | None = None,
) -> rules.DecisionRule:
    try:
        return rules.rule_on(
            _engine_versions(statute_rows(network)), at or day, decision, body_slug
        )
    except ValueError as exc:
        raise DomainError(f"{network}: {exc}", status=422) from None


def statute_for(decision: Decision) -> StatuteVersion | None:
    """The text a decision is judged by: the one in force at its place in its meeting."""
    return statute_on(decision.network, decision.date, at=moment_of(decision))


def rule_for_decision(decision: Decision, rule: str | None = None) -> rules.DecisionRule:
    return rule_for(
        decision.network,
        decision.date,
        rule or decision.rule,
        decision.body.slug,
        at=moment_of(decision),
    )


def rule_as_data(rule: rules.DecisionRule) -> dict[str, Any]:
    def threshold(t: rules.Threshold | None) -> dict[str, str] | None:
        if t is None:
            return None
        return {"fraction": str(t.fraction), "comparison": t.comparison, "base": t.base}

    return {
        "statute_version": rule.statute_version,
        "decision": rule.decision,
        "article": rule.article,
        "attendance": threshold(rule.attendance),
        "concurrence": threshold(rule.concurrence),
        "tie": rule.tie_policy.value,
    }


@dataclass(frozen=True)
class Evaluation:
    ruling: rules.Ruling
    statute: StatuteVersion


def evaluate(
    network: Network, body_slug: str, decision: str, on: dt.date, count: rules.Count
) -> Evaluation:
    """Judge counted votes by the rule of the statute in force on `on` (nothing is saved)."""
    get_body(network, body_slug)
    problems = rules.count_problems(count)
    if problems:
        raise DomainError(" ".join(problems), status=422)
    rule = rule_for(network, on, decision, body_slug)
    statute = statute_on(network, on)
    assert statute is not None  # rule_for found a version
    return Evaluation(rules.decide(rule, count), statute)


# --- Bodies and who sits and votes in them -------------------------------------------------


def get_body(network: Network, slug: str) -> Body:
    try:
        return network.bodies.get(slug=slug)
    except Body.DoesNotExist:
        known = ", ".join(network.bodies.values_list("slug", flat=True))
        raise NotFound(f"{network} has no body '{slug}'; it has: {known}.") from None


def body_members(body: Body, on: dt.date) -> dict[int, rules.Voter]:
    """The member organisations of a body on a day, each as a Voter (category and status on
    that day; `present` False): the General Assembly is all members of the network (Art.
    10.1), the Executive Committee the cities holding an office in it (Art. 12.1)."""
    periods = {
        p.membership.organisation_id: p for p in registry.voting_periods_on(body.network, on)
    }
    if body.kind == Body.Kind.ASSEMBLY:
        # A withdrawn organisation is no longer a member; a suspended one still is (Art. 7.3).
        ids = [pk for pk, p in periods.items() if p.status != MembershipStatus.WITHDRAWN]
    elif body.kind == Body.Kind.COMMITTEE:
        ids = sorted({m.organisation_id for m in registry.mandates_on(body, on)})
    else:
        ids = []
    found = {}
    for organisation_id in ids:
        period = periods.get(organisation_id)
        if period is None:
            found[organisation_id] = rules.Voter("none", "not a member", False)
        else:
            found[organisation_id] = rules.Voter(period.category.slug, period.status, False)
    return found


def voting_categories(network: Network) -> frozenset[str]:
    return frozenset(network.categories.filter(may_vote=True).values_list("slug", flat=True))


@dataclass(frozen=True)
class Roll:
    """Who may vote at a meeting and who of them is present, as the engine counts them."""

    members_total: int
    present: int
    voters: dict[int, rules.Voter]  # organisation id -> voter, with presence

    def refusal(self, organisation: Organisation, categories: frozenset[str]) -> str | None:
        reason = rules.vote_refusal(self.voters.get(organisation.pk), categories)
        return f"{organisation} {reason}." if reason else None


def roll(meeting: Meeting) -> Roll:
    members = body_members(meeting.body, meeting.date)
    present_ids = set(
        meeting.participants.filter(
            organisation__isnull=False, attendance__in=Participant.PRESENT
        ).values_list("organisation_id", flat=True)
    )
    voters = {pk: rules.Voter(v.category, v.status, pk in present_ids) for pk, v in members.items()}
    total, present = rules.voters(list(voters.values()), voting_categories(meeting.network))
    return Roll(total, present, voters)


# --- Meetings ------------------------------------------------------------------------------


def create_meeting(
    actor: Any,
    network: Network,
    body_slug: str,
    *,
    title: str,
    date: dt.date,
    kind: str = Meeting.Kind.REGULAR,
    venue: str = "",
    key: str = "",
    invite_members: bool = True,
    source: str = "",
) -> Meeting:
    """Plan a meeting of a body; its members on that day are invited as delegates."""
    require_secretariat(actor)
    body = get_body(network, body_slug)
    if body.kind == Body.Kind.SECRETARIAT:
        raise DomainError("The Secretariat does not hold statutory meetings; pick the GA or EXCOM.")
    if not title.strip():
        raise DomainError("Give the meeting a title.")
    if kind not in Meeting.Kind.values:
        raise DomainError(f"Unknown kind of meeting '{kind}'.")
    key = key or f"{body.slug}-{date.isoformat()}"
    with transaction.atomic():
        if Meeting.objects.filter(network=network, key=key).exists():
            raise DomainError(f"There is already a meeting '{key}' in {network}.")
        meeting = _create(
            Meeting,
            network=network,
            body=body,
            key=key,
            title=title.strip(),
            kind=kind,
            date=date,
            venue=venue,
            source=source,
        )
        invited = 0
        if invite_members:
            organisations = body_members(body, date)
            Participant.objects.bulk_create(
                [
                    Participant(meeting=meeting, organisation_id=pk, role=Participant.Role.DELEGATE)
                    for pk in organisations
                ]
            )
            invited = len(organisations)
        audit.record(
            actor,
            "create_meeting",
            meeting,
            after={"body": body.slug, "date": date, "title": title, "invited": invited},
        )
    return meeting


def get_meeting(network: Network, key: str) -> Meeting:
    try:
        return Meeting.objects.select_related("network", "body").get(network=network, key=key)
    except Meeting.DoesNotExist:
        raise NotFound(f"No meeting '{key}' in {network}.") from None


def set_meeting_status(actor: Any, meeting: Meeting, status: str) -> Meeting:
    require_secretariat(actor)
    if status not in Meeting.Status.values:
        raise DomainError(f"Unknown meeting status '{status}'.")
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status == Meeting.Status.CLOSED and status != Meeting.Status.CLOSED:
            raise DomainError("A closed meeting is not reopened; its record is final.")
        if meeting.status == status:
            raise DomainError(f"{meeting} is already {meeting.get_status_display().lower()}.")
        if status == Meeting.Status.CLOSED and meeting.decisions.filter(status="open").exists():
            raise DomainError("Decide or withdraw the open motions and elections before closing.")
        before = {"status": meeting.status}
        meeting.status = status
        meeting.save(update_fields=["status"])
        audit.record(actor, "set_meeting_status", meeting, before=before, after={"status": status})
    return meeting


def _require_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise DomainError(f"{meeting} is closed; its record can no longer change.")


def add_agenda_item(
    actor: Any, meeting: Meeting, *, number: str, title: str, description: str = ""
) -> AgendaItem:
    require_secretariat(actor)
    if not title.strip():
        raise DomainError("An agenda item needs a title.")
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        position = (meeting.agenda.aggregate(last=models.Max("position"))["last"] or 0) + 1
        item = _create(
            AgendaItem,
            meeting=meeting,
            number=number.strip() or str(position),
            title=title.strip(),
            description=description,
            position=position,
        )
        audit.record(actor, "add_agenda_item", item, after={"number": item.number, "title": title})
    return item


def add_document(
    actor: Any, item: AgendaItem, *, title: str, reference: str = "", url: str = ""
) -> AgendaDocument:
    require_secretariat(actor)
    if not title.strip():
        raise DomainError("A document needs a title.")
    if not (reference.strip() or url.strip()):
        raise DomainError("Say where the document is: a reference or a link.")
    with transaction.atomic():
        document = _create(
            AgendaDocument,
            item=item,
            title=title.strip(),
            reference=reference.strip(),
            url=url.strip(),
        )
        audit.record(actor, "add_document", document, after={"title": title, "url": url})
    return document


def add_participant(
    actor: Any,
    meeting: Meeting,
    *,
    organisation: Organisation | None = None,
    name: str = "",
    role: str = Participant.Role.DELEGATE,
    attendance: str = Participant.Attendance.UNKNOWN,
    source: str = "",
) -> Participant:
    require_secretariat(actor)
    if organisation is None and not name.strip():
        raise DomainError("A participant is a member organisation or a named person.")
    if role not in Participant.Role.values:
        raise DomainError(f"Unknown role '{role}'.")
    if attendance not in Participant.Attendance.values:
        raise DomainError(f"Unknown attendance '{attendance}'.")
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        if organisation and meeting.participants.filter(organisation=organisation).exists():
            raise DomainError(f"{organisation} is already on the list of participants.")
        participant = _create(
            Participant,
            meeting=meeting,
            organisation=organisation,
            name=name.strip(),
            role=role,
            attendance=attendance,
            source=source,
        )
        audit.record(
            actor, "add_participant", participant, after={"role": role, "attendance": attendance}
        )
    return participant


def check_in(actor: Any, participant: Participant, attendance: str) -> Participant:
    """Mark a participant present in person or remotely (Art. 20: remote counts as present),
    or absent."""
    require_secretariat(actor)
    if attendance not in Participant.Attendance.values:
        choices = ", ".join(Participant.Attendance.values)
        raise DomainError(f"Attendance is one of {choices}, not '{attendance}'.")
    with transaction.atomic():
        # The meeting's lock orders a check-in with the closing of a vote, which counts who
        # is present.
        _require_open(_lock_meeting(participant.meeting))
        participant.refresh_from_db(fields=["attendance", "checked_in_at"])
        before = {"attendance": participant.attendance}
        participant.attendance = attendance
        participant.checked_in_at = (
            timezone.now() if attendance in Participant.PRESENT else participant.checked_in_at
        )
        participant.save(update_fields=["attendance", "checked_in_at"])
        audit.record(
            actor, "check_in", participant, before=before, after={"attendance": attendance}
        )
    return participant


def get_participant(meeting: Meeting, participant_id: int) -> Participant:
    try:
        return meeting.participants.select_related("organisation", "meeting").get(pk=participant_id)
    except Participant.DoesNotExist:
        raise NotFound(f"No participant {participant_id} at {meeting}.") from None


# --- Decisions: motions ------------------------------------------------------------------


# What each effect of a decision must name, checked when the motion is put, so an adopted
# motion never fails for want of a detail.
EFFECT_FIELDS: dict[str, tuple[str, ...]] = {
    "approve-membership": ("organisation", "category"),
    "suspend-membership": ("organisation",),
    "lift-suspension": ("organisation",),
    "withdraw-membership": ("organisation",),
    "appoint-office": ("organisation", "office"),
    "select-ga-host": ("organisation",),
    "approve-regional-office": ("organisation", "region"),
    "dissolve-regional-office": ("office",),
}


def _check_effects(network: Network, effects: list[dict[str, Any]]) -> None:
    for effect in effects:
        action = effect.get("action")
        if action not in EFFECT_FIELDS:
            known = ", ".join(sorted(EFFECT_FIELDS))
            raise DomainError(f"Unknown effect '{action}'; known: {known}.")
        missing = [f for f in EFFECT_FIELDS[action] if effect.get(f) in (None, "")]
        if missing:
            raise DomainError(f"The effect '{action}' needs: {', '.join(missing)}.")
        if "organisation" in effect:
            if not isinstance(effect["organisation"], int):
                raise DomainError("An effect names its organisation by id.")
            registry.get_organisation(effect["organisation"])
        if (
            action == "approve-membership"
            and not network.categories.filter(slug=effect["category"]).exists()
        ):
            raise DomainError(f"Unknown category '{effect['category']}' in {network}.")
        if action == "appoint-office" and effect["office"] not in ELECTED_OFFICES:
            raise DomainError(f"Unknown office '{effect['office']}'.")
        if (
            action == "approve-regional-office"
            and not network.regions.filter(slug=effect["region"]).exists()
        ):
            raise DomainError(f"Unknown region '{effect['region']}' in {network}.")
        if (
            action == "dissolve-regional-office"
            and not network.regional_offices.filter(pk=effect["office"]).exists()
        ):
            raise DomainError(f"No regional office {effect['office']} in {network}.")


def propose_motion(
    actor: Any,
    item: AgendaItem,
    *,
    title: str,
    text: str = "",
    rule: str = "ordinary-motion",
    effects: list[dict[str, Any]] | None = None,
    vote_mode: str = Decision.VoteMode.ROLL_CALL,
) -> Decision:
    """Put a motion to the body under an agenda item. The rule is checked now, so a motion
    the statute has no rule for is refused before anyone votes."""
    require_secretariat(actor)
    meeting = item.meeting
    if not title.strip():
        raise DomainError("A motion needs a title.")
    if vote_mode not in Decision.VoteMode.values:
        raise DomainError(f"Unknown vote mode '{vote_mode}'.")
    rule_for(meeting.network, meeting.date, rule, meeting.body.slug)
    effects = effects or []
    _check_effects(meeting.network, effects)
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        decision = _create(
            Decision,
            network=meeting.network,
            body=meeting.body,
            meeting=meeting,
            agenda_item=item,
            kind=Decision.Kind.MOTION,
            rule=rule,
            title=title.strip(),
            text=text,
            date=meeting.date,
            vote_mode=vote_mode,
            effects=effects,
            position=_next_position(item),
        )
        audit.record(actor, "propose_motion", decision, after={"title": title, "rule": rule})
    return decision


def _next_position(item: AgendaItem) -> int:
    """The next place under an agenda item; the caller holds its meeting's lock, so two
    decisions put together do not get the same place."""
    return (item.decisions.aggregate(last=models.Max("position"))["last"] or 0) + 1


def get_decision(network: Network, decision_id: int) -> Decision:
    try:
        return Decision.objects.select_related("body", "meeting", "network").get(
            network=network, pk=decision_id
        )
    except Decision.DoesNotExist:
        raise NotFound(f"No decision {decision_id} in {network}.") from None


def _require_undecided(decision: Decision, kind: str) -> None:
    if decision.kind != kind:
        raise DomainError(
            f"'{decision}' is not a {Decision.Kind(kind).label.lower()}: it is of the kind "
            f"'{decision.get_kind_display().lower()}'."
        )
    if decision.status != Decision.Status.OPEN:
        raise DomainError(f"'{decision}' is already {decision.status}; its record is final.")


def record_vote(actor: Any, decision: Decision, organisation: Organisation, choice: str) -> Vote:
    """One member's vote on a motion; voting again replaces the earlier choice until the
    motion is decided. Only full, unsuspended members present vote (Art. 6, 7.3, 20)."""
    require_secretariat(actor)
    if choice not in Vote.Choice.values:
        raise DomainError(f"A vote is yes, no or abstain, not '{choice}'.")
    with transaction.atomic():
        # Locked, so no vote lands after a close has counted and committed.
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.MOTION)
        _refuse_after_tie(decision)
        if decision.vote_mode != Decision.VoteMode.ROLL_CALL:
            raise DomainError("This motion is voted by counts; record the counts instead.")
        assert decision.meeting is not None
        refusal = roll(decision.meeting).refusal(organisation, voting_categories(decision.network))
        if refusal:
            raise DomainError(refusal)
        vote, created = Vote.objects.select_for_update().get_or_create(
            decision=decision,
            organisation=organisation,
            defaults={"choice": choice, "recorded_by": _user(actor)},
        )
        before = {} if created else {"choice": vote.choice}
        if not created:
            vote.choice = choice
            vote.recorded_by = _user(actor)
            vote.save(update_fields=["choice", "recorded_by", "recorded_at"])
        audit.record(actor, "record_vote", vote, before=before, after={"choice": choice})
    return vote


def _refuse_after_tie(decision: Decision) -> None:
    if decision.outcome == Decision.Outcome.TIE:
        raise DomainError(
            "The vote is tied and counted; only the Secretary General's casting vote remains "
            "(Art. 12.7). Close the vote with it."
        )


def record_counts(actor: Any, decision: Decision, *, yes: int, no: int, abstain: int) -> Decision:
    """Record a show of hands as counts (the motion's vote mode becomes counts)."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.MOTION)
        _refuse_after_tie(decision)
        assert decision.meeting is not None
        present = roll(decision.meeting)
        problems = rules.count_problems(
            rules.Count(present.members_total, present.present, yes, no, abstain)
        )
        if problems:
            raise DomainError(" ".join(problems))
        decision.votes.all().delete()
        decision.vote_mode = Decision.VoteMode.COUNTS
        decision.yes, decision.no, decision.abstain = yes, no, abstain
        decision.save(update_fields=["vote_mode", "yes", "no", "abstain"])
        audit.record(
            actor, "record_counts", decision, after={"yes": yes, "no": no, "abstain": abstain}
        )
    return decision


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _store_ruling(decision: Decision, count: rules.Count, ruling: rules.Ruling, actor: Any) -> None:
    decision.members_total = count.members_total
    decision.present = count.present
    decision.yes, decision.no, decision.abstain = count.yes, count.no, count.abstain
    decision.casting_vote = count.casting_vote or ""
    decision.statute_version = statute_for(decision)
    decision.rule_applied = rule_as_data(ruling.rule)
    decision.explanation = ruling.explanation
    decision.outcome = ruling.outcome.value
    decision.decided_at = timezone.now()
    decision.decided_by = _user(actor)
    # A tie under the casting-vote rule stays open until the Secretary General votes.
    decision.status = (
        Decision.Status.OPEN if ruling.outcome == rules.Outcome.TIE else Decision.Status.DECIDED
    )


def close_motion(actor: Any, decision: Decision, *, casting_vote: str | None = None) -> Decision:
    """Count the votes and decide the motion by the rule of the statute in force on the
    meeting's date; an adopted motion's effects are applied in the same transaction. The
    decision's row is locked before anything is read: its status, the votes and the counts
    are those of the locked row, so a second close is refused and a late vote waits, then is
    refused."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.MOTION)
        meeting = decision.meeting
        assert meeting is not None
        present = roll(meeting)
        if decision.vote_mode == Decision.VoteMode.ROLL_CALL:
            choices = list(decision.votes.values_list("choice", flat=True))
            yes, no, abstain = (choices.count(c) for c in ("yes", "no", "abstain"))
        else:
            if decision.yes is None:
                raise DomainError("Record the counts before closing the vote.")
            yes, no, abstain = decision.yes, decision.no or 0, decision.abstain or 0
        count = rules.Count(present.members_total, present.present, yes, no, abstain, casting_vote)
        problems = rules.count_problems(count)
        if problems:
            raise DomainError(
                " ".join(problems) + " Check attendance: a voter who left must be checked out."
            )
        rule = rule_for_decision(decision)
        ruling = rules.decide(rule, count)
        _store_ruling(decision, count, ruling, actor)
        decision.save()
        if decision.outcome == Decision.Outcome.ADOPTED:
            _apply_effects(actor, decision)
        audit.record(
            actor,
            "close_motion",
            decision,
            after={"outcome": decision.outcome, "explanation": decision.explanation},
        )
    return decision


def withdraw_decision(actor: Any, decision: Decision, reason: str) -> Decision:
    require_secretariat(actor)
    if not reason.strip():
        raise DomainError("Say why it is withdrawn.")
    with transaction.atomic():
        _lock_decision(decision)
        if decision.status != Decision.Status.OPEN:
            raise DomainError(f"'{decision}' is {decision.status}; only an open one is withdrawn.")
        decision.status = Decision.Status.WITHDRAWN
        decision.save(update_fields=["status"])
        audit.record(
            actor, "withdraw_decision", decision, after={"status": "withdrawn"}, reason=reason
        )
    return decision


# --- Elections -----------------------------------------------------------------------------


def open_election(
    actor: Any, item: AgendaItem, *, title: str, office: str, region: Region | None = None
) -> Decision:
    """An election by plurality (Art. 11.3 President, 12.4 EXCOM members, 12.10 GA host,
    13.6(a) regional office)."""
    require_secretariat(actor)
    meeting = item.meeting
    offices = ELECTED_OFFICES | {"ga-host", "regional-office"}
    if office not in offices:
        raise DomainError(f"Unknown office '{office}'; one of {', '.join(sorted(offices))}.")
    if office == "regional-office" and region is None:
        raise DomainError("A regional office election is for one region: name it.")
    effects = [{"action": "regional-office", "region": region.slug}] if region else []
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        decision = _create(
            Decision,
            network=meeting.network,
            body=meeting.body,
            meeting=meeting,
            agenda_item=item,
            kind=Decision.Kind.ELECTION,
            rule="election",
            title=title.strip() or f"Election: {office.replace('_', ' ')}",
            date=meeting.date,
            office=office,
            effects=effects,
            position=_next_position(item),
        )
        audit.record(actor, "open_election", decision, after={"office": office})
    return decision


def candidacy_warnings(
    decision: Decision, organisation: Organisation, declared_on: dt.date | None
) -> list[str]:
    """What the statute in force says against this candidacy, with the article: the text in
    force when the meeting opens (a text it adopts later does not move the deadline back)."""
    meeting = decision.meeting
    at = opening_of(meeting) if meeting is not None else None
    statute = statute_on(decision.network, decision.date, at=at)
    condition = (statute.candidacy if statute else {}).get(decision.office)
    if not condition:
        return []
    period = registry.period_on(decision.network, organisation, decision.date)
    is_full = bool(period and period.category.may_vote and period.status == "active")
    check = rules.CandidacyCheck(
        office=decision.office,
        declared_on=declared_on,
        election_on=decision.date,
        is_full_member=is_full,
        fees_fully_paid=membership.fees_fully_paid(decision.network, organisation, decision.date),
    )
    return [str(p) for p in rules.candidacy_problems(check, condition)]


def add_candidate(
    actor: Any, decision: Decision, organisation: Organisation, declared_on: dt.date | None
) -> Candidate:
    """A candidacy. What the statute says against it (e.g. declared too late, fees unpaid,
    Art. 11.5) is kept with it and shown to staff; the body decides."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.ELECTION)
        warnings = candidacy_warnings(decision, organisation, declared_on)
        if decision.candidates.filter(organisation=organisation).exists():
            raise DomainError(f"{organisation} is already a candidate.")
        candidate = Candidate.objects.create(
            decision=decision, organisation=organisation, declared_on=declared_on, warnings=warnings
        )
        audit.record(
            actor,
            "add_candidate",
            candidate,
            after={
                "organisation": organisation.pk,
                "declared_on": declared_on,
                "warnings": warnings,
            },
        )
    return candidate


def close_election(actor: Any, decision: Decision, votes: dict[int, int]) -> Decision:
    """Count the candidates' votes: most votes wins; a tie is recorded as a tie naming the
    tied candidates, never resolved here. The winner takes the office. The decision's row is
    locked first, so a second close is refused and the office is filled once."""
    require_secretariat(actor)
    if any(n < 0 for n in votes.values()):
        raise DomainError("Votes cannot be negative.")
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.ELECTION)
        candidates = {
            c.organisation_id: c for c in decision.candidates.select_related("organisation")
        }
        if not candidates:
            raise DomainError("An election needs at least one candidate.")
        unknown = set(votes) - set(candidates)
        if unknown:
            raise DomainError(
                f"Votes for organisations that are not candidates: {sorted(unknown)}."
            )
        if decision.meeting is not None:
            present = roll(decision.meeting).present
            if sum(votes.values()) > present:
                raise DomainError(
                    f"{sum(votes.values())} votes counted but only {present} voters are present."
                )
        names = {pk: c.organisation.name for pk, c in candidates.items()}
        result = rules.elect({names[pk]: votes.get(pk, 0) for pk in candidates})
        for pk, candidate in candidates.items():
            candidate.votes = votes.get(pk, 0)
            candidate.elected = result.winner == names[pk]
            candidate.save(update_fields=["votes", "elected"])
        winner = next(
            (candidates[pk].organisation for pk in candidates if candidates[pk].elected), None
        )
        decision.winner = winner
        decision.outcome = Decision.Outcome.ELECTED if winner else Decision.Outcome.TIE
        decision.status = Decision.Status.DECIDED
        decision.statute_version = statute_for(decision)
        article = {
            "president": "Art. 11.3",
            "ga-host": "Art. 12.10",
            "regional-office": "Art. 13.6(a)",
        }.get(decision.office, "Art. 12.4")
        decision.rule_applied = {"decision": "election", "method": "plurality", "article": article}
        decision.explanation = result.explanation
        decision.decided_at = timezone.now()
        decision.decided_by = _user(actor)
        decision.save()
        if winner is not None:
            _apply_election(actor, decision, winner)
        audit.record(
            actor,
            "close_election",
            decision,
            after={"winner": winner.pk if winner else None, "explanation": result.explanation},
        )
    return decision


def _excom(network: Network) -> Body:
    body = network.bodies.filter(kind=Body.Kind.COMMITTEE).first()
    if body is None:
        raise DomainError(f"{network} has no Executive Committee to hold the office.")
    return body


def _apply_election(actor: Any, decision: Decision, winner: Organisation) -> None:
    if decision.office in ELECTED_OFFICES:
        registry.appoint_mandate(
            actor,
            _excom(decision.network),
            winner,
            decision.office,
            decision.date,
            source=decision.reference,
        )
    elif decision.office == "ga-host":
        # Art. 11.4: the next GA host city is automatically the Executive Vice President.
        registry.appoint_mandate(
            actor,
            _excom(decision.network),
            winner,
            "executive_vice_president",
            decision.date,
            source=decision.reference,
        )
    elif decision.office == "regional-office":
        region_slug = next(
            (e["region"] for e in decision.effects if e.get("action") == "regional-office"), None
        )
        region = decision.network.regions.get(slug=region_slug)
        years = _term_years(decision, "regional-office", default=5)
        registry.establish_regional_office(
            actor,
            decision.network,
            region,
            winner,
            decision.date,
            rules.add_months(decision.date, 12 * years),
            source=decision.reference,
        )
        _settle_regional_office_bids(actor, decision, winner)


def _term_years(decision: Decision, office: str, default: int) -> int:
    statute = decision.statute_version
    terms = statute.terms if statute else {}
    years = (terms.get(office) or {}).get("years", default)
    return int(years)


# --- Written consent -----------------------------------------------------------------------


def open_written_consent(
    actor: Any,
    network: Network,
    *,
    title: str,
    text: str,
    opens_on: dt.date,
    closes_on: dt.date,
    effects: list[dict[str, Any]] | None = None,
) -> Decision:
    """A resolution of the Executive Committee by written consent out of session (Art. 16.3),
    judged on the day its window closes."""
    require_secretariat(actor)
    if closes_on < opens_on:
        raise DomainError("The consent window closes after it opens.")
    if not title.strip() or not text.strip():
        raise DomainError("A resolution needs a title and its text.")
    body = _excom(network)
    rule_for(network, closes_on, "written-consent", body.slug)
    effects = effects or []
    _check_effects(network, effects)
    with transaction.atomic():
        decision = _create(
            Decision,
            network=network,
            body=body,
            kind=Decision.Kind.WRITTEN_CONSENT,
            rule="written-consent",
            title=title.strip(),
            text=text,
            opens_on=opens_on,
            date=closes_on,
            effects=effects,
        )
        audit.record(
            actor, "open_written_consent", decision, after={"opens": opens_on, "closes": closes_on}
        )
    return decision


def record_consent(
    actor: Any, decision: Decision, organisation: Organisation, answer: str, given_on: dt.date
) -> Consent:
    require_secretariat(actor)
    if answer not in Consent.Answer.values:
        raise DomainError("A written answer consents (yes) or objects (no).")
    with transaction.atomic():
        # Locked, so no answer lands after the close has counted and committed.
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.WRITTEN_CONSENT)
        return _record_consent(actor, decision, organisation, answer, given_on)


def _record_consent(
    actor: Any, decision: Decision, organisation: Organisation, answer: str, given_on: dt.date
) -> Consent:
    assert decision.opens_on is not None
    if not decision.opens_on <= given_on <= decision.date:
        raise DomainError(
            f"The answer of {given_on} is outside the window "
            f"{decision.opens_on} to {decision.date}."
        )
    members = body_members(decision.body, decision.date)
    refusal = rules.vote_refusal(
        _voter_present(members.get(organisation.pk)), voting_categories(decision.network)
    )
    if refusal:
        raise DomainError(f"{organisation} {refusal}.")
    consent, _ = Consent.objects.update_or_create(
        decision=decision,
        organisation=organisation,
        defaults={"answer": answer, "given_on": given_on, "recorded_by": _user(actor)},
    )
    audit.record(actor, "record_consent", consent, after={"answer": answer, "given_on": given_on})
    return consent


def _voter_present(voter: rules.Voter | None) -> rules.Voter | None:
    """Written consent has no attendance: every member of the body may answer."""
    return None if voter is None else rules.Voter(voter.category, voter.status, True)


def close_written_consent(actor: Any, decision: Decision) -> Decision:
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.WRITTEN_CONSENT)
        members = body_members(decision.body, decision.date)
        everyone = [_voter_present(v) for v in members.values()]
        total, _ = rules.voters([v for v in everyone if v], voting_categories(decision.network))
        answers = list(decision.consents.values_list("answer", flat=True))
        count = rules.Count(total, total, answers.count("yes"), answers.count("no"))
        rule = rule_for(decision.network, decision.date, "written-consent", decision.body.slug)
        ruling = rules.decide(rule, count)
        _store_ruling(decision, count, ruling, actor)
        decision.present = None  # nobody is "present" out of session
        decision.status = Decision.Status.DECIDED
        decision.save()
        if decision.outcome == Decision.Outcome.ADOPTED:
            _apply_effects(actor, decision)
        audit.record(actor, "close_written_consent", decision, after={"outcome": decision.outcome})
    return decision


# --- Announcements and effects -------------------------------------------------------------


def record_announcement(
    actor: Any,
    item: AgendaItem,
    *,
    title: str,
    text: str = "",
    effects: list[dict[str, Any]] | None = None,
) -> Decision:
    """Something the body is told and records, not votes on: e.g. the President announcing a
    member's withdrawal, which takes effect on that day (Art. 7.2)."""
    require_secretariat(actor)
    meeting = item.meeting
    effects = effects or []
    _check_effects(meeting.network, effects)
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        decision = _create(
            Decision,
            network=meeting.network,
            body=meeting.body,
            meeting=meeting,
            agenda_item=item,
            kind=Decision.Kind.ANNOUNCEMENT,
            title=title.strip(),
            text=text,
            date=meeting.date,
            status=Decision.Status.DECIDED,
            outcome=Decision.Outcome.RECORDED,
            statute_version=statute_on(meeting.network, meeting.date),
            explanation="Recorded by the body; no vote is taken on an announcement.",
            effects=effects,
            decided_at=timezone.now(),
            decided_by=_user(actor),
            position=_next_position(item),
        )
        _apply_effects(actor, decision)
        audit.record(actor, "record_announcement", decision, after={"title": title})
    return decision


def _organisation(pk: int) -> Organisation:
    return registry.get_organisation(pk)


def _apply_effects(actor: Any, decision: Decision) -> None:
    """What an adopted decision changes elsewhere, each change citing the decision. The
    decision is claimed by a conditional UPDATE on its row, so its effects run once even if
    two transactions reach here (the caller's transaction undoes the claim on failure)."""
    claimed = Decision.objects.filter(pk=decision.pk, effects_applied=False).update(
        effects_applied=True
    )
    if not claimed:
        decision.effects_applied = True
        return
    network, on, ref = decision.network, decision.date, decision.reference
    for effect in decision.effects:
        action = effect["action"]
        if action == "approve-membership":
            membership.approve_membership(
                actor, network, _organisation(effect["organisation"]), effect["category"], on, ref
            )
        elif action == "suspend-membership":
            membership.suspend_membership(
                actor,
                network,
                _organisation(effect["organisation"]),
                on,
                ref,
                effect.get("reason") or decision.title,
            )
        elif action == "lift-suspension":
            membership.lift_suspension(
                actor, network, _organisation(effect["organisation"]), on, ref
            )
        elif action == "withdraw-membership":
            membership.withdraw_membership(
                actor, network, _organisation(effect["organisation"]), on, ref
            )
        elif action == "appoint-office":
            registry.appoint_mandate(
                actor,
                _excom(network),
                _organisation(effect["organisation"]),
                effect["office"],
                on,
                source=ref,
            )
        elif action == "select-ga-host":
            registry.appoint_mandate(
                actor,
                _excom(network),
                _organisation(effect["organisation"]),
                "executive_vice_president",
                on,
                source=ref,
            )
        elif action == "approve-regional-office":
            years = _term_years(decision, "regional-office", default=5)
            registry.establish_regional_office(
                actor,
                network,
                network.regions.get(slug=effect["region"]),
                _organisation(effect["organisation"]),
                on,
                rules.add_months(on, 12 * years),
                source=ref,
            )
        elif action == "dissolve-regional-office":
            office = network.regional_offices.get(pk=effect["office"])
            registry.close_regional_office(actor, office, on, ref)
    decision.effects_applied = True


# --- Lists, composition, deadlines ----------------------------------------------------------


def decisions(network: Network) -> QuerySet[Decision]:
    return Decision.objects.filter(network=network).select_related(
        "body", "meeting", "agenda_item", "statute_version", "winner"
    )


def meetings(network: Network) -> QuerySet[Meeting]:
    return Meeting.objects.filter(network=network).select_related("body")


TERM_OF = {"executive_vice_president": "vice_president"}


@dataclass(frozen=True)
class TermEnd:
    """When a mandate ends: as recorded, or as the statute in force at its start sets the term
    (Art. 11.6, 12.6: three years), or unknown when neither says."""

    day: dt.date | None
    basis: str  # recorded | statute | unknown
    article: str = ""


def term_end(mandate: Mandate, rows: list[StatuteVersion] | None = None) -> TermEnd:
    if mandate.end is not None:
        return TermEnd(mandate.end, "recorded")
    rows = statute_rows(mandate.body.network) if rows is None else rows
    version = rules.version_in_force(_engine_versions(rows), mandate.start)
    statute = next((r for r in rows if version and r.name == version.name), None)
    terms = statute.terms if statute else {}
    # The Executive Vice President is a vice president city (Art. 11.4) and serves its term
    # (Art. 11.6: "the appointed vice president cities shall serve a term of three (3) years");
    # seed 002 has Makati as Executive Vice President "from 2017 to 2020".
    spec = terms.get(mandate.office) or terms.get(TERM_OF.get(mandate.office, "")) or {}
    years = spec.get("years") if isinstance(spec, dict) else None
    if not isinstance(years, int):
        return TermEnd(None, "unknown")
    return TermEnd(
        rules.add_months(mandate.start, 12 * years), "statute", str(spec.get("article", ""))
    )


@dataclass(frozen=True)
class Held:
    """A mandate with the end of its term, recorded or from the statute."""

    mandate: Mandate
    ends: TermEnd

    @property
    def organisation(self) -> Organisation:
        return self.mandate.organisation

    @property
    def office(self) -> str:
        return self.mandate.office

    @property
    def start(self) -> dt.date:
        return self.mandate.start

    @property
    def end(self) -> dt.date | None:
        return self.ends.day

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def held_offices(network: Network) -> list[Held]:
    """Every mandate of the network with the end of its term."""
    rows = statute_rows(network)
    return [
        Held(m, term_end(m, rows))
        for m in registry.mandates(network).select_related("body__network").order_by("start")
    ]


def offices_on(network: Network, on: dt.date, body: Body | None = None) -> list[Held]:
    """The offices held on a day: a term the statute ends (three years, Art. 11.6, 12.6) is
    over after it even when no later election is on record."""
    return [
        h
        for h in held_offices(network)
        if h.covers(on) and (body is None or h.mandate.body_id == body.pk)
    ]


def unknown_officers_note(network: Network, body: Body, on: dt.date) -> str:
    """What to say when no officer of a body is known on a day; empty when some are."""
    held = [h for h in held_offices(network) if h.mandate.body_id == body.pk]
    if any(h.covers(on) for h in held):
        return ""
    ended = [h for h in held if h.end is not None and h.end <= on]
    if not ended:
        return f"No officers of the {body.name} are on record for {on.isoformat()}."
    last = max(ended, key=lambda h: h.end or dt.date.min)
    how = f" ({last.ends.article})" if last.ends.basis == "statute" and last.ends.article else ""
    return (
        f"No officers of the {body.name} are known on {on.isoformat()}: the last terms on "
        f"record ended on {(last.end or on).isoformat()}{how}, and no later election or "
        "appointment is recorded."
    )


def composition_warnings(network: Network, on: dt.date) -> list[str]:
    """The Executive Committee on a day against the statute in force (Art. 11.2, 12.1).
    Nothing is claimed about a composition nobody is known to hold: see
    `unknown_officers_note`."""
    statute = statute_on(network, on)
    body = network.bodies.filter(kind=Body.Kind.COMMITTEE).first()
    if statute is None or body is None:
        return []
    limits = statute.composition.get(body.slug)
    if not limits:
        return []
    offices = [h.office for h in offices_on(network, on, body)]
    if not offices:
        return []
    return [str(p) for p in rules.composition_problems(offices, limits)]


HOST_ANCHORS = ("ga-host-selection", "first-excom-after-host-selection")


def deadlines_for(meeting: Meeting) -> list[rules.Deadline]:
    """The statute's dates that follow from a planned meeting's date, by the text in force
    when it opens (a text the meeting adopts governs what follows it, not its own notice).
    A GA host selected at the meeting owes its host agreement (Art. 10.5) under the text in
    force when it was selected: six months after (2017 text), or one month before the
    Executive Committee meeting of the following year (2014 text), once that is on record."""
    statute = statute_on(meeting.network, meeting.date, at=opening_of(meeting))
    if statute is None:
        return []
    specs = [d for d in statute.deadlines if d.get("anchor") not in HOST_ANCHORS]
    anchors = {meeting.body.slug: meeting.date}
    selection = _ga_host_selection(meeting)
    at_selection = statute_for(selection) if selection is not None else None
    if at_selection is not None:
        specs += [d for d in at_selection.deadlines if d.get("anchor") in HOST_ANCHORS]
        anchors["ga-host-selection"] = meeting.date
        following = (
            Meeting.objects.filter(
                network=meeting.network,
                body__kind=Body.Kind.COMMITTEE,
                date__year=meeting.date.year + 1,
            )
            .order_by("date")
            .first()
        )
        if following is not None:
            anchors["first-excom-after-host-selection"] = following.date
    try:
        return rules.deadlines(anchors, specs)
    except (ValueError, OverflowError) as exc:
        raise DomainError(f"The deadlines of {meeting} cannot be computed: {exc}") from None


def _ga_host_selection(meeting: Meeting) -> Decision | None:
    """The decision of a meeting that selected (or confirmed) the next GA host, if any: the
    last one, for a confirmation follows the selection."""
    found = [
        d
        for d in meeting.decisions.select_related("agenda_item", "network", "body")
        if (d.office == "ga-host" and d.winner_id is not None)
        or any(e.get("action") == "select-ga-host" for e in d.effects)
    ]
    return max(found, key=decision_order, default=None)


def queue_deadline_reminders(
    actor: Any, meeting: Meeting, today: dt.date
) -> list[DeadlineReminder]:
    """Queue one reminder per deadline still ahead, once; the task worker e-mails the members
    of the body (their officers' addresses)."""
    from intercity.governance.tasks import send_deadline_reminder

    require_secretariat(actor)
    ahead = [d for d in deadlines_for(meeting) if d.kind == "deadline" and d.due and d.due >= today]
    recipients = sorted(
        {
            email
            for pk in body_members(meeting.body, meeting.date)
            for email in membership.reminder_recipients(_organisation(pk))
        }
    )
    queued = []
    with transaction.atomic():
        _lock_meeting(meeting)
        for deadline in ahead:
            reminder, created = DeadlineReminder.objects.get_or_create(
                meeting=meeting,
                key=deadline.key,
                defaults={"due_on": deadline.due, "recipients": recipients},
            )
            if created:
                queued.append(reminder)
        audit.record(actor, "queue_deadline_reminders", meeting, after={"count": len(queued)})
        for reminder in queued:
            transaction.on_commit(functools.partial(send_deadline_reminder.enqueue, reminder.pk))
    return queued


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
        raise DomainError(f"{region.name} is not a region of {network}.")
    if organisation.kind != Organisation.Kind.CITY:
        raise DomainError(
            f"{organisation} is not a city; only member cities bid to host a regional office "
            "(Art. 13.5)."
        )
    period = registry.period_on(network, organisation, submitted_on)
    if period is None or period.status == MembershipStatus.WITHDRAWN:
        raise DomainError(
            f"{organisation} is not a member of {network} on {submitted_on}; only member "
            "cities bid to host a regional office (Art. 13.5)."
        )
    if period.status == MembershipStatus.SUSPENDED:
        raise DomainError(
            f"{organisation} is suspended on {submitted_on} and may not bid until the "
            "suspension is lifted (Art. 7.3)."
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
                f"{organisation} already has a bid for {region.name} awaiting the Executive "
                "Committee."
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
            "The Executive Committee approves regional offices (Art. 13.6(a)); put the bids to "
            "one of its meetings."
        )
    if region.network_id != meeting.network_id:
        raise DomainError(f"{region.name} is not a region of {meeting.network}.")
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
            raise DomainError(f"No bid for {region.name} awaits the Executive Committee.")
        decision = open_election(
            actor,
            item,
            title=f"Regional office for {region.name}",
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


def _settle_regional_office_bids(actor: Any, decision: Decision, winner: Organisation) -> None:
    """Called by `close_election` once a regional office election has a winner: the winner's
    bid is approved, the others are not (Art. 13.6(a)). A tie leaves the bids submitted."""
    bids = list(RegionalOfficeBid.objects.filter(decision=decision))
    for bid in bids:
        bid.status = (
            RegionalOfficeBid.Status.APPROVED
            if bid.organisation_id == winner.pk
            else RegionalOfficeBid.Status.NOT_APPROVED
        )
    RegionalOfficeBid.objects.bulk_update(bids, ["status"])
    if bids:
        audit.record(
            actor,
            "settle_regional_office_bids",
            decision,
            after={str(bid.pk): bid.status for bid in bids},
            reason=decision.reference,
        )


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
        raise DomainError(f"{office} opened on {office.term_start}; it has no report for {year}.")
    if office.term_end and year > office.term_end.year:
        raise DomainError(f"{office}'s term ended on {office.term_end}; no report for {year}.")
    if not summary.strip() and not url.strip():
        raise DomainError("Give the report's summary or a link to it.")
    deadline = annual_report_deadline(office, year)
    due = deadline.due if deadline else None
    warnings = []
    if deadline is not None and due is not None and submitted_on > due:
        warnings.append(
            f"Submitted on {submitted_on.isoformat()}, after the deadline of "
            f"{due.isoformat()} ({deadline.explanation}; {deadline.article})."
        )
    with transaction.atomic():
        _lock(RegionalOffice, office.pk)
        if RegionalOfficeReport.objects.filter(office=office, year=year).exists():
            raise DomainError(f"{office} already has its report for {year} on record.")
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
        raise DomainError(f"The recommendation is one of {choices}, not '{recommendation}'.")
    known = list(
        AssessmentCriterion.objects.filter(network_id=office.network_id)
        .order_by("position")
        .values_list("key", flat=True)
    )
    if not known:
        raise DomainError(f"{office.network} has no assessment criteria on record.")
    unknown = sorted(set(findings) - set(known))
    if unknown:
        raise DomainError(
            f"Unknown criteria: {', '.join(unknown)}; the criteria are {', '.join(known)}."
        )
    if not findings:
        raise DomainError("Give the finding for at least one criterion.")
    blank = [key for key, text in findings.items() if not str(text).strip()]
    if blank:
        raise DomainError(f"Say what was found for: {', '.join(blank)}.")
    with transaction.atomic():
        _lock(RegionalOffice, office.pk)
        if RegionalOfficeAssessment.objects.filter(office=office, year=year).exists():
            raise DomainError(f"{office} already has its assessment for {year} on record.")
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


# --- Statute versions as data -------------------------------------------------------------


def add_statute_version(
    actor: Any,
    network: Network,
    *,
    name: str,
    effective_from: dt.date,
    rules_data: dict[str, Any],
    deadlines: list[dict[str, Any]] | None = None,
    composition: dict[str, Any] | None = None,
    candidacy: dict[str, Any] | None = None,
    terms: dict[str, Any] | None = None,
    source: str = "",
) -> StatuteVersion:
    """An amended statute in force from `effective_from`. Versions are added, never edited:
    a decision keeps citing the text it was taken under. The rules are checked by the engine
    before anything is saved."""
    require_secretariat(actor)
    check_statute_text(name, effective_from, rules_data, deadlines)
    with transaction.atomic():
        # The network's row orders amendments, so the checks below hold when two are added.
        _lock(Network, network.pk)
        check_statute_version_free(network, name, effective_from)
        version = StatuteVersion.objects.create(
            network=network,
            name=name.strip(),
            effective_from=effective_from,
            rules=rules_data,
            deadlines=list(deadlines or []),
            composition=composition or {},
            candidacy=candidacy or {},
            terms=terms or {},
            source=source,
        )
        audit.record(
            actor,
            "add_statute_version",
            version,
            after={"name": version.name, "effective_from": effective_from},
        )
    return version


def check_statute_text(
    name: str,
    effective_from: dt.date,
    rules_data: dict[str, Any],
    deadlines: list[dict[str, Any]] | None,
) -> None:
    """Refuse a statute version the engine cannot read (DomainError), before anything is
    saved; the admin's form calls it too, so a bad text is a form error."""
    if not name.strip():
        raise DomainError("Name the statute version, e.g. 'Statute as amended 2020-10-07'.")
    try:
        rules.versions_from_data(
            [{"version": name, "effective_from": effective_from, "rules": rules_data}]
        )
        rules.deadlines(
            {
                "general-assembly": effective_from,
                "executive-committee": effective_from,
                "ga-host-selection": effective_from,
                "first-excom-after-host-selection": effective_from,
            },
            list(deadlines or []),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DomainError(f"The rules cannot be read: {exc}") from None


def check_statute_version_free(network: Network, name: str, effective_from: dt.date) -> None:
    if StatuteVersion.objects.filter(network=network, effective_from=effective_from).exists():
        raise DomainError(f"{network} already has a statute version from {effective_from}.")
    if StatuteVersion.objects.filter(network=network, name=name.strip()).exists():
        raise DomainError(f"{network} already has a statute version named '{name}'.")
