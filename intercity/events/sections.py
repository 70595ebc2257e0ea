"""What the events module adds to other pages: the network's page lists its events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.events.models import Event


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    found = Event.objects.filter(network=network).order_by("-starts_on", "pk")[:6]
    links = tuple(
        Link(f"{event.name} ({event.starts_on:%Y})", reverse("events_event", args=[event.pk]))
        for event in found
    )
    if not links:
        return []
    return [
        Section(
            _("Events"),
            links=(*links, Link(_("Every event"), reverse("events_list"))),
            anchor="events",
            order=60,
        )
    ]
