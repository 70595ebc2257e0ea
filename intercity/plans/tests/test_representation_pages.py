"""The ASCN's representation page: public; the ASEAN Secretariat's forms on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.plans.models_representation import Designation, Nomination
from intercity.plans.tests import factories_representation as make

pytestmark = pytest.mark.django_db

PAGE = "/networks/ascn/representation/"


def test_the_page_lists_states_cities_and_malaysias_disagreement(client, ascn):
    response = client.get(PAGE)
    assert response.status_code == 200
    text = response.content.decode()
    for city in ("Bandar Seri Begawan", "Kuching", "Nay Pyi Taw", "Yangon"):
        assert city in text
    assert "The list and the rule disagree:" in text
    assert "Malaysia has 4 pilot cities" in text
    assert "26 pilot cities in all." in text
    assert "Record a nomination" not in text  # the forms are the Secretariat's


def test_the_ascn_page_links_to_it_and_wegos_does_not(client, ascn):
    assert PAGE in client.get(reverse("network", args=["ascn"])).content.decode()
    assert "/representation/" not in client.get(reverse("network", args=["wego"])).content.decode()
    assert client.get("/networks/wego/representation/").status_code == 404


def test_a_city_officer_cannot_nominate(client, ascn, seoul_officer):
    client.force_login(seoul_officer)
    city = make.city("Luang Namtha", "LA")
    response = client.post(
        reverse("plans_nominate", args=["ascn"]),
        {"n-state": "LA", "n-organisation": city.pk, "n-nominated_on": "2018-02-01"},
    )
    assert response.status_code == 403
    assert not Nomination.objects.filter(organisation=city).exists()


def test_the_secretariat_nominates_within_the_rule(client, ascn, secretariat):
    client.force_login(secretariat)
    city = make.city("Luang Namtha", "LA")
    response = client.post(
        reverse("plans_nominate", args=["ascn"]),
        {"n-state": "LA", "n-organisation": city.pk, "n-nominated_on": "2018-02-01"},
    )
    assert response.status_code == 302
    assert Nomination.objects.filter(organisation=city, state__country="LA").exists()


def test_a_nomination_beyond_the_rule_is_shown_refused(client, ascn, secretariat):
    client.force_login(secretariat)
    city = make.city("Chiang Mai", "TH")
    response = client.post(
        reverse("plans_nominate", args=["ascn"]),
        {"n-state": "TH", "n-organisation": city.pk, "n-nominated_on": "2018-02-01"},
    )
    assert response.status_code == 400
    assert "Thailand already has 3 pilot cities" in response.content.decode()
    assert not Nomination.objects.filter(organisation=city).exists()


def test_the_secretariat_designates_a_national_representative(client, ascn, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_designate", args=["ascn"]),
        {
            "d-role": "national_representative",
            "d-person_name": "Somchai",
            "d-state": "TH",
            "d-start": "2018-02-28",
        },
    )
    assert response.status_code == 302
    assert Designation.objects.get(person_name="Somchai").state.country.code == "TH"
    assert "Somchai" in client.get(PAGE).content.decode()
