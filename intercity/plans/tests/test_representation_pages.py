"""The ASCN's representation page: public; the ASEAN Secretariat's forms on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.core.models import AuditEvent
from intercity.plans.models_representation import (
    ChairYear,
    Designation,
    Nomination,
    RepresentationRule,
)
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


def test_the_secretariat_records_a_later_rule_that_judges_from_its_day(client, ascn, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_rule", args=["ascn"]),
        {
            "r-effective_from": "2026-01-01",
            "r-max_cities_per_state": "5",
            "r-capital_included": "on",
            "r-source": "ASCN annual meeting 2025, decision 3",
        },
    )
    assert response.status_code == 302
    rule = RepresentationRule.objects.get(network__slug="ascn", effective_from="2026-01-01")
    assert (rule.max_cities_per_state, rule.capital_included) == (5, True)
    assert AuditEvent.objects.filter(verb="record_representation_rule").count() == 1
    before = client.post(
        "/api/v1/networks/ascn/representation/check",
        {"state": "TH", "add_city": "Chiang Mai", "date": "2025-12-31"},
        content_type="application/json",
    ).json()
    after = client.post(
        "/api/v1/networks/ascn/representation/check",
        {"state": "TH", "add_city": "Chiang Mai", "date": "2026-01-02"},
        content_type="application/json",
    ).json()
    assert (before["allowed"], before["limit"]) == (False, 3)
    assert (after["allowed"], after["limit"]) == (True, 5)


def test_a_second_rule_for_the_same_day_is_refused_and_what_was_typed_kept(
    client, ascn, secretariat
):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_rule", args=["ascn"]),
        {"r-effective_from": "2018-01-01", "r-max_cities_per_state": "4", "r-source": "typed"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "A rule in force from 2018-01-01 is already recorded." in text
    assert 'value="typed"' in text
    assert RepresentationRule.objects.filter(network__slug="ascn").count() == 1


def test_a_rule_needs_its_source_and_at_least_one_city(client, ascn, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_rule", args=["ascn"]),
        {"r-effective_from": "2027-01-01", "r-max_cities_per_state": "0", "r-source": ""},
    )
    assert response.status_code == 400
    assert RepresentationRule.objects.filter(network__slug="ascn").count() == 1


def test_the_secretariat_records_a_later_chair_and_the_page_lists_it(client, ascn, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_chair", args=["ascn"]),
        {"c-year": "2019", "c-state": "TH", "c-source": "ASEAN chairmanship rotation"},
    )
    assert response.status_code == 302
    chair = ChairYear.objects.get(network__slug="ascn", year=2019)
    assert (chair.state.country.code, chair.source) == ("TH", "ASEAN chairmanship rotation")
    page = client.get(PAGE).content.decode()
    assert "2019: Thailand" in page
    again = client.post(
        reverse("plans_record_chair", args=["ascn"]), {"c-year": "2019", "c-state": "VN"}
    )
    assert again.status_code == 400
    assert "The ASEAN Chair of 2019 is already recorded." in again.content.decode()


def test_only_the_secretariat_records_rules_and_chairs(client, ascn, seoul_officer):
    client.force_login(seoul_officer)
    rule = client.post(
        reverse("plans_record_rule", args=["ascn"]),
        {"r-effective_from": "2027-01-01", "r-max_cities_per_state": "9", "r-source": "x"},
    )
    chair = client.post(
        reverse("plans_record_chair", args=["ascn"]), {"c-year": "2030", "c-state": "TH"}
    )
    assert (rule.status_code, chair.status_code) == (403, 403)
    assert not ChairYear.objects.filter(year=2030).exists()
    assert "Record the ASEAN Chair" not in client.get(PAGE).content.decode()
