"""What the matchmaking part adds to other pages: on a delegate's start page, the requests
waiting for their answer and their agendas; on the Secretariat's, the events to schedule."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.core.modules import Link, Section
from intercity.exchange.services import matchmaking as services


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    sections: list[Section] = []
    participations = list(services.participations_of_user(request.user)[:10])
    if participations:
        pending = services.pending_received_count(request.user)
        links: list[Link] = []
        for p in participations:
            links.append(
                Link(
                    _("Requests of %(name)s at %(event)s")
                    % {"name": p.organisation.name, "event": p.event.name},
                    reverse("matchmaking_requests", args=[p.event_id]),
                )
            )
            links.append(
                Link(
                    _("Agenda of %(name)s at %(event)s")
                    % {"name": p.organisation.name, "event": p.event.name},
                    reverse("matchmaking_agenda", args=[p.pk]),
                )
            )
        sections.append(
            Section(
                _("Matchmaking meetings"),
                links=tuple(links),
                text=ngettext(
                    "%(n)s meeting request waits for your answer.",
                    "%(n)s meeting requests wait for your answer.",
                    pending,
                )
                % {"n": pending}
                if pending
                else "",
                anchor="matchmaking",
                order=75,
            )
        )
    if permissions.is_secretariat(request.user):
        to_schedule = list(services.events_to_schedule()[:10])
        sections.append(
            Section(
                _("Matchmaking events to schedule"),
                links=tuple(
                    Link(event.name, reverse("matchmaking_schedule", args=[event.pk]))
                    for event in to_schedule
                ),
                text="" if to_schedule else _("No matchmaking event waits to be scheduled."),
                anchor="matchmaking-staff",
                order=76,
            )
        )
    return sections
