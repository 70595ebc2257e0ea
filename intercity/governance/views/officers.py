"""Officers and their terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from intercity.governance import services
from intercity.network import services as registry
from intercity.network.models import Body, Mandate, Network

# --- Officers and terms ---------------------------------------------------------------------

OFFICE_ORDER = [office for office, _ in Mandate.Office.choices]


@dataclass
class Term:
    """The offices of a body held from one change of its composition to the next."""

    start: dt.date
    until: dt.date | None
    offices: list[tuple[str, list[services.Held]]]
    warnings: list[str]


def _terms(body: Body, mandates: list[services.Held], network: Network) -> list[Term]:
    """Terms end as recorded or, where no end is recorded, when the statute ends them."""
    starts = sorted({m.start for m in mandates} | {m.end for m in mandates if m.end})
    terms = []
    for index, start in enumerate(starts):
        held = [m for m in mandates if m.covers(start)]
        if not held:
            continue
        until = starts[index + 1] if index + 1 < len(starts) else None
        offices = [
            (str(label), [m for m in held if m.office == office])
            for office, label in Mandate.Office.choices
        ]
        warnings = (
            services.composition_warnings(network, start)
            if body.kind == Body.Kind.COMMITTEE
            else []
        )
        terms.append(Term(start, until, [o for o in offices if o[1]], warnings))
    return list(reversed(terms))


def officers(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    today = timezone.localdate()
    mandates = sorted(services.held_offices(network), key=lambda h: (h.start, h.organisation.name))
    bodies = []
    unknown_today = []
    for body in network.bodies.all():
        held = [m for m in mandates if m.mandate.body_id == body.pk]
        if held:
            bodies.append((body, _terms(body, held, network)))
            note = services.unknown_officers_note(network, body, today)
            if note:
                unknown_today.append(note)
    return render(
        request,
        "governance/officers.html",
        {
            "network": network,
            "bodies": bodies,
            "today": today,
            "warnings_today": services.composition_warnings(network, today),
            "unknown_today": unknown_today,
        },
    )
