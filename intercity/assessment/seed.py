"""Load the assessment instruments and their content from `seed_data/`: the CeDS diagnostic
(seed 001, Annex) and the Smart City Maturity & Benchmark Model (seed 003), each as a
published version 1; the 12 sectoral modules with their guidelines, the five challenge
groups of seed 001 Phase 2, the master plan guideline and the peer policy. The question
texts and guidelines are ours (the originals are not public).

Idempotent: what exists is left as it is. Every instrument is checked by the same rules a
Secretariat publication goes through, so a broken file fails loudly here. Demonstration
assessments come from the `demo_assessments` command, not from here.

Translations: `seed_data/translations/<lang>/<name>.yaml` is a copy of `seed_data/<name>.yaml`
with the same structure, keys, codes, numbers and dates, only the words in the other language.
The loader walks the English file and each copy side by side and fills the translation columns
(`name_ko`, ...) of the fields registered in `translation.py`; a copy whose structure or codes
differ from the English file is refused, naming the file and the place in it. Rows that exist
already get their translation columns refreshed, so a language added later loads on the next
run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import to_locale

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
from intercity.core import seed_files

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
TRANSLATIONS_DIR = SEED_DIR / "translations"
INSTRUMENT_FILES = ["ceds.yaml", "maturity-benchmark.yaml"]
QUESTION_KEYS = {"code", "type", "text", "help", "weight", "required", "evidence"}


# Keys whose string values (or lists of strings) are words for people, translated; every other
# value is a code, number, weight or date and must be the same in a translation.
TEXT_KEYS = {
    "name", "description", "source", "text", "help", "label", "labels", "unit", "summary",
    "purpose", "prerequisites", "components", "duration", "cost_drivers",
    "indicators", "risks", "rationale", "title", "introduction", "detail", "outputs",
    "workshop_topics",
}  # fmt: skip


class TranslationMismatch(ValueError):
    """A translated seed file whose structure or codes differ from the English file."""


def _read(name: str) -> Any:
    return seed_files.read(SEED_DIR / name)


def _languages() -> list[tuple[str, str]]:
    """(folder, column suffix) of each language other than English: ("zh_Hans", "zh_hans")."""
    return [
        (to_locale(code), code.replace("-", "_"))
        for code, _ in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def _translations(name: str, english: Any, folder: Path | None = None) -> dict[str, Any]:
    """{column suffix: the translated copy of `name`} for each copy present, each checked."""
    found = {}
    for locale, suffix in _languages():
        path = (folder or TRANSLATIONS_DIR) / locale / name
        if path.exists():
            copy = seed_files.read(path)
            check_same_shape(english, copy, str(path))
            found[suffix] = copy
    return found


def check_same_shape(
    english: Any, copy: Any, where: str, path: str = "", text: bool = False
) -> None:
    """Refuse a translated copy that is not the English data with other words."""

    def refuse(why: str) -> None:
        raise TranslationMismatch(f"{where}: at {path or 'the top'}: {why}")

    if isinstance(english, dict):
        if not isinstance(copy, dict):
            refuse("a mapping in the English file, something else here")
        if set(english) != set(copy):
            missing = sorted(map(str, set(english) - set(copy)))
            extra = sorted(map(str, set(copy) - set(english)))
            refuse(f"keys differ (missing {missing}, not in English {extra})")
        for key, value in english.items():
            # a scale's labels are keyed by the answer: {1: "...", 2: "..."}
            inner = str(key) in TEXT_KEYS or (text and isinstance(key, int))
            check_same_shape(value, copy[key], where, f"{path}.{key}" if path else str(key), inner)
    elif isinstance(english, list):
        if not isinstance(copy, list):
            refuse("a list in the English file, something else here")
        if len(english) != len(copy):
            refuse(f"{len(copy)} items, the English file has {len(english)}")
        for index, (a, b) in enumerate(zip(english, copy, strict=True)):
            check_same_shape(a, b, where, f"{path}[{index}]", text)
    elif isinstance(english, str) and text:
        if not isinstance(copy, str) or not copy.strip():
            refuse("a text in the English file, empty or not a text here")
    elif english != copy:
        refuse(f"{copy!r} where the English file has {english!r}")


def _columns(field: str, english: Any, copies: dict[str, Any], pick: Any) -> dict[str, Any]:
    """{field: English, field_en: English, field_ko: Korean, ...} with `pick` reading the value
    from one copy of the data (the English file or a translation)."""
    columns = {field: english, f"{field}_en": english}
    for suffix, copy in copies.items():
        columns[f"{field}_{suffix}"] = pick(copy)
    return columns


def _translated(field: str, copies: dict[str, Any], pick: Any) -> dict[str, Any]:
    return {f"{field}_{suffix}": pick(copy) for suffix, copy in copies.items()}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _weight(text: Any, what: str) -> Decimal:
    """A weight such as "3/2" as the exact decimal the database keeps (three places)."""
    value = rules.parse_fraction(text, f"{what} weight")
    exact = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"))
    if Fraction(exact) != value:
        raise ValueError(f"{what}: weight {text} has no exact three-place decimal")
    return exact


def load(translations: Path | None = None) -> Counter[str]:
    """Load everything; `translations` is the folder of translated copies (tests use their own)."""
    created: Counter[str] = Counter()
    with transaction.atomic():
        _load_groups_and_modules(created, translations)
        _load_master_plan(created, translations)
        _load_peer_policy(created, translations)
        expectations = _read("expectations.yaml")
        _translations("expectations.yaml", expectations, translations)  # codes only: checked
        for position, name in enumerate(INSTRUMENT_FILES):
            data = _read(name)
            copies = _translations(name, data, translations)
            extra = expectations if data["instrument"]["slug"] == "ceds" else None
            _load_instrument(data, copies, position, extra, created)
    return created


def _load_groups_and_modules(created: Counter[str], folder: Path | None) -> None:
    groups = {}
    english = _read("challenge-groups.yaml")
    copies = _translations("challenge-groups.yaml", english, folder)
    for position, row in enumerate(english["groups"]):

        def pick(data: Any, key: str, default: Any = "", i: int = position) -> Any:
            return data["groups"][i].get(key, default)

        words = {
            **_columns("name", row["name"], copies, lambda d: pick(d, "name")),
            **_columns("description", row.get("description", ""), copies,
                       lambda d: pick(d, "description")),
            **_columns("workshop_topics", row.get("workshop_topics", []), copies,
                       lambda d: pick(d, "workshop_topics", [])),
        }  # fmt: skip
        group, made = ChallengeGroup.objects.get_or_create(
            slug=row["slug"],
            defaults={**words, "factors": row.get("factors", []), "position": position},
        )
        _refresh(group, words, made)
        groups[group.slug] = group
        created["challenge group"] += made
    english = _read("sectoral-modules.yaml")
    copies = _translations("sectoral-modules.yaml", english, folder)
    for index, row in enumerate(english["modules"]):

        def mod(data: Any, key: str, default: Any = "", i: int = index) -> Any:
            return data["modules"][i].get(key, default)

        words = {
            **_columns("name", row["name"], copies, lambda d: mod(d, "name")),
            **_columns("summary", row["summary"], copies, lambda d: mod(d, "summary")),
            **_columns("guideline", row.get("guideline", {}), copies,
                       lambda d: mod(d, "guideline", {})),
        }  # fmt: skip
        module, made = SectoralModule.objects.get_or_create(
            slug=row["slug"],
            defaults={
                **words,
                "number": row["number"],
                "related_factors": row.get("related_factors", []),
                "group": groups.get(row.get("challenge_group", "")),
            },
        )
        _refresh(module, words, made)
        created["sectoral module"] += made


def _refresh(row: Any, words: dict[str, Any], made: bool) -> None:
    """A row that existed gets the translations of today's files (its English stays)."""
    if not made:
        type(row).objects.filter(pk=row.pk).update(
            **{k: v for k, v in words.items() if _is_other_language(k)}
        )


def _is_other_language(column: str) -> bool:
    return any(column.endswith(f"_{suffix}") for _, suffix in _languages())


def _load_master_plan(created: Counter[str], folder: Path | None) -> None:
    english = _read("master-plan.yaml")
    copies = _translations("master-plan.yaml", english, folder)
    for p_index, phase_row in enumerate(english["phases"]):

        def ph(data: Any, key: str, i: int = p_index) -> Any:
            return data["phases"][i].get(key, "")

        words = {
            **_columns("name", phase_row["name"], copies, lambda d: ph(d, "name")),
            **_columns("purpose", phase_row.get("purpose", ""), copies, lambda d: ph(d, "purpose")),
        }
        phase, made = MasterPlanPhase.objects.get_or_create(
            number=phase_row["number"], defaults=words
        )
        _refresh(phase, words, made)
        created["master plan phase"] += made
        for position, step in enumerate(phase_row.get("steps", [])):

            def st(
                data: Any, key: str, default: Any = "", i: int = p_index, j: int = position
            ) -> Any:
                return data["phases"][i]["steps"][j].get(key, default)

            applies = step.get("applies_to", "all")
            words = {
                **_columns("title", step["title"], copies, lambda d: st(d, "title")),
                **_columns("detail", step["detail"], copies, lambda d: st(d, "detail")),
                **_columns("outputs", step.get("outputs", []), copies,
                           lambda d: st(d, "outputs", [])),
            }  # fmt: skip
            row, made = MasterPlanStep.objects.get_or_create(
                code=step["code"],
                defaults={
                    **words,
                    "phase": phase,
                    "applies_to": [] if applies == "all" else list(applies),
                    "position": position,
                },
            )
            _refresh(row, words, made)
            created["master plan step"] += made


def _load_peer_policy(created: Counter[str], folder: Path | None) -> None:
    data = _read("peer-bands.yaml")
    copies = _translations("peer-bands.yaml", data, folder)
    words = _columns(
        "population_bands", data["population_bands"], copies, lambda d: d["population_bands"]
    )
    policy, made = PeerPolicy.objects.get_or_create(
        effective_from=_date(data.get("effective_from", "2026-12-01")),
        defaults={**words, "minimum_peers": data["minimum_peers"]},
    )
    _refresh(policy, words, made)
    created["peer policy"] += made


def _levels(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "level": lv["level"],
            "name": lv["name"],
            "min_score": str(lv["min_score"]),
            "description": lv.get("description", ""),
        }
        for lv in data["version"]["levels"]
    ]


def _config(q: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in q.items() if k not in QUESTION_KEYS}


def _load_instrument(
    data: dict[str, Any],
    copies: dict[str, Any],
    position: int,
    expectations: Any,
    created: Counter[str],
) -> None:
    head = data["instrument"]
    words = {
        **_columns("name", head["name"], copies, lambda d: d["instrument"]["name"]),
        **_columns("description", head.get("description", ""), copies,
                   lambda d: d["instrument"].get("description", "")),
    }  # fmt: skip
    instrument, made = Instrument.objects.get_or_create(
        slug=head["slug"],
        defaults={
            **words,
            "source": head.get("source", ""),
            "sets_targets": bool(head.get("sets_targets", False)),
            "position": position,
        },
    )
    _refresh(instrument, words, made)
    created["instrument"] += made
    number = data["version"]["number"]
    existing = instrument.versions.filter(number=number).first()
    if existing is not None:
        _refresh_version(existing, data, copies)
        return
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=number,
        effective_from=_date(data["version"]["effective_from"]),
        **_columns("levels", _levels(data), copies, _levels),
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
            **_section_words(row, copies, s_position),
            weight=_weight(row.get("weight", "1"), row["slug"]),
            position=s_position,
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                code=q["code"],
                position=q_position,
                type=q["type"],
                **_question_words(q, copies, s_position, q_position),
                weight=_weight(q.get("weight", "1"), q["code"]),
                required=bool(q.get("required", True)),
                evidence=q.get("evidence", "none"),
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


def _section_words(row: dict[str, Any], copies: dict[str, Any], i: int) -> dict[str, Any]:
    return {
        **_columns("name", row["name"], copies, lambda d: d["sections"][i]["name"]),
        **_columns("description", row.get("description", ""), copies,
                   lambda d: d["sections"][i].get("description", "")),
    }  # fmt: skip


def _question_words(q: dict[str, Any], copies: dict[str, Any], i: int, j: int) -> dict[str, Any]:
    def of(d: Any) -> dict[str, Any]:
        return d["sections"][i]["questions"][j]  # type: ignore[no-any-return]

    return {
        **_columns("text", q["text"], copies, lambda d: of(d)["text"]),
        **_columns("help", q.get("help", ""), copies, lambda d: of(d).get("help", "")),
        **_columns("config", _config(q), copies, lambda d: _config(of(d))),
    }


def _refresh_version(
    version: InstrumentVersion, data: dict[str, Any], copies: dict[str, Any]
) -> None:
    """The translations of a version loaded before (a published version's words may be
    translated; its English, codes and numbers stay)."""
    if not copies:
        return
    InstrumentVersion.objects.filter(pk=version.pk).update(**_translated("levels", copies, _levels))
    for i, row in enumerate(data["sections"]):
        words = _section_words(row, copies, i)
        Section.objects.filter(version=version, slug=row["slug"]).update(
            **{k: v for k, v in words.items() if _is_other_language(k)}
        )
        for j, q in enumerate(row["questions"]):
            words = _question_words(q, copies, i, j)
            Question.objects.filter(section__version=version, code=q["code"]).update(
                **{k: v for k, v in words.items() if _is_other_language(k)}
            )
