"""Load the assessment instruments and their content from `seed_data/`: the CeDS diagnostic
(seed 001, Annex) and the Smart City Maturity & Benchmark Model (seed 003), each as a
published version 1; the 12 sectoral modules with their guidelines, the five challenge
groups of seed 001 Phase 2, the master plan guideline and the peer policy. The question
texts and guidelines are ours (the originals are not public).

Idempotent: what exists is left as it is. Every instrument is checked by the same rules a
Secretariat publication goes through, so a broken file fails loudly here. Demonstration
assessments come from the `demo_assessments` command, not from here."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from intercity.assessment import rules, services
from intercity.assessment.models import (
    ChallengeGroup,
    Instrument,
    InstrumentVersion,
    MasterPlanPhase,
    MasterPlanStep,
    PeerPolicy,
    Question,
    Section,
    SectoralModule,
)

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
INSTRUMENT_FILES = ["ceds.yaml", "maturity-benchmark.yaml"]
QUESTION_KEYS = {"code", "type", "text", "help", "weight", "required", "evidence"}


def _read(name: str) -> Any:
    return yaml.safe_load((SEED_DIR / name).read_text(encoding="utf-8"))


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _weight(text: Any, what: str) -> Decimal:
    """A weight such as "3/2" as the exact decimal the database keeps (three places)."""
    value = rules.parse_fraction(text, f"{what} weight")
    exact = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"))
    if Fraction(exact) != value:
        raise ValueError(f"{what}: weight {text} has no exact three-place decimal")
    return exact


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    with transaction.atomic():
        _load_groups_and_modules(created)
        _load_master_plan(created)
        _load_peer_policy(created)
        expectations = _read("expectations.yaml")
        for position, name in enumerate(INSTRUMENT_FILES):
            data = _read(name)
            extra = expectations if data["instrument"]["slug"] == "ceds" else None
            _load_instrument(data, position, extra, created)
    return created


def _load_groups_and_modules(created: Counter[str]) -> None:
    groups = {}
    for position, row in enumerate(_read("challenge-groups.yaml")["groups"]):
        group, made = ChallengeGroup.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row.get("description", ""),
                "factors": row.get("factors", []),
                "workshop_topics": row.get("workshop_topics", []),
                "position": position,
            },
        )
        groups[group.slug] = group
        created["challenge group"] += made
    for row in _read("sectoral-modules.yaml")["modules"]:
        _, made = SectoralModule.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "number": row["number"],
                "name": row["name"],
                "summary": row["summary"],
                "related_factors": row.get("related_factors", []),
                "group": groups.get(row.get("challenge_group", "")),
                "guideline": row.get("guideline", {}),
            },
        )
        created["sectoral module"] += made


def _load_master_plan(created: Counter[str]) -> None:
    for phase_row in _read("master-plan.yaml")["phases"]:
        phase, made = MasterPlanPhase.objects.get_or_create(
            number=phase_row["number"],
            defaults={"name": phase_row["name"], "purpose": phase_row.get("purpose", "")},
        )
        created["master plan phase"] += made
        for position, step in enumerate(phase_row.get("steps", [])):
            applies = step.get("applies_to", "all")
            _, made = MasterPlanStep.objects.get_or_create(
                code=step["code"],
                defaults={
                    "phase": phase,
                    "title": step["title"],
                    "detail": step["detail"],
                    "outputs": step.get("outputs", []),
                    "applies_to": [] if applies == "all" else list(applies),
                    "position": position,
                },
            )
            created["master plan step"] += made


def _load_peer_policy(created: Counter[str]) -> None:
    data = _read("peer-bands.yaml")
    _, made = PeerPolicy.objects.get_or_create(
        effective_from=_date(data.get("effective_from", "2026-12-01")),
        defaults={
            "minimum_peers": data["minimum_peers"],
            "population_bands": data["population_bands"],
        },
    )
    created["peer policy"] += made


def _load_instrument(
    data: dict[str, Any], position: int, expectations: Any, created: Counter[str]
) -> None:
    head = data["instrument"]
    instrument, made = Instrument.objects.get_or_create(
        slug=head["slug"],
        defaults={
            "name": head["name"],
            "description": head.get("description", ""),
            "source": head.get("source", ""),
            "sets_targets": bool(head.get("sets_targets", False)),
            "position": position,
        },
    )
    created["instrument"] += made
    number = data["version"]["number"]
    if instrument.versions.filter(number=number).exists():
        return
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=number,
        effective_from=_date(data["version"]["effective_from"]),
        levels=[
            {
                "level": lv["level"],
                "name": lv["name"],
                "min_score": str(lv["min_score"]),
                "description": lv.get("description", ""),
            }
            for lv in data["version"]["levels"]
        ],
        expectations=(
            {
                "statuses": expectations["statuses"],
                "levels": {
                    str(row["level"]): row["modules"] for row in expectations["expectations"]
                },
            }
            if expectations
            else {}
        ),
    )
    for s_position, row in enumerate(data["sections"]):
        section = Section.objects.create(
            version=version,
            slug=row["slug"],
            name=row["name"],
            description=row.get("description", ""),
            weight=_weight(row.get("weight", "1"), row["slug"]),
            position=s_position,
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                code=q["code"],
                position=q_position,
                type=q["type"],
                text=q["text"],
                help=q.get("help", ""),
                weight=_weight(q.get("weight", "1"), q["code"]),
                required=bool(q.get("required", True)),
                evidence=q.get("evidence", "none"),
                config={k: v for k, v in q.items() if k not in QUESTION_KEYS},
            )
            for q_position, q in enumerate(row["questions"])
        )
    problems = rules.instrument_problems(services.instrument_rules(version))
    found = services.expectations_of(version)
    if found is not None:
        problems += rules.expectation_problems(
            found, SectoralModule.objects.values_list("slug", flat=True)
        )
    if problems:
        raise ValueError(f"{instrument.slug} version {number}: {' '.join(problems)}")
    InstrumentVersion.objects.filter(pk=version.pk).update(
        state=InstrumentVersion.State.PUBLISHED, published_at=timezone.now()
    )
    created["instrument version"] += 1
