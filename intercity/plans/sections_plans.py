"""What the plans part adds to other pages: a network's link to its progress, and a National
Representative's start section pointing at their state's roll-up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.network.models import Network
from intercity.plans.services import representation


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    if getattr(network, "slug", "") != "ascn":
        return []
    return [Link(_("Progress of the action plans"), reverse("plans_rollup", args=[network.slug]))]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    network = Network.objects.filter(slug="ascn").first()
    if network is None or not request.user.is_authenticated:
        return []
    states = sorted(representation.represented_states(request.user, network))
    if not states:
        return []
    links = [
        Link(
            _("Progress of your state's pilot cities (%(code)s)") % {"code": code},
            reverse("plans_state_rollup", args=[network.slug, code]),
        )
        for code in states
    ]
    return [Section(title=_("Your state's action plans"), links=tuple(links), order=10)]
