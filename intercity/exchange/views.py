"""The exchange module's front page: what needs and offers, matchmaking and twinning are, with
a way into each. Each part's pages are in their own views_* file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from intercity.accounts import permissions


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "exchange/home.html",
        {
            "is_officer": bool(permissions.officer_organisation_ids(request.user)),
            "is_staff": permissions.is_secretariat(request.user),
        },
    )
