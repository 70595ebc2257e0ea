"""The knowledge API: the thematic clusters, public. `GET /api/v1/knowledge/clusters` lists
them with their lead city and current members (filter by network); `GET
/api/v1/knowledge/clusters/{id}` adds the events and the recent activity. Each handler calls
the clusters' services and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from intercity.core.bounds import DbId
from intercity.core.errors import NotFound
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.knowledge.models import Cluster, ClusterMember
from intercity.knowledge.services import clusters as services
from intercity.network.models import Network

router = Router(tags=["knowledge"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ClusterMemberOut(Schema):
    id: int
    organisation: OrganisationRef | None = Field(
        description="The member city; null for an outside stakeholder."
    )
    stakeholder_name: str = Field(description="An outside stakeholder's name; empty for a city.")
    stakeholder_kind: str = Field(
        description="company, university, organisation or expert; empty for a city."
    )
    role: str = Field(description="lead or member.")
    joined_on: dt.date


class ClusterOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. wego.")
    slug: str
    name: str
    status: str = Field(description="proposed, active or closed.")
    announced_on: dt.date | None
    proposed_by: OrganisationRef | None = Field(
        description="The member that proposed the cluster, when a member did."
    )
    lead: OrganisationRef | None = Field(description="The lead city today; null when none.")
    members: list[ClusterMemberOut] = Field(description="The members today, the lead first.")
    source: str = Field(description="The seed passage the cluster comes from, if any.")


class ClusterEventOut(Schema):
    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    url: str
    description: str


class ClusterActivityOut(Schema):
    id: int
    at: dt.datetime
    kind: str = Field(description="joined, left, lead, project, event, post or page.")
    text: str = Field(description="The line in words, in the language of the request.")
    project_id: int | None = Field(description="The catalog project a 'project' line is about.")


class ClusterDetailOut(ClusterOut):
    description: str
    events: list[ClusterEventOut] = Field(description="Every event, the earliest first.")
    activity: list[ClusterActivityOut] = Field(description="The latest lines, newest first.")


class ClusterFilter(Schema):
    network: str = Field("", max_length=50, description="A network's slug, e.g. wego or ascn.")


def _organisation(organisation: Any) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


def _member(member: ClusterMember) -> dict[str, Any]:
    return {
        "id": member.pk,
        "organisation": _organisation(member.organisation),
        "stakeholder_name": member.stakeholder_name,
        "stakeholder_kind": member.stakeholder_kind,
        "role": member.role,
        "joined_on": member.joined_on,
    }


def _cluster(cluster: Cluster, members: list[ClusterMember]) -> dict[str, Any]:
    lead = next((m.organisation for m in members if m.role == ClusterMember.Role.LEAD), None)
    return {
        "id": cluster.pk,
        "network": cluster.network.slug,
        "slug": cluster.slug,
        "name": cluster.name,
        "status": cluster.status,
        "announced_on": cluster.announced_on,
        "proposed_by": _organisation(cluster.proposed_by),
        "lead": _organisation(lead),
        "members": [_member(m) for m in members],
        "source": cluster.source,
    }


@router.get(
    "/knowledge/clusters",
    response={200: list[ClusterOut], **ERRORS},
    summary="Thematic clusters with their lead city and current members",
    description="Every network's clusters, or one network's (`network=wego`); an unknown "
    "network is a 404.",
)
def list_clusters(request: HttpRequest, filters: Query[ClusterFilter]) -> list[dict[str, Any]]:
    found = services.clusters()
    if filters.network:
        if not Network.objects.filter(slug=filters.network).exists():
            raise NotFound(_("No network %(slug)s.") % {"slug": filters.network})
        found = found.filter(network__slug=filters.network)
    rows = list(found)
    members: dict[int, list[ClusterMember]] = {c.pk: [] for c in rows}
    for member in (
        ClusterMember.objects.filter(cluster__in=rows, left_on__isnull=True)
        .select_related("organisation")
        .order_by("role", "joined_on", "pk")
    ):
        members[member.cluster_id].append(member)
    return [_cluster(c, members[c.pk]) for c in rows]


@router.get(
    "/knowledge/clusters/{cluster_id}",
    response={200: ClusterDetailOut, **ERRORS},
    summary="A thematic cluster: its members, events and recent activity",
)
def get_cluster(request: HttpRequest, cluster_id: DbId) -> dict[str, Any]:
    cluster = services.get_cluster(cluster_id)
    upcoming, past = services.events(cluster, timezone.localdate())
    lines = services.feed(cluster)[: services.FEED_PAGE]
    return {
        **_cluster(cluster, list(services.current_members(cluster))),
        "description": cluster.description,
        "events": [
            {
                "id": e.pk,
                "title": e.title,
                "starts_on": e.starts_on,
                "ends_on": e.ends_on,
                "place": e.place,
                "url": e.url,
                "description": e.description,
            }
            for e in sorted([*upcoming, *past], key=lambda e: (e.starts_on, e.pk))
        ],
        "activity": [
            {
                "id": line.pk,
                "at": line.at,
                "kind": line.kind,
                "text": services.describe(line),
                "project_id": line.project_id,
            }
            for line in lines
        ],
    }
