"""The manifest registry and the edge that turns domain errors into pages."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from intercity.core import modules
from intercity.core.edge import DomainErrorMiddleware
from intercity.core.errors import DomainError, NotFound, PermissionDenied


def _answer(exception: Exception, path: str = "/somewhere/") -> HttpResponse | None:
    request = RequestFactory().get(path)
    middleware = DomainErrorMiddleware(lambda request: HttpResponse())
    return middleware.process_exception(request, exception)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("exception", "status"),
    [
        (NotFound("No such meeting."), 404),
        (PermissionDenied("Staff only."), 403),
        (DomainError("Bad."), 400),
    ],
)
def test_a_domain_error_a_page_did_not_catch_becomes_its_status_with_the_message(exception, status):
    response = _answer(exception)
    assert response is not None
    assert response.status_code == status
    assert exception.message in response.content.decode()


def test_the_api_and_other_errors_are_left_to_their_own_handlers():
    assert _answer(NotFound("x"), "/api/v1/networks/nope") is None
    assert _answer(ValueError("a bug")) is None


def test_contributions_are_gathered_from_installed_manifests_only(rf):
    request = rf.get("/")
    names = [manifest.name for manifest in modules.installed()]
    assert len(names) == len(set(names))
    assert modules.contributions("menu", request) == [
        link for manifest in modules.installed() if manifest.menu for link in manifest.menu(request)
    ]
