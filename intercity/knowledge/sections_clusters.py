"""What the clusters add to other pages (the lead wires these into sections.py): on an
organisation's page, the clusters it is a member of (and leads); on a start page, an
officer's cities' clusters, and for the Secretariat the clusters' latest activity."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core.modules import Link, Section
from intercity.knowledge.models import ClusterMember
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation


def _links(memberships: Any) -> tuple[Link, ...]:
    return tuple(
        Link(
            m.cluster.name,
            reverse("knowledge_cluster", args=[m.cluster_id]),
            description=(
                f"{m.cluster.network.short_name} · {m.get_role_display()}"
                if m.role == ClusterMember.Role.LEAD
                else m.cluster.network.short_name
            ),
        )
        for m in memberships
    )


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    """The thematic clusters the organisation is a member of today, if any."""
    memberships = list(services.clusters_of_organisation(organisation))
    if not memberships:
        return []
    return [
        Section(
            _("Thematic clusters"),
            links=_links(memberships),
            anchor="thematic-clusters",
            order=71,
        )
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    """An officer's cities' clusters (with a link to all of them); the Secretariat's latest
    activity across clusters."""
    sections = []
    ids = permissions.officer_organisation_ids(request.user)
    if ids:
        memberships = [
            m
            for organisation in Organisation.objects.filter(pk__in=ids).order_by("name")
            for m in services.clusters_of_organisation(organisation)
        ]
        sections.append(
            Section(
                _("Your thematic clusters"),
                links=(
                    *_links(memberships),
                    Link(_("All thematic clusters"), reverse("knowledge_clusters")),
                ),
                text="" if memberships else _("Your city is in no thematic cluster yet."),
                anchor="thematic-clusters",
                order=71,
            )
        )
    if permissions.is_secretariat(request.user):
        latest = services.latest_activity(5)
        sections.append(
            Section(
                _("Thematic clusters: latest activity"),
                links=(
                    *(
                        Link(
                            line.cluster.name,
                            reverse("knowledge_cluster", args=[line.cluster_id])
                            + f"#activity-{line.pk}",
                            description=services.describe(line),
                        )
                        for line in latest
                    ),
                    Link(_("Activity across the clusters"), reverse("knowledge_cluster_activity")),
                ),
                anchor="cluster-activity",
                order=72,
            )
        )
    return sections
