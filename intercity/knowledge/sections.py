"""What the knowledge module adds to other pages: an organisation's published projects and
clusters; on a start page, an officer's drafts and projects in review and their clusters, the
Secretariat's projects to review and the clusters' latest activity.

Each part's owner adds its sections here (catalog: projects; clusters: clusters)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from intercity.core.modules import Section


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    return []
