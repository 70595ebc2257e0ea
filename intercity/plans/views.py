"""The plans module's front page: the ASCN's pilot cities and their action plans, its
representation and its timeline, with a way into each. Each part's pages are in their own
views_* file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/home.html", {})
