"""What the plans module adds to other pages, gathered from its parts (each part's own
sections_* file)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from intercity.core.modules import Link, Section
from intercity.plans import sections_plans, sections_representation, sections_timeline

PARTS = (sections_representation, sections_plans, sections_timeline)


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    return [link for part in PARTS for link in part.network_links(request, network)]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    return [s for part in PARTS for s in part.network_sections(request, network)]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return [s for part in PARTS for s in part.organisation_sections(request, organisation)]


def start_sections(request: HttpRequest) -> list[Section]:
    return [s for part in PARTS for s in part.start_sections(request)]
