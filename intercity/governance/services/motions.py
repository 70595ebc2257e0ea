"""Motions, votes and counts, closing and withdrawing a motion, and announcements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.governance import effects as decision_effects
from intercity.governance import explanations, rules
from intercity.governance.models import (
    AgendaItem,
    Decision,
    Vote,
)
from intercity.governance.services._common import (
    _create,
    _lock_decision,
    _lock_meeting,
    official_language,
    require_secretariat,
)
from intercity.governance.services.meetings import _require_open, get_body, roll, voting_categories
from intercity.governance.services.statute import (
    rule_as_data,
    rule_for,
    rule_for_decision,
    statute_for,
    statute_on,
)
from intercity.network.models import (
    Network,
    Organisation,
)

# --- Decisions: motions ------------------------------------------------------------------


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
        raise DomainError(_("A motion needs a title."))
    if vote_mode not in Decision.VoteMode.values:
        raise DomainError(_("Unknown vote mode '%(vote_mode)s'.") % {"vote_mode": vote_mode})
    rule_for(meeting.network, meeting.date, rule, meeting.body.slug)
    effects = effects or []
    decision_effects.check(meeting.network, effects, meeting.date)
    with transaction.atomic():
        decision = _table_decision(
            item,
            Decision.Kind.MOTION,
            rule=rule,
            title=title.strip(),
            text=text,
            vote_mode=vote_mode,
            effects=effects,
        )
        audit.record(actor, "propose_motion", decision, after={"title": title, "rule": rule})
    return decision


def _table_decision(item: AgendaItem, kind: str, **fields: Any) -> Decision:
    """A new decision under an agenda item, at its next place, in an open meeting. Call it
    inside the action's transaction: it takes the meeting's lock before checking it is open
    and numbering the place, so two decisions put together never share one."""
    meeting = item.meeting
    _require_open(_lock_meeting(meeting))
    return _create(
        Decision,
        network=meeting.network,
        body=meeting.body,
        meeting=meeting,
        agenda_item=item,
        kind=kind,
        date=meeting.date,
        position=_next_position(item),
        **fields,
    )


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
        raise NotFound(
            _("No decision %(decision_id)s in %(network)s.")
            % {"decision_id": decision_id, "network": network}
        ) from None


def _require_undecided(decision: Decision, kind: str) -> None:
    # An amendment is voted by the motion machinery (governance.services.floor).
    is_amendment_vote = kind == Decision.Kind.MOTION and decision.kind == Decision.Kind.AMENDMENT
    if decision.kind != kind and not is_amendment_vote:
        raise DomainError(
            _("'%(decision)s' is not a %(value)s: it is of the kind '%(value2)s'.")
            % {
                "decision": decision,
                "value": Decision.Kind(kind).label.lower(),
                "value2": decision.get_kind_display().lower(),
            }
        )
    if decision.status != Decision.Status.OPEN:
        raise DomainError(
            _("'%(decision)s' is already %(status)s; its record is final.")
            % {"decision": decision, "status": decision.status}
        )


def record_vote(actor: Any, decision: Decision, organisation: Organisation, choice: str) -> Vote:
    """One member's vote on a motion; voting again replaces the earlier choice until the
    motion is decided. Only full, unsuspended members present vote (Art. 6, 7.3, 20)."""
    require_secretariat(actor)
    if choice not in Vote.Choice.values:
        raise DomainError(_("A vote is yes, no or abstain, not '%(choice)s'.") % {"choice": choice})
    with transaction.atomic():
        # Locked, so no vote lands after a close has counted and committed.
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.MOTION)
        _refuse_after_tie(decision)
        if decision.vote_mode == Decision.VoteMode.SECRET:
            raise DomainError(
                _("This motion is a secret ballot; record a ballot on the live clerk's page.")
            )
        if decision.vote_mode != Decision.VoteMode.ROLL_CALL:
            raise DomainError(_("This motion is voted by counts; record the counts instead."))
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
            _(
                "The vote is tied and counted; only the Secretary General's casting vote remains "
                "(Art. 12.7). Close the vote with it."
            )
        )


def record_counts(actor: Any, decision: Decision, *, yes: int, no: int, abstain: int) -> Decision:
    """Record a show of hands as counts (the motion's vote mode becomes counts)."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.MOTION)
        _refuse_after_tie(decision)
        assert decision.meeting is not None
        if decision.vote_mode == Decision.VoteMode.SECRET and decision.receipts.exists():
            raise DomainError(
                _("Members have voted in this secret ballot; its count is revealed at the close.")
            )
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
        from intercity.governance.services import floor

        floor.refuse_while_amendments_pending(decision)
        meeting = decision.meeting
        assert meeting is not None
        present = roll(meeting)
        if decision.vote_mode == Decision.VoteMode.ROLL_CALL:
            choices = list(decision.votes.values_list("choice", flat=True))
            yes, no, abstain = (choices.count(c) for c in ("yes", "no", "abstain"))
        elif decision.vote_mode == Decision.VoteMode.SECRET:
            from intercity.governance.services.live import secret_counts

            yes, no, abstain = secret_counts(decision)
        else:
            if decision.yes is None:
                raise DomainError(_("Record the counts before closing the vote."))
            yes, no, abstain = decision.yes, decision.no or 0, decision.abstain or 0
        count = rules.Count(present.members_total, present.present, yes, no, abstain, casting_vote)
        problems = rules.count_problems(count)
        if problems:
            raise DomainError(
                _("%(problems)s Check attendance: a voter who left must be checked out.")
                % {"problems": " ".join(problems)}
            )
        rule = rule_for_decision(decision)
        with official_language():
            ruling = rules.decide(rule, count)
        _store_ruling(decision, count, ruling, actor)
        decision.save()
        if decision.outcome == Decision.Outcome.ADOPTED:
            decision_effects.apply(actor, decision)
            floor.amend_the_motion(actor, decision)
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
        raise DomainError(_("Say why it is withdrawn."))
    with transaction.atomic():
        _lock_decision(decision)
        if decision.status != Decision.Status.OPEN:
            raise DomainError(
                _("'%(decision)s' is %(status)s; only an open one is withdrawn.")
                % {"decision": decision, "status": decision.status}
            )
        decision.status = Decision.Status.WITHDRAWN
        decision.save(update_fields=["status"])
        audit.record(
            actor, "withdraw_decision", decision, after={"status": "withdrawn"}, reason=reason
        )
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
    decision_effects.check(meeting.network, effects, meeting.date)
    with transaction.atomic():
        decision = _table_decision(
            item,
            Decision.Kind.ANNOUNCEMENT,
            title=title.strip(),
            text=text,
            status=Decision.Status.DECIDED,
            outcome=Decision.Outcome.RECORDED,
            statute_version=statute_on(meeting.network, meeting.date),
            # The record's words; pages show them in the reader's language.
            explanation=explanations.ANNOUNCEMENT,
            effects=effects,
            decided_at=timezone.now(),
            decided_by=_user(actor),
        )
        decision_effects.apply(actor, decision)
        audit.record(actor, "record_announcement", decision, after={"title": title})
    return decision


def decisions(network: Network) -> QuerySet[Decision]:
    return Decision.objects.filter(network=network).select_related(
        "body", "meeting", "agenda_item", "statute_version", "winner"
    )


@dataclass(frozen=True)
class DecisionFilter:
    """What the decisions page or an API caller asks for; empty values ask for everything."""

    body: str = ""
    kind: str = ""
    outcome: str = ""
    year: int | None = None
    from_: dt.date | None = None
    to: dt.date | None = None


def find_decisions(network: Network, wanted: DecisionFilter) -> QuerySet[Decision]:
    """A network's decisions, filtered. An unknown body is NotFound; an unknown kind or
    outcome is refused (422) with the values that are known, rather than an empty list."""
    found = decisions(network)
    if wanted.body:
        found = found.filter(body=get_body(network, wanted.body))
    for name, value, choices in (
        ("kind", wanted.kind, Decision.Kind.values),
        ("outcome", wanted.outcome, Decision.Outcome.values),
    ):
        if value and value not in choices:
            raise DomainError(
                _("%(name)s is one of %(value)s, not '%(value2)s'.")
                % {"name": name, "value": ", ".join(choices), "value2": value},
                status=422,
            )
        if value:
            found = found.filter(**{name: value})
    if wanted.year is not None:
        found = found.filter(date__year=wanted.year)
    if wanted.from_ is not None:
        found = found.filter(date__gte=wanted.from_)
    if wanted.to is not None:
        found = found.filter(date__lte=wanted.to)
    return found
