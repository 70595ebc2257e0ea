"""The representation forms' bounds come from data, not from numbers typed into the forms:
the earliest ASEAN Chair year from the network's founding or its first Chair on record, the
most pilot cities per state from the rule model's own bound."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from intercity.core.bounds import EARLIEST_YEAR
from intercity.core.errors import DomainError
from intercity.network.models import Network
from intercity.plans.forms_representation import ChairForm, RuleForm
from intercity.plans.models_representation import (
    MOST_CITIES_PER_STATE,
    ChairYear,
    RepresentationRule,
)
from intercity.plans.services import representation as services
from intercity.plans.tests import factories_representation as make

pytestmark = pytest.mark.django_db

STATES = [("SG", "Singapore"), ("TH", "Thailand")]


def test_the_ascns_first_chair_year_is_its_first_chair_on_record(ascn):
    assert ascn.founded_on is None
    assert ChairYear.objects.filter(network=ascn).order_by("year").first().year == 2018
    assert services.earliest_chair_year(ascn) == 2018


def test_a_known_founding_before_the_first_chair_opens_the_years_between(ascn):
    ascn.founded_on = dt.date(2016, 4, 1)
    ascn.save(update_fields=["founded_on"])
    assert services.earliest_chair_year(ascn) == 2016


def test_a_chair_on_record_before_the_stated_founding_still_counts(ascn):
    ascn.founded_on = dt.date(2020, 1, 1)
    ascn.save(update_fields=["founded_on"])
    assert services.earliest_chair_year(ascn) == 2018


def test_a_network_with_neither_founding_nor_chairs_falls_back_to_the_platforms_bound():
    bare = Network.objects.create(slug="bare", name="Bare network", short_name="Bare")
    assert services.earliest_chair_year(bare) == EARLIEST_YEAR
    bare.founded_on = dt.date(2011, 5, 5)
    bare.save(update_fields=["founded_on"])
    assert services.earliest_chair_year(bare) == 2011


@pytest.mark.parametrize(("year", "valid"), [(2016, False), (2017, True), (2018, True)])
def test_the_chair_form_takes_its_first_year_from_the_caller(year, valid):
    form = ChairForm({"year": str(year), "state": "TH"}, states=STATES, first_year=2017)
    assert form.is_valid() is valid
    if not valid:
        assert "2017" in str(form.errors["year"])


def test_the_chair_forms_input_says_its_bounds(ascn):
    html = str(ChairForm(states=STATES, first_year=2018)["year"])
    assert 'min="2018"' in html
    assert 'max="2200"' in html


def test_a_chair_before_the_first_year_is_refused_on_the_page(client, ascn, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_chair", args=["ascn"]),
        {"c-year": "2017", "c-state": "TH", "c-source": "typed"},
    )
    assert response.status_code == 400
    assert 'value="typed"' in response.content.decode()
    assert not ChairYear.objects.filter(network=ascn, year=2017).exists()
    assert 'min="2018"' in client.get("/networks/ascn/representation/").content.decode()


def test_the_service_refuses_a_chair_before_the_first_year(ascn, secretariat):
    with pytest.raises(DomainError, match="no ASEAN Chair before 2018"):
        services.record_chair(secretariat, ascn, 2017, make.state(ascn, "TH"))
    assert not ChairYear.objects.filter(network=ascn, year=2017).exists()
    assert services.record_chair(secretariat, ascn, 2018 + 10, make.state(ascn, "TH")).pk


def test_the_rule_forms_most_is_the_models_bound():
    field = RuleForm.base_fields["max_cities_per_state"]
    assert field.max_value == MOST_CITIES_PER_STATE
    model_field = RepresentationRule._meta.get_field("max_cities_per_state")
    assert [v.limit_value for v in model_field.validators if v.code == "max_value"] == [
        MOST_CITIES_PER_STATE
    ]


@pytest.mark.parametrize(
    ("typed", "status"), [(MOST_CITIES_PER_STATE, 302), (MOST_CITIES_PER_STATE + 1, 400)]
)
def test_a_rule_past_the_most_is_refused_on_the_page(client, ascn, secretariat, typed, status):
    client.force_login(secretariat)
    response = client.post(
        reverse("plans_record_rule", args=["ascn"]),
        {"r-effective_from": "2027-01-01", "r-max_cities_per_state": str(typed), "r-source": "x"},
    )
    assert response.status_code == status
    recorded = RepresentationRule.objects.filter(network=ascn, effective_from="2027-01-01")
    assert recorded.exists() is (status == 302)


def test_the_service_and_the_database_refuse_a_rule_past_the_most(ascn, secretariat):
    with pytest.raises(DomainError, match=f"at most {MOST_CITIES_PER_STATE}"):
        services.record_rule(
            secretariat,
            ascn,
            effective_from=dt.date(2027, 1, 1),
            max_cities_per_state=MOST_CITIES_PER_STATE + 1,
            capital_included=True,
            source="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        make.rule(ascn, dt.date(2028, 1, 1), MOST_CITIES_PER_STATE + 1)
