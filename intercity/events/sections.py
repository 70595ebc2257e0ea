"""What the events module adds to other pages: where a visitor lands (the home page), the next
upcoming events, those open for registration first; the network's page lists its events,
upcoming ones first (registration open first), then the latest past ones. One query each."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.events import services
from intercity.events.models import Event

UPCOMING_ON_HOME = 5


def _days(event: Event) -> str:
    first = date_format(event.starts_on, "DATE_FORMAT")
    if event.ends_on == event.starts_on:
        return first
    return f"{first}–{date_format(event.ends_on, 'DATE_FORMAT')}"


def _upcoming_link(event: Event) -> Link:
    facts = [event.network.short_name, event.place, _days(event)]
    if event.registration_open:
        facts.append(_("registration open"))
    if event.is_demo:
        facts.append(_("demonstration"))
    return Link(
        event.name,
        reverse("events_event", args=[event.pk]),
        description=" · ".join(fact for fact in facts if fact),
    )


def home_sections(request: HttpRequest) -> list[Section]:
    found = list(services.upcoming(timezone.localdate())[:UPCOMING_ON_HOME])
    if not found:
        return []
    return [
        Section(
            _("Upcoming events"),
            links=(
                *(_upcoming_link(event) for event in found),
                Link(_("Every event"), reverse("events_list")),
            ),
            anchor="upcoming-events",
            order=10,
        )
    ]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    today = timezone.localdate()
    # Upcoming first (open for registration first, then the next to start), then the past,
    # latest first: one ordered query.
    past = Case(
        When(ends_on__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    found = (
        Event.objects.filter(network=network)
        .annotate(past=past)
        .order_by(
            "past",
            F("registration_open").desc(),
            Case(When(ends_on__gte=today, then=F("starts_on"))).asc(nulls_last=True),
            "-starts_on",
            "pk",
        )[:6]
    )
    links = tuple(
        Link(
            f"{event.name} ({event.starts_on:%Y})",
            reverse("events_event", args=[event.pk]),
            description=_("registration open")
            if event.registration_open and not event.past
            else "",
        )
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
