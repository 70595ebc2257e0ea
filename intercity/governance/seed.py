"""Load WeGO's statute versions with their rules, deadlines, composition and terms; the
regional office assessment criteria; and the record of the 2017 Executive Committee and
General Assembly (seeds 002 and 003), so their memoranda can be generated.

Idempotent: a statute version, criterion or meeting already present is left as it is.
The seeded decisions' effects (members approved, offices taken) are already in the registry
through its own seed, so they are recorded as applied, not applied again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

from intercity.core import seed_files
from intercity.governance import rules, services
from intercity.governance.models import (
    AgendaDocument,
    AgendaItem,
    AssessmentCriterion,
    Candidate,
    Decision,
    Meeting,
    Participant,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    StatuteVersion,
)
from intercity.governance.services import statute_text
from intercity.network import services as registry
from intercity.network.models import Network, Organisation, RegionalOffice

SEED_DIR = Path(__file__).resolve().parent / "seed_data"

BID_STATUS = {
    "approved": RegionalOfficeBid.Status.APPROVED,
    "rejected": RegionalOfficeBid.Status.NOT_APPROVED,
    "pending": RegionalOfficeBid.Status.SUBMITTED,
    "not-recorded": RegionalOfficeBid.Status.NOT_RECORDED,
}
KIND_OF = {
    "election": Decision.Kind.ELECTION,
    "announcement": Decision.Kind.ANNOUNCEMENT,
    "written-consent": Decision.Kind.WRITTEN_CONSENT,
}


def read(relative: str) -> Any:
    path = SEED_DIR / relative
    if not path.exists():
        return None
    return seed_files.read(path)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def load_statutes(network: Network, created: Counter[str]) -> None:
    deadlines = {
        row["version"]: row.get("deadlines", [])
        for row in read(f"{network.slug}/deadlines.yaml") or []
    }
    records = read(f"{network.slug}/statutes.yaml") or []
    rules.versions_from_data(records)  # refuse a malformed file before writing anything
    for record in records:
        _, made = StatuteVersion.objects.get_or_create(
            network=network,
            effective_from=_date(record["effective_from"]),
            defaults={
                "name": record["version"],
                "source": record.get("source", ""),
                "rules": record.get("rules") or {},
                "deadlines": deadlines.get(record["version"], []),
                "composition": record.get("composition") or {},
                "candidacy": record.get("candidacy") or {},
                "terms": record.get("terms") or {},
            },
        )
        created["statute version"] += made


class Keys:
    """Organisation keys of the seed files, looked up once."""

    def __init__(self) -> None:
        self.ids = dict(Organisation.objects.values_list("key", "id"))

    def __call__(self, key: str) -> int:
        try:
            return self.ids[key]
        except KeyError:
            raise ValueError(f"Seed names an unknown organisation '{key}'.") from None


def _effects(raw: list[dict[str, Any]], keys: Keys) -> list[dict[str, Any]]:
    effects = []
    for effect in raw or []:
        effect = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in effect.items()}
        if "organisation" in effect:
            effect["organisation_key"] = effect["organisation"]
            effect["organisation"] = keys(effect["organisation"])
        effects.append(effect)
    return effects


def _decision(
    meeting: Meeting, item: AgendaItem, raw: dict[str, Any], position: int, keys: Keys
) -> Decision:
    outcome = raw.get("outcome", "adopted")
    decision = Decision(
        network=meeting.network,
        body=meeting.body,
        meeting=meeting,
        agenda_item=item,
        kind=KIND_OF.get(raw["kind"], Decision.Kind.MOTION),
        rule=raw["kind"] if raw["kind"] not in KIND_OF else "",
        title=raw["title"],
        text=raw.get("text", ""),
        date=meeting.date,
        status=Decision.Status.DECIDED,
        outcome=outcome,
        office=raw.get("office", ""),
        effects=_effects(raw.get("effects", []), keys),
        effects_applied=True,
        position=position,
        source=raw.get("source", ""),
        conflict=raw.get("conflict", ""),
        vote_mode=Decision.VoteMode.COUNTS,
    )
    decision.save()  # judged by `_judge` once the whole meeting is on record
    for candidate in raw.get("candidates", []) or []:
        Candidate.objects.create(
            decision=decision,
            organisation_id=keys(candidate["organisation"]),
            votes=candidate.get("votes"),
            elected=bool(candidate.get("elected")),
        )
        if candidate.get("elected") and decision.winner_id is None:
            decision.winner_id = keys(candidate["organisation"])
            decision.save(update_fields=["winner"])
    return decision


def _judge(decision: Decision, raw: dict[str, Any]) -> None:
    """Judge a seeded decision by the text in force at its place in its meeting, known once
    the meeting's adopting decisions are linked to the texts they adopted."""
    statute = services.statute_for(decision)
    decision.statute_version = statute
    counts = raw.get("counts")
    version = statute.name if statute else "no statute text on record"
    if counts and decision.kind == Decision.Kind.MOTION and statute is not None:
        _judge_seeded_counts(decision, counts, statute)
    else:
        # Plain words for the reader; where the record says so stays in `source`, which the
        # pages show under "Sources".
        decision.explanation = (
            f"{decision.outcome.capitalize()} as the record says; no vote counts are on record, "
            f"so the arithmetic of the rule ({version}) cannot be shown."
        )
        if decision.kind == Decision.Kind.ANNOUNCEMENT:
            decision.explanation = "Recorded by the body; no vote is taken."
    decision.save()


def _cite_on_the_register(decision: Decision) -> None:
    """The registry's seed already holds what a seeded approval did (the period from the
    decision's day); the period is made to cite the decision, so the effect is on its record."""
    if decision.outcome != Decision.Outcome.ADOPTED:
        return
    for effect in decision.effects:
        if effect.get("action") != "approve-membership":
            continue
        registry.cite_decision(
            None,
            decision.network,
            Organisation.objects.get(pk=effect["organisation"]),
            decision.date,
            effect["category"],
            decision.reference,
        )


def _record_adoption(decision: Decision) -> None:
    """A decision that adopts a statute text is the moment the text takes effect: linked
    here, before the decision is judged, so it and what precedes it keep the earlier text."""
    for effect in decision.effects:
        if effect.get("action") != "adopt-statute":
            continue
        version = StatuteVersion.objects.filter(
            network=decision.network, name=effect.get("version"), adopted_by__isnull=True
        ).first()
        if version is None:
            raise ValueError(f"{decision}: no unadopted statute version '{effect.get('version')}'.")
        if version.effective_from != decision.date:
            raise ValueError(
                f"{decision}: '{version.name}' takes effect on {version.effective_from}, "
                f"not on the day it was adopted ({decision.date})."
            )
        version.adopted_by = decision
        version.save(update_fields=["adopted_by"])


def _judge_seeded_counts(
    decision: Decision, counts: dict[str, int], statute: StatuteVersion
) -> None:
    """Where a seed gives the numbers, the engine judges them like any live vote; the
    stored outcome is the engine's, and a disagreement with the record is noted."""
    versions = rules.versions_from_data(
        [
            {
                "version": statute.name,
                "effective_from": statute.effective_from,
                "rules": statute.rules,
            }
        ]
    )
    rule = rules.rule_on(versions, decision.date, decision.rule, decision.body.slug)
    total = counts.get("members_total", counts.get("present", 0))
    count = rules.Count(
        total,
        counts.get("present", 0),
        counts.get("yes", 0),
        counts.get("no", 0),
        counts.get("abstain", 0),
    )
    ruling = rules.decide(rule, count)
    decision.members_total, decision.present = count.members_total, count.present
    decision.yes, decision.no, decision.abstain = count.yes, count.no, count.abstain
    decision.explanation = ruling.explanation
    if ruling.outcome.value != decision.outcome:
        decision.conflict = (
            f"The record says {decision.outcome}; the counts give {ruling.outcome.value}."
        )
    decision.outcome = ruling.outcome.value


def load_meetings(network: Network, created: Counter[str]) -> None:
    keys = Keys()
    for raw in read(f"{network.slug}/meetings.yaml") or []:
        if Meeting.objects.filter(network=network, key=raw["key"]).exists():
            continue
        meeting = Meeting.objects.create(
            network=network,
            body=network.bodies.get(slug=raw["body"]),
            key=raw["key"],
            title=raw["title"],
            kind=raw.get("kind", Meeting.Kind.REGULAR),
            date=_date(raw["date"]),
            venue=raw.get("venue", "") or "",
            status=Meeting.Status.CLOSED,
            source=raw.get("source", ""),
        )
        created["meeting"] += 1
        for person in raw.get("participants", []) or []:
            Participant.objects.create(
                meeting=meeting,
                organisation_id=keys(person["organisation"])
                if person.get("organisation")
                else None,
                name=person.get("name", "") if not person.get("organisation") else "",
                role=person.get("role", Participant.Role.DELEGATE),
                attendance=person.get("attendance", Participant.Attendance.UNKNOWN),
                source=person.get("source", ""),
            )
            created["participant"] += 1
        made: list[tuple[Decision, dict[str, Any]]] = []
        for position, entry in enumerate(raw.get("agenda", []) or [], start=1):
            item = AgendaItem.objects.create(
                meeting=meeting,
                number=str(entry.get("number", position)),
                title=entry["title"],
                description=entry.get("description", "") or "",
                position=position,
            )
            created["agenda item"] += 1
            for document in entry.get("documents", []) or []:
                AgendaDocument.objects.create(
                    item=item, title=document["title"], reference=document.get("reference", "")
                )
            for n, decision in enumerate(entry.get("decisions", []) or [], start=1):
                made.append((_decision(meeting, item, decision, n, keys), decision))
                created["decision"] += 1
        for decision, _ in made:
            _record_adoption(decision)
        for decision, raw_decision in made:
            _judge(decision, raw_decision)
            _cite_on_the_register(decision)


def _deciding(
    network: Network, meeting: Meeting | None, action: str, organisation: int, region: str
) -> Decision | None:
    """The seeded decision of a meeting whose effect settled a regional office's bid or
    assessment (seed 003 Agenda 1-2; 002 Annex 1 Agenda 1-2)."""
    if meeting is None:
        return None
    for decision in meeting.decisions.order_by("id"):
        for effect in decision.effects:
            if (
                effect.get("action") == action
                and effect.get("organisation") == organisation
                and effect.get("region") == region
            ):
                return decision
    return None


def _meeting_of(network: Network, raw: dict[str, Any], key: str, day: str) -> Meeting | None:
    if raw.get(key):
        return Meeting.objects.filter(network=network, key=raw[key]).first()
    if raw.get(day):
        return Meeting.objects.filter(network=network, date=_date(raw[day])).first()
    return None


def load_regional_offices(network: Network, created: Counter[str]) -> None:
    data = read(f"{network.slug}/regional_office_criteria.yaml") or {}
    if isinstance(data, list):
        data = {"criteria": data}
    keys = Keys()
    for position, raw in enumerate(data.get("criteria", []) or [], start=1):
        _, made = AssessmentCriterion.objects.get_or_create(
            network=network,
            key=raw["key"],
            defaults={
                "name": raw["name"],
                "description": raw.get("description", "") or "",
                "position": position,
                "source": raw.get("source", "") or "",
            },
        )
        created["assessment criterion"] += made
    for raw in data.get("assessments", []) or []:
        where = raw["office"]
        office = RegionalOffice.objects.filter(
            network=network, host_id=keys(where["organisation"]), region__slug=where["region"]
        ).first()
        if office is None:
            raise ValueError(f"No regional office of {where} in {network}.")
        note = " ".join(t for t in (raw.get("recommendation"), raw.get("outcome_text")) if t)
        decided_by = _deciding(
            network,
            _meeting_of(network, raw, "meeting", "meeting_date"),
            "continue-regional-office",
            keys(where["organisation"]),
            where["region"],
        )
        _, made = RegionalOfficeAssessment.objects.get_or_create(
            office=office,
            year=int(raw["year"]),
            defaults={
                "decision": decided_by,
                "findings": raw.get("findings") or {},
                "recommendation": raw.get(
                    "outcome", RegionalOfficeAssessment.Recommendation.CONTINUE
                ),
                "note": note,
                "source": raw.get("source", "") or "",
            },
        )
        created["regional office assessment"] += made
    for raw in data.get("bids", []) or []:
        decided_by = _deciding(
            network,
            _meeting_of(network, raw, "meeting", "decided"),
            "approve-regional-office",
            keys(raw["organisation"]),
            raw["region"],
        )
        _, made = RegionalOfficeBid.objects.get_or_create(
            network=network,
            region=network.regions.get(slug=raw["region"]),
            organisation_id=keys(raw["organisation"]),
            tabled_on=_date(raw["tabled"]) if raw.get("tabled") else None,
            defaults={
                "submitted_on": _date(raw["submitted"]) if raw.get("submitted") else None,
                "status": BID_STATUS[raw.get("outcome", "pending")],
                "decision": decided_by,
                "note": raw.get("outcome_text", "") or "",
                "source": raw.get("source", "") or "",
            },
        )
        created["regional office bid"] += made


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    with transaction.atomic():
        for network in Network.objects.all():
            load_statutes(network, created)
            created += statute_text.load_articles(
                network, read(f"{network.slug}/statute_articles.yaml") or []
            )
            load_meetings(network, created)
            load_regional_offices(network, created)
    return created
