"""What self-assessment brings: the instruments, a city's assessments, the reviews and the
benchmarks, and the way in from an organisation's page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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


# How many of the assessments waiting for review the start page names one by one; the queue
# has them all.
REVIEWS_NAMED = 5


def _officer_cities(request: HttpRequest) -> list[Section]:
    """Each of the officer's cities: its assessments counted by stage, and a link to each one
    still being worked on (a draft, or one returned for changes)."""
    from intercity.accounts import permissions
    from intercity.assessment import services
    from intercity.network import services as registry

    by_city: dict[int, list[Any]] = {}
    names: dict[int, str] = {}
    for assessment in services.own_cities_assessments(request.user):
        by_city.setdefault(assessment.organisation_id, []).append(assessment)
        names[assessment.organisation_id] = assessment.organisation.name
    links: list[Link] = []
    for organisation_id in sorted(permissions.officer_organisation_ids(request.user)):
        found = by_city.get(organisation_id, [])
        name = names.get(organisation_id) or registry.get_organisation(organisation_id).name
        counts = {
            "open": sum(1 for a in found if a.editable),
            "submitted": sum(1 for a in found if a.status == a.Status.SUBMITTED),
            "accepted": sum(1 for a in found if a.status == a.Status.ACCEPTED),
        }
        links.append(
            Link(
                _("%(city)s: self-assessment") % {"city": name},
                reverse("assessment_city", args=[organisation_id]),
                description=(
                    _("%(open)s in progress, %(submitted)s submitted, %(accepted)s accepted")
                    % counts
                    if found
                    else _("none started yet")
                ),
            )
        )
        links += [
            Link(
                f"{name}: {a.instrument.name} {a.year}",
                reverse("assessment_edit", args=[a.pk]),
                description=a.get_status_display(),
            )
            for a in found
            if a.editable
        ]
    if not links:
        return []
    return [Section(_("Self-assessment"), links=tuple(links), anchor="assessment", order=40)]


def _reviews(request: HttpRequest) -> list[Section]:
    """The Secretariat's reviews to do, the longest waiting first, with the day each came."""
    from intercity.assessment import services

    waiting = services.waiting_for_review(request.user)
    count = waiting.count()
    links = [
        Link(
            f"{a.organisation.name}: {a.instrument.name} {a.year}",
            reverse("assessment_result", args=[a.pk]),
            description=_("submitted on %(date)s")
            % {"date": date_format(timezone.localdate(a.submitted_at)) if a.submitted_at else "—"},
        )
        for a in waiting[:REVIEWS_NAMED]
    ]
    links.append(
        Link(
            ngettext(
                "Assessments to review (%(n)s waiting)",
                "Assessments to review (%(n)s waiting)",
                count,
            )
            % {"n": count},
            reverse("assessment_review_queue"),
        )
    )
    return [
        Section(
            _("Assessments to review"),
            links=tuple(links),
            text="" if count else _("No assessment waits for review."),
            anchor="assessment-review",
            order=40,
        )
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.accounts import permissions

    sections = _officer_cities(request)
    if permissions.is_secretariat(request.user):
        sections += _reviews(request)
    return sections


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
