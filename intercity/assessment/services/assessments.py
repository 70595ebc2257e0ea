"""A city's assessments: who may see and change them; start, save, evidence, evaluation,
submission, review and sharing.

Part of `assessment.services`, which re-exports every name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.assessment import rules
from intercity.assessment.models import (
    Assessment,
    EvidenceItem,
    InstrumentVersion,
    Review,
    ReviewComment,
    SectoralModule,
)
from intercity.assessment.services.instruments import (
    AnswerProblems,
    _user,
    current_version,
    expectations_of,
    get_instrument,
    instrument_rules,
    sectoral_modules,
)
from intercity.core import audit, images
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.network import services as registry
from intercity.network.models import Network, Organisation

# --- Who may see and change an assessment -----------------------------------------------------


def may_view(actor: Any, assessment: Assessment) -> bool:
    return permissions.can_edit_organisation(actor, assessment.organisation_id)


def require_view(actor: Any, assessment: Assessment) -> None:
    if not may_view(actor, assessment):
        raise PermissionDenied(
            _("Only the officers of %(city)s and the Secretariat may see this assessment.")
            % {"city": assessment.organisation}
        )


def _require_edit(actor: Any, assessment: Assessment) -> None:
    require_view(actor, assessment)
    if not assessment.editable:
        raise DomainError(
            _("This assessment is %(status)s and cannot be changed.")
            % {"status": assessment.get_status_display().lower()},
            status=409,
        )


def _lock(assessment: Assessment) -> Assessment:
    """Re-read the assessment under a row lock inside the caller's transaction: the state a
    change checks is the one the database holds until it commits, not a copy loaded before
    (twenty submits at once must give one submission)."""
    assessment.refresh_from_db(from_queryset=Assessment.objects.select_for_update())
    return assessment


def assessments_visible_to(actor: Any) -> QuerySet[Assessment]:
    found = Assessment.objects.select_related("organisation", "instrument", "version", "network")
    if permissions.is_secretariat(actor):
        return found
    return found.filter(organisation_id__in=permissions.officer_organisation_ids(actor))


def waiting_for_review(actor: Any) -> QuerySet[Assessment]:
    """The submitted assessments the Secretariat has still to review, the longest waiting
    first; nothing for anyone else."""
    if not permissions.is_secretariat(actor):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
        .select_related("organisation", "instrument", "network")
        .order_by("submitted_at", "pk")
    )


def own_cities_assessments(actor: Any) -> QuerySet[Assessment]:
    """The assessments of the cities a person is an officer of (not every city's, as for the
    Secretariat), newest year first."""
    return (
        Assessment.objects.filter(organisation_id__in=permissions.officer_organisation_ids(actor))
        .select_related("organisation", "instrument", "network")
        .order_by("organisation__name", "-year", "instrument__position")
    )


def get_assessment(actor: Any, assessment_id: int) -> Assessment:
    try:
        assessment = Assessment.objects.select_related(
            "organisation", "instrument", "version", "network"
        ).get(pk=assessment_id)
    except Assessment.DoesNotExist:
        raise NotFound(_("No assessment %(id)s.") % {"id": assessment_id}) from None
    require_view(actor, assessment)
    return assessment


# --- Assessments ----------------------------------------------------------------------------------


def start_assessment(
    actor: Any,
    organisation: Organisation,
    network: Network,
    instrument_slug: str,
    year: int,
    *,
    today: dt.date | None = None,
    demo: bool = False,
) -> Assessment:
    """A city begins an assessment for a year with the version in force; one per instrument
    and year (a returned one is reopened, not started again)."""
    today = today or timezone.localdate()
    if not permissions.can_edit_organisation(actor, organisation.pk):
        raise PermissionDenied(
            _("Only the officers of %(city)s and the Secretariat may do this.")
            % {"city": organisation}
        )
    if registry.current_period(network, organisation) is None:
        raise DomainError(
            _("%(city)s is not a member of %(network)s.")
            % {"city": organisation, "network": network.short_name}
        )
    if not today.year - 10 <= year <= today.year:
        raise DomainError(
            _("Choose a year from %(first)s to %(last)s.")
            % {"first": today.year - 10, "last": today.year}
        )
    instrument = get_instrument(instrument_slug)
    version = current_version(instrument, today)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organisation=organisation,
                network=network,
                instrument=instrument,
                version=version,
                year=year,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                demo=demo,
            )
            audit.record(
                actor,
                "start_assessment",
                assessment,
                after={"version": version.number, "year": year},
            )
    except IntegrityError:
        raise DomainError(
            _("%(city)s already has a %(name)s assessment for %(year)s.")
            % {"city": organisation, "name": instrument.name, "year": year},
            status=409,
        ) from None
    return assessment


KEEP: Any = object()  # "leave as it is" for save_answers' optional arguments


def save_answers(
    actor: Any,
    assessment: Assessment,
    *,
    answers: Mapping[str, Any] | None = None,
    systems: Mapping[str, Any] | None = None,
    targets: Mapping[str, Any] | None = None,
    target_year: Any = KEEP,
    share_with_peers: bool | None = None,
    keep_valid: bool = False,
) -> Assessment:
    """Save a draft: the answers given replace those stored (an empty value clears one).
    Every value is checked first; if any is wrong nothing is saved and each problem is named.
    With `keep_valid` (the pages: a person filling a step should not lose nine good answers
    to one bad one), the valid answers are saved, each refused answer keeps its stored value,
    and the refusal is raised after the commit with `saved` true.
    The stored answers are read under a row lock, so two saves at once (two tabs, autosave
    and a button) each keep the other's answers."""
    refused = _save_answers(
        actor, assessment, answers, systems, targets, target_year, share_with_peers, keep_valid
    )
    if refused:
        raise AnswerProblems(refused, saved=True)
    return assessment


def _save_answers(
    actor: Any,
    assessment: Assessment,
    answers: Mapping[str, Any] | None,
    systems: Mapping[str, Any] | None,
    targets: Mapping[str, Any] | None,
    target_year: Any,
    share_with_peers: bool | None,
    keep_valid: bool,
) -> list[rules.Problem]:
    with transaction.atomic():
        assessment.refresh_from_db(from_queryset=Assessment.objects.select_for_update())
        _require_edit(actor, assessment)
        instrument = instrument_rules(assessment.version)
        clean, problems = rules.check_answers(
            instrument, {**assessment.answers, **(answers or {})}, complete=False
        )
        new_systems = assessment.systems
        if systems:
            expectations = expectations_of(assessment.version)
            if expectations is None:
                problems.append(
                    rules.Problem("systems", "this instrument records no sectoral systems")
                )
            else:
                new_systems, found = rules.check_systems(
                    expectations,
                    SectoralModule.objects.values_list("slug", flat=True),
                    {**assessment.systems, **systems},
                )
                problems += found
        new_targets = dict(assessment.targets)
        for slug, value in (targets or {}).items():
            if value in (None, ""):
                new_targets.pop(slug, None)
            else:
                new_targets[slug] = value
        new_year: int | None = assessment.target_year
        if target_year is not KEEP:
            try:
                new_year = int(target_year) if target_year not in (None, "") else None
            except (TypeError, ValueError):
                problems.append(rules.Problem("target_year", "enter a year"))
        if targets is not None or target_year is not KEEP:
            problems += rules.target_problems(instrument, assessment.year, new_targets, new_year)
        known = {q.code for _section, q in instrument.questions()}
        refused = [p for p in problems if p.code in known]
        if problems and not (keep_valid and refused == problems):
            raise AnswerProblems(problems)
        for problem in refused:
            # The refused answer keeps the value stored before (if any): never half-typed.
            if problem.code in assessment.answers:
                clean[problem.code] = assessment.answers[problem.code]
        first_answers = not assessment.answers and clean
        assessment.answers = clean
        assessment.systems = new_systems
        assessment.targets = {k: int(v) for k, v in new_targets.items()}
        assessment.target_year = new_year
        if share_with_peers is not None:
            assessment.share_with_peers = share_with_peers
        assessment.save()
        # Drafts are saved often (autosave): the audit trail keeps the milestones (begun,
        # submitted, reviewed), not every keystroke.
        if first_answers:
            audit.record(actor, "begin_answering", assessment, after={"answered": len(clean)})
    return refused


# --- Evidence -----------------------------------------------------------------------------

# Types recognised by their first bytes, with the file name endings they may carry.
EVIDENCE_TYPES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "application/zip": (b"PK\x03\x04", (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")),
}


def evidence_type(name: str, head: bytes) -> str | None:
    lowered = name.lower()
    for content_type, (magic, endings) in EVIDENCE_TYPES.items():
        if head.startswith(magic) and lowered.endswith(endings):
            return content_type
    return None


def _evidence_file(upload: UploadedFile) -> tuple[str, File[Any], int, str]:
    """The upload as it will be stored: checked by content and size; an image re-encoded
    from its pixels alone (a phone's photo carries its GPS position, the camera's make and
    serial number, an editor's comments: none of that is evidence)."""
    limit = settings.ASSESSMENT_EVIDENCE_MAX_BYTES
    name = (upload.name or "evidence")[-200:]
    if upload.size is not None and upload.size > limit:
        raise DomainError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            status=413,
        )
    head = upload.read(8)
    upload.seek(0)
    content_type = evidence_type(name, head)
    if content_type is None:
        raise DomainError(
            _(
                "%(name)s is not a PDF, PNG or JPEG image, or office document "
                "(.docx, .xlsx, .pptx, .odt, .ods, .odp) whose content matches its name."
            )
            % {"name": name},
            status=415,
        )
    if not content_type.startswith("image/"):
        return name, upload, upload.size or 0, content_type
    clean = images.sanitise(
        upload.read(limit + 1), max_bytes=limit, name=name, keep_png=True, max_side=None
    )
    content_type = "image/png" if clean.format == "PNG" else "image/jpeg"
    return name, ContentFile(clean.content), len(clean.content), content_type


def attach_evidence(
    actor: Any,
    assessment: Assessment,
    question_code: str,
    *,
    upload: UploadedFile | None = None,
    link: str = "",
) -> EvidenceItem:
    """A document (PDF, image, office file; checked by content and size) or a link for one
    answer, while the assessment may change (checked on its locked row: evidence added
    after a submission would not be what was reviewed)."""
    require_view(actor, assessment)
    instrument = instrument_rules(assessment.version)
    question = next((q for _section, q in instrument.questions() if q.code == question_code), None)
    if question is None:
        raise DomainError(
            _("%(code)s is not a question of this assessment.") % {"code": question_code[:20]}
        )
    if question.evidence == rules.Evidence.NONE:
        raise DomainError(_("%(code)s takes no evidence.") % {"code": question_code})
    if (upload is None) == (not link.strip()):
        raise DomainError(_("Give either a file or a link."))
    if upload is not None:
        name, content, size, content_type = _evidence_file(upload)
        item = EvidenceItem(
            assessment=assessment,
            question_code=question_code,
            name=name,
            size=size,
            content_type=content_type,
            uploaded_by=_user(actor),
        )
    else:
        url = link.strip()
        if not url.startswith(("https://", "http://")) or len(url) > 500:
            raise DomainError(
                _("A link must start with https:// or http:// (500 characters at most).")
            )
        item = EvidenceItem(
            assessment=assessment,
            question_code=question_code,
            link=url,
            name=url[:200],
            uploaded_by=_user(actor),
        )
    with transaction.atomic():
        _lock(assessment)
        _require_edit(actor, assessment)
        if upload is not None:
            item.file.save(name, content, save=False)
        item.save()
        audit.record(
            actor,
            "attach_evidence",
            assessment,
            after={"question": question_code, "name": item.name},
        )
    return item


def remove_evidence(actor: Any, item: EvidenceItem) -> None:
    """Remove a document or link while the assessment may change; checked on the locked
    assessment (a removal racing a submission either comes first or is refused) and on the
    item as stored (two removals at once remove it once)."""
    with transaction.atomic():
        _lock(item.assessment)
        _require_edit(actor, item.assessment)
        if not EvidenceItem.objects.select_for_update().filter(pk=item.pk).exists():
            raise NotFound(_("This evidence has already been removed."))
        audit.record(
            actor,
            "remove_evidence",
            item.assessment,
            before={"question": item.question_code, "name": item.name},
        )
        stored = item.file
        item.delete()
        if stored:
            # The file goes once the removal is committed, not before it might roll back.
            transaction.on_commit(lambda: stored.delete(save=False))


# --- Evaluation, submission and review ------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """A scored assessment: the result, and for CeDS the gap and the recommendations."""

    result: rules.Result
    gaps: tuple[rules.Gap, ...]
    recommendations: tuple[rules.Recommendation, ...]
    systems: Mapping[str, str]


def evaluate(
    version: InstrumentVersion,
    answers: Mapping[str, Any],
    systems: Mapping[str, Any] | None = None,
    *,
    complete: bool = True,
) -> Evaluation:
    """Score answers and systems without saving (the what-if of the API, and submission).
    With `complete`, any problem is refused with each question named."""
    instrument = instrument_rules(version)
    result = rules.score(instrument, answers, complete=complete)
    problems = list(result.problems)
    expectations = expectations_of(version)
    clean_systems: dict[str, str] = {}
    if expectations is not None:
        modules = sectoral_modules()
        clean_systems, found = rules.check_systems(
            expectations, [m.slug for m in modules], systems or {}
        )
        problems += found
    elif systems:
        problems.append(rules.Problem("systems", _("this instrument records no sectoral systems")))
    if complete and problems:
        raise AnswerProblems(problems)
    if expectations is None or result.level is None:
        return Evaluation(result, (), (), clean_systems)
    level = result.level.level
    recommendations = rules.recommend(
        expectations,
        modules,
        level,
        clean_systems,
        {s.slug: s.score for s in result.sections},
        {s.slug: s.name for s in result.sections},
        {lv.level: lv.name for lv in instrument.levels},
    )
    return Evaluation(
        result,
        tuple(rules.gaps(expectations, level, clean_systems)),
        tuple(recommendations),
        clean_systems,
    )


def _fraction_text(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def snapshot(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as stored with a submitted assessment (fractions kept exact)."""
    result = evaluation.result
    return {
        "score": _fraction_text(result.score),
        "level": result.level.level if result.level else None,
        "level_name": result.level.name if result.level else "",
        "sections": [
            {
                "slug": s.slug,
                "name": s.name,
                "score": _fraction_text(s.score),
                "level": s.level.level if s.level else None,
                "answered": s.answered,
                "scored": s.scored,
                "explanation": s.explanation,
            }
            for s in result.sections
        ],
        "explanation": result.explanation,
        "gaps": [
            {
                "module": g.module,
                "expected": g.expected,
                "current": g.current,
                "since_level": g.since_level,
            }
            for g in evaluation.gaps
        ],
        "recommendations": [
            {"module": r.module, "priority": r.priority, "tier": r.tier, "reason": r.reason}
            for r in evaluation.recommendations
        ],
    }


def submission_problems(assessment: Assessment) -> tuple[Evaluation | None, list[rules.Problem]]:
    """What stands between a draft and its submission: each required question unanswered or
    invalid, required evidence missing, and (maturity model) targets two to five years
    ahead, none below the current level. With no problem, the evaluation to keep."""
    try:
        evaluation = evaluate(assessment.version, assessment.answers, assessment.systems)
    except AnswerProblems as refused:
        evaluation, problems = None, list(refused.problems)
    else:
        problems = []
    instrument = instrument_rules(assessment.version)
    given = set(assessment.evidence.values_list("question_code", flat=True))
    clean, _refused = rules.check_answers(instrument, assessment.answers, complete=False)
    problems += [
        rules.Problem(
            q.code,
            _("this question requires evidence: attach a document or a link"),
            evidence=True,
        )
        for _section, q in instrument.questions()
        if rules.evidence_for(q, clean).required and q.code not in given
    ]
    if assessment.instrument.sets_targets:
        current = (
            {s.slug: s.level.level if s.level else None for s in evaluation.result.sections}
            if evaluation
            else None
        )
        problems += [
            rules.Problem(f"targets.{s.slug}", _("set a target level for this dimension"))
            for s in instrument.sections
            if s.slug not in assessment.targets
        ]
        problems += rules.target_problems(
            instrument, assessment.year, assessment.targets, assessment.target_year, current
        )
        if assessment.target_year is None and not assessment.targets:
            problems.append(
                rules.Problem("target_year", "say by which year the targets are to be met")
            )
    return (evaluation if not problems else None), problems


def submit(actor: Any, assessment: Assessment, now: dt.datetime | None = None) -> Assessment:
    """Submit for the Secretariat's review once nothing stands in the way
    (`submission_problems`); the result is kept as scored now. The status, the answers and
    the evidence are read under the assessment's row lock, so of many submits at once one
    submits and the others find it submitted (409)."""
    with transaction.atomic():
        _lock(assessment)
        _require_edit(actor, assessment)
        evaluation, problems = submission_problems(assessment)
        if problems or evaluation is None:
            raise AnswerProblems(problems)
        before = assessment.status
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = now or timezone.now()
        assessment.result = snapshot(evaluation)
        assessment.level = evaluation.result.level.level if evaluation.result.level else None
        assessment.save()
        audit.record(
            actor,
            "submit_assessment",
            assessment,
            before={"status": before},
            after={"status": assessment.status, "level": assessment.level},
        )
    return assessment


def review(
    actor: Any,
    assessment: Assessment,
    verdict: str,
    comment: str = "",
    now: dt.datetime | None = None,
) -> Assessment:
    """The Secretariat accepts a submission or returns it with comments (required)."""
    permissions.require_secretariat(actor, "review an assessment")
    if verdict not in Review.Verdict.values:
        raise DomainError(
            _("Unknown verdict “%(verdict)s”; use accepted or returned.")
            % {"verdict": verdict[:20]}
        )
    comment = comment.strip()
    if verdict == Review.Verdict.RETURNED and not comment:
        raise DomainError(_("Say what the city should change when returning an assessment."))
    now = now or timezone.now()
    with transaction.atomic():
        # One verdict per submission: the status is checked on the locked row, so an accept
        # and a return sent together store one review and the other is told it came late.
        _lock(assessment)
        if assessment.status != Assessment.Status.SUBMITTED:
            raise DomainError(
                _("Only a submitted assessment can be reviewed; this one is %(status)s.")
                % {"status": assessment.get_status_display().lower()},
                status=409,
            )
        recorded = Review.objects.create(
            assessment=assessment, verdict=verdict, comment=comment, actor=_user(actor), at=now
        )
        # The comments on answers written for this submission reach the city with the verdict.
        released = ReviewComment.objects.filter(assessment=assessment, review__isnull=True).update(
            review=recorded
        )
        assessment.status = verdict
        assessment.decided_at = now
        if verdict == Review.Verdict.RETURNED:
            assessment.result = {}
            assessment.level = None
        assessment.save()
        audit.record(
            actor,
            "accept_assessment" if verdict == Review.Verdict.ACCEPTED else "return_assessment",
            assessment,
            before={"status": Assessment.Status.SUBMITTED},
            after={"status": verdict, "comments_released": released},
            reason=comment,
        )
    return assessment


def set_sharing(actor: Any, assessment: Assessment, share: bool) -> Assessment:
    """Whether peers may see this city's results by name (never its answers otherwise)."""
    require_view(actor, assessment)
    with transaction.atomic():
        _lock(assessment)
        before = assessment.share_with_peers
        assessment.share_with_peers = share
        assessment.save(update_fields=["share_with_peers", "updated_at"])
        audit.record(
            actor, "share_assessment", assessment, before={"share": before}, after={"share": share}
        )
    return assessment


# --- Comments on answers ----------------------------------------------------------------------


def comments_visible_to(actor: Any, assessment: Assessment) -> list[ReviewComment]:
    """The Secretariat sees every comment; the city those released by a recorded review
    (see `ReviewComment`)."""
    require_view(actor, assessment)
    found = assessment.review_comments.select_related("review")
    if not permissions.is_secretariat(actor):
        found = found.filter(review__isnull=False)
    return list(found)


def comment_on_answer(
    actor: Any,
    assessment: Assessment,
    question_code: str,
    text: str,
    now: dt.datetime | None = None,
) -> ReviewComment:
    """The Secretariat comments on one answer of a submission under review; the city reads
    it once the review is recorded. Checked on the locked assessment: a comment written as
    the verdict is recorded is either released with it or refused."""
    permissions.require_secretariat(actor, "comment on an assessment's answers")
    text = text.strip()
    if not text:
        raise DomainError(_("Write the comment."))
    if len(text) > 5000:
        raise DomainError(_("A comment has at most 5,000 characters."))
    instrument = instrument_rules(assessment.version)
    if question_code not in {q.code for _section, q in instrument.questions()}:
        raise DomainError(
            _("%(code)s is not a question of this assessment.") % {"code": question_code[:20]}
        )
    with transaction.atomic():
        _lock(assessment)
        if assessment.status != Assessment.Status.SUBMITTED:
            raise DomainError(
                _(
                    "Comments are written while a submission is under review; "
                    "this one is %(status)s."
                )
                % {"status": assessment.get_status_display().lower()},
                status=409,
            )
        comment = ReviewComment.objects.create(
            assessment=assessment,
            question_code=question_code,
            text=text,
            author=_user(actor),
            at=now or timezone.now(),
        )
        audit.record(
            actor,
            "comment_on_answer",
            assessment,
            after={"question": question_code, "comment": comment.pk},
        )
    return comment


def remove_comment(actor: Any, comment: ReviewComment) -> None:
    """The Secretariat withdraws a comment the city has not yet been shown."""
    permissions.require_secretariat(actor, "remove a review comment")
    with transaction.atomic():
        stored = ReviewComment.objects.select_for_update().filter(pk=comment.pk).first()
        if stored is None:
            raise NotFound(_("This comment has already been removed."))
        if stored.review_id is not None:
            raise DomainError(
                _("The city has been shown this comment with the review; it stays."), status=409
            )
        audit.record(
            actor,
            "remove_review_comment",
            comment.assessment,
            before={"question": stored.question_code, "text": stored.text},
        )
        stored.delete()


# --- Read by other modules ------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleGaps:
    """The sectoral modules in which a city's latest submitted or accepted assessment found a
    gap, the most pressing first, each with the reason kept at submission."""

    assessment_id: int
    year: int
    modules: tuple[str, ...]
    reasons: Mapping[str, str]


def module_gaps(organisation_id: int) -> ModuleGaps | None:
    """Read-only, for the exchange module's suggested needs: the gaps ("overdue" and
    "expected" recommendations) of the city's latest assessment that records them; None when
    it has none."""
    found = (
        Assessment.objects.filter(
            organisation_id=organisation_id,
            status__in=[Assessment.Status.SUBMITTED, Assessment.Status.ACCEPTED],
        )
        .exclude(result={})
        .order_by("-year", "-submitted_at", "-pk")
    )
    for assessment in found:
        gaps = {g.get("module") for g in assessment.result.get("gaps", [])}
        wanted = [
            r
            for r in sorted(
                assessment.result.get("recommendations", []), key=lambda r: r["priority"]
            )
            if r.get("tier") in ("overdue", "expected") and r.get("module") in gaps
        ]
        if wanted:
            return ModuleGaps(
                assessment.pk,
                assessment.year,
                tuple(r["module"] for r in wanted),
                {r["module"]: r.get("reason", "") for r in wanted},
            )
    return None
