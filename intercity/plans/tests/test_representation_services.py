"""The ASCN's representation as the seed loads it, and what the ASEAN Secretariat may change:
nominations within the rule in force, one representative in office at a time."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.plans import demo_representation
from intercity.plans.models_representation import Designation, Nomination
from intercity.plans.services import representation as services
from intercity.plans.tests import factories_representation as make

pytestmark = pytest.mark.django_db

SEED_COUNTS = {
    "BN": 1,
    "KH": 3,
    "ID": 3,
    "LA": 2,
    "MY": 4,
    "MM": 3,
    "PH": 3,
    "SG": 1,
    "TH": 3,
    "VN": 3,
}


def test_the_seeds_26_pilot_cities_load_with_their_states(ascn):
    data = services.representation(ascn)
    assert data.total_cities == 26
    counts = {row.state.country.code: len(row.cities) for row in data.states}
    assert counts == SEED_COUNTS
    capitals = {c.organisation.name for row in data.states for c in row.cities if c.capital}
    assert {"Bangkok", "Kuala Lumpur", "Singapore", "Vientiane"} <= capitals
    assert len(capitals) == 10


def test_only_malaysia_disagrees_with_the_rule_and_the_page_data_says_why(ascn):
    data = services.representation(ascn)
    said = {row.state.country.code: row.disagreement for row in data.states if row.disagreement}
    assert list(said) == ["MY"]
    assert "4 pilot cities" in said["MY"]
    assert "the 3 the rule" in said["MY"]


def test_singapore_chairs_in_2018(ascn):
    data = services.representation(ascn)
    assert [(c.year, c.state.country.code) for c in data.chairs] == [(2018, "SG")]


def test_a_nomination_beyond_the_rule_is_refused_and_nothing_is_saved(ascn, secretariat):
    chiang_mai = make.city("Chiang Mai", "TH")
    with pytest.raises(DomainError, match="already has 3 pilot cities"):
        services.nominate(secretariat, ascn, "TH", chiang_mai)
    assert not Nomination.objects.filter(organisation=chiang_mai).exists()


def test_a_nomination_within_the_rule_is_saved_with_its_audit_event(ascn, secretariat):
    pakse = make.city("Luang Namtha", "LA")
    nomination = services.nominate(secretariat, ascn, "LA", pakse, dt.date(2018, 2, 1))
    assert nomination.state.country.code == "LA"
    event = AuditEvent.objects.get(verb="nominate_pilot_city")
    assert "number 3" in event.reason


def test_a_city_of_another_state_is_refused(ascn, secretariat):
    with pytest.raises(DomainError, match="is not in"):
        services.nominate(secretariat, ascn, "LA", make.city("Chiang Mai", "TH"))


def test_only_the_secretariat_nominates_and_designates(ascn, seoul_officer):
    natrep = person("nadia", Role.NATIONAL_REPRESENTATIVE)
    for user in (seoul_officer, natrep):
        with pytest.raises(PermissionDenied):
            services.nominate(user, ascn, "LA", make.city("Luang Namtha", "LA"))
        with pytest.raises(PermissionDenied):
            services.designate(
                user, ascn, "national_representative", "Somchai", state=make.state(ascn, "TH")
            )
    assert not AuditEvent.objects.filter(
        verb__in=["nominate_pilot_city", "designate_representative"]
    ).exists()


def test_a_second_national_representative_in_office_is_refused(ascn, secretariat):
    thailand = make.state(ascn, "TH")
    services.designate(secretariat, ascn, "national_representative", "A", state=thailand)
    with pytest.raises(DomainError, match="already has a National Representative"):
        services.designate(secretariat, ascn, "national_representative", "B", state=thailand)
    first = Designation.objects.get(person_name="A")
    services.end_designation(secretariat, first)
    services.designate(secretariat, ascn, "national_representative", "B", state=thailand)
    assert Designation.objects.filter(state=thailand, end__isnull=True).get().person_name == "B"


def test_a_chief_smart_city_officer_serves_a_pilot_city_only(ascn, secretariat):
    with pytest.raises(DomainError, match="not a pilot city"):
        services.designate(
            secretariat, ascn, "csco", "X", organisation=make.city("Chiang Mai", "TH")
        )


def test_represented_states_and_csco_cities_name_what_the_user_holds_today(ascn, secretariat):
    user = person("nadia", Role.NATIONAL_REPRESENTATIVE)
    phuket = Nomination.objects.get(network=ascn, organisation__name="Phuket").organisation
    services.designate(
        secretariat,
        ascn,
        "national_representative",
        "Nadia",
        state=make.state(ascn, "VN"),
        user=user,
    )
    services.designate(secretariat, ascn, "csco", "Nadia", organisation=phuket, user=user)
    old = services.designate(
        secretariat,
        ascn,
        "national_representative",
        "Nadia",
        state=make.state(ascn, "LA"),
        user=user,
        start=dt.date(2018, 1, 1),
    )
    services.end_designation(secretariat, old, dt.date(2019, 1, 1))
    assert services.represented_states(user, ascn) == {"VN"}
    assert services.csco_cities(user, ascn) == {phuket.pk}
    assert services.represented_states(secretariat, ascn) == set()


def test_the_demo_makes_natrep_thailands_national_representative(ascn):
    call_command("create_demo_users", stdout=io.StringIO())
    assert demo_representation.load()["National Representatives"] == 1
    assert demo_representation.load()["National Representatives"] == 0
    natrep = get_user_model().objects.get(username="natrep")
    assert services.represented_states(natrep, ascn) == {"TH"}
    assert Designation.objects.get(user=natrep).demonstration
