"""What the exchange module brings: cities' needs and offers matched by the Secretariat, the
matchmaking meetings of an event placed by a scheduler, and the ASCN's twinning of pilot
cities with external partners; each part's work on an officer's and the Secretariat's start
page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the header menu (needs and offers, matchmaking, twinning)
    return [Link(_("Exchange"), reverse("exchange_home"))]


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    from intercity.exchange import sections

    return sections.network_links(request, network)


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    from intercity.exchange import sections

    return sections.organisation_sections(request, organisation)


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.exchange import sections

    return sections.start_sections(request)


manifest = Manifest(
    name="exchange",
    label=cast(str, gettext_lazy("Exchange")),
    urls=("intercity.exchange.urls",),
    api=(
        "intercity.exchange.api_needs:router",
        "intercity.exchange.api_matchmaking:router",
        "intercity.exchange.api_twinning:router",
        "intercity.exchange.api_schedule:router",
    ),
    seed="intercity.exchange.seed",
    menu=menu,
    network_links=network_links,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
)
