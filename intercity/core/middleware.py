"""Refuse requests that carry NUL characters in their path, query string or JSON body.

No database we run stores a NUL in text (PostgreSQL refuses it outright), and no real
client sends one; turning them away here keeps every view and API handler from failing
on them later with a server error. Form posts need nothing here: every Django form
`CharField` already refuses a NUL with a field error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

MESSAGE = _("The request contains a NUL character, which no field accepts.")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _nul_at(value: Any, where: str = "") -> str | None:
    """Where a parsed JSON document holds a NUL (in a key or a string, however deep), as a path
    like `applications[0].id`; None when it holds none."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if "\x00" in key:
                return path
            if (found := _nul_at(item, path)) is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if (found := _nul_at(item, f"{where}[{index}]")) is not None:
                return found
    return None


def _nul_in_json_body(request: HttpRequest) -> str | None:
    """Where the request's JSON body holds a NUL ("" for the body as a whole), else None."""
    if request.method not in BODY_METHODS or "json" not in (request.content_type or ""):
        return None
    raw = request.body
    if b"\x00" in raw:
        return ""
    # A NUL arrives escaped as \u0000; only then is the body parsed to be sure it is not a
    # literal backslash followed by "u0000" in some text.
    if b"\\u0000" not in raw.lower():
        return None
    try:
        return _nul_at(json.loads(raw))
    except ValueError:
        return None  # not JSON: the API answers that itself


class RejectNullCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if api:
                return JsonResponse({"detail": str(MESSAGE)}, status=400)
            return HttpResponse(MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        if api and (where := _nul_in_json_body(request)) is not None:
            field = f"body.{where}" if where else "body"
            return JsonResponse({"detail": [{"field": field, "message": str(MESSAGE)}]}, status=400)
        return self.get_response(request)
