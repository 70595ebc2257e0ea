"""The awards pages: thin, each parses the request, calls a service and renders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.awards.services import editions


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "awards/home.html", {"editions": editions.editions_visible_to(request.user)}
    )
