"""The knowledge module's front page: what the catalog, the journal and the clusters are,
with the latest of each. Each part's pages are in their own views_* file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.accounts import permissions
from intercity.knowledge.models import Cluster, JournalIssue, Project


def home(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    latest = (
        Project.objects.filter(state=Project.State.PUBLISHED)
        .select_related("organisation")
        .order_by("-published_at", "-pk")[:6]
    )
    issues = JournalIssue.objects.filter(state=JournalIssue.State.PUBLISHED).order_by(
        "-published_at"
    )[:3]
    clusters = Cluster.objects.exclude(status=Cluster.Status.CLOSED).select_related("network")
    return render(
        request,
        "knowledge/home.html",
        {
            "latest": latest,
            "issues": issues,
            "clusters": clusters,
            "published_count": Project.objects.filter(state=Project.State.PUBLISHED).count(),
            # An officer's way to their city's projects, the Secretariat's to its review queue.
            "writes_projects": bool(permissions.officer_organisation_ids(request.user)),
            "is_staff": permissions.is_secretariat(request.user),
        },
    )
