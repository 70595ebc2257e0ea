"""A city's application to an award edition, its attachments, its submission and withdrawal,
and the Secretariat's screening against the terms.

An application is seen by its city's officers and the Secretariat only (judges see eligible
ones through round 1, `services.round1`). The officer writes a draft while the edition is
open for applications, attaches documents, and submits it by the deadline; the Secretariat
screens each submitted application eligible or ineligible (with a reason) until round 1
opens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.awards.models import Application, Attachment, Category, Edition, Stage
from intercity.core import audit, images
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.network import services as registry
from intercity.network.models import Organisation

Status = Application.Status

# What an officer writes; `category` is chosen among the edition's.
TEXT_FIELDS = ("title", "summary", "context", "impact", "budget", "website")
# What a submission needs, with the words that name each missing part.
REQUIRED = ("title", "summary", "context", "impact")

# How large a document may be, and how many an application carries.
MAX_BYTES = int(getattr(settings, "AWARDS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))
MAX_ATTACHMENTS = 10

# Types recognised by their first bytes, with the file name endings they may carry (as the
# self-assessment's evidence files).
ATTACHMENT_TYPES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "application/zip": (b"PK\x03\x04", (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")),
}
OFFICE_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


def _user(actor: Any) -> Any:
    return permissions.user_or_none(actor)


# --- Who sees an application ------------------------------------------------------------------


def may_view(actor: Any, application: Application) -> bool:
    return permissions.can_edit_organisation(actor, application.organisation_id)


def applications_visible_to(actor: Any) -> QuerySet[Application]:
    found = Application.objects.select_related(
        "edition", "edition__network", "category", "organisation"
    )
    if permissions.is_secretariat(actor):
        return found
    return found.filter(organisation_id__in=permissions.officer_organisation_ids(actor))


def own_cities_applications(actor: Any) -> QuerySet[Application]:
    """The applications of the cities a person is an officer of (not every city's, as for the
    Secretariat), newest edition first."""
    return (
        Application.objects.filter(organisation_id__in=permissions.officer_organisation_ids(actor))
        .select_related("edition", "edition__network", "category", "organisation")
        .order_by("-edition__year", "organisation__name", "title")
    )


def get_application(actor: Any, application_id: int) -> Application:
    """An application its city's officers and the Secretariat may see; for anyone else it
    does not exist (another city's applications are never shown, not even their titles)."""
    application = applications_visible_to(actor).filter(pk=application_id).first()
    if application is None:
        raise NotFound(_("No award application %(id)s.") % {"id": application_id})
    return application


def waiting_for_screening(actor: Any) -> QuerySet[Application]:
    """Submitted applications the Secretariat has still to screen, longest waiting first."""
    if not permissions.is_secretariat(actor):
        return Application.objects.none()
    return (
        Application.objects.filter(
            status=Status.SUBMITTED,
            edition__stage__in=[Stage.APPLICATIONS, Stage.SCREENING],
        )
        .select_related("edition", "category", "organisation")
        .order_by("submitted_at", "pk")
    )


def screening_queue(actor: Any, edition: Edition) -> QuerySet[Application]:
    """An edition's submitted and screened applications, for the Secretariat."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may screen award applications.")
    )
    return (
        edition.applications.filter(
            status__in=[Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE]
        )
        .select_related("category", "organisation")
        .order_by("category__position", "organisation__name", "title")
    )


def _require_officer(actor: Any, organisation: Organisation) -> None:
    if not permissions.can_edit_organisation(actor, organisation.pk):
        raise PermissionDenied(
            _("Only the officers of %(city)s and the Secretariat may do this.")
            % {"city": organisation}
        )


def _lock(application: Application) -> Application:
    application.refresh_from_db(from_queryset=Application.objects.select_for_update())
    return application


def _lock_edition(edition: Edition) -> Edition:
    edition.refresh_from_db(from_queryset=Edition.objects.select_for_update())
    return edition


def _require_draft(application: Application) -> None:
    if not application.editable:
        raise DomainError(
            _("This application is %(status)s and cannot be changed.")
            % {"status": str(application.get_status_display()).lower()},
            status=409,
        )


def _require_open(edition: Edition) -> None:
    if edition.stage != Stage.APPLICATIONS:
        raise DomainError(
            _("%(edition)s is not open for applications (it is at: %(stage)s).")
            % {"edition": edition.title, "stage": str(edition.get_stage_display()).lower()},
            status=409,
        )


def _past_deadline(edition: Edition, today: dt.date) -> bool:
    return edition.applications_close_on is not None and today > edition.applications_close_on


def _deadline_refusal(edition: Edition) -> DomainError:
    return DomainError(
        _("Applications to %(edition)s closed on %(date)s.")
        % {
            "edition": edition.title,
            "date": date_format(edition.applications_close_on)
            if edition.applications_close_on
            else "",
        },
        status=409,
    )


def _clean_texts(values: dict[str, Any]) -> dict[str, str]:
    unknown = set(values) - set(TEXT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    clean = {k: str(v or "").strip() for k, v in values.items()}
    limits = {"title": 250, "budget": 200, "website": 200}
    for name, limit in limits.items():
        if len(clean.get(name, "")) > limit:
            raise DomainError(
                _("%(field)s is longer than %(n)s characters.")
                % {"field": _field_name(name), "n": limit}
            )
    if clean.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(clean["website"])
        except ValidationError:
            raise DomainError(
                _("The website must be a link starting with https:// or http://.")
            ) from None
    return clean


def _field_name(name: str) -> str:
    names = {
        "title": _("the project's title"),
        "summary": _("the summary"),
        "context": _("how the project came about"),
        "impact": _("the impact"),
        "budget": _("the budget"),
        "website": _("the website"),
    }
    return str(names[name])


def _check_category(edition: Edition, category: Category) -> None:
    if category.edition_id != edition.pk:
        raise DomainError(_("Choose one of this edition's categories."))


# --- The officer's application ----------------------------------------------------------------


def start_application(
    actor: Any,
    edition: Edition,
    organisation: Organisation,
    category: Category,
    *,
    today: dt.date | None = None,
    **values: Any,
) -> Application:
    """A member city begins an application (a draft) while the edition is open for
    applications and before its deadline."""
    today = today or timezone.localdate()
    _require_officer(actor, organisation)
    _check_category(edition, category)
    texts = _clean_texts(values)
    if not texts.get("title"):
        raise DomainError(_("Give the project's title."))
    if registry.current_period(edition.network, organisation) is None:
        raise DomainError(
            _("%(city)s is not a member of %(network)s.")
            % {"city": organisation, "network": edition.network.short_name}
        )
    with transaction.atomic():
        _lock_edition(edition)
        _require_open(edition)
        if _past_deadline(edition, today):
            raise _deadline_refusal(edition)
        application = Application.objects.create(
            edition=edition,
            category=category,
            organisation=organisation,
            created_by=_user(actor),
            **texts,
        )
        audit.record(
            actor,
            "start_award_application",
            application,
            after={"edition": edition.pk, "category": category.code, "title": application.title},
        )
    return application


def update_application(
    actor: Any, application: Application, *, category: Category | None = None, **values: Any
) -> Application:
    """Save the draft: the fields given replace those stored."""
    if not may_view(actor, application):
        raise NotFound(_("No award application %(id)s.") % {"id": application.pk})
    texts = _clean_texts(values)
    if "title" in texts and not texts["title"]:
        raise DomainError(_("Give the project's title."))
    if category is not None:
        _check_category(application.edition, category)
    with transaction.atomic():
        _lock(application)
        _require_draft(application)
        _require_open(application.edition)
        changed: dict[str, Any] = {k: v for k, v in texts.items() if getattr(application, k) != v}
        if category is not None and category.pk != application.category_id:
            changed["category"] = category
        if not changed:
            return application
        before = audit.snapshot(application, sorted(changed))
        for name, value in changed.items():
            setattr(application, name, value)
        application.save()
        audit.record(
            actor,
            "update_award_application",
            application,
            before=before,
            after=audit.snapshot(application, sorted(changed)),
        )
    return application


def attachment_type(name: str, head: bytes) -> str | None:
    lowered = name.lower()
    for content_type, (magic, endings) in ATTACHMENT_TYPES.items():
        if head.startswith(magic) and lowered.endswith(endings):
            return content_type
    return None


def content_type_of(attachment: Attachment) -> str:
    """The type to serve a stored attachment as (checked by its content on upload)."""
    lowered = attachment.name.lower()
    for ending, content_type in OFFICE_TYPES.items():
        if lowered.endswith(ending):
            return content_type
    if lowered.endswith(".pdf"):
        return "application/pdf"
    if lowered.endswith(".png"):
        return "image/png"
    if lowered.endswith((".jpg", ".jpeg")):
        return "image/jpeg"
    return "application/octet-stream"


def _attachment_file(upload: UploadedFile) -> tuple[str, File[Any], int]:
    """The upload as it will be stored: checked by content and size; an image re-encoded from
    its pixels alone (no GPS position, camera serial number or comments)."""
    name = (upload.name or "attachment")[-200:]
    if upload.size is not None and upload.size > MAX_BYTES:
        raise DomainError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_BYTES),
            },
            status=413,
        )
    head = upload.read(8)
    upload.seek(0)
    content_type = attachment_type(name, head)
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
        return name, upload, upload.size or 0
    clean = images.sanitise(
        upload.read(MAX_BYTES + 1), max_bytes=MAX_BYTES, name=name, keep_png=True, max_side=None
    )
    if clean.format != "PNG" and not name.lower().endswith((".jpg", ".jpeg")):
        name = name.rsplit(".", 1)[0] + ".jpg"
    return name, ContentFile(clean.content), len(clean.content)


def attach(actor: Any, application: Application, upload: UploadedFile) -> Attachment:
    """Attach a document to a draft (PDF, image, office file; checked by content and size)."""
    if not may_view(actor, application):
        raise NotFound(_("No award application %(id)s.") % {"id": application.pk})
    name, content, size = _attachment_file(upload)
    with transaction.atomic():
        _lock(application)
        _require_draft(application)
        if application.attachments.count() >= MAX_ATTACHMENTS:
            raise DomainError(
                _("An application carries at most %(n)s documents.") % {"n": MAX_ATTACHMENTS}
            )
        item = Attachment(application=application, name=name, size=size)
        item.file.save(name, content, save=False)
        item.save()
        audit.record(
            actor, "attach_award_document", application, after={"name": name, "size": size}
        )
    return item


def remove_attachment(actor: Any, item: Attachment) -> None:
    application = item.application
    if not may_view(actor, application):
        raise NotFound(_("No award application %(id)s.") % {"id": application.pk})
    with transaction.atomic():
        _lock(application)
        _require_draft(application)
        if not Attachment.objects.select_for_update().filter(pk=item.pk).exists():
            raise NotFound(_("This document has already been removed."))
        audit.record(actor, "remove_award_document", application, before={"name": item.name})
        stored = item.file
        item.delete()
        if stored:
            transaction.on_commit(lambda: stored.delete(save=False))


def submission_problems(application: Application) -> list[str]:
    """The parts a submission still needs, each named (empty: it may be submitted)."""
    return [_field_name(name) for name in REQUIRED if not getattr(application, name).strip()]


def submit(actor: Any, application: Application, now: dt.datetime | None = None) -> Application:
    """Submit a draft by the deadline while the edition is open for applications, with its
    title, summary, context and impact written. Read under the edition's and the
    application's row locks: of two submits at once one submits and the other finds it
    submitted."""
    now = now or timezone.now()
    if not may_view(actor, application):
        raise NotFound(_("No award application %(id)s.") % {"id": application.pk})
    with transaction.atomic():
        # The edition first, then the application (the order every action takes both in):
        # a submit racing the close of applications comes before it or is refused.
        edition = _lock_edition(application.edition)
        _lock(application)
        _require_draft(application)
        _require_open(edition)
        if _past_deadline(edition, timezone.localdate(now)):
            raise _deadline_refusal(edition)
        missing = submission_problems(application)
        if missing:
            raise DomainError(
                _("Before submitting, write %(missing)s.") % {"missing": ", ".join(missing)}
            )
        application.status = Status.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        audit.record(
            actor,
            "submit_award_application",
            application,
            before={"status": Status.DRAFT},
            after={"status": Status.SUBMITTED},
        )
    return application


def withdraw(actor: Any, application: Application, reason: str = "") -> Application:
    """A city withdraws its draft or submitted application before screening begins."""
    if not may_view(actor, application):
        raise NotFound(_("No award application %(id)s.") % {"id": application.pk})
    with transaction.atomic():
        edition = _lock_edition(application.edition)
        _lock(application)
        if application.status not in (Status.DRAFT, Status.SUBMITTED) or edition.reached(
            Stage.SCREENING
        ):
            raise DomainError(
                _("An application can be withdrawn only before it is screened."), status=409
            )
        before = application.status
        application.status = Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            "withdraw_award_application",
            application,
            before={"status": before},
            after={"status": Status.WITHDRAWN},
            reason=reason.strip(),
        )
    return application


def history(actor: Any, application: Application) -> list[tuple[Any, str]]:
    """What happened to an application, oldest first, in words: (event, what), for the
    Secretariat (who screened it, when, why)."""
    if not permissions.is_secretariat(actor):
        return []
    words = {
        "start_award_application": _("started"),
        "update_award_application": _("draft saved"),
        "attach_award_document": _("document attached"),
        "remove_award_document": _("document removed"),
        "submit_award_application": _("submitted"),
        "withdraw_award_application": _("withdrawn"),
        "screen_award_application": _("screened"),
    }
    lines = []
    for event in audit.history_of(application).order_by("at", "pk"):
        what = str(words.get(event.verb, event.verb))
        status = (event.after or {}).get("status")
        if event.verb == "screen_award_application" and status in Status.values:
            what = f"{what}: {Status(status).label}"
        lines.append((event, what))
    return lines


# --- The Secretariat's screening --------------------------------------------------------------


def screen(
    actor: Any,
    application: Application,
    eligible: bool,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Application:
    """Mark a submitted application eligible or ineligible against the terms (a reason is
    required for ineligible). Screening happens while applications are open or during
    screening; a screened application may be screened again until round 1 opens."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may screen award applications.")
    )
    reason = reason.strip()
    if not eligible and not reason:
        raise DomainError(_("Say why the application is ineligible: which term it does not meet."))
    with transaction.atomic():
        edition = _lock_edition(application.edition)
        _lock(application)
        if edition.stage not in (Stage.APPLICATIONS, Stage.SCREENING):
            raise DomainError(
                _("Screening is over once round 1 opens; this edition is at: %(stage)s.")
                % {"stage": str(edition.get_stage_display()).lower()},
                status=409,
            )
        if application.status not in (Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE):
            raise DomainError(
                _("Only a submitted application is screened; this one is %(status)s.")
                % {"status": str(application.get_status_display()).lower()},
                status=409,
            )
        before = {"status": application.status, "reason": application.screening_reason}
        application.status = Status.ELIGIBLE if eligible else Status.INELIGIBLE
        application.screening_reason = reason
        application.screened_at = now or timezone.now()
        application.save(update_fields=["status", "screening_reason", "screened_at", "updated_at"])
        audit.record(
            actor,
            "screen_award_application",
            application,
            before=before,
            after={"status": application.status},
            reason=reason,
        )
    return application
