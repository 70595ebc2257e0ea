"""The needs pages as the people use them: the officer's page with the match and its reasons,
posting through the form, the Secretariat's matching page, an exchange's page, start sections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.exchange.models_needs import Exchange, Need, Theme
from intercity.exchange.services import needs as services
from intercity.exchange.tests import factories_needs as make
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def test_an_officer_posts_a_need_through_the_form(client, makati_officer):
    client.force_login(makati_officer)
    makati = Organisation.objects.get(key="makati")
    page = client.get(reverse("exchange_posting_new", args=["needs"]))
    assert page.status_code == 200
    response = client.post(
        reverse("exchange_posting_new", args=["needs"]),
        {
            "organisation": makati.pk,
            "network": Network.objects.get(slug="wego").pk,
            "title": "A contact centre",
            "description": "One number for residents.",
            "theme": Theme.objects.get(slug="citizen-engagement").pk,
            "exchange_forms": ["study_visit"],
            "languages": ["en"],
        },
    )
    assert response.status_code == 302
    assert Need.objects.get().title == "A contact centre"


def test_a_form_with_a_reversed_period_is_shown_again_with_the_error(client, makati_officer):
    client.force_login(makati_officer)
    response = client.post(
        reverse("exchange_posting_new", args=["offers"]),
        {
            "organisation": Organisation.objects.get(key="makati").pk,
            "network": Network.objects.get(slug="wego").pk,
            "title": "x",
            "description": "y",
            "theme": Theme.objects.get(slug="citizen-engagement").pk,
            "exchange_forms": ["study_visit"],
            "languages": ["en"],
            "available_from": "2026-05-01",
            "available_to": "2026-04-01",
            "capacity": 1,
        },
    )
    assert response.status_code == 400
    assert "The period ends on or after the day it starts." in response.content.decode()


def test_the_city_sees_its_pending_then_accepted_match_with_the_reason(
    client, secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    client.force_login(secretariat)
    client.post(reverse("exchange_matching"), {"network": wego.pk})
    client.force_login(makati_officer)
    page = client.get(reverse("exchange_needs_mine")).content.decode()
    assert "Proposed match, waiting for the Secretariat:" in page
    assert "Both are about the theme Mobile Government. (+30)" in page
    proposal = need.proposals.get()
    client.force_login(secretariat)
    matching = client.get(reverse("exchange_matching")).content.decode()
    assert "total quality" in matching
    client.post(reverse("exchange_proposal_decide", args=[proposal.pk, "accept"]))
    client.force_login(makati_officer)
    page = client.get(reverse("exchange_needs_mine")).content.decode()
    assert "Matched with:" in page
    assert "Both are about the theme Mobile Government. (+30)" in page
    exchange = Exchange.objects.get()
    view = client.get(reverse("exchange_exchange", args=[exchange.pk]))
    assert view.status_code == 200
    client.post(reverse("exchange_exchange", args=[exchange.pk]), {"to": "agreed"})
    assert Exchange.objects.get().status == "agreed"


def test_the_matching_page_is_the_secretariats(client, seoul_officer):
    client.force_login(seoul_officer)
    assert client.get(reverse("exchange_matching")).status_code == 403


def test_browsing_needs_a_sign_in(client, makati_officer):
    make.need(makati_officer, "makati", title="Visible need")
    assert client.get(reverse("exchange_browse")).status_code == 302
    client.force_login(makati_officer)
    assert "Visible need" in client.get(reverse("exchange_browse")).content.decode()


def test_start_sections_name_the_officers_needs_and_the_secretariats_matching(
    rf, secretariat, makati_officer
):
    from intercity.exchange import sections_needs

    make.need(makati_officer, "makati")
    request = rf.get("/")
    request.user = makati_officer
    [section] = sections_needs.start_sections(request)
    assert "1 open need" in section.links[0].description
    request.user = secretariat
    [staff] = sections_needs.start_sections(request)
    assert staff.links[0].url == reverse("exchange_matching")
    assert staff.links[0].description == f"{services.open_need_count()} open need" + (
        "" if services.open_need_count() == 1 else "s"
    )


def test_an_unknown_move_of_an_exchange_is_said_on_its_page_not_a_server_error(
    client, secretariat, seoul_officer, makati_officer, wego
):
    need = make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    run = services.run_matching(secretariat, wego)
    assert run is not None
    exchange = services.accept_proposal(secretariat, need.proposals.get())
    client.force_login(makati_officer)
    page = reverse("exchange_exchange", args=[exchange.pk])
    response = client.post(page, {"to": "teleported"})
    assert (response.status_code, response["Location"]) == (302, page)
    assert "Unknown status." in client.get(page).content.decode()
    assert Exchange.objects.get().status == exchange.status
