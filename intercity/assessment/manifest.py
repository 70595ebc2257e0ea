"""What self-assessment brings: the instruments, a city's assessments, the reviews and the
benchmarks, and the way in from an organisation's page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu
    return [Link(_("Self-assessment"), reverse("assessment_home"))]


def organisation_links(request: HttpRequest, organisation: Any) -> list[Link]:
    from intercity.accounts import permissions

    if not permissions.can_edit_organisation(request.user, organisation.pk):
        return []
    return [
        Link(
            _("Self-assessment"),
            reverse("assessment_city", args=[organisation.pk]),
            style="button-secondary",
        )
    ]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    """A city's assessments (year, status, level) on its page, for those who may see them:
    its own officers and the Secretariat (an assessment is not public)."""
    from intercity.accounts import permissions
    from intercity.assessment import services

    if not permissions.can_edit_organisation(request.user, organisation.pk):
        return []
    found = services.assessments_visible_to(request.user).filter(organisation=organisation)
    links = tuple(
        Link(
            f"{a.instrument.name} {a.year}",
            reverse("assessment_edit" if a.editable else "assessment_result", args=[a.pk]),
            description=_("%(status)s · level %(level)s%(demo)s")
            % {
                "status": a.get_status_display(),
                "level": a.level if a.level is not None else "—",
                "demo": _(" · demonstration data") if a.demo else "",
            },
        )
        for a in found.order_by("-year", "instrument__position")
    )
    return [
        Section(
            _("Self-assessments"),
            links=links,
            text="" if links else _("No self-assessment has been started yet."),
            anchor="assessments",
            order=45,
        )
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.accounts import permissions
    from intercity.network import services as registry

    links = [
        Link(
            _("%(city)s: self-assessment")
            % {"city": registry.get_organisation(organisation_id).name},
            reverse("assessment_city", args=[organisation_id]),
        )
        for organisation_id in sorted(permissions.officer_organisation_ids(request.user))
    ]
    if permissions.is_secretariat(request.user):
        links.append(Link(_("Assessments to review"), reverse("assessment_review_queue")))
    if not links:
        return []
    return [Section(_("Self-assessment"), links=tuple(links), anchor="assessment", order=40)]


manifest = Manifest(
    name="assessment",
    label=cast(str, gettext_lazy("Self-assessment and benchmarking")),
    urls=("intercity.assessment.urls",),
    api=("intercity.assessment.api:router",),
    seed="intercity.assessment.seed",
    menu=menu,
    organisation_links=organisation_links,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
)
