"""What the knowledge module brings: the projects catalog and its search, the Best Practices
Journal and the thematic clusters; a city officer's projects and clusters on their start
page, the Secretariat's review queue and the clusters' activity on theirs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu (projects, journal, clusters)
    return [Link(_("Knowledge"), reverse("knowledge_home"))]


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    """The network's projects catalog, and its thematic clusters when it has any (ASCN has
    none: its cities work through their action plans)."""
    from intercity.knowledge.services import clusters

    links = [
        # Translators: a link on a network's page to its projects catalog
        Link(_("Projects catalog"), reverse("knowledge_search") + f"?network={network.slug}"),
    ]
    if clusters.clusters().filter(network=network).exists():
        # Translators: a link on a network's page to its thematic clusters
        links.append(
            Link(_("Thematic clusters"), reverse("knowledge_clusters") + f"#network-{network.slug}")
        )
    return links


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    from intercity.knowledge import sections

    return sections.organisation_sections(request, organisation)


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.knowledge import sections

    return sections.start_sections(request)


def refresh_word_counts(now: dt.datetime) -> dict[str, Any]:
    from intercity.knowledge.services import search

    return {"words": search.refresh_word_counts()}


def describe_word_counts(details: dict[str, Any]) -> str:
    words = int(details.get("words", 0))
    return ngettext("%(count)d word counted", "%(count)d words counted", words) % {"count": words}


WORD_COUNTS = Job(
    name="knowledge.word-counts",
    cron="5 * * * *",
    label=cast(str, gettext_lazy("Word counts of the projects catalog")),
    rhythm=cast(str, gettext_lazy("Every hour, at five past.")),
    description=cast(
        str,
        gettext_lazy(
            "Counts how many published projects hold each word: “projects like this one” "
            "weighs the words two projects share by how rare they are."
        ),
    ),
    run=refresh_word_counts,
    describe=describe_word_counts,
)


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
    schedules=(WORD_COUNTS,),
)
