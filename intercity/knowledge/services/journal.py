"""The Best Practices Journal (seed 003, Goal 3): issues of a network that gather published
catalog projects under an editorial, each with the editors' note on why.

The Secretariat alone makes an issue: creates it (numbered after the network's issues),
writes its title and editorial, adds published projects of the same network with a note,
removes and reorders them, and publishes it once. A published issue is a record: its entries
stay as published (a project later taken off the catalog stays in the issue, which says so),
and only its title and editorial may be corrected, each correction audited. Everyone reads
published issues; a draft is the Secretariat's alone (not found for anyone else).

Each action checks who acts, runs in one transaction and writes its audit event. Two
creations at once take two numbers (the network's row is locked while the number is taken);
two publications at once publish once (a conditional update on the draft state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.knowledge import rules_journal as rules
from intercity.knowledge.models import Cluster, JournalEntry, JournalIssue, Project
from intercity.network.models import Network

DRAFT, PUBLISHED = JournalIssue.State.DRAFT, JournalIssue.State.PUBLISHED


def _require_secretariat(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may edit the Best Practices Journal.")
    )


# --- Reading ---------------------------------------------------------------------------------


def issues_visible_to(actor: Any) -> QuerySet[JournalIssue]:
    """Published issues, newest first, for everyone; the Secretariat also sees drafts (first,
    as they are the work in hand). Each issue carries `entry_count`."""
    found = JournalIssue.objects.select_related("network").annotate(entry_count=Count("entries"))
    if permissions.is_secretariat(actor):
        return found.order_by("state", "-published_at", "network__slug", "-number")
    return found.filter(state=PUBLISHED).order_by("-published_at", "-pk")


def get_issue(actor: Any, issue_id: int) -> JournalIssue:
    """An issue the actor may read; a draft is not found for anyone but the Secretariat."""
    issue = issues_visible_to(actor).filter(pk=issue_id).first()
    if issue is None:
        raise NotFound(_("No journal issue %(id)s.") % {"id": issue_id})
    return issue


def get_draft(actor: Any, issue_id: int) -> JournalIssue:
    """An issue the Secretariat is editing (any state: a published one has its title and
    editorial corrected); refused to anyone else."""
    _require_secretariat(actor)
    return get_issue(actor, issue_id)


@dataclass
class EntryView:
    """One project of an issue as its page and its PDF show it."""

    entry: JournalEntry
    project: Project
    position: int  # 1, 2, ... in the editors' order
    city: str
    country: str
    themes: list[str] = field(default_factory=list)
    in_catalog: bool = True

    @property
    def anchor(self) -> str:
        return f"entry-{self.entry.pk}"


def entries(issue: JournalIssue) -> list[EntryView]:
    """The issue's projects in the editors' order, with their city, themes and whether each is
    still in the catalog."""
    rows = (
        JournalEntry.objects.filter(issue=issue)
        .select_related("project", "project__organisation")
        .prefetch_related(
            Prefetch("project__themes", queryset=Cluster.objects.order_by("position", "slug"))
        )
        .order_by("position", "pk")
    )
    out = []
    for index, entry in enumerate(rows, start=1):
        project = entry.project
        organisation = project.organisation
        out.append(
            EntryView(
                entry=entry,
                project=project,
                position=index,
                city=organisation.name,
                country=str(getattr(organisation, "country", "") or ""),
                themes=[theme.name for theme in project.themes.all()],
                in_catalog=project.state == Project.State.PUBLISHED,
            )
        )
    return out


def candidates(issue: JournalIssue) -> QuerySet[Project]:
    """The published projects of the issue's network not yet in it: what the editors may add."""
    return (
        Project.objects.filter(network_id=issue.network_id, state=Project.State.PUBLISHED)
        .exclude(journal_entries__issue=issue)
        .select_related("organisation")
        .order_by("title", "pk")
    )


# --- The issue -------------------------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give the issue a title."))
    if len(title) > rules.TITLE_LIMIT:
        raise DomainError(
            _("An issue's title has at most %(limit)s characters.") % {"limit": rules.TITLE_LIMIT}
        )
    return title


def _clean_editorial(editorial: str) -> str:
    editorial = (editorial or "").replace("\r\n", "\n").strip()
    if len(editorial) > rules.EDITORIAL_LIMIT:
        raise DomainError(
            _("The editorial has at most %(limit)s characters.") % {"limit": rules.EDITORIAL_LIMIT}
        )
    return editorial


def create_issue(actor: Any, network: Network, title: str, *, demo: bool = False) -> JournalIssue:
    """A new draft issue of `network`, numbered after the network's issues. The network's row
    is locked while the number is taken, so two creations at once take two numbers; were the
    number taken all the same (an issue added outside this action), the creation is refused
    cleanly and nothing is saved."""
    _require_secretariat(actor)
    title = _clean_title(title)
    try:
        with transaction.atomic():
            Network.objects.select_for_update().filter(pk=network.pk).first()
            taken = JournalIssue.objects.filter(network=network).aggregate(top=Max("number"))
            number = rules.next_number([taken["top"]] if taken["top"] else [])
            with translation.override(settings.LANGUAGE_CODE):
                issue = JournalIssue(
                    network=network,
                    number=number,
                    title=title,
                    demo=demo,
                    created_by=permissions.user_or_none(actor),
                )
                issue.save()
            audit.record(
                actor,
                "create_journal_issue",
                issue,
                after={"network": network.slug, "number": number, "title": title},
            )
    except IntegrityError as exc:
        raise DomainError(
            _("Another issue of %(network)s took this number at the same moment; try again.")
            % {"network": network.short_name},
            status=409,
        ) from exc
    return issue


def _lock(issue: JournalIssue) -> JournalIssue:
    locked = JournalIssue.objects.select_for_update().filter(pk=issue.pk).first()
    if locked is None:
        raise NotFound(_("No journal issue %(id)s.") % {"id": issue.pk})
    return locked


def _require_draft(issue: JournalIssue) -> None:
    if issue.state != DRAFT:
        raise DomainError(
            _(
                "This issue is published: its projects stay as they were published; only its "
                "title and editorial may be corrected."
            ),
            status=409,
        )


def edit_issue(actor: Any, issue: JournalIssue, *, title: str, editorial: str) -> JournalIssue:
    """Write the issue's English title and editorial (its other languages are written in the
    admin). Allowed on a published issue too, as a correction: audited with what it was."""
    _require_secretariat(actor)
    title, editorial = _clean_title(title), _clean_editorial(editorial)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        locked = _lock(issue)
        before = {"title": locked.title, "editorial": locked.editorial}
        if before == {"title": title, "editorial": editorial}:
            return locked
        locked.title, locked.editorial = title, editorial
        locked.save()
        audit.record(
            actor,
            "correct_journal_issue" if locked.state == PUBLISHED else "edit_journal_issue",
            locked,
            before=before,
            after={"title": title, "editorial": editorial},
        )
    return locked


def publish_issue(actor: Any, issue: JournalIssue) -> JournalIssue:
    """Publish a draft that gathers at least one project and has its editorial: once. The
    move is a conditional update on the draft state, so of two publications at once one
    publishes and the other is told the issue is already published."""
    _require_secretariat(actor)
    with transaction.atomic():
        locked = _lock(issue)
        refusal = rules.publish_refusal(
            state=locked.state, entries=locked.entries.count(), editorial=locked.editorial
        )
        if refusal:
            raise DomainError(refusal, status=409 if locked.state != DRAFT else 400)
        now = timezone.now()
        moved = JournalIssue.objects.filter(pk=locked.pk, state=DRAFT).update(
            state=PUBLISHED, published_at=now
        )
        if not moved:  # pragma: no cover - the row lock makes this the only writer
            raise DomainError(_("This issue is already published."), status=409)
        locked.state, locked.published_at = PUBLISHED, now
        audit.record(
            actor,
            "publish_journal_issue",
            locked,
            before={"state": DRAFT},
            after={"state": PUBLISHED, "published_at": now},
        )
    return locked


# --- Its entries -----------------------------------------------------------------------------


def add_entry(actor: Any, issue: JournalIssue, project_id: int, note: str = "") -> JournalEntry:
    """Add a published project of the issue's network to a draft issue, last, with the
    editors' note on why."""
    _require_secretariat(actor)
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > rules.NOTE_LIMIT:
        raise DomainError(
            _("The editors' note has at most %(limit)s characters.") % {"limit": rules.NOTE_LIMIT}
        )
    try:
        with transaction.atomic():
            locked = _lock(issue)
            _require_draft(locked)
            project = (
                Project.objects.select_related("network").filter(pk=project_id).first()
                if 0 < project_id < 2**63
                else None
            )
            if project is None:
                raise DomainError(_("No catalog project %(id)s.") % {"id": project_id})
            if project.state != Project.State.PUBLISHED:
                raise DomainError(
                    _(
                        "%(project)s is not published in the catalog: only published projects "
                        "go into the journal."
                    )
                    % {"project": project.title}
                )
            if project.network_id != locked.network_id:
                raise DomainError(
                    _(
                        "%(project)s is a project of %(other)s; this issue gathers projects of "
                        "%(network)s."
                    )
                    % {
                        "project": project.title,
                        "other": project.network.short_name,
                        "network": locked.network.short_name,
                    }
                )
            if locked.entries.filter(project=project).exists():
                raise DomainError(
                    _("%(project)s is already in this issue.") % {"project": project.title},
                    status=409,
                )
            count = locked.entries.count()
            if count >= rules.MAX_ENTRIES:
                raise DomainError(
                    _("An issue gathers at most %(limit)s projects.") % {"limit": rules.MAX_ENTRIES}
                )
            top = locked.entries.aggregate(top=Max("position"))["top"]
            entry = JournalEntry.objects.create(
                issue=locked,
                project=project,
                position=(top or 0) + 1,
                note=note,
            )
            audit.record(
                actor,
                "add_journal_entry",
                locked,
                after={"project": project.pk, "title": project.title, "note": note},
            )
    except IntegrityError as exc:  # pragma: no cover - the issue's row lock orders the adds
        raise DomainError(_("This project is already in this issue."), status=409) from exc
    return entry


def _entry_of(locked: JournalIssue, entry_id: int) -> JournalEntry:
    entry = (
        locked.entries.select_related("project").filter(pk=entry_id).first()
        if 0 < entry_id < 2**63
        else None
    )
    if entry is None:
        raise NotFound(_("No such project in this issue."))
    return entry


def edit_note(actor: Any, issue: JournalIssue, entry_id: int, note: str) -> JournalEntry:
    """Rewrite the editors' note on one project of a draft issue."""
    _require_secretariat(actor)
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > rules.NOTE_LIMIT:
        raise DomainError(
            _("The editors' note has at most %(limit)s characters.") % {"limit": rules.NOTE_LIMIT}
        )
    with transaction.atomic():
        locked = _lock(issue)
        _require_draft(locked)
        entry = _entry_of(locked, entry_id)
        before = entry.note
        entry.note = note
        entry.save(update_fields=["note"])
        audit.record(
            actor,
            "edit_journal_note",
            locked,
            before={"project": entry.project_id, "note": before},
            after={"project": entry.project_id, "note": note},
        )
    return entry


def remove_entry(actor: Any, issue: JournalIssue, entry_id: int) -> None:
    """Take a project out of a draft issue."""
    _require_secretariat(actor)
    with transaction.atomic():
        locked = _lock(issue)
        _require_draft(locked)
        entry = _entry_of(locked, entry_id)
        audit.record(
            actor,
            "remove_journal_entry",
            locked,
            before={"project": entry.project_id, "title": entry.project.title, "note": entry.note},
        )
        entry.delete()


def move_entry(actor: Any, issue: JournalIssue, entry_id: int, direction: str) -> None:
    """Move a project of a draft issue one place up or down; the issue's order is rewritten
    1, 2, 3... so positions stay distinct whatever they were."""
    _require_secretariat(actor)
    if direction not in (rules.UP, rules.DOWN):
        raise DomainError(_("Move a project up or down."))
    with transaction.atomic():
        locked = _lock(issue)
        _require_draft(locked)
        entry = _entry_of(locked, entry_id)
        order = list(locked.entries.order_by("position", "pk"))
        before = [e.project_id for e in order]
        new_order = rules.moved(order, entry, direction)
        for position, item in enumerate(new_order, start=1):
            if item.position != position:
                JournalEntry.objects.filter(pk=item.pk).update(position=position)
        after = [e.project_id for e in new_order]
        if after != before:
            audit.record(
                actor,
                "reorder_journal_issue",
                locked,
                before={"order": before},
                after={"order": after},
            )


def translate(actor: Any, issue: JournalIssue, changed: list[str]) -> None:
    """Save the translations of an issue's title and editorial written in the admin: only the
    columns of languages other than English change there."""
    from intercity.core import translated

    _require_secretariat(actor)
    with transaction.atomic():
        translated.save_translations(issue)
        audit.record(
            actor,
            "translate_journal_issue",
            issue,
            after={"changed": sorted(changed)},
        )
