"""What the awards module contributes to other pages about applications: a city's
applications and placements on its page, a city officer's drafts and the Secretariat's
screening on their start pages. The manifest calls these."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.awards.models import Application, Placement, Stage
from intercity.awards.services import applications
from intercity.core.modules import Link, Section


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    """A city's award applications for its officers and the Secretariat; its placements in
    published editions for everyone."""
    sections = []
    if permissions.can_edit_organisation(request.user, organisation.pk):
        found = applications.applications_visible_to(request.user).filter(organisation=organisation)
        links = tuple(
            Link(
                a.title,
                reverse("awards_application", args=[a.pk]),
                description=f"{a.edition.title} · {a.category.name} · {a.get_status_display()}",
            )
            for a in found.order_by("-edition__year", "title")
        )
        sections.append(
            Section(
                _("Award applications"),
                links=links,
                text="" if links else _("No award application yet."),
                anchor="award-applications",
                order=60,
            )
        )
    placements = Placement.objects.filter(
        organisation=organisation, edition__stage=Stage.PUBLISHED
    ).select_related("edition", "category")
    if placements:
        sections.append(
            Section(
                _("Awards won"),
                links=tuple(
                    Link(
                        f"{p.get_place_display()}: {p.project or p.edition.title}",
                        reverse("awards_edition", args=[p.edition_id]),
                        description=" · ".join(
                            filter(None, [p.edition.title, p.category.name if p.category else ""])
                        ),
                    )
                    for p in placements.order_by("-edition__year", "category__position", "pk")
                ),
                anchor="awards-won",
                order=61,
            )
        )
    return sections


def _waiting(n: int) -> str:
    return ngettext("%(n)s application waiting", "%(n)s applications waiting", n) % {"n": n}


def start_sections(request: HttpRequest) -> list[Section]:
    """A city officer's drafts and submitted applications; the Secretariat's screening."""
    sections = []
    Status = Application.Status
    mine = applications.own_cities_applications(request.user).filter(
        status__in=[Status.DRAFT, Status.SUBMITTED]
    )
    if mine:
        sections.append(
            Section(
                _("Award applications"),
                links=tuple(
                    Link(
                        f"{a.organisation.name}: {a.title}",
                        reverse("awards_application", args=[a.pk]),
                        description=f"{a.edition.title} · {a.get_status_display()}",
                    )
                    for a in mine
                ),
                anchor="award-applications",
                order=60,
            )
        )
    if permissions.is_secretariat(request.user):
        waiting = list(applications.waiting_for_screening(request.user))
        editions = {a.edition_id: a.edition for a in waiting}
        sections.append(
            Section(
                _("Award applications to screen"),
                links=tuple(
                    Link(
                        e.title,
                        reverse("awards_screening", args=[e.pk]),
                        description=_waiting(sum(a.edition_id == e.pk for a in waiting)),
                    )
                    for e in editions.values()
                ),
                text="" if waiting else _("No award application waits for screening."),
                anchor="award-screening",
                order=60,
            )
        )
    return sections
