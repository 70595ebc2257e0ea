"""The memorandum of a meeting, as a page and as a PDF. Meeting records are public, like the
registry; both read the same `minutes.Memorandum`."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from intercity.core.errors import NotFound
from intercity.governance import minutes, minutes_pdf, services
from intercity.governance.models import Meeting
from intercity.network.models import Network


def _meeting(slug: str, key: str) -> Meeting:
    network = get_object_or_404(Network, slug=slug)
    try:
        return services.get_meeting(network, key)
    except NotFound as exc:
        raise Http404(exc.message) from None


def memorandum(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    memo = minutes.memorandum(_meeting(slug, key))
    return render(request, "governance/memorandum.html", {"memo": memo})


def memorandum_pdf(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    memo = minutes.memorandum(_meeting(slug, key))
    response = HttpResponse(minutes_pdf.render(memo), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{memo.filename}"'
    return response
