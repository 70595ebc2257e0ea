"""Elections: opening, candidates, closing and the office the winner takes (Art. 11-12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError
from intercity.governance import effects as decision_effects
from intercity.governance import rules
from intercity.governance.models import (
    AgendaItem,
    Candidate,
    Decision,
    RegionalOfficeBid,
)
from intercity.governance.services._common import (
    ELECTED_OFFICES,
    _lock_decision,
    official_language,
    require_secretariat,
)
from intercity.governance.services.meetings import roll
from intercity.governance.services.motions import _require_undecided, _table_decision, _user
from intercity.governance.services.statute import opening_of, statute_for, statute_on
from intercity.network import services as registry
from intercity.network.models import (
    Organisation,
    Region,
)

# --- Elections -----------------------------------------------------------------------------


def open_election(
    actor: Any,
    item: AgendaItem,
    *,
    title: str,
    office: str,
    region: Region | None = None,
    seats: int = 1,
) -> Decision:
    """An election by plurality (Art. 11.3 President, 12.4 EXCOM members, 12.10 GA host,
    13.6(a) regional office); Executive Committee members and Vice Presidents may be elected
    to several seats at once (`governance.services.floor`)."""
    require_secretariat(actor)
    if seats < 1 or (seats > 1 and office not in {"member", "vice_president"}):
        raise DomainError(
            _(
                "Only members of the Executive Committee and Vice Presidents are elected to "
                "several seats at once (Art. 12.4); this election fills one."
            )
        )
    offices = ELECTED_OFFICES | {"ga-host", "regional-office"}
    if office not in offices:
        raise DomainError(
            _("Unknown office '%(office)s'; one of %(value)s.")
            % {"office": office, "value": ", ".join(sorted(offices))}
        )
    if office == "regional-office" and region is None:
        raise DomainError(_("A regional office election is for one region: name it."))
    effects = [{"action": "regional-office", "region": region.slug}] if region else []
    with transaction.atomic():
        decision = _table_decision(
            item,
            Decision.Kind.ELECTION,
            rule="election",
            title=title.strip()
            or _("Election: %(office)s") % {"office": decision_effects.office_words(office)},
            office=office,
            seats=seats,
            effects=effects,
        )
        audit.record(actor, "open_election", decision, after={"office": office, "seats": seats})
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
    fees_checked = decision_effects.membership_installed()
    fees_paid: bool | None = None
    if fees_checked:
        from intercity.membership import services as membership

        fees_paid = membership.fees_fully_paid(decision.network, organisation, decision.date)
    check = rules.CandidacyCheck(
        office=decision.office,
        declared_on=declared_on,
        election_on=decision.date,
        is_full_member=is_full,
        fees_fully_paid=fees_paid,
        fees_checked=fees_checked,
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
            raise DomainError(
                _("%(organisation)s is already a candidate.") % {"organisation": organisation}
            )
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
    locked first, so a second close is refused and the office is filled once. An election to
    several seats is counted by `floor.close_seats_election`."""
    require_secretariat(actor)
    if decision.seats > 1:
        from intercity.governance.services import floor

        return floor.close_seats_election(actor, decision, votes)
    if any(n < 0 for n in votes.values()):
        raise DomainError(_("Votes cannot be negative."))
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.ELECTION)
        candidates = {
            c.organisation_id: c for c in decision.candidates.select_related("organisation")
        }
        if not candidates:
            raise DomainError(_("An election needs at least one candidate."))
        unknown = set(votes) - set(candidates)
        if unknown:
            raise DomainError(
                _("Votes for organisations that are not candidates: %(value)s.")
                % {"value": sorted(unknown)}
            )
        if decision.meeting is not None:
            present = roll(decision.meeting).present
            if sum(votes.values()) > present:
                raise DomainError(
                    _("%(value)s votes counted but only %(present)s voters are present.")
                    % {"value": sum(votes.values()), "present": present}
                )
        with official_language():
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


def _apply_election(actor: Any, decision: Decision, winner: Organisation) -> None:
    if decision.office in ELECTED_OFFICES:
        registry.appoint_mandate(
            actor,
            decision_effects.executive_committee(decision.network),
            winner,
            decision.office,
            decision.date,
            source=decision.reference,
        )
    elif decision.office == "ga-host":
        # Art. 11.4: the next GA host city is automatically the Executive Vice President.
        registry.appoint_mandate(
            actor,
            decision_effects.executive_committee(decision.network),
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
        years = decision_effects.term_years(decision, "regional-office", default=5)
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
