"""Thematic clusters: their members, events, news and activity feed.

(The clusters part of the module extends this file.)"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from intercity.accounts import permissions
from intercity.knowledge.models import ClusterActivity, Project


def note_project_published(project: Project, actor: Any) -> int:
    """A line in the feed of every cluster whose theme the newly published project carries;
    called by the catalog's publishing action, inside its transaction. Returns the lines
    written."""
    now = timezone.now()
    lines = [
        ClusterActivity(
            cluster=theme,
            at=now,
            kind=ClusterActivity.Kind.PROJECT,
            actor=permissions.user_or_none(actor),
            project=project,
        )
        for theme in project.themes.all()
    ]
    ClusterActivity.objects.bulk_create(lines)
    return len(lines)
