"""What the Civic Participation System brings: Open311 (mounted before every other pattern, it
is the hot path), the citizens' pages, the staff queues and dashboards."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    return [Link("Citizens' reports", reverse("cps_index"))]


def start_sections(request: HttpRequest) -> list[Section]:
    """A city's staff see their cities' queues (never the Secretariat: a city's reports are
    the city's)."""
    from intercity.participation import tenancy

    links = tuple(
        Link(
            f"{jurisdiction.name}: reports to work", reverse("cps_queue", args=[jurisdiction.slug])
        )
        for jurisdiction in tenancy.staff_jurisdictions(request.user).order_by("name")
    )
    if not links:
        return []
    return [Section("Citizens' reports", links=links, anchor="cps", order=30)]


manifest = Manifest(
    name="participation",
    label="Civic Participation System",
    early_urls=("intercity.participation.urls_open311",),
    urls=("intercity.participation.urls", "intercity.participation.urls_dashboard"),
    seed="intercity.participation.seed",
    roles=("department_staff", "citizen"),
    menu=menu,
    start_sections=start_sections,
)
