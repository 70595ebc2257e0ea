"""`core.edge.attempt`, the round of a view that acts: success, a refusal on the page, a
refusal flashed on a button's page, and what rises to the middleware."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from intercity.core.edge import attempt, onto_form
from intercity.core.errors import DomainError, NotFound, PermissionDenied


class NameForm(forms.Form):
    name = forms.CharField(max_length=50)


def _request() -> HttpRequest:
    request = RequestFactory().post("/clusters/1/news", {"name": "Typed by hand"})
    request._messages = CookieStorage(request)
    return request


def _said(request: HttpRequest) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in get_messages(request)]


class Page:
    """A page that records how it was drawn again, showing the bound form it was given."""

    def __init__(self, form: forms.Form) -> None:
        self.form = form
        self.calls: list[dict[str, Any]] = []

    def __call__(self, *, error: str, status: int) -> HttpResponse:
        self.calls.append({"error": error, "status": status})
        return HttpResponse(f"<p>{error}</p>{self.form.as_p()}", status=status)


def _refuse(error: DomainError) -> Any:
    def action() -> None:
        raise error

    return action


def test_success_adds_the_message_and_redirects_to_the_url():
    request = _request()
    ran: list[str] = []

    response = attempt(
        request,
        lambda: ran.append("saved"),
        done="The news is posted.",
        redirect_to="/clusters/1/#feed",
        on_refusal=Page(NameForm(request.POST)),
    )

    assert ran == ["saved"]
    assert response.status_code == 302
    assert response["Location"] == "/clusters/1/#feed"
    assert _said(request) == [(messages.SUCCESS, "The news is posted.")]


def test_success_may_word_the_message_and_the_place_from_what_the_action_returned():
    request = _request()

    response = attempt(
        request,
        lambda: 42,
        done=lambda pk: f"Round {pk} is open.",
        redirect_to=lambda pk: f"/rounds/{pk}/",
        on_refusal="/rounds/",
    )

    assert response["Location"] == "/rounds/42/"
    assert _said(request) == [(messages.SUCCESS, "Round 42 is open.")]


def test_a_refusal_draws_the_page_again_with_the_message_its_status_and_the_form_kept():
    request = _request()
    page = Page(NameForm(request.POST))

    response = attempt(
        request,
        _refuse(DomainError("The cluster is closed.", status=409)),
        done="The news is posted.",
        redirect_to="/clusters/1/",
        on_refusal=page,
    )

    assert response.status_code == 409
    assert page.calls == [{"error": "The cluster is closed.", "status": 409}]
    body = response.content.decode()
    assert "The cluster is closed." in body
    assert 'value="Typed by hand"' in body
    assert _said(request) == []


def test_a_refusal_without_a_status_answers_400():
    request = _request()

    response = attempt(
        request,
        _refuse(DomainError("Give a title.")),
        done="Saved.",
        redirect_to="/x/",
        on_refusal=Page(NameForm(request.POST)),
    )

    assert response.status_code == 400


def test_a_refusal_on_a_button_is_flashed_and_redirects_to_the_given_url():
    request = _request()

    response = attempt(
        request,
        _refuse(DomainError("The speakers list is closed.")),
        done="You are on the list.",
        redirect_to="/floor/1/#done",
        on_refusal="/floor/1/#speakers",
    )

    assert response.status_code == 302
    assert response["Location"] == "/floor/1/#speakers"
    assert _said(request) == [(messages.ERROR, "The speakers list is closed.")]


@pytest.mark.parametrize("error", [NotFound("No such cluster."), PermissionDenied("Staff only.")])
@pytest.mark.parametrize("on_refusal", ["page", "/back/"])
def test_not_found_and_permission_denied_rise_to_the_middleware(error, on_refusal):
    request = _request()
    page = Page(NameForm(request.POST))

    with pytest.raises(type(error)) as raised:
        attempt(
            request,
            _refuse(error),
            done="Saved.",
            redirect_to="/x/",
            on_refusal=page if on_refusal == "page" else on_refusal,
        )

    assert raised.value is error
    assert page.calls == []
    assert _said(request) == []


def test_a_view_may_show_not_found_on_its_page_when_it_says_so():
    request = _request()

    response = attempt(
        request,
        _refuse(NotFound("No such participant.")),
        done="Saved.",
        redirect_to="/x/",
        on_refusal=Page(NameForm(request.POST)),
        propagate=(),
    )

    assert response.status_code == 404
    assert "No such participant." in response.content.decode()


def test_an_error_that_is_not_a_domain_error_is_not_caught():
    request = _request()

    def broken() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):
        attempt(request, broken, done="Saved.", redirect_to="/x/", on_refusal="/x/")
    assert _said(request) == []


def test_the_middleware_answers_a_propagated_not_found_with_the_404_page():
    from intercity.core.edge import DomainErrorMiddleware

    request = _request()
    with pytest.raises(NotFound) as raised:
        attempt(
            request,
            _refuse(NotFound("No such cluster.")),
            done="Saved.",
            redirect_to="/x/",
            on_refusal="/x/",
        )
    middleware = DomainErrorMiddleware(lambda r: HttpResponse())
    response = middleware.process_exception(request, raised.value)
    assert response is not None
    assert response.status_code == 404
    assert "No such cluster." in response.content.decode()


def test_a_refusal_onto_a_form_becomes_its_error_and_the_page_is_drawn_with_the_status():
    request = _request()
    form = NameForm(request.POST)
    assert form.is_valid()
    drawn: list[int] = []

    def page(*, status: int) -> HttpResponse:
        drawn.append(status)
        return HttpResponse(form.as_p(), status=status)

    response = attempt(
        request,
        _refuse(DomainError("That name is taken.", status=409)),
        done="Saved.",
        redirect_to="/x/",
        on_refusal=onto_form(form, page),
    )

    assert drawn == [409]
    assert response.status_code == 409
    assert form.non_field_errors() == ["That name is taken."]
    assert 'value="Typed by hand"' in response.content.decode()
