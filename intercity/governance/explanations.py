"""A decision's explanation as a reader sees it.

The explanation stored with a decision is the record, written once in the network's official
language (English, Statute 2017) when the decision was taken. A page or a memorandum in
another language says the same thing in the reader's language: the ruling is computed again
from what the decision stored (its counts and the rule applied, or its candidates' votes),
and the fixed sentences the seed and the services write are translated. Whatever cannot be
computed again (an explanation written otherwise, a count that no longer gives the stored
outcome) is shown as it was written.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from intercity.governance import rules
from intercity.governance.formats import statute_name
from intercity.governance.models import Decision

ANNOUNCEMENT = gettext_noop("Recorded by the body; no vote is taken on an announcement.")
SEEDED_ANNOUNCEMENT = gettext_noop("Recorded by the body; no vote is taken.")
NO_STATUTE = gettext_noop("no statute text on record")
# The seed's words for a decision whose counts are not on record (seed.py, _judge).
_NO_COUNTS = re.compile(
    r"(?P<outcome>[A-Z][a-z-]+) as the record says; no vote counts are on record, so the "
    r"arithmetic of the rule \((?P<statute>.*)\) cannot be shown\."
)


def shown_explanation(decision: Decision) -> str:
    """The decision's explanation in the active language (as stored, in English)."""
    stored = decision.explanation or ""
    if not stored or (translation.get_language() or "en").startswith("en"):
        return stored
    if stored in (ANNOUNCEMENT, SEEDED_ANNOUNCEMENT):
        return gettext(stored)
    if found := _NO_COUNTS.fullmatch(stored):
        statute = found["statute"]
        return gettext(
            "%(outcome)s as the record says; no vote counts are on record, so the arithmetic "
            "of the rule (%(statute)s) cannot be shown."
        ) % {
            "outcome": decision.get_outcome_display() if decision.outcome else found["outcome"],
            "statute": gettext(NO_STATUTE) if statute == NO_STATUTE else statute_name(statute),
        }
    try:
        if decision.kind == Decision.Kind.ELECTION and decision.seats > 1:
            return _seats(decision) or stored
        if decision.kind == Decision.Kind.ELECTION:
            return _election(decision) or stored
        if decision.kind in (
            Decision.Kind.MOTION,
            Decision.Kind.AMENDMENT,
            Decision.Kind.WRITTEN_CONSENT,
        ):
            return _ruling(decision) or stored
    except (KeyError, TypeError, ValueError):
        return stored
    return stored


def _rule(decision: Decision) -> rules.DecisionRule | None:
    applied: dict[str, Any] = decision.rule_applied or {}
    if "concurrence" in applied:
        return rules.rule_from_data(
            str(applied.get("statute_version", "")), str(applied.get("decision", "")), applied
        )
    statute = decision.statute_version
    if statute is None or not decision.rule:
        return None
    data = ((statute.rules or {}).get(decision.rule) or {}).get(decision.body.slug)
    return rules.rule_from_data(statute.name, decision.rule, data) if data else None


def _ruling(decision: Decision) -> str:
    """The ruling computed again from the stored counts, when it gives the stored outcome."""
    if decision.members_total is None or decision.yes is None:
        return ""
    rule = _rule(decision)
    if rule is None:
        return ""
    present = decision.present
    if present is None:
        # Written consent is decided out of session: every member counts as present.
        present = decision.members_total
    count = rules.Count(
        decision.members_total,
        present,
        decision.yes,
        decision.no or 0,
        decision.abstain or 0,
        decision.casting_vote or None,
    )
    ruling = rules.decide(rule, count)
    return ruling.explanation if ruling.outcome.value == decision.outcome else ""


def _election(decision: Decision) -> str:
    """The result computed again from the candidates' votes, when they were prefetched (a
    page listing many decisions runs no query per election) and all are on record."""
    cache = getattr(decision, "_prefetched_objects_cache", {})
    if "candidates" not in cache:
        return ""
    candidates = list(decision.candidates.all())
    if not candidates or any(c.votes is None for c in candidates):
        return ""
    result = rules.elect({c.organisation.name: c.votes or 0 for c in candidates})
    winner = decision.winner.name if decision.winner_id and decision.winner else None
    return result.explanation if result.winner == winner else ""


def _seats(decision: Decision) -> str:
    """An election to several seats computed again from its candidates' votes, when they are
    prefetched and give the stored result (the notes on regions stay in the stored words)."""
    from intercity.governance import rules_floor

    cache = getattr(decision, "_prefetched_objects_cache", {})
    if "candidates" not in cache:
        return ""
    candidates = list(decision.candidates.all())
    if not candidates or any(c.votes is None for c in candidates):
        return ""
    result = rules_floor.elect_seats(
        {c.organisation.name: c.votes or 0 for c in candidates}, decision.seats
    )
    stored = {c.organisation.name for c in candidates if c.elected}
    return result.explanation if set(result.elected) == stored else ""
