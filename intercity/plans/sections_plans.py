"""What the plans part adds to other pages: a network's link to its progress; a pilot city's
action plan on its page; a National Representative's start section pointing at their state's
roll-up, and an officer's pointing at their city's plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.core.modules import Link, Section
from intercity.network.models import Network
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress, representation


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    if getattr(network, "slug", "") != "ascn":
        return []
    return [Link(_("Progress of the action plans"), reverse("plans_rollup", args=[network.slug]))]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    """A pilot city's action plan, for those who may read it."""
    network = Network.objects.filter(slug="ascn").first()
    if network is None or not plan_services.may_read(request.user, network):
        return []
    plan = plan_services.plan_of(network, organisation.pk)
    if plan is None:
        return []
    link = Link(plan.title, reverse("plans_city", args=[network.slug, organisation.pk]))
    return [Section(_("Action plan 2018-2025"), links=(link,), anchor="action-plan", order=72)]


def start_sections(request: HttpRequest) -> list[Section]:
    network = Network.objects.filter(slug="ascn").first()
    if network is None or not request.user.is_authenticated:
        return []
    sections = _officer_sections(request, network)
    states = sorted(representation.represented_states(request.user, network))
    if not states:
        return sections
    links = [
        Link(
            _("Progress of your state's pilot cities (%(code)s)") % {"code": code},
            reverse("plans_state_rollup", args=[network.slug, code]),
        )
        for code in states
    ]
    # A National Representative lands on their state's figure: the first section of the start
    # page says it, and links to the state's roll-up with each city.
    year = min(max(timezone.localdate().year, 2018), 2025)
    said = [_state_figure(network, code, year) for code in states]
    return [
        Section(
            title=_("Your state's action plans"),
            links=tuple(links),
            text=" ".join(line for line in said if line),
            order=1,
        ),
        *sections,
    ]


def _state_figure(network: Network, code: str, year: int) -> str:
    try:
        found = progress.rollup(network, year, "state", code)
    except DomainError:
        return ""
    if found.shown is None:
        return _("%(state)s, %(year)s: no progress reported yet.") % {
            "state": found.label,
            "year": year,
        }
    cities = len(found.parts)
    return ngettext(
        "%(state)s, %(year)s: %(percent)s%% done across %(cities)s pilot city.",
        "%(state)s, %(year)s: %(percent)s%% done across %(cities)s pilot cities.",
        cities,
    ) % {"state": found.label, "year": year, "percent": found.shown, "cities": cities}


def _officer_sections(request: HttpRequest, network: Network) -> list[Section]:
    """A city officer's (or Chief Smart City Officer's) way to their city's plan."""
    ids = permissions.officer_organisation_ids(request.user) | representation.csco_cities(
        request.user, network
    )
    if not ids:
        return []
    links = tuple(
        Link(
            plan.organisation.name, reverse("plans_city", args=[network.slug, plan.organisation_id])
        )
        for plan in plan_services.plans(network).filter(organisation_id__in=ids)
    )
    if not links:
        return []
    return [Section(title=_("Your city's action plan"), links=links, order=11)]
