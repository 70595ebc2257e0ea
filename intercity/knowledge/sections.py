"""What the knowledge module adds to other pages: an organisation's published projects and
clusters; on a start page, an officer's drafts and projects in review and their clusters, the
Secretariat's projects to review and the clusters' latest activity.

The projects' sections are here; the clusters' are in `sections_clusters`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.core.modules import Link, Section
from intercity.knowledge import sections_clusters


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return [
        *_project_sections_organisation(request, organisation),
        *sections_clusters.organisation_sections(request, organisation),
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    return [*_project_sections_start(request), *sections_clusters.start_sections(request)]


# --- The catalog's projects ----------------------------------------------------------------


def _project_sections_organisation(request: HttpRequest, organisation: Any) -> list[Section]:
    """The organisation's published projects, for everyone (nothing when it has none)."""
    from intercity.knowledge.services import catalog

    found = catalog.published().filter(organisation=organisation).order_by("-published_at", "pk")
    projects = list(found[:20])
    if not projects:
        return []
    return [
        Section(
            _("Projects in the catalog"),
            links=tuple(
                Link(
                    p.title,
                    reverse("knowledge_project", args=[p.pk]),
                    description=str(p.get_status_display()) if p.status else "",
                )
                for p in projects
            ),
            anchor="catalog-projects",
            order=70,
        )
    ]


def _project_sections_start(request: HttpRequest) -> list[Section]:
    """An officer's drafts and projects in review, and their city's award winners still to
    add; the Secretariat's projects waiting for review."""
    from intercity.accounts import permissions
    from intercity.knowledge.models import Project
    from intercity.knowledge.services import catalog

    sections = []
    if permissions.officer_organisation_ids(request.user):
        working = list(
            catalog.city_projects(request.user).exclude(state=Project.State.PUBLISHED)[:20]
        )
        winners = catalog.winners_to_add(request.user)
        links = [
            Link(
                f"{p.organisation.name}: {p.title}",
                reverse("knowledge_project", args=[p.pk]),
                description=str(p.get_state_display()),
            )
            for p in working
        ]
        if winners:
            links.append(
                Link(
                    ngettext(
                        "%(n)s award winner to add to the catalog",
                        "%(n)s award winners to add to the catalog",
                        len(winners),
                    )
                    % {"n": len(winners)},
                    reverse("knowledge_my_projects"),
                )
            )
        links.append(Link(_("All your city's projects"), reverse("knowledge_my_projects")))
        sections.append(
            Section(
                _("Projects catalog"),
                links=tuple(links),
                text="" if working else _("No draft or project in review."),
                anchor="catalog-projects",
                order=70,
            )
        )
    if permissions.is_secretariat(request.user):
        waiting = catalog.review_queue(request.user).count()
        sections.append(
            Section(
                _("Catalog projects to review"),
                links=(
                    Link(
                        ngettext(
                            "%(n)s project waiting for review",
                            "%(n)s projects waiting for review",
                            waiting,
                        )
                        % {"n": waiting},
                        reverse("knowledge_review"),
                    ),
                ),
                anchor="catalog-review",
                order=70,
            )
        )
    return sections
