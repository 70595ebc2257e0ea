"""What the plans module brings (SPEC module 8, the ASEAN Smart Cities Network): the network's
representation rules (nominations, Chief Smart City Officers, National Representatives, the
Chair), the pilot cities' action plans 2018-2025 with their yearly progress and roll-ups, the
annual report, and the network's dated milestones; each part's work on the start pages."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the header menu (the ASCN's city action plans)
    return [Link(_("Action plans"), reverse("plans_home"))]


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    from intercity.plans import sections

    return sections.network_links(request, network)


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    from intercity.plans import sections

    return sections.network_sections(request, network)


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    from intercity.plans import sections

    return sections.organisation_sections(request, organisation)


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.plans import sections

    return sections.start_sections(request)


manifest = Manifest(
    name="plans",
    label=cast(str, gettext_lazy("City action plans")),
    urls=("intercity.plans.urls",),
    api=(
        "intercity.plans.api_representation:router",
        "intercity.plans.api_plans:router",
        "intercity.plans.api_timeline:router",
        "intercity.plans.api_report:router",
    ),
    seed="intercity.plans.seed",
    menu=menu,
    network_links=network_links,
    network_sections=network_sections,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
)
