"""A training session's classroom and what it leads to: lessons (added, corrected, reordered,
retired), their completion, the satisfaction survey, and certificates (issued once every lesson
not retired is completed, verified by code, revoked with a reason).

Each action checks who may do it, calls the rules, saves in one transaction and writes its
audit event. Who takes part comes from `training` (the selected applications).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.learning import rules_training as rules
from intercity.learning.models_training import (
    Application,
    Certificate,
    Lesson,
    LessonCompletion,
    SurveyResponse,
    TrainingSession,
)
from intercity.learning.services.training import application_of, is_cancelled


def participant_of(actor: Any, session: TrainingSession) -> Application:
    application = application_of(actor, session)
    if application is None or application.status != Application.Status.SELECTED:
        raise PermissionDenied(_("The classroom is open to the session's selected participants."))
    return application


def may_enter_classroom(actor: Any, session: TrainingSession) -> bool:
    if permissions.is_secretariat(actor):
        return True
    application = application_of(actor, session)
    return application is not None and application.status == Application.Status.SELECTED


def completed_lesson_ids(application: Application | None) -> set[int]:
    if application is None:
        return set()
    return set(application.completions.values_list("lesson_id", flat=True))


def complete_lesson(actor: Any, lesson: Lesson) -> LessonCompletion:
    application = participant_of(actor, lesson.session)
    if lesson.retired_at is not None:
        raise DomainError(_("This lesson is retired: it no longer counts for the classroom."))
    with transaction.atomic():
        completion, created = LessonCompletion.objects.get_or_create(
            lesson=lesson, application=application
        )
        if created:
            audit.record(actor, "learning.complete_lesson", completion)
    return completion


def get_lesson(pk: int) -> Lesson:
    found = Lesson.objects.select_related("session__programme").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No lesson has this number."))
    return found


def answer_survey(
    actor: Any, session: TrainingSession, ratings: dict[str, int], comment: str
) -> SurveyResponse:
    application = participant_of(actor, session)
    if not application.attended:
        raise DomainError(_("The survey is for participants who attended."))
    for aspect in rules.ASPECTS:
        if not 1 <= int(ratings.get(aspect, 0)) <= 5:
            raise DomainError(_("Rate each aspect from 1 to 5."))
    with transaction.atomic():
        if SurveyResponse.objects.filter(application=application).exists():
            raise DomainError(_("You have already answered the survey."))
        response = SurveyResponse.objects.create(
            application=application,
            comment=comment.strip(),
            **{a: int(ratings[a]) for a in rules.ASPECTS},
        )
        audit.record(actor, "learning.answer_survey", response, after=dict(ratings))
    return response


def progress(session: TrainingSession, application: Application | None) -> rules.Progress:
    """A participant's progress in the classroom: the lessons not retired, and how many of them
    they completed."""
    lessons = [(lesson.pk, lesson.retired_at is not None) for lesson in session.lessons.all()]
    return rules.classroom_progress(lessons, completed_lesson_ids(application))


def certificate_eligibility(application: Application) -> rules.Eligibility:
    taken = progress(application.call.session, application)
    return rules.may_have_certificate(
        cancelled=is_cancelled(application.call.session),
        selected=application.status == Application.Status.SELECTED,
        attended=application.attended,
        lessons=taken.lessons,
        completed=taken.completed,
    )


def issue_certificate(actor: Any, application: Application) -> Certificate:
    """The participant's certificate, issued the first time they (or the Secretariat) ask once
    they attended and completed every lesson; the same certificate afterwards."""
    if not (
        permissions.is_secretariat(actor) or getattr(actor, "pk", None) == application.applicant_id
    ):
        raise PermissionDenied(
            _("Only the participant or the Secretariat may have this certificate.")
        )
    existing = Certificate.objects.filter(application=application).first()
    if existing is not None:
        return existing
    # The row as it is now: attendance may have been recorded since the caller read it.
    application = Application.objects.select_related(
        "call__session__programme", "organisation"
    ).get(pk=application.pk)
    ruling = certificate_eligibility(application)
    if not ruling.allowed:
        raise DomainError(ruling.reason)
    session = application.call.session
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        existing = Certificate.objects.filter(application=locked).first()
        if existing is not None:
            return existing
        certificate = Certificate.objects.create(
            application=locked,
            code=rules.verification_code(secrets.token_bytes(16)),
            holder=locked.full_name,
            city=locked.organisation.name,
            session_title=session.title,
            programme_title=session.programme.title,
            issued_at=timezone.now(),
        )
        audit.record(
            actor,
            "learning.issue_certificate",
            certificate,
            after=audit.snapshot(certificate, ["code", "holder", "city", "session_title"]),
        )
    return certificate


def normalise_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())[:12]
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else code.upper()[:20]


def find_certificate(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("application__call__session")
        .filter(code=normalise_code(code))
        .first()
    )


def certificates_of(user: Any) -> QuerySet[Certificate]:
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    return Certificate.objects.filter(application__applicant=user).order_by("-issued_at")


def add_lesson(
    actor: Any, session: TrainingSession, *, title: str, body: str, minutes: int = 10
) -> Lesson:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may add a lesson to the classroom.")
    )
    with transaction.atomic():
        # The session's row, as moving a lesson locks it: positions are given one at a time.
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        last = Lesson.objects.filter(session=session).order_by("-position").first()
        position = last.position + 1 if last else 0
        lesson = Lesson.objects.create(
            session=session, position=position, title=title, body=body, minutes=minutes
        )
        audit.record(actor, "learning.add_lesson", lesson, after={"title": title})
    return lesson


def revoke_certificate(actor: Any, certificate: Certificate, *, reason: str) -> Certificate:
    """The Secretariat revokes a certificate, with its reason: the public verification page and
    the API then say it is not valid, since when and why. A certificate is revoked once."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may revoke a certificate.")
    )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason of the revocation."))
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason[:300]
        )
        if not updated:
            raise DomainError(_("This certificate is already revoked."))
        certificate.refresh_from_db()
        audit.record(
            actor,
            "learning.revoke_certificate",
            certificate,
            before={"revoked_at": None},
            after=audit.snapshot(certificate, ["revoked_at", "revoked_reason"]),
            reason=certificate.revoked_reason,
        )
    return certificate


def current_lessons(session: TrainingSession) -> list[Lesson]:
    """The classroom's lessons in their order, the retired ones left out."""
    return [lesson for lesson in session.lessons.all() if lesson.retired_at is None]


def retired_lessons(session: TrainingSession) -> list[Lesson]:
    return [lesson for lesson in session.lessons.all() if lesson.retired_at is not None]


LESSON_FIELDS = ["title", "body", "minutes"]


def edit_lesson(actor: Any, lesson: Lesson, *, title: str, body: str, minutes: int) -> Lesson:
    """The Secretariat corrects a lesson's title, text or length; completions stay."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change a lesson of the classroom.")
    )
    if not title.strip() or not body.strip():
        raise DomainError(_("Give the lesson a title and a text."))
    if not 1 <= minutes <= 600:
        raise DomainError(_("A lesson takes 1 to 600 minutes."))
    with transaction.atomic():
        locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
        if locked.retired_at is not None:
            raise DomainError(_("A retired lesson is no longer changed."))
        before = audit.snapshot(locked, LESSON_FIELDS)
        locked.title = title.strip()[:200]
        locked.body = body.strip()
        locked.minutes = minutes
        after = audit.snapshot(locked, LESSON_FIELDS)
        if after != before:
            locked.save(update_fields=LESSON_FIELDS)
            audit.record(actor, "learning.edit_lesson", locked, before=before, after=after)
    return locked


def retire_lesson(actor: Any, lesson: Lesson) -> Lesson:
    """The Secretariat retires a lesson: it leaves the classroom and no longer counts towards
    completing it; the completions recorded before stay (rules_training.classroom_progress)."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may retire a lesson of the classroom.")
    )
    with transaction.atomic():
        updated = Lesson.objects.filter(pk=lesson.pk, retired_at__isnull=True).update(
            retired_at=timezone.now()
        )
        if not updated:
            raise DomainError(_("This lesson is already retired."))
        lesson.refresh_from_db()
        audit.record(
            actor,
            "learning.retire_lesson",
            lesson,
            before={"retired_at": None},
            after={
                **audit.snapshot(lesson, ["retired_at"]),
                "completions_kept": lesson.completions.count(),
            },
        )
    return lesson


def move_lesson(actor: Any, lesson: Lesson, step: int) -> list[int]:
    """The Secretariat moves a lesson one place up (-1) or down (+1) among the lessons not
    retired; the new order is saved as positions 0, 1, 2... and audited before and after."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change the order of the lessons.")
    )
    with transaction.atomic():
        TrainingSession.objects.select_for_update().filter(pk=lesson.session_id).first()
        current = list(
            Lesson.objects.select_for_update()
            .filter(session_id=lesson.session_id, retired_at__isnull=True)
            .order_by("position", "pk")
        )
        before = [found.pk for found in current]
        outcome = rules.move(before, lesson.pk, step)
        if not outcome.allowed:
            raise DomainError(outcome.reason)
        by_id = {found.pk: found for found in current}
        for position, lesson_id in enumerate(outcome.order):
            Lesson.objects.filter(pk=lesson_id).update(position=position)
            by_id[lesson_id].position = position
        audit.record(
            actor,
            "learning.move_lesson",
            lesson,
            before={"order": before},
            after={"order": outcome.order},
        )
    return outcome.order
