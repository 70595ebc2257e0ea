"""Pages that let a domain refusal through answer the site's 404 or 403 page with the
service's message (core.edge), as they did when each view converted it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def seoul() -> Organisation:
    return Organisation.objects.get(key="seoul")


def answered(response, status: int, message: str) -> None:
    assert response.status_code == status
    assert message in response.content.decode()


def test_an_unknown_assessment_is_not_found(client, seoul_officer):
    client.force_login(seoul_officer)
    answered(client.get(reverse("assessment_edit", args=[999_999])), 404, "No assessment 999999.")


def test_an_unknown_instrument_is_not_found(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("assessment_network", args=["wego"]) + "?instrument=nope")
    answered(response, 404, "No instrument &#x27;nope&#x27;.")


def test_another_citys_account_is_refused(client, makati_officer):
    client.force_login(makati_officer)
    url = reverse("membership_account", args=["wego", seoul().pk])
    answered(client.get(url), 403, "You may not see the account of Seoul.")


def test_an_unknown_city_of_the_participation_module_is_not_found(client):
    answered(client.get(reverse("cps_home", args=["atlantis"])), 404, "No jurisdiction")


def test_the_queue_of_another_citys_staff_is_refused(client, makati_officer):
    client.force_login(makati_officer)
    answered(client.get(reverse("cps_queue", args=["seoul"])), 403, "You are not on the staff of")
