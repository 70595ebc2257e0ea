"""The representation rule as a what-if: POST /api/v1/networks/ascn/representation/check."""

from __future__ import annotations

import pytest

from intercity.plans.models_representation import Nomination

pytestmark = pytest.mark.django_db

URL = "/api/v1/networks/ascn/representation/check"


def ask(client, body, url=URL):
    return client.post(url, body, content_type="application/json")


def test_a_fourth_thai_city_is_refused_and_the_answer_says_why(client, ascn):
    response = ask(client, {"state": "TH", "add_city": "Chiang Mai"})
    assert response.status_code == 200
    body = response.json()
    assert body["allowed"] is False
    assert (body["count"], body["limit"]) == (3, 3)
    assert "Thailand already has 3 pilot cities (Bangkok, Chonburi, Phuket)" in body["reason"]


def test_a_city_that_fits_is_allowed_and_nothing_is_saved(client, ascn):
    before = Nomination.objects.count()
    body = ask(client, {"state": "la", "add_city": "Luang Namtha"}).json()
    assert body["allowed"] is True
    assert "1 more" not in body["reason"]
    assert "2 of 3 places" in body["reason"]
    assert Nomination.objects.count() == before


def test_a_city_already_nominated_says_so(client, ascn):
    body = ask(client, {"state": "VN", "add_city": "Da Nang"}).json()
    assert body["allowed"] is False
    assert "already a pilot city of Vietnam" in body["reason"]


def test_malaysia_over_the_limit_is_refused(client, ascn):
    body = ask(client, {"state": "MY", "add_city": "Penang"}).json()
    assert body["allowed"] is False
    assert body["count"] == 4


@pytest.mark.parametrize(
    ("url", "body", "said"),
    [
        (URL, {"state": "KR", "add_city": "Seoul"}, "not a Member State"),
        (URL, {"state": "ZZ", "add_city": "Nowhere"}, "not a Member State"),
        (
            "/api/v1/networks/atlantis/representation/check",
            {"state": "TH", "add_city": "X"},
            "no network",
        ),
        (
            "/api/v1/networks/wego/representation/check",
            {"state": "TH", "add_city": "X"},
            "not a Member State",
        ),
        (URL, {"state": "TH", "add_city": "   "}, "city's name"),
    ],
)
def test_an_unknown_state_or_network_is_a_422(client, ascn, url, body, said):
    response = ask(client, body, url)
    assert response.status_code == 422
    assert said in str(response.json()["detail"])


def test_a_missing_field_is_a_422(client, ascn):
    assert ask(client, {"state": "TH"}).status_code == 422
