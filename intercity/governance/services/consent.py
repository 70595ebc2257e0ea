"""Decisions by written consent of the Executive Committee."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError
from intercity.governance import effects as decision_effects
from intercity.governance import rules
from intercity.governance.models import (
    Consent,
    Decision,
)
from intercity.governance.services._common import (
    _create,
    _lock_decision,
    official_language,
    require_secretariat,
)
from intercity.governance.services.meetings import body_members, voting_categories
from intercity.governance.services.motions import _require_undecided, _store_ruling, _user
from intercity.governance.services.statute import rule_for
from intercity.network.models import (
    Network,
    Organisation,
)

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
        raise DomainError(_("The consent window closes after it opens."))
    if not title.strip() or not text.strip():
        raise DomainError(_("A resolution needs a title and its text."))
    body = decision_effects.executive_committee(network)
    rule_for(network, closes_on, "written-consent", body.slug)
    effects = effects or []
    decision_effects.check(network, effects)
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
        raise DomainError(_("A written answer consents (yes) or objects (no)."))
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
            _("The answer of %(given_on)s is outside the window %(opens_on)s to %(date)s.")
            % {"given_on": given_on, "opens_on": decision.opens_on, "date": decision.date}
        )
    members = body_members(decision.body, decision.date)
    refusal = rules.vote_refusal(
        _voter_present(members.get(organisation.pk)), voting_categories(decision.network)
    )
    if refusal:
        raise DomainError(
            _("%(organisation)s %(refusal)s.") % {"organisation": organisation, "refusal": refusal}
        )
    consent, _created = Consent.objects.update_or_create(
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
        total, _present = rules.voters(
            [v for v in everyone if v], voting_categories(decision.network)
        )
        answers = list(decision.consents.values_list("answer", flat=True))
        count = rules.Count(total, total, answers.count("yes"), answers.count("no"))
        rule = rule_for(decision.network, decision.date, "written-consent", decision.body.slug)
        with official_language():
            ruling = rules.decide(rule, count)
        _store_ruling(decision, count, ruling, actor)
        decision.present = None  # nobody is "present" out of session
        decision.status = Decision.Status.DECIDED
        decision.save()
        if decision.outcome == Decision.Outcome.ADOPTED:
            decision_effects.apply(actor, decision)
        audit.record(actor, "close_written_consent", decision, after={"outcome": decision.outcome})
    return decision
