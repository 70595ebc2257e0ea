"""The statute's versions, the rule in force for a decision, and statute texts as data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError
from intercity.governance import rules
from intercity.governance.models import (
    Decision,
    Meeting,
    StatuteVersion,
)
from intercity.governance.services._common import _lock, require_secretariat
from intercity.governance.services.meetings import get_body
from intercity.network.models import (
    Network,
)

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
        raise DomainError(
            _("%(network)s: %(exc)s") % {"network": network, "exc": exc}, status=422
        ) from None


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
        raise DomainError(_("Name the statute version, e.g. 'Statute as amended 2020-10-07'."))
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
        raise DomainError(_("The rules cannot be read: %(exc)s") % {"exc": exc}) from None


def check_statute_version_free(network: Network, name: str, effective_from: dt.date) -> None:
    if StatuteVersion.objects.filter(network=network, effective_from=effective_from).exists():
        raise DomainError(
            _("%(network)s already has a statute version from %(effective_from)s.")
            % {"network": network, "effective_from": effective_from}
        )
    if StatuteVersion.objects.filter(network=network, name=name.strip()).exists():
        raise DomainError(
            _("%(network)s already has a statute version named '%(name)s'.")
            % {"network": network, "name": name}
        )
