"""Writing, reviewing and publishing the catalog's projects, and their images and documents.

A city officer writes a project of their own city (a member of the project's network) as a
draft, in the catalog's unified format, and sends it for review; the Secretariat publishes it
or sends it back with a note, and may take a published project off the catalog with a reason
(`rules.check_move` says which moves are allowed and by whom). The Secretariat writes and
edits every city's projects. An edit carries the `version` the person started from: an edit
made from an older copy is refused, and nothing is lost (the page gives the input back).

An officer may also start a draft from one of their city's published award placements ("add
a winner to the catalog"), once per placement.

Each action checks who acts, runs in one transaction, locks the project's row (or the city's,
to create from a placement) for state changes, writes its audit event and refreshes the
project's search text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit, bounds, images, modules
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.knowledge import rules
from intercity.knowledge.models import (
    Cluster,
    Project,
    ProjectFile,
    ProjectLink,
    ProjectPartner,
    Sdg,
)
from intercity.network import services as registry
from intercity.network.models import Network, Organisation

State = Project.State

# The texts of the unified format, in the order a project page shows them.
TEXT_FIELDS = (
    "summary",
    "background",
    "main_features",
    "technical_details",
    "challenges",
    "figures_and_impact",
    "budget_and_financing",
)
# What a project needs before it is sent for review or published.
REQUIRED = ("summary", "main_features")
MAX_TEXT = 20_000
MAX_PARTNERS = 30
MAX_LINKS = 20

# Files: images are PNG, JPEG or WebP, re-encoded from their pixels (no metadata kept);
# documents are PDF. Each recognised by its first bytes, never by its name.
MAX_IMAGE_BYTES = int(getattr(settings, "KNOWLEDGE_IMAGE_MAX_BYTES", 5 * 1024 * 1024))
MAX_DOCUMENT_BYTES = int(getattr(settings, "KNOWLEDGE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
MAX_FILES = 20


def _user(actor: Any) -> Any:
    return permissions.user_or_none(actor)


# --- Who sees and edits a project --------------------------------------------------------------


def is_officer_of(actor: Any, project: Project) -> bool:
    return project.organisation_id in permissions.officer_organisation_ids(actor)


def may_edit(actor: Any, project: Project) -> bool:
    return rules.may_edit(
        is_staff=permissions.is_secretariat(actor), is_officer=is_officer_of(actor, project)
    )


def may_view(actor: Any, project: Project) -> bool:
    """Everyone sees a published project; its city's officers and the Secretariat see it in
    every state."""
    return project.state == State.PUBLISHED or may_edit(actor, project)


def published() -> QuerySet[Project]:
    """The projects everyone may see."""
    return Project.objects.filter(state=Project.State.PUBLISHED)


def projects_visible_to(actor: Any) -> QuerySet[Project]:
    found = Project.objects.select_related("organisation", "network")
    if permissions.is_secretariat(actor):
        return found
    return found.filter(
        Q(state=State.PUBLISHED)
        | Q(organisation_id__in=permissions.officer_organisation_ids(actor))
    )


def _not_found(project_id: int) -> NotFound:
    return NotFound(_("No catalog project %(id)s.") % {"id": project_id})


def get_project(actor: Any, project_id: int) -> Project:
    """A project the actor may see; a draft of another city does not exist for them."""
    project = projects_visible_to(actor).filter(pk=project_id).first()
    if project is None:
        raise _not_found(project_id)
    return project


def get_editable_project(actor: Any, project_id: int) -> Project:
    """A project the actor may edit: another city's published project is refused (403), its
    drafts are not found (404)."""
    project = get_project(actor, project_id)
    _require_editor(actor, project)
    return project


def _require_editor(actor: Any, project: Project) -> None:
    if not may_view(actor, project):
        raise _not_found(project.pk)
    if not may_edit(actor, project):
        raise PermissionDenied(
            _("Only the officers of %(city)s and the Secretariat may change this project.")
            % {"city": project.organisation}
        )


def city_projects(actor: Any) -> QuerySet[Project]:
    """The projects of the cities the actor is an officer of, in every state."""
    return (
        Project.objects.filter(organisation_id__in=permissions.officer_organisation_ids(actor))
        .select_related("organisation", "network")
        .order_by("organisation__name", "state", "-updated_at", "pk")
    )


def review_queue(actor: Any) -> QuerySet[Project]:
    """Projects waiting for the Secretariat's review, the longest waiting first."""
    if not permissions.is_secretariat(actor):
        return Project.objects.none()
    return (
        Project.objects.filter(state=State.IN_REVIEW)
        .select_related("organisation", "network")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class Authorship:
    """A city the actor may write a project for, in one network it is a member of."""

    network: Network
    organisation: Organisation

    @property
    def key(self) -> str:
        return f"{self.network.pk}:{self.organisation.pk}"

    @property
    def label(self) -> str:
        return f"{self.organisation.name} ({self.network.short_name})"


def authorships(actor: Any) -> list[Authorship]:
    """The (network, city) pairs the actor may create a project for: an officer's own cities
    in each network they are a current member of; for the Secretariat every current member
    city of every network."""
    from intercity.network.models import MembershipPeriod

    periods = MembershipPeriod.objects.filter(valid_to__isnull=True).select_related(
        "membership__network", "membership__organisation"
    )
    if not permissions.is_secretariat(actor):
        periods = periods.filter(
            membership__organisation_id__in=permissions.officer_organisation_ids(actor)
        )
    seen: dict[str, Authorship] = {}
    for period in periods:
        found = Authorship(period.membership.network, period.membership.organisation)
        seen.setdefault(found.key, found)
    return sorted(seen.values(), key=lambda a: (a.organisation.name, a.network.short_name))


# --- Checking what a person wrote ---------------------------------------------------------------


def _field_name(name: str) -> str:
    names = {
        "title": _("the title"),
        "summary": _("the summary"),
        "background": _("the background"),
        "main_features": _("the main features"),
        "technical_details": _("the technical details"),
        "challenges": _("the challenges"),
        "figures_and_impact": _("the figures and impact"),
        "budget_and_financing": _("the budget and financing"),
    }
    return str(names[name])


def _clean_title(value: Any) -> str:
    title = " ".join(str(value or "").split())
    if not title:
        raise DomainError(_("Give the project's title."))
    if len(title) > 250:
        raise DomainError(_("The title is longer than 250 characters."))
    return title


def _clean_language(value: Any) -> str:
    code = str(value or "").strip()
    if code not in {c for c, _name in settings.LANGUAGES}:
        raise DomainError(_("Choose one of the catalog's languages."))
    return code


def _clean_values(project: Project | None, values: dict[str, Any]) -> dict[str, Any]:
    """The simple fields of the unified format, checked; a DomainError names the first
    problem."""
    known = {"title", "language", "status", "started_on", "completed_on", "budget_usd"}
    unknown = set(values) - known - set(TEXT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    clean: dict[str, Any] = {}
    if "title" in values:
        clean["title"] = _clean_title(values["title"])
    if "language" in values:
        clean["language"] = _clean_language(values["language"])
    for name in TEXT_FIELDS:
        if name in values:
            text = str(values[name] or "").strip()
            if len(text) > MAX_TEXT:
                raise DomainError(
                    _("%(field)s is longer than %(n)s characters.")
                    % {"field": _field_name(name), "n": f"{MAX_TEXT:,}"}
                )
            clean[name] = text
    if "status" in values:
        status = str(values["status"] or "")
        if status and status not in Project.Status.values:
            raise DomainError(_("Choose the project's status: planned, under way or completed."))
        clean["status"] = status
    for name in ("started_on", "completed_on"):
        if name in values:
            day = values[name] or None
            if day is not None:
                if not isinstance(day, dt.date):
                    raise DomainError(_("Write the dates as YYYY-MM-DD."))
                bounds.check_date(day, name)
            clean[name] = day
    if "budget_usd" in values:
        raw = values["budget_usd"]
        clean["budget_usd"] = (
            None
            if raw is None or raw == ""
            else bounds.check_decimal(
                raw, "budget_usd", max_digits=16, decimal_places=2, minimum=Decimal(0)
            )
        )
    started = clean.get("started_on", project.started_on if project else None)
    completed = clean.get("completed_on", project.completed_on if project else None)
    if started and completed and completed < started:
        raise DomainError(_("The project cannot be completed before it started."))
    return clean


def _clean_partners(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(items) > MAX_PARTNERS:
        raise DomainError(_("A project lists at most %(n)s partners.") % {"n": MAX_PARTNERS})
    clean = []
    for item in items:
        name = " ".join(str(item.get("name") or "").split())
        role = " ".join(str(item.get("role") or "").split())
        if not name:
            raise DomainError(_("Give each partner's name."))
        if len(name) > 200 or len(role) > 200:
            raise DomainError(_("A partner's name or role is longer than 200 characters."))
        organisation_id = item.get("organisation_id")
        if (
            organisation_id is not None
            and not Organisation.objects.filter(pk=organisation_id).exists()
        ):
            raise DomainError(_("The partner's organisation is not in the registry."))
        if organisation_id is None:
            # A partner named as an organisation of the registry is linked to it.
            organisation_id = (
                Organisation.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
            )
        clean.append({"name": name, "role": role, "organisation_id": organisation_id})
    return clean


def _clean_links(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    if len(items) > MAX_LINKS:
        raise DomainError(_("A project lists at most %(n)s links.") % {"n": MAX_LINKS})
    clean = []
    check = URLValidator(schemes=["http", "https"])
    for item in items:
        url = str(item.get("url") or "").strip()
        label = " ".join(str(item.get("label") or "").split()) or url
        if len(url) > 500 or len(label) > 200:
            raise DomainError(_("A link is longer than 500 characters, or its label than 200."))
        try:
            check(url)
        except ValidationError:
            raise DomainError(
                _("%(url)s is not a link starting with https:// or http://.") % {"url": url}
            ) from None
        clean.append({"label": label[:200], "url": url})
    return clean


def _clean_themes(network_id: int, ids: list[int]) -> list[Cluster]:
    found = list(Cluster.objects.filter(network_id=network_id, pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise DomainError(_("Choose themes among the clusters of the project's network."))
    return found


def _clean_sdgs(numbers: list[int]) -> list[Sdg]:
    found = list(Sdg.objects.filter(number__in=set(numbers)))
    if len(found) != len(set(numbers)):
        raise DomainError(_("Choose Sustainable Development Goals between 1 and 17."))
    return found


def _save_partners(project: Project, partners: list[dict[str, Any]]) -> None:
    project.partners.all().delete()
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, position=i, **item) for i, item in enumerate(partners)
    )


def _save_links(project: Project, links: list[dict[str, str]]) -> None:
    project.links.all().delete()
    ProjectLink.objects.bulk_create(
        ProjectLink(project=project, position=i, **item) for i, item in enumerate(links)
    )


def _relations(project: Project) -> dict[str, Any]:
    """The project's lists, as the audit keeps them."""
    return {
        "themes": sorted(project.themes.values_list("pk", flat=True)),
        "sdgs": sorted(project.sdgs.values_list("number", flat=True)),
        "partners": [
            [p.name, p.role, p.organisation_id] for p in project.partners.order_by("position")
        ],
        "links": [[link.label, link.url] for link in project.links.order_by("position")],
    }


def _lock(project: Project) -> Project:
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    return project


# --- Writing ---------------------------------------------------------------------------------


def create_draft(
    actor: Any,
    network: Network,
    organisation: Organisation,
    *,
    title: str,
    language: str = "en",
    **values: Any,
) -> Project:
    """A new draft of `organisation` in `network`: by an officer of that city while it is a
    member of the network, or by the Secretariat for any city."""
    is_staff = permissions.is_secretariat(actor)
    if not is_staff:
        if organisation.pk not in permissions.officer_organisation_ids(actor):
            raise PermissionDenied(
                _("Only the officers of %(city)s and the Secretariat may write its projects.")
                % {"city": organisation}
            )
        if registry.current_period(network, organisation) is None:
            raise DomainError(
                _("%(city)s is not a member of %(network)s.")
                % {"city": organisation, "network": network.short_name}
            )
    clean = _clean_values(None, {"title": title, "language": language, **values})
    with transaction.atomic():
        project = Project.objects.create(
            network=network, organisation=organisation, created_by=_user(actor), **clean
        )
        audit.record(
            actor,
            "create_catalog_project",
            project,
            after={"network": network.pk, "organisation": organisation.pk, "title": project.title},
        )
        refresh_search_text(project)
    return project


def update_project(
    actor: Any,
    project: Project,
    *,
    version: int,
    themes: list[int] | None = None,
    sdgs: list[int] | None = None,
    partners: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    **values: Any,
) -> Project:
    """Save an edit of the project made from the copy at `version`; the fields and lists
    given replace those stored. An edit from an older copy is refused (409) and saves
    nothing. A published project stays published."""
    _require_editor(actor, project)
    clean = _clean_values(project, values)
    clean_partners = _clean_partners(partners) if partners is not None else None
    clean_links = _clean_links(links) if links is not None else None
    clean_sdgs = _clean_sdgs(sdgs) if sdgs is not None else None
    with transaction.atomic():
        _lock(project)
        if project.version != version:
            raise DomainError(
                _(
                    "Someone saved this project since you opened it (it is now at version "
                    "%(now)s, you started from %(yours)s). Your text is below: compare it with "
                    "the project's page, then save again."
                )
                % {"now": project.version, "yours": version},
                status=409,
            )
        clean_themes = _clean_themes(project.network_id, themes) if themes is not None else None
        fields = sorted(clean)
        before = {**audit.snapshot(project, fields), **_relations(project)}
        for name, value in clean.items():
            setattr(project, name, value)
        # The dates as stored, checked again against the stored pair.
        if (
            project.started_on
            and project.completed_on
            and project.completed_on < project.started_on
        ):
            raise DomainError(_("The project cannot be completed before it started."))
        project.version = F("version") + 1
        project.save()
        project.refresh_from_db(fields=["version", "updated_at"])
        if clean_themes is not None:
            project.themes.set(clean_themes)
        if clean_sdgs is not None:
            project.sdgs.set(clean_sdgs)
        if clean_partners is not None:
            _save_partners(project, clean_partners)
        if clean_links is not None:
            _save_links(project, clean_links)
        after = {**audit.snapshot(project, fields), **_relations(project)}
        changed = sorted(k for k in after if before.get(k) != after[k])
        audit.record(
            actor,
            "update_catalog_project",
            project,
            before={k: before[k] for k in changed},
            after={**{k: after[k] for k in changed}, "version": project.version},
        )
        refresh_search_text(project)
    return project


# --- Publication --------------------------------------------------------------------------


def submission_problems(project: Project) -> list[str]:
    """The parts a project still needs before review, each named (empty: it may go)."""
    return [_field_name(name) for name in REQUIRED if not getattr(project, name).strip()]


def _move(
    actor: Any, project: Project, action: str, note: str = "", now: dt.datetime | None = None
) -> Project:
    """One step of the publication, under the project's row lock and a conditional update:
    of two presses at once, one moves the project and the other is told it has moved."""
    if not may_view(actor, project):
        raise _not_found(project.pk)
    note = note.strip()
    now = now or timezone.now()
    with transaction.atomic():
        _lock(project)
        move = rules.check_move(
            action,
            project.state,
            is_staff=permissions.is_secretariat(actor),
            is_officer=is_officer_of(actor, project),
            note=note,
        )
        if not move.allowed:
            raise DomainError(move.refusal, status=_refusal_status(actor, project, action))
        if move.to_state in (State.IN_REVIEW, State.PUBLISHED):
            missing = submission_problems(project)
            if missing:
                raise DomainError(
                    _("Before this step, write %(missing)s.") % {"missing": ", ".join(missing)}
                )
        before_state = project.state
        updates: dict[str, Any] = {"state": move.to_state, "updated_at": now}
        if action == rules.SUBMIT:
            updates.update(submitted_at=now, review_note="")
        elif action == rules.PUBLISH:
            updates.update(published_at=now, review_note="")
        elif action == rules.SEND_BACK:
            updates.update(review_note=note)
        elif action == rules.UNPUBLISH:
            updates.update(published_at=None, review_note=note)
        moved = Project.objects.filter(pk=project.pk, state=before_state).update(**updates)
        if not moved:  # pragma: no cover - the row lock makes this the only writer
            raise DomainError(_("The project has just been changed; reload the page."), status=409)
        for name, value in updates.items():
            setattr(project, name, value)
        audit.record(
            actor,
            f"{action}_catalog_project",
            project,
            before={"state": before_state},
            after={"state": move.to_state},
            reason=note,
        )
        if action == rules.PUBLISH:
            from intercity.knowledge.services import clusters

            clusters.note_project_published(project, actor)
    return project


def _refusal_status(actor: Any, project: Project, action: str) -> int:
    """403 for a move the actor may not take, 409 for one the project's state forbids, 400
    for a missing note."""
    is_staff = permissions.is_secretariat(actor)
    starts, _to, staff_only, _note = rules.MOVES.get(action, (frozenset(), "", True, False))
    if (staff_only and not is_staff) or not (is_staff or is_officer_of(actor, project)):
        return 403
    return 409 if project.state not in starts else 400


def submit(actor: Any, project: Project) -> Project:
    """An officer of the project's city (or the Secretariat) sends a draft for review."""
    return _move(actor, project, rules.SUBMIT)


def publish(actor: Any, project: Project) -> Project:
    """The Secretariat publishes a project (in review, or a draft it wrote itself)."""
    return _move(actor, project, rules.PUBLISH)


def send_back(actor: Any, project: Project, note: str) -> Project:
    """The Secretariat sends a project in review back to its city, saying what to change."""
    return _move(actor, project, rules.SEND_BACK, note)


def unpublish(actor: Any, project: Project, reason: str) -> Project:
    """The Secretariat takes a published project off the catalog, saying why."""
    return _move(actor, project, rules.UNPUBLISH, reason)


def history(actor: Any, project: Project) -> list[Any]:
    """What happened to a project, oldest first, for those who may edit it."""
    if not may_edit(actor, project):
        return []
    return list(audit.history_of(project).order_by("at", "pk"))


# --- Images and documents ------------------------------------------------------------------

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
PDF_MAGIC = b"%PDF-"


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _checked_file(upload: UploadedFile, kind: str) -> tuple[str, File[Any], int, str]:
    """The upload as it will be stored, checked by its content (never its name) and its size:
    (name, content, size, content type). An image is re-encoded from its pixels alone."""
    name = (upload.name or "file").replace("/", "_").replace("\\", "_")[-200:]
    limit = MAX_IMAGE_BYTES if kind == ProjectFile.Kind.IMAGE else MAX_DOCUMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise DomainError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            status=413,
        )
    head = upload.read(16)
    upload.seek(0)
    if kind == ProjectFile.Kind.DOCUMENT:
        if not head.startswith(PDF_MAGIC):
            raise DomainError(
                _("%(name)s is not a PDF document (its content says otherwise).") % {"name": name},
                status=415,
            )
        return name, upload, upload.size or 0, "application/pdf"
    if kind != ProjectFile.Kind.IMAGE:
        raise DomainError(_("Choose image or document."))
    if not (head.startswith(IMAGE_MAGIC) or _is_webp(head)):
        raise DomainError(
            _("%(name)s is not a PNG, JPEG or WebP image (its content says otherwise).")
            % {"name": name},
            status=415,
        )
    clean = images.sanitise(upload.read(limit + 1), max_bytes=limit, name=name, keep_png=True)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if clean.format == "PNG":
        return stem + ".png", ContentFile(clean.content), len(clean.content), "image/png"
    return stem + ".jpg", ContentFile(clean.content), len(clean.content), "image/jpeg"


def add_file(
    actor: Any, project: Project, upload: UploadedFile, *, kind: str, caption: str = ""
) -> ProjectFile:
    """An image (PNG, JPEG, WebP) or a PDF document added to the project."""
    _require_editor(actor, project)
    caption = " ".join(caption.split())
    if len(caption) > 300:
        raise DomainError(_("The caption is longer than 300 characters."))
    name, content, size, content_type = _checked_file(upload, kind)
    with transaction.atomic():
        _lock(project)
        if project.files.count() >= MAX_FILES:
            raise DomainError(
                _("A project carries at most %(n)s images and documents.") % {"n": MAX_FILES}
            )
        last = project.files.order_by("-position").values_list("position", flat=True).first()
        item = ProjectFile(
            project=project,
            kind=kind,
            name=name,
            caption=caption,
            content_type=content_type,
            size=size,
            position=(last or 0) + 1,
            uploaded_by=_user(actor),
        )
        item.file.save(name, content, save=False)
        stored = item.file
        try:
            item.save()
            audit.record(
                actor,
                "add_catalog_file",
                project,
                after={"file": item.pk, "kind": kind, "name": name, "size": size},
            )
        except Exception:
            stored.delete(save=False)
            raise
    return item


def remove_file(actor: Any, item: ProjectFile) -> None:
    project = item.project
    _require_editor(actor, project)
    with transaction.atomic():
        _lock(project)
        if not ProjectFile.objects.select_for_update().filter(pk=item.pk).exists():
            raise NotFound(_("This file has already been removed."))
        audit.record(
            actor, "remove_catalog_file", project, before={"file": item.pk, "name": item.name}
        )
        stored = item.file
        item.delete()
        if stored:
            transaction.on_commit(lambda: stored.delete(save=False))


def get_file(actor: Any, project_id: int, file_id: int) -> ProjectFile:
    """A file of a project the actor may see."""
    project = get_project(actor, project_id)
    item = ProjectFile.objects.filter(pk=file_id, project=project).select_related("project").first()
    if item is None:
        raise NotFound(_("No such file."))
    return item


# --- Award placements ----------------------------------------------------------------------


def _awards_installed() -> bool:
    return modules.is_installed("awards")


def placements_of(project: Project) -> list[Any]:
    """The published award placement the project won (awards' PlacementSummary), if any."""
    if project.award_placement_ref is None or not _awards_installed():
        return []
    from intercity.awards.services.results import published_placements

    return published_placements(ids=[project.award_placement_ref])


def winners_to_add(actor: Any) -> list[Any]:
    """The published award placements of the actor's cities that no catalog project cites
    yet, newest edition first (empty without the awards module)."""
    if not _awards_installed():
        return []
    from intercity.awards.services.results import published_placements

    cities = permissions.officer_organisation_ids(actor)
    found = [p for city in sorted(cities) for p in published_placements(organisation_id=city)]
    taken = set(
        Project.objects.filter(award_placement_ref__in=[p.id for p in found]).values_list(
            "award_placement_ref", flat=True
        )
    )
    return [p for p in found if p.id not in taken]


def _refuse_a_second_winner(placement_id: int) -> None:
    existing = Project.objects.filter(award_placement_ref=placement_id).first()
    if existing is not None:
        raise DomainError(
            _("%(project)s is already in the catalog.") % {"project": existing.title},
            status=409,
        )


def add_winner(actor: Any, placement_id: int) -> Project:
    """A draft prefilled from a published award placement of the actor's city: its project's
    title and a reference to the placement. Once per placement: the city's row is locked
    while the catalog is checked, so two clicks at once make one draft."""
    if not _awards_installed():
        raise NotFound(_("No award placement %(id)s.") % {"id": placement_id})
    from intercity.awards.services.results import published_placements

    found = published_placements(ids=[placement_id])
    if not found:
        raise NotFound(_("No award placement %(id)s.") % {"id": placement_id})
    placement = found[0]
    if not permissions.can_edit_organisation(actor, placement.organisation_id):
        raise PermissionDenied(
            _("Only the winning city's officers and the Secretariat may add this project.")
        )
    network = Network.objects.get(pk=placement.network_id)
    organisation = registry.get_organisation(placement.organisation_id)
    with transaction.atomic():
        # The city's row, locked: of two clicks at once the second waits, then finds the first's
        # draft (PostgreSQL; SQLite's IMMEDIATE transactions already run one at a time).
        registry.lock_membership(network, organisation)
        _refuse_a_second_winner(placement.id)
        title = (placement.project or placement.edition_title)[:250]
        try:
            # The database's word too (knowledge_one_project_per_placement): a draft made for
            # this placement in another way since the check is refused the same.
            with transaction.atomic():
                project = Project.objects.create(
                    network=network,
                    organisation=organisation,
                    title=title,
                    award_placement_ref=placement.id,
                    created_by=_user(actor),
                )
        except IntegrityError:
            _refuse_a_second_winner(placement.id)
            raise
        audit.record(
            actor,
            "add_winner_to_catalog",
            project,
            after={"placement": placement.id, "title": title, "organisation": organisation.pk},
        )
        refresh_search_text(project)
    return project


# --- The search text -----------------------------------------------------------------------


def name_texts(project: Project) -> list[str]:
    """Its city's names and its themes' names in every language: found by the search, but
    not words the project itself says ("projects like this one" leaves them out of the
    shared words, where the shared theme already speaks for them)."""
    organisation = project.organisation
    names = [
        getattr(organisation, field.name)
        for field in organisation._meta.concrete_fields
        if field.name == "name" or field.name.startswith("name_")
    ]
    theme_names = [
        getattr(theme, field.name)
        for theme in project.themes.all()
        for field in theme._meta.concrete_fields
        if field.name == "name" or field.name.startswith("name_")
    ]
    return [*names, *theme_names]


def refresh_search_text(project: Project) -> None:
    """Fold every text of a saved project into `search_text`, the column the search reads: its
    own texts, its partners, its city's name in every language and its themes' names in every
    language (a search for "madrid" or "마드리드" finds Madrid's projects). Call it after the
    project, its partners and its themes are saved; it saves the one column."""
    project.search_text = rules.search_text(
        project.title,
        project.summary,
        project.background,
        project.main_features,
        project.technical_details,
        project.challenges,
        project.figures_and_impact,
        project.budget_and_financing,
        *(partner.name for partner in project.partners.all()),
        *name_texts(project),
    )
    Project.objects.filter(pk=project.pk).update(search_text=project.search_text)
