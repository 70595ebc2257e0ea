"""The needs API: who reads which needs, offers and exchanges; posting for one's own city;
401, 403, 404 and 422 with {"detail": ...}."""

from __future__ import annotations

import pytest

from intercity.exchange.models_needs import Need
from intercity.exchange.services import needs as services
from intercity.exchange.tests import factories_needs as make

pytestmark = pytest.mark.django_db

BODY = {
    "organisation": 0,
    "network": "wego",
    "title": "Bus information",
    "description": "Arrival times on phones.",
    "theme": "mobile-government",
    "forms": ["training"],
    "languages": ["en"],
}


def _body(city_id: int, **extra):
    return {**BODY, "organisation": city_id, **extra}


def test_reading_needs_needs_a_signed_in_caller(client):
    response = client.get("/api/v1/exchange/needs")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_officer_posts_a_need_for_their_city(client, makati_officer):
    from intercity.network.models import Organisation

    makati = Organisation.objects.get(key="makati")
    client.force_login(makati_officer)
    response = client.post(
        "/api/v1/exchange/needs", _body(makati.pk), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["organisation"]["id"] == makati.pk
    assert Need.objects.get().title == "Bus information"


def test_posting_for_another_city_is_403_and_bad_values_422(client, seoul_officer):
    from intercity.network.models import Organisation

    client.force_login(seoul_officer)
    makati = Organisation.objects.get(key="makati")
    seoul = Organisation.objects.get(key="seoul")
    refused = client.post(
        "/api/v1/exchange/needs", _body(makati.pk), content_type="application/json"
    )
    assert refused.status_code == 403
    assert "Makati" in refused.json()["detail"]
    for bad in ({"theme": "nope"}, {"languages": ["xx"]}, {"forms": ["holiday"]}):
        response = client.post(
            "/api/v1/exchange/offers", _body(seoul.pk, **bad), content_type="application/json"
        )
        assert response.status_code == 422, (bad, response.json())
        assert response.json()["detail"]
    assert not Need.objects.exists()


def test_others_see_open_needs_only_and_unknown_ids_are_404(client, seoul_officer, makati_officer):
    open_need = make.need(makati_officer, "makati")
    withdrawn = make.need(makati_officer, "makati", title="Old")
    services.withdraw(makati_officer, withdrawn)
    client.force_login(seoul_officer)
    ids = [n["id"] for n in client.get("/api/v1/exchange/needs").json()]
    assert open_need.pk in ids
    assert withdrawn.pk not in ids
    assert client.get(f"/api/v1/exchange/needs/{withdrawn.pk}").status_code == 404
    assert client.get("/api/v1/exchange/needs?status=lost").status_code == 422
    client.force_login(makati_officer)
    assert client.get(f"/api/v1/exchange/needs/{withdrawn.pk}").status_code == 200


def test_exchanges_are_read_by_their_cities_and_the_secretariat(
    client, secretariat, seoul_officer, makati_officer, wego
):
    from intercity.accounts.models import Role
    from intercity.accounts.tests.factories import person

    make.need(makati_officer, "makati")
    make.offer(seoul_officer, "seoul")
    exchange = services.accept_proposal(
        secretariat, services.run_matching(secretariat, wego).proposals.get()
    )
    client.force_login(makati_officer)
    body = client.get(f"/api/v1/exchange/exchanges/{exchange.pk}").json()
    assert body["status"] == "proposed"
    assert any("Mobile Government" in r for r in body["reasons"])
    assert [
        e["id"] for e in client.get("/api/v1/exchange/exchanges?theme=mobile-government").json()
    ] == [exchange.pk]
    client.force_login(person("judy", Role.JUDGE))
    assert client.get("/api/v1/exchange/exchanges").json() == []
    assert client.get(f"/api/v1/exchange/exchanges/{exchange.pk}").status_code == 404
