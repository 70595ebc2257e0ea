"""The memorandum of a meeting, as a page and as a PDF. Meeting records are public, like the
registry; both read the same `minutes.Memorandum`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.governance import minutes, minutes_pdf, services
from intercity.governance.models import Meeting
from intercity.network import services as registry


def _meeting(slug: str, key: str) -> Meeting:
    # An unknown network or meeting is a NotFound, answered 404 at the edge (core.edge).
    return services.get_meeting(registry.get_network(slug), key)


def memorandum(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    memo = minutes.memorandum(_meeting(slug, key))
    return render(request, "governance/memorandum.html", {"memo": memo})


def memorandum_pdf(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    memo = minutes.memorandum(_meeting(slug, key))
    response = HttpResponse(minutes_pdf.render(memo), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{memo.filename}"'
    return response
