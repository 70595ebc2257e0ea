"""The one place where domain errors become HTTP answers for pages.

Services raise `NotFound` and `PermissionDenied` (`core.errors`); a view that does not catch
them (it has no form to show them on) lets them through, and this middleware answers with
the site's 404 or 403 page and the message. The API has its own handler in `intercity/api.py`
for every `DomainError`. A `DomainError` a view did not catch is a refusal the person can fix:
it answers 400 with the message rather than a server error.

`attempt` is the other half: the one round of a view that acts (call one service; a refusal
is shown where the person can fix it; else a success message and a redirect)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
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


T = TypeVar("T")


class Rerender(Protocol):
    """The page the person acted from, drawn again with a refusal's message and status (and
    the bound forms its caller closed over, so that what was typed is kept)."""

    def __call__(self, *, error: str, status: int) -> HttpResponse: ...


def onto_form(form: forms.BaseForm, page: Callable[..., HttpResponse]) -> Rerender:
    """A `Rerender` for a page that shows a refusal among its form's errors: the message
    becomes the form's error (not tied to a field) and `page(status=...)` draws the page."""

    def rerender(*, error: str, status: int) -> HttpResponse:
        form.add_error(None, error)
        return page(status=status)

    return rerender


# What a view lets rise to `DomainErrorMiddleware` unless it says otherwise: a missing row or a
# refused permission is not something the person fixes on the page they sent.
NOT_THE_FORMS_TO_FIX: tuple[type[DomainError], ...] = (NotFound, PermissionDenied)


def attempt(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    done: str | Callable[[T], str],
    redirect_to: str | Callable[[T], str],
    on_refusal: Rerender | str,
    propagate: tuple[type[DomainError], ...] = NOT_THE_FORMS_TO_FIX,
) -> HttpResponse:
    """Run one service call as a page's action and answer for it.

    - `action()` returns normally: `done` (a sentence, or made from what the action returned)
      is added as a success message and the answer redirects to `redirect_to` (a URL, anchor
      included, or made from what the action returned, e.g. the new row's page).
    - It raises a `DomainError` of a kind in `propagate` (by default `NotFound` and
      `PermissionDenied`): it rises unchanged to `DomainErrorMiddleware` (404/403 page).
    - It raises any other `DomainError`, a refusal the person can fix: if `on_refusal` is a
      `Rerender`, the page is drawn again with the message and the error's status (4xx);
      if it is a URL, the message is added as an error message and the answer redirects there
      (for buttons on a page that has no form to keep).

    Nothing else is caught. The action is expected to be one named service call, which saves
    nothing when it refuses."""
    try:
        result = action()
    except DomainError as refusal:
        if isinstance(refusal, propagate):
            raise
        if isinstance(on_refusal, str):
            messages.error(request, refusal.message)
            return HttpResponseRedirect(on_refusal)
        return on_refusal(error=refusal.message, status=refusal.status_code)
    messages.success(request, done(result) if callable(done) else done)
    return HttpResponseRedirect(redirect_to(result) if callable(redirect_to) else redirect_to)
