"""The awards pages: thin, each parses the request, calls a service and renders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.accounts import permissions
from intercity.awards.services import editions
from intercity.network.models import Network


def home(request: HttpRequest) -> HttpResponse:
    """The editions of each network's award, newest first, with their stage and deadline."""
    found = list(editions.editions_visible_to(request.user).order_by("network__name", "-year"))
    is_staff = permissions.is_secretariat(request.user)
    by_network = [
        (network, [e for e in found if e.network_id == network.pk])
        for network in Network.objects.order_by("name")
    ]
    if not is_staff:
        by_network = [(network, items) for network, items in by_network if items]
    return render(request, "awards/home.html", {"by_network": by_network, "is_staff": is_staff})
