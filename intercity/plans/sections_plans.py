"""What the plans part adds to other pages: a network's links and sections,
an organisation's page, a start page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from intercity.core.modules import Link, Section


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    return []


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    return []
