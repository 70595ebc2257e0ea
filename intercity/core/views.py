"""The platform's own page: a person's start page, assembled from what the installed modules
contribute (`start_sections`), each showing only what concerns that person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.core.modules import contributions


@login_required
def start(request: HttpRequest) -> HttpResponse:
    sections = contributions("start_sections", request)
    return render(request, "core/start.html", {"sections": sections})
