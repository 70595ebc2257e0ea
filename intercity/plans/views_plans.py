"""The plans part's pages: the roll-up of a state and of the network for a year, with a chart
and its table. Thin: read through the services, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from intercity.core.errors import DomainError
from intercity.network import services as network_services
from intercity.plans import charts_plans
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = min(timezone.localdate().year, 2025)
    return year if 2018 <= year <= 2025 else min(max(timezone.localdate().year, 2018), 2025)


@login_required
def rollup_page(request: HttpRequest, network: str, code: str | None = None) -> HttpResponse:
    found = network_services.get_network(network)
    if not plan_services.may_read(request.user, found):
        raise HttpForbidden
    year = _year(request)
    try:
        if code:
            result = progress.rollup(found, year, "state", code.upper())
        else:
            result = progress.rollup(found, year, "network")
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "plans/plans/rollup.html",
        {
            "network": found,
            "rollup": result,
            "year": year,
            "years": range(2018, 2026),
            "chart": charts_plans.bars(result),
        },
    )
