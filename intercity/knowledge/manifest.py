"""What the knowledge module brings: the projects catalog and its search, the Best Practices
Journal and the thematic clusters; a city officer's projects and clusters on their start
page, the Secretariat's review queue and the clusters' activity on theirs."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu (projects, journal, clusters)
    return [Link(_("Knowledge"), reverse("knowledge_home"))]


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    return [
        # Translators: a link on a network's page to its projects catalog
        Link(_("Projects catalog"), reverse("knowledge_search") + f"?network={network.slug}"),
        # Translators: a link on a network's page to its thematic clusters
        Link(_("Thematic clusters"), reverse("knowledge_clusters") + f"#network-{network.slug}"),
    ]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    from intercity.knowledge import sections

    return sections.organisation_sections(request, organisation)


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.knowledge import sections

    return sections.start_sections(request)


manifest = Manifest(
    name="knowledge",
    label=cast(str, gettext_lazy("Knowledge")),
    urls=("intercity.knowledge.urls",),
    api=(
        "intercity.knowledge.api_projects:router",
        "intercity.knowledge.api_journal:router",
        "intercity.knowledge.api_clusters:router",
    ),
    seed="intercity.knowledge.seed",
    menu=menu,
    network_links=network_links,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
)
