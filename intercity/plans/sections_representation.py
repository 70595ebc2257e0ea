"""What the representation part adds to other pages: on the ASCN's page, a link to its
representation (its pilot cities by Member State, the rule in force, the representatives)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.plans.models_representation import MemberState


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    if not MemberState.objects.filter(network=network).exists():
        return []
    return [
        Link(
            _("Representation"),
            reverse("plans_representation", args=[network.slug]),
            description=_(
                "Pilot cities by ASEAN Member State, Chief Smart City Officers, National "
                "Representatives, the ASEAN Chair and the shepherd"
            ),
        )
    ]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    return []
