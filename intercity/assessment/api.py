"""Self-assessment API: the instruments and sectoral modules (public), a what-if score that
saves nothing (public), and a city's assessments: create, save, submit, review, result and
peer benchmark (session login; a city's officers and the Secretariat)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import TypeAdapter, ValidationError

from intercity.accounts.api_auth import signed_in
from intercity.assessment import results, rules, services
from intercity.assessment.models import (
    AUTHORED_BY_PLATFORM,
    WRITTEN_FOR_PLATFORM,
    Assessment,
    Instrument,
    InstrumentVersion,
    SectoralModule,
)
from intercity.core.bounds import DbId, Year
from intercity.core.errors import DomainError
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.network import services as registry

router = Router(tags=["assessment"])
_DB_ID: TypeAdapter[int] = TypeAdapter(DbId)

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store NUL in text


ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
AUTH_ERRORS: dict[int, Any] = {**ERRORS, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut}


# --- Instruments ------------------------------------------------------------------------------


class LevelOut(Schema):
    level: int
    name: str
    min_score: str = Field(description="Inclusive minimum of the 0-100 score, exact.")
    description: str


class QuestionOut(Schema):
    id: str = Field(description="The question's code, the key of its answer.")
    type: str = Field(description="scale, yes-no, single-choice, multiple-choice, number, text")
    text: str
    help: str
    weight: str
    required: bool
    evidence: str = Field(description="none, optional or required")
    scale: dict[str, Any] | None = None
    options: list[dict[str, Any]] | None = None
    unit: str | None = None
    min: str | None = None
    max: str | None = None


class SectionOut(Schema):
    slug: str
    name: str
    description: str
    weight: str
    questions: list[QuestionOut]


class InstrumentOut(Schema):
    slug: str
    name: str
    description: str
    version: int
    effective_from: dt.date
    levels: list[LevelOut]
    sections: list[SectionOut]
    statuses: list[str] | None = Field(
        None, description="Statuses of a sectoral system, lowest first (CeDS only)."
    )
    sets_targets: bool = Field(
        False, description="A submission needs a target level per section and a target year."
    )
    authored_by: str = Field(
        AUTHORED_BY_PLATFORM,
        description="'platform': the questions, labels, level descriptions and thresholds were "
        "written for this platform, not taken from the original instrument",
    )
    authorship: str = Field("", description="Who wrote this content, in words")


def _plain(value: Decimal) -> str:
    """3.000 -> "3", 1.500 -> "1.5", 10 -> "10" (never "1E+1")."""
    return format(value.normalize(), "f")


def _question(question: Any) -> dict[str, Any]:
    config = question.config or {}
    out: dict[str, Any] = {
        "id": question.code,
        "type": question.type,
        "text": question.text,
        "help": question.help,
        "weight": _plain(question.weight),
        "required": question.required,
        "evidence": question.evidence,
    }
    if "scale" in config:
        out["scale"] = config["scale"]
    if "options" in config:
        out["options"] = [
            {
                "value": o["value"],
                "label": o["label"],
                "score": str(o["score"]),
                "exclusive": bool(o.get("exclusive", False)),
            }
            for o in config["options"]
        ]
    if question.type == "number":
        out["unit"] = str(config.get("unit", ""))
        out["min"] = None if config.get("min") is None else str(config["min"])
        out["max"] = None if config.get("max") is None else str(config["max"])
    return out


def _instrument(version: InstrumentVersion) -> dict[str, Any]:
    expectations = services.expectations_of(version)
    return {
        "slug": version.instrument.slug,
        "name": version.instrument.name,
        "description": version.instrument.description,
        "version": version.number,
        "effective_from": version.effective_from,
        "levels": [
            {
                "level": lv["level"],
                "name": lv["name"],
                "min_score": str(lv["min_score"]),
                "description": lv.get("description", ""),
            }
            for lv in version.levels
        ],
        "sections": [
            {
                "slug": s.slug,
                "name": s.name,
                "description": s.description,
                "weight": _plain(s.weight),
                "questions": [_question(q) for q in s.questions.all()],
            }
            for s in version.sections.prefetch_related("questions")
        ],
        "statuses": list(expectations.statuses) if expectations else None,
        "sets_targets": version.instrument.sets_targets,
        "authored_by": AUTHORED_BY_PLATFORM,
        "authorship": str(WRITTEN_FOR_PLATFORM["instrument"]),
    }


@router.get(
    "/assessment/instruments",
    response={200: list[InstrumentOut], 400: ErrorOut},
    summary="The assessment instruments in force",
    description="Each instrument (`ceds`, `maturity-benchmark`) with the version in force "
    "today: its levels, sections and questions with their answer types.",
)
def instruments(request: HttpRequest) -> list[dict[str, Any]]:
    today = timezone.localdate()
    found = []
    for instrument in Instrument.objects.all():
        try:
            found.append(_instrument(services.current_version(instrument, today)))
        except DomainError:
            continue  # nothing published yet
    return found


class ModuleOut(Schema):
    slug: str
    number: int
    name: str
    summary: str
    related_factors: list[str]
    group: str | None
    guideline: dict[str, Any]
    authored_by: str = Field(
        AUTHORED_BY_PLATFORM,
        description="'platform': the summary and guideline were written for this platform",
    )
    authorship: str = Field("", description="Who wrote this content, in words")


@router.get(
    "/assessment/sectoral-modules",
    response={200: list[ModuleOut], 400: ErrorOut},
    summary="The 12 sectoral modules and their implementation guidelines (seed 001)",
)
def sectoral_modules(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "slug": m.slug,
            "number": m.number,
            "name": m.name,
            "summary": m.summary,
            "related_factors": list(m.related_factors),
            "group": m.group.slug if m.group else None,
            "guideline": m.guideline,
            "authored_by": AUTHORED_BY_PLATFORM,
            "authorship": str(WRITTEN_FOR_PLATFORM["module"]),
        }
        for m in SectoralModule.objects.select_related("group")
    ]


# --- What-if scoring ----------------------------------------------------------------------------


class ScoreIn(Schema):
    answers: dict[str, Any] = Field(default_factory=dict, description="{question id: answer}")
    systems: dict[str, Any] = Field(
        default_factory=dict,
        description="CeDS: {module slug: none|planned|pilot|operating}; a module left out is none.",
    )


class GapOut(Schema):
    module: str
    expected: str
    current: str
    since_level: int


class RecommendationOut(Schema):
    module: str
    priority: int
    tier: str = Field(description="overdue, expected or next-level")
    reason: str


class ScoreOut(Schema):
    instrument: str
    version: int
    score: str | None = Field(description="0-100 to one decimal")
    score_exact: str | None = Field(description="The exact score as a fraction")
    level: int | None
    level_name: str
    factor_scores: dict[str, str | None]
    factor_levels: dict[str, int | None]
    gaps: list[GapOut]
    recommendations: list[RecommendationOut]
    explanation: str
    provisional: bool = Field(
        False, description="A draft's progress, scored from what is answered so far"
    )


def _score_out(
    slug: str, version: InstrumentVersion, data: dict[str, Any], provisional: bool = False
) -> dict[str, Any]:
    exact = data["score"]
    return {
        "instrument": slug,
        "version": version.number,
        "score": rules.show(rules.parse_fraction(exact, "score")) if exact else None,
        "score_exact": exact,
        "level": data["level"],
        "level_name": data["level_name"],
        "factor_scores": {
            s["slug"]: rules.show(rules.parse_fraction(s["score"], "score")) if s["score"] else None
            for s in data["sections"]
        },
        "factor_levels": {s["slug"]: s["level"] for s in data["sections"]},
        "gaps": data["gaps"],
        "recommendations": data["recommendations"],
        "explanation": data["explanation"],
        "provisional": provisional,
    }


@router.post(
    "/assessment/instruments/{slug}/score",
    response={200: ScoreOut, **ERRORS},
    summary="Score answers without saving (a what-if)",
    description="Scores a complete set of answers with the version in force: factor scores, "
    "the maturity level and, for CeDS, the gap to the systems expected at that level and the "
    "recommended sectoral modules in priority order. Missing or invalid answers are a 422 "
    "naming each question.",
)
def score(request: HttpRequest, slug: str, payload: ScoreIn) -> dict[str, Any]:
    version = services.current_version(services.get_instrument(slug), timezone.localdate())
    evaluation = services.evaluate(version, payload.answers, payload.systems)
    return _score_out(slug, version, services.snapshot(evaluation))


# --- A city's assessments ---------------------------------------------------------------------


class ReviewOut(Schema):
    verdict: str
    comment: str
    at: dt.datetime


class EvidenceOut(Schema):
    question: str
    name: str
    link: str | None
    size: int


class AssessmentOut(Schema):
    id: int
    organisation: OrganisationRef
    network: str
    instrument: str
    version: int
    year: int
    status: str
    answers: dict[str, Any]
    systems: dict[str, str]
    targets: dict[str, int]
    target_year: int | None
    share_with_peers: bool
    demo: bool
    level: int | None
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    reviews: list[ReviewOut]
    evidence: list[EvidenceOut]


def _assessment(item: Assessment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "organisation": {
            "id": item.organisation_id,
            "name": item.organisation.name,
            "country": str(item.organisation.country or ""),
        },
        "network": item.network.slug,
        "instrument": item.instrument.slug,
        "version": item.version.number,
        "year": item.year,
        "status": item.status,
        "answers": item.answers,
        "systems": item.systems,
        "targets": item.targets,
        "target_year": item.target_year,
        "share_with_peers": item.share_with_peers,
        "demo": item.demo,
        "level": item.level,
        "submitted_at": item.submitted_at,
        "decided_at": item.decided_at,
        "reviews": [
            {"verdict": r.verdict, "comment": r.comment, "at": r.at} for r in item.reviews.all()
        ],
        "evidence": [
            {"question": e.question_code, "name": e.name, "link": e.link or None, "size": e.size}
            for e in item.evidence.all()
        ],
    }


class AssessmentFilter(Schema):
    organisation: DbId | None = None
    instrument: str | None = Field(None, max_length=60, pattern=NO_NUL)
    status: str | None = Field(None, max_length=20, pattern=NO_NUL)


@router.get(
    "/assessment/assessments",
    response={200: list[AssessmentOut], **AUTH_ERRORS},
    auth=signed_in,
    summary="Assessments you may see (your city's; every city's for the Secretariat)",
)
def list_assessments(request: HttpRequest, wanted: Query[AssessmentFilter]) -> list[dict[str, Any]]:
    found = services.assessments_visible_to(request.user).prefetch_related("reviews", "evidence")
    if wanted.organisation:
        found = found.filter(organisation_id=wanted.organisation)
    if wanted.instrument:
        found = found.filter(instrument__slug=wanted.instrument)
    if wanted.status:
        if wanted.status not in Assessment.Status.values:
            raise DomainError(
                _("Unknown status; use one of %(statuses)s.")
                % {"statuses": ", ".join(Assessment.Status.values)}
            )
        found = found.filter(status=wanted.status)
    return [_assessment(a) for a in found[:500]]


class StartIn(Schema):
    organisation: DbId
    network: str = Field(
        ..., max_length=60, pattern=NO_NUL, description="The network that reviews it, e.g. wego"
    )
    instrument: str = Field(
        ..., max_length=60, pattern=NO_NUL, description="ceds or maturity-benchmark"
    )
    year: Year


@router.post(
    "/assessment/assessments",
    response={201: AssessmentOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="Start a city's assessment for a year (a draft)",
)
def start(request: HttpRequest, payload: StartIn) -> Status[dict[str, Any]]:
    assessment = services.start_assessment(
        request.user,
        registry.get_organisation(payload.organisation),
        registry.get_network(payload.network),
        payload.instrument,
        payload.year,
    )
    return Status(201, _assessment(assessment))


@router.get(
    "/assessment/assessments/{assessment_id}",
    response={200: AssessmentOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="One assessment with its answers, evidence and reviews",
)
def one(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    return _assessment(services.get_assessment(request.user, assessment_id))


class SaveIn(Schema):
    answers: dict[str, Any] | None = Field(None, description="Answers to set; null or '' clears")
    systems: dict[str, Any] | None = None
    targets: dict[str, Any] | None = Field(None, description="Maturity model: {dimension: level}")
    target_year: Year | None = None
    share_with_peers: bool | None = None


@router.patch(
    "/assessment/assessments/{assessment_id}",
    response={200: AssessmentOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="Save a draft's answers (all or nothing: any invalid value is a 422 naming it)",
)
def save(request: HttpRequest, assessment_id: int, payload: SaveIn) -> dict[str, Any]:
    assessment = services.get_assessment(request.user, assessment_id)
    given = payload.model_fields_set
    services.save_answers(
        request.user,
        assessment,
        answers=payload.answers,
        systems=payload.systems,
        targets=payload.targets,
        target_year=payload.target_year if "target_year" in given else services.KEEP,
        share_with_peers=payload.share_with_peers,
    )
    return _assessment(assessment)


@router.post(
    "/assessment/assessments/{assessment_id}/submit",
    response={200: AssessmentOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="Submit for the Secretariat's review (422 naming each missing answer)",
)
def submit(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    assessment = services.get_assessment(request.user, assessment_id)
    return _assessment(services.submit(request.user, assessment))


class ReviewIn(Schema):
    verdict: str = Field(..., max_length=20, pattern=NO_NUL, description="accepted or returned")
    comment: str = Field("", max_length=5000, pattern=NO_NUL, description="Required when returning")


@router.post(
    "/assessment/assessments/{assessment_id}/review",
    response={200: AssessmentOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="Accept a submission, or return it with comments (Secretariat)",
)
def review(request: HttpRequest, assessment_id: int, payload: ReviewIn) -> dict[str, Any]:
    assessment = services.get_assessment(request.user, assessment_id)
    return _assessment(services.review(request.user, assessment, payload.verdict, payload.comment))


@router.get(
    "/assessment/assessments/{assessment_id}/result",
    response={200: ScoreOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="The result: as scored at submission, or a draft's progress so far",
)
def result(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    assessment = services.get_assessment(request.user, assessment_id)
    if assessment.result:
        data = assessment.result
    else:
        data = services.snapshot(
            services.evaluate(
                assessment.version, assessment.answers, assessment.systems, complete=False
            )
        )
    return _score_out(
        assessment.instrument.slug, assessment.version, data, provisional=not assessment.result
    )


class BenchmarkQuery(Schema):
    by: str = Field(
        "region", max_length=20, pattern=NO_NUL, description="region, population, cities or all"
    )
    cities: str = Field(
        "",
        max_length=4000,
        pattern=NO_NUL,
        description="Comma-separated organisation ids (at most 200)",
    )


class StatsOut(Schema):
    count: int
    minimum: str
    lower_quartile: str
    median: str
    upper_quartile: str
    maximum: str


class BenchmarkLineOut(Schema):
    section: str
    name: str
    own: str | None
    peers: StatsOut | None
    percentile: str | None = Field(description="Share of peers scored above, ties as half")
    position: str | None
    target_level: int | None
    withheld: str = Field("", description="Why this section's statistics are not shown")


class NamedPeerOut(Schema):
    name: str
    year: int
    level: int | None
    scores: dict[str, str | None]


class BenchmarkOut(Schema):
    basis: str
    peer_count: int
    minimum_peers: int
    withheld: str
    lines: list[BenchmarkLineOut]
    named_peers: list[NamedPeerOut] = Field(description="Only peers that opted in")


@router.get(
    "/assessment/assessments/{assessment_id}/benchmark",
    response={200: BenchmarkOut, **AUTH_ERRORS},
    auth=signed_in,
    summary="Position against peers per section: median and quartiles, no other city's answers",
)
def benchmark(
    request: HttpRequest, assessment_id: int, wanted: Query[BenchmarkQuery]
) -> dict[str, Any]:
    assessment = services.get_assessment(request.user, assessment_id)
    cities = _ids(wanted.cities)
    found = results.benchmark(assessment, wanted.by, cities)
    return {
        "basis": found.basis,
        "peer_count": found.peer_count,
        "minimum_peers": found.minimum_peers,
        "withheld": found.withheld,
        "lines": [
            {
                "section": line.slug,
                "name": line.name,
                "own": rules.show(line.own) if line.own is not None else None,
                "peers": {
                    "count": line.stats.count,
                    "minimum": rules.show(line.stats.minimum),
                    "lower_quartile": rules.show(line.stats.lower_quartile),
                    "median": rules.show(line.stats.median),
                    "upper_quartile": rules.show(line.stats.upper_quartile),
                    "maximum": rules.show(line.stats.maximum),
                }
                if line.stats
                else None,
                "percentile": rules.show(line.position.percentile) if line.position else None,
                "position": line.position.words if line.position else None,
                "target_level": line.target,
                "withheld": line.withheld,
            }
            for line in found.lines
        ],
        "named_peers": [
            {
                "name": peer.name,
                "year": peer.year,
                "level": peer.level,
                "scores": {
                    k: rules.show(v) if v is not None else None for k, v in peer.scores.items()
                },
            }
            for peer in found.named
        ],
    }


MAX_CHOSEN_CITIES = 200


def _ids(text: str) -> list[int]:
    """The chosen cities' ids: at most MAX_CHOSEN_CITIES, each a database id (core.bounds)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > MAX_CHOSEN_CITIES:
        raise DomainError(
            _("cities: choose at most %(count)s cities.") % {"count": MAX_CHOSEN_CITIES}
        )
    ids = []
    for part in parts:
        try:
            if not (part.isascii() and part.isdigit()) or len(part) > 19:
                raise ValueError(part)
            ids.append(_DB_ID.validate_python(int(part)))
        except (ValueError, ValidationError):
            raise DomainError(
                _("cities: '%(value)s' is not an organisation id.") % {"value": part[:20]}
            ) from None
    return ids
