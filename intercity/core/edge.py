"""The one place where domain errors become HTTP answers for pages.

Services raise `NotFound` and `PermissionDenied` (`core.errors`); a view that does not catch
them (it has no form to show them on) lets them through, and this middleware answers with
the site's 404 or 403 page and the message. The API has its own handler in `intercity/api.py`
for every `DomainError`. A `DomainError` a view did not catch is a refusal the person can fix:
it answers 400 with the message rather than a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template import loader

from intercity.core.errors import DomainError, NotFound, PermissionDenied

TEMPLATES = {404: "404.html", 403: "403.html", 400: "400.html"}


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") or not isinstance(exception, DomainError):
            return None
        if isinstance(exception, NotFound):
            status = 404
        elif isinstance(exception, PermissionDenied):
            status = 403
        else:
            status = exception.status_code if 400 <= exception.status_code < 500 else 400
        template_name = TEMPLATES.get(status, "400.html")
        body = loader.render_to_string(
            template_name, {"message": exception.message, "status": status}, request
        )
        return HttpResponse(body, status=status)
