"""The results of an edition: the panel's Special Mentions, publication, what the results
page and the API show, and the certificates.

Until publication the results are the Secretariat's and the head of panel's alone; once
published, everyone's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.awards import rules
from intercity.awards.models import Application, Category, Edition, Placement, Stage
from intercity.awards.services import round2
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied

CATEGORY_PLACES = (Placement.Place.GOLD, Placement.Place.SILVER, Placement.Place.SPECIAL_MENTION)


def may_see(actor: Any, edition: Edition, *, panel: bool = True) -> bool:
    """Everyone once published; the Secretariat (and, with `panel`, the head of panel, who
    decides a tie) once decided."""
    if edition.stage == Stage.PUBLISHED:
        return True
    if edition.stage == Stage.DECIDED:
        if permissions.is_secretariat(actor):
            return True
        return panel and round2.is_head(actor, edition)
    return False


def edition_link(actor: Any, network_slug: str, year: int) -> tuple[str, str] | None:
    """The title and results page of a network's edition of a year, when the actor may see its
    results, for another module's page that points at it (the events programme)."""
    from django.urls import reverse

    edition = (
        Edition.objects.select_related("network")
        .filter(network__slug=network_slug, year=year)
        .order_by("-number")
        .first()
    )
    if edition is None or not may_see(actor, edition, panel=False):
        return None
    return edition.title, reverse("awards_results", args=[edition.pk])


def may_mention(actor: Any, edition: Edition) -> bool:
    """The panel's Special Mentions are recorded by the head of panel, or by the Secretariat
    on the panel's behalf."""
    return permissions.is_secretariat(actor) or round2.is_head(actor, edition)


def editions_with_results(actor: Any) -> QuerySet[Edition]:
    """Published editions for everyone; every edition for the Secretariat."""
    found = Edition.objects.select_related("network").prefetch_related("categories")
    if permissions.is_secretariat(actor):
        return found.order_by("network__slug", "-year")
    return found.filter(stage=Stage.PUBLISHED).order_by("network__slug", "-year")


def get_visible_edition(actor: Any, edition_id: int, *, panel: bool = True) -> Edition:
    """An edition whose results the actor may see; any other is not found."""
    edition = Edition.objects.select_related("network").filter(pk=edition_id).first()
    if edition is None or not may_see(actor, edition, panel=panel):
        raise NotFound(_("No published results for award edition %(id)s.") % {"id": edition_id})
    return edition


@dataclass
class CategoryResults:
    category: Category
    gold: Placement | None = None
    silver: Placement | None = None
    mentions: list[Placement] = field(default_factory=list)
    # A tie on votes and round-1 scores the panel has still to decide.
    tie: rules.PlaceTie | None = None
    tie_candidates: list[Application] = field(default_factory=list)
    tie_places: list[str] = field(default_factory=list)
    # Applications the panel may still give a Special Mention (before publication).
    mentionable: list[Application] = field(default_factory=list)
    mentions_left: int = 0
    # A refusal to show beside the form that caused it (set by the page).
    tie_error: str = ""
    mention_error: str = ""

    @property
    def placements(self) -> list[Placement]:
        return [p for p in (self.gold, self.silver) if p] + self.mentions


@dataclass
class Results:
    edition: Edition
    categories: list[CategoryResults]
    edition_wide: list[Placement]

    @property
    def published(self) -> bool:
        return self.edition.stage == Stage.PUBLISHED

    @property
    def pending_ties(self) -> list[CategoryResults]:
        return [c for c in self.categories if c.tie is not None]


def results(actor: Any, edition: Edition) -> Results:
    """What the results page shows: per category Gold, Silver and Special Mentions, and the
    awards of the whole edition; before publication, the ties the panel has to decide."""
    if not may_see(actor, edition):
        raise NotFound(_("No published results for award edition %(id)s.") % {"id": edition.pk})
    placements = list(
        edition.placements.select_related("organisation", "category", "application").order_by(
            "category__position", "category__code", "pk"
        )
    )
    categories = []
    open_for_panel = edition.stage == Stage.DECIDED
    for category in edition.categories.order_by("position", "code"):
        mine = [p for p in placements if p.category_id == category.pk]
        found = CategoryResults(
            category=category,
            gold=next((p for p in mine if p.place == Placement.Place.GOLD), None),
            silver=next((p for p in mine if p.place == Placement.Place.SILVER), None),
            mentions=[p for p in mine if p.place == Placement.Place.SPECIAL_MENTION],
        )
        if open_for_panel:
            counted = round2.count(category)
            if counted.tie and not category.decisions.filter(kind="places").exists():
                found.tie = counted.tie
                found.tie_candidates = [counted.by_label[c] for c in counted.tie.candidates]
                found.tie_places = [rules.place_name(p) for p in counted.tie.places]
            found.mentions_left = max(edition.special_mentions - len(found.mentions), 0)
            tied = {a.pk for a in found.tie_candidates}
            found.mentionable = [
                a
                for a in category.applications.filter(status=Application.Status.ELIGIBLE)
                .filter(placement__isnull=True)
                .select_related("organisation")
                .order_by("title")
                if a.pk not in tied
            ]
        categories.append(found)
    return Results(
        edition=edition,
        categories=categories,
        edition_wide=[p for p in placements if p.category_id is None],
    )


# --- Special Mentions ------------------------------------------------------------------------


def add_special_mention(
    actor: Any, category: Category, application_id: int, reason: str
) -> Placement:
    """A Special Mention of the panel: any eligible application of the category that is not
    Gold or Silver, up to the edition's number per category, with the panel's reason."""
    edition = category.edition
    if not may_mention(actor, edition):
        raise PermissionDenied(
            _("Only the head of panel or the Secretariat may record a Special Mention.")
        )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the panel's reason for the Special Mention."))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.stage != Stage.DECIDED:
            raise DomainError(
                _("Special Mentions are recorded after round 2 closes and before publication."),
                status=409,
            )
        application = (
            Application.objects.select_related("organisation")
            .filter(pk=application_id, category=category)
            .first()
        )
        if application is None or application.status != Application.Status.ELIGIBLE:
            raise DomainError(
                _("Only an eligible application of %(category)s may have a Special Mention.")
                % {"category": category}
            )
        placed = Placement.objects.filter(application=application).first()
        if placed is not None:
            raise DomainError(
                _("%(project)s already has a place: %(place)s.")
                % {"project": application.title, "place": placed.get_place_display()},
                status=409,
            )
        tie = round2.pending_tie(category)
        if tie is not None and round2._label(application) in tie.candidates:
            raise DomainError(
                _(
                    "%(project)s is tied for a place the panel has still to decide; decide the "
                    "tie first."
                )
                % {"project": application.title},
                status=409,
            )
        given = category.placements.filter(place=Placement.Place.SPECIAL_MENTION).count()
        if given >= edition.special_mentions:
            raise DomainError(
                _("%(category)s already has its Special Mentions (%(count)s at most).")
                % {"category": category, "count": edition.special_mentions},
                status=409,
            )
        with translation.override(settings.LANGUAGE_CODE):  # stored: the source language
            ruling = _("Special Mention of the panel: %(reason)s") % {"reason": reason}
        placement = Placement.objects.create(
            edition=edition,
            category=category,
            place=Placement.Place.SPECIAL_MENTION,
            organisation=application.organisation,
            application=application,
            project=application.title,
            votes=None,
            ruling=ruling,
        )
        audit.record(
            actor,
            "add_special_mention",
            placement,
            after={"category": category.pk, "application": application.pk},
            reason=reason,
        )
    return placement


# --- Publication -----------------------------------------------------------------------------


def publish(actor: Any, edition: Edition) -> Edition:
    """Publish the results: refused while a category's tie on places is undecided."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may publish the results.")
    )
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.stage != Stage.DECIDED:
            raise DomainError(
                _("Only decided results can be published; this edition is: %(stage)s.")
                % {"stage": locked.get_stage_display()},
                status=409,
            )
        undecided = [c.name for c in locked.categories.all() if round2.pending_tie(c)]
        if undecided:
            raise DomainError(
                _("The panel has still to decide a tie on places in %(categories)s.")
                % {"categories": ", ".join(undecided)},
                status=409,
            )
        now = timezone.now()
        moved = Edition.objects.filter(pk=locked.pk, stage=Stage.DECIDED).update(
            stage=Stage.PUBLISHED, published_at=now
        )
        if not moved:  # pragma: no cover - the row lock makes this the only writer
            raise DomainError(_("The results are already published."), status=409)
        locked.stage, locked.published_at = Stage.PUBLISHED, now
        audit.record(
            actor,
            "publish_results",
            locked,
            before={"stage": Stage.DECIDED},
            after={"stage": Stage.PUBLISHED, "published_at": now},
        )
    return locked


# --- Certificates ----------------------------------------------------------------------------


def get_certificate_placement(actor: Any, placement_id: int) -> Placement:
    """A placement whose certificate may be downloaded: its edition's results published."""
    placement = (
        Placement.objects.select_related("edition", "edition__network", "category", "organisation")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None or placement.edition.stage != Stage.PUBLISHED:
        raise NotFound(_("No certificate %(id)s.") % {"id": placement_id})
    return placement


# --- What other modules read of the published results ----------------------------------------


@dataclass(frozen=True)
class PlacementSummary:
    """A published placement as another module shows it (the projects catalog): plain values,
    the category's name in the reader's language."""

    id: int
    edition_id: int
    edition_year: int
    edition_title: str
    network_id: int
    category: str
    place: str
    place_label: str
    organisation_id: int
    project: str


def published_placements(
    *,
    ids: list[int] | None = None,
    organisation_id: int | None = None,
    network_id: int | None = None,
) -> list[PlacementSummary]:
    """Placements of published editions only, newest edition first; filtered by their ids, by
    the winning organisation or by the network when given."""
    found = Placement.objects.filter(edition__stage=Stage.PUBLISHED).select_related(
        "edition", "category", "application"
    )
    if ids is not None:
        found = found.filter(pk__in=ids)
    if organisation_id is not None:
        found = found.filter(organisation_id=organisation_id)
    if network_id is not None:
        found = found.filter(edition__network_id=network_id)
    return [
        PlacementSummary(
            id=placement.pk,
            edition_id=placement.edition_id,
            edition_year=placement.edition.year,
            edition_title=placement.edition.title,
            network_id=placement.edition.network_id,
            category=placement.category.name if placement.category else "",
            place=placement.place,
            place_label=str(placement.get_place_display()),
            organisation_id=placement.organisation_id,
            project=placement.project
            or (placement.application.title if placement.application else ""),
        )
        for placement in found.order_by("-edition__year", "category__position", "pk")
    ]
