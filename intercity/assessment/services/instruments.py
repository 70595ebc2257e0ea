"""Instruments as rules, their versions (publish, draft the next, edit a draft) and the peer policy.

Part of `assessment.services`, which re-exports every name."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.assessment import rules
from intercity.assessment.models import (
    ChallengeGroup,
    FrozenVersion,
    Instrument,
    InstrumentVersion,
    PeerPolicy,
    Question,
    Section,
    SectoralModule,
)
from intercity.core import audit, translated
from intercity.core.bounds import check_date
from intercity.core.errors import DomainError, NotFound


class AnswerProblems(DomainError):
    """Answers that cannot be taken, each naming its question; nothing was saved."""

    status_code = 422

    def __init__(self, problems: list[rules.Problem], *, saved: bool = False) -> None:
        self.problems = problems
        # True when the other answers were saved and only these were refused (`keep_valid`).
        self.saved = saved
        shown = "; ".join(f"{p.code}: {p.message}" for p in problems[:10])
        count = len(problems)
        if count > 10:
            text = _("%(count)s answers need attention: %(shown)s (and %(more)s more).") % {
                "count": count,
                "shown": shown,
                "more": count - 10,
            }
        else:
            text = ngettext(
                "%(count)s answer needs attention: %(shown)s.",
                "%(count)s answers need attention: %(shown)s.",
                count,
            ) % {"count": count, "shown": shown}
        super().__init__(text)

    @property
    def details(self) -> list[dict[str, str]]:
        return [{"field": _field(p.code), "message": p.message} for p in self.problems]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _field(code: str) -> str:
    own = code in ("systems", "targets", "target_year") or code.startswith(("systems.", "targets."))
    return code if own else f"answers.{code}"


# --- Instruments as rules --------------------------------------------------------------------


def get_instrument(slug: str) -> Instrument:
    try:
        return Instrument.objects.get(slug=slug)
    except Instrument.DoesNotExist:
        known = ", ".join(Instrument.objects.values_list("slug", flat=True)) or "-"
        raise NotFound(
            _("No instrument '%(slug)s'. Known instruments: %(known)s.")
            % {"slug": slug[:60], "known": known}
        ) from None


def current_version(instrument: Instrument, on: dt.date) -> InstrumentVersion:
    """The published version in force on a date: the highest number already effective."""
    found = (
        instrument.versions.filter(state=InstrumentVersion.State.PUBLISHED, effective_from__lte=on)
        .order_by("-effective_from", "-number")
        .first()
    )
    if found is None:
        raise NotFound(
            _("%(instrument)s has no published version in force on %(date)s.")
            % {"instrument": instrument, "date": formats.date_format(on, "DATE_FORMAT")}
        )
    return found


def _fraction(value: Any) -> Fraction:
    return rules.parse_fraction(value, "score")


def _question_rules(question: Question) -> rules.Question:
    config = question.config or {}
    scale = config.get("scale") or {}
    return rules.Question(
        code=question.code,
        type=rules.QuestionType(question.type),
        text=question.text,
        weight=Fraction(question.weight),
        required=question.required,
        evidence=rules.Evidence(question.evidence),
        scale_min=int(scale.get("min", 1)),
        scale_max=int(scale.get("max", 5)),
        scale_labels={int(k): str(v) for k, v in (scale.get("labels") or {}).items()},
        options=tuple(
            rules.Option(
                str(o["value"]), str(o["label"]), _fraction(o["score"]), bool(o.get("exclusive"))
            )
            for o in config.get("options", [])
        ),
        bands=tuple(
            rules.Band(
                Decimal(str(b["below"])) if b.get("below") is not None else None,
                _fraction(b["score"]),
            )
            for b in config.get("bands", [])
        ),
        minimum=Decimal(str(config["min"])) if config.get("min") is not None else None,
        maximum=Decimal(str(config["max"])) if config.get("max") is not None else None,
        unit=str(config.get("unit", "")),
        invert=bool(config.get("invert", False)),
        evidence_when=_answer_set(config.get("evidence_when")),
        shown_when=_condition(config.get("shown_when")),
    )


def _answer_set(values: Any) -> frozenset[str]:
    """Answers named in a question's row ("yes", 3, "cio"; YAML's bare yes is True)."""
    if values in (None, ""):
        return frozenset()
    listed = values if isinstance(values, list | tuple) else [values]
    return frozenset().union(*(rules.answer_keys(v) for v in listed))


def _condition(data: Any) -> rules.Condition | None:
    if not data:
        return None
    return rules.Condition(str(data.get("question", "")), _answer_set(data.get("answers")))


def _build_rules(version: InstrumentVersion) -> rules.Instrument:
    sections = Section.objects.filter(version=version).prefetch_related("questions")
    return rules.Instrument(
        slug=version.instrument.slug,
        version=version.number,
        sections=tuple(
            rules.Section(
                s.slug,
                s.name,
                Fraction(s.weight),
                tuple(_question_rules(q) for q in s.questions.all()),
            )
            for s in sections
        ),
        levels=tuple(
            rules.Level(int(lv["level"]), str(lv["name"]), _fraction(lv["min_score"]))
            for lv in version.levels
        ),
    )


@functools.lru_cache(maxsize=64)
def _published_rules(
    version_id: int, published_at: dt.datetime, language: str | None
) -> rules.Instrument:
    # A published version is frozen (models.FrozenVersion), so its rules never go stale; the
    # publication time is in the key because a database may reuse the id of a deleted row,
    # and the language because the rules carry the words (section names, labels) the reader
    # reads: built in Korean, they are not an English reader's.
    return _build_rules(InstrumentVersion.objects.select_related("instrument").get(pk=version_id))


def instrument_rules(version: InstrumentVersion) -> rules.Instrument:
    if version.published and version.published_at is not None:
        return _published_rules(version.pk, version.published_at, translation.get_language())
    return _build_rules(version)


def expectations_of(version: InstrumentVersion) -> rules.Expectations | None:
    data = version.expectations or {}
    if not data.get("levels"):
        return None
    return rules.Expectations(
        statuses=tuple(data["statuses"]),
        by_level={int(level): dict(modules) for level, modules in data["levels"].items()},
    )


def sectoral_modules() -> list[rules.Module]:
    return [
        rules.Module(
            m.slug, m.number, m.name, tuple(m.related_factors), m.group.slug if m.group else ""
        )
        for m in SectoralModule.objects.select_related("group")
    ]


def challenge_groups() -> list[rules.ChallengeGroup]:
    groups = ChallengeGroup.objects.prefetch_related("modules")
    return [
        rules.ChallengeGroup(
            g.slug, g.name, tuple(g.factors), tuple(m.slug for m in g.modules.all())
        )
        for g in groups
    ]


def peer_policy(on: dt.date) -> PeerPolicy:
    policy = PeerPolicy.objects.filter(effective_from__lte=on).first()
    if policy is None:
        return PeerPolicy(effective_from=on, minimum_peers=3, population_bands=[])
    return policy


# --- Versions: frozen once published; a change is a new version -------------------------------


def publish_version(actor: Any, version: InstrumentVersion, now: dt.datetime | None = None) -> None:
    """Check the version with the rules and freeze it. The state is checked on the row
    locked inside the transaction, so two publications at once give one."""
    permissions.require_secretariat(actor, "publish an instrument version")
    with transaction.atomic():
        version.refresh_from_db(from_queryset=InstrumentVersion.objects.select_for_update())
        if version.published:
            raise DomainError(
                _("%(version)s is already published.") % {"version": version}, status=409
            )
        problems = rules.instrument_problems(_build_rules(version))
        expectations = expectations_of(version)
        if expectations is not None:
            problems += rules.expectation_problems(
                expectations, SectoralModule.objects.values_list("slug", flat=True)
            )
        if problems:
            raise DomainError(
                _("%(version)s cannot be published: %(problems)s")
                % {"version": version, "problems": " ".join(problems)}
            )
        version.state = InstrumentVersion.State.PUBLISHED
        version.published_at = now or timezone.now()
        version.save()
        audit.record(actor, "publish_instrument_version", version, after={"number": version.number})


def draft_new_version(
    actor: Any, version: InstrumentVersion, effective_from: dt.date, notes: str = ""
) -> InstrumentVersion:
    """Copy a version, its sections and questions into the next draft, comparable with it
    section by section until its editor changes the map."""
    permissions.require_secretariat(actor, "draft an instrument version")
    check_date(effective_from, "effective_from")
    with transaction.atomic():
        # The next number is read under the instrument's row lock: two drafts at once get
        # consecutive numbers instead of colliding on the unique (instrument, number).
        Instrument.objects.select_for_update().filter(pk=version.instrument_id).first()
        number = (
            InstrumentVersion.objects.filter(instrument=version.instrument)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
            or 0
        ) + 1
        draft = InstrumentVersion.objects.create(
            instrument=version.instrument,
            number=number,
            effective_from=effective_from,
            levels=version.levels,
            expectations=version.expectations,
            comparable_to=version,
            notes=notes,
        )
        for section in Section.objects.filter(version=version).prefetch_related("questions"):
            copy = Section.objects.create(
                version=draft,
                slug=section.slug,
                name=section.name,
                description=section.description,
                weight=section.weight,
                position=section.position,
            )
            Question.objects.bulk_create(
                Question(
                    section=copy,
                    code=q.code,
                    position=q.position,
                    type=q.type,
                    text=q.text,
                    help=q.help,
                    weight=q.weight,
                    required=q.required,
                    evidence=q.evidence,
                    config=q.config,
                )
                for q in section.questions.all()
            )
        draft.section_map = {
            s: s for s in Section.objects.filter(version=draft).values_list("slug", flat=True)
        }
        draft.save()
        audit.record(actor, "draft_instrument_version", draft, after={"from": version.number})
    return draft


def _version_of(part: InstrumentVersion | Section | Question) -> InstrumentVersion:
    if isinstance(part, InstrumentVersion):
        return part
    if isinstance(part, Section):
        return part.version
    return part.section.version


def _lock_draft(part: InstrumentVersion | Section | Question) -> InstrumentVersion:
    version = InstrumentVersion.objects.select_for_update().get(pk=_version_of(part).pk)
    if version.published:
        raise FrozenVersion(version)
    return version


def save_draft_part(
    actor: Any, part: InstrumentVersion | Section | Question, changed: list[str] | None = None
) -> None:
    """Save a change to a draft version, one of its sections or questions (the admin's
    forms): checked on the version's locked row (a version published meanwhile is frozen),
    recorded as one audit event."""
    permissions.require_secretariat(actor, "edit an instrument version")
    with transaction.atomic():
        version = _lock_draft(part)
        created = part.pk is None
        part.save()
        audit.record(
            actor,
            "edit_draft_version",
            version,
            after={
                "part": f"{part._meta.model_name} {part}",
                "created": created,
                "changed": sorted(changed or []),
            },
        )


def delete_draft_part(actor: Any, part: InstrumentVersion | Section | Question) -> None:
    """Delete a draft version, or a section or question of one (never of a published one)."""
    permissions.require_secretariat(actor, "edit an instrument version")
    with transaction.atomic():
        version = _lock_draft(part)
        audit.record(
            actor,
            "delete_draft_version" if isinstance(part, InstrumentVersion) else "edit_draft_version",
            version,
            before={"part": f"{part._meta.model_name} {part}"},
        )
        part.delete()


def peer_policy_problems(
    effective_from: dt.date, minimum_peers: int, population_bands: Any, today: dt.date
) -> list[str]:
    """What stands in the way of a new peer policy (the admin's form shows the same)."""
    problems = []
    try:
        check_date(effective_from, "effective_from")
    except DomainError as refused:
        problems.append(refused.message)
    else:
        if effective_from < today:
            problems.append(
                f"A new peer policy starts today ({today}) or later; earlier benchmarks keep "
                "theirs."
            )
    if not MIN_PEERS <= minimum_peers <= MAX_PEERS:
        problems.append(
            f"Minimum peers: choose from {MIN_PEERS} to {MAX_PEERS} (fewer would let a peer "
            "figure reveal a city)."
        )
    problems += [f"Population bands: {p}" for p in rules.population_band_problems(population_bands)]
    if PeerPolicy.objects.filter(effective_from=effective_from).exists():
        problems.append(f"A peer policy already starts on {effective_from}.")
    return problems


def adopt_peer_policy(
    actor: Any,
    effective_from: dt.date,
    minimum_peers: int,
    population_bands: list[dict[str, Any]],
    *,
    today: dt.date | None = None,
) -> PeerPolicy:
    """A new peer policy from a date: the fewest peers an aggregate is shown for (also the
    number of different scores the unnamed peers must hold, rules.release_peers) and the
    population bands. Policies are dated rows, never edited: a benchmark uses the policy of
    its assessment's date, so a new one starts today or later."""
    permissions.require_secretariat(actor, "adopt a peer policy")
    problems = peer_policy_problems(
        effective_from, minimum_peers, population_bands, today or timezone.localdate()
    )
    if problems:
        raise DomainError(" ".join(problems))
    try:
        with transaction.atomic():
            policy = PeerPolicy.objects.create(
                effective_from=effective_from,
                minimum_peers=minimum_peers,
                population_bands=population_bands,
            )
            audit.record(
                actor,
                "adopt_peer_policy",
                policy,
                after={
                    "effective_from": effective_from,
                    "minimum_peers": minimum_peers,
                    "population_bands": population_bands,
                },
            )
    except IntegrityError:  # the unique date decides between two adoptions at once
        raise DomainError(
            f"A peer policy already starts on {effective_from}.", status=409
        ) from None
    return policy


MIN_PEERS, MAX_PEERS = 3, 100


def translate_content(actor: Any, part: Any, changed: list[str] | None = None) -> None:
    """Save the translations the Secretariat wrote in the admin for a piece of instrument
    content (a question of a published version, a module's guideline, ...): only the columns
    of languages other than English may change, so a published version stays comparable."""
    permissions.require_secretariat(actor, "translate assessment content")
    with transaction.atomic():
        translated.save_translations(part)
        audit.record(
            actor,
            "translate_content",
            part,
            after={"part": f"{part._meta.model_name} {part}", "changed": sorted(changed or [])},
        )
