"""What the events module brings: events (a General Assembly, an EXCOM meeting, a webinar, a
training session) with their programme of sessions, registration by category, personal
agendas (page and iCalendar), the organiser's pages, participant list and badges; a menu link,
a section of the network's page listing its events and the next upcoming events on the home
page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the header menu (General Assemblies, meetings, webinars)
    return [Link(_("Events"), reverse("events_list"))]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    from intercity.events import sections

    return sections.network_sections(request, network)


def home_sections(request: HttpRequest) -> list[Section]:
    from intercity.events import sections

    return sections.home_sections(request)


manifest = Manifest(
    name="events",
    label=cast(str, gettext_lazy("Events")),
    urls=("intercity.events.urls",),
    api=("intercity.events.api:router",),
    seed="intercity.events.seed",
    menu=menu,
    network_sections=network_sections,
    home_sections=home_sections,
)
