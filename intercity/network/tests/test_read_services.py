"""The read services other modules use instead of querying the registry's models."""

import datetime as dt

import pytest
from django.db import transaction

from intercity.network import services
from intercity.network.models import Person
from intercity.network.tests.factories import NetworkFactory, OrganisationFactory, join

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_category_is_found_by_slug_and_the_known_slugs_are_listed():
    network = NetworkFactory()
    full = services.find_category(network, "full")
    assert full is not None
    assert full.name == "Full member"
    assert services.find_category(network, "honorary") is None
    assert services.category_slugs(network) == ["full", "associate"]


def test_a_city_region_is_read_from_its_membership_of_that_network():
    network, other = NetworkFactory(), NetworkFactory()
    seoul, nomad = OrganisationFactory(name="Seoul"), OrganisationFactory(name="Nomad")
    join(network, seoul, D(2010, 1, 1), region="asia")
    join(other, seoul, D(2010, 1, 1), region="europe")
    join(network, nomad, D(2010, 1, 1), region=None)

    region = services.region_of(network, seoul)
    assert region is not None
    assert region.slug == "asia"
    assert services.region_of(network, nomad) is None
    assert services.region_of(network, OrganisationFactory()) is None


def test_the_organisations_of_a_region_are_those_placed_in_it_in_its_network():
    network, other = NetworkFactory(), NetworkFactory()
    seoul, makati, lisbon = (OrganisationFactory(name=n) for n in ("Seoul", "Makati", "Lisbon"))
    join(network, seoul, D(2010, 1, 1), region="asia")
    join(network, makati, D(2010, 1, 1), region="asia")
    join(network, lisbon, D(2010, 1, 1), region="europe")
    join(other, lisbon, D(2010, 1, 1), region="asia")  # Asia of another network

    asia = network.regions.get(slug="asia")
    assert set(services.organisations_in_region(asia)) == {seoul, makati}


def test_billable_since_is_the_first_day_in_a_fee_paying_category():
    network = NetworkFactory()
    network.categories.filter(slug="associate").update(billable=False)
    network.categories.filter(slug="full").update(billable=True)
    admitted, waiting = OrganisationFactory(), OrganisationFactory()
    join(network, admitted, D(2015, 3, 1), category="associate")
    join(network, admitted, D(2017, 6, 27), category="full")
    join(network, admitted, D(2019, 1, 1), category="full", status="suspended")
    join(network, waiting, D(2018, 1, 1), category="associate")

    assert services.billable_since(network, [admitted.pk, waiting.pk]) == {
        admitted.pk: D(2017, 6, 27)
    }
    assert services.billable_since(network, []) == {}


def test_lock_membership_holds_the_rows_inside_a_transaction():
    network, city = NetworkFactory(), OrganisationFactory()
    join(network, city, D(2016, 1, 1))
    with transaction.atomic():
        services.lock_membership(network, city)
        services.lock_membership(network, OrganisationFactory())  # no membership: no error


def test_organisations_by_key_and_people_emails():
    city = OrganisationFactory(key="read-services-city", name="Readville")
    Person.objects.create(name="Kim", email="kim@seoul.go.kr", organisation=city)
    Person.objects.create(name="Lee", email="", organisation=city)
    assert services.organisations_by_key()["read-services-city"] == city
    assert services.people_emails(city) == {"kim@seoul.go.kr"}
