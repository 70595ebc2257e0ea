"""Lists cost a fixed number of queries, however many members a network has."""

import datetime as dt

import pytest
from django.urls import reverse

from intercity.network.tests.factories import NetworkFactory, OrganisationFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_network():
    network = NetworkFactory(slug="big")
    for n in range(120):
        city = OrganisationFactory(country="KR" if n % 2 else "FR")
        join(network, city, dt.date(2015, 1, 1), category="associate", region="asia")
        join(network, city, dt.date(2016, 1, 1), category="full")
    return network


def test_member_api_queries_do_not_grow_with_members(
    client, big_network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(
            "/api/v1/networks/big/members", {"on": "2017-01-01", "page_size": 200}
        )
    assert response.json()["count"] == 120
    assert len(response.json()["items"]) == 120


def test_directory_page_queries_do_not_grow_with_members(
    client, big_network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("directory", args=["big"]), {"on": "2017-01-01"})
    assert "120 organisations" in response.content.decode()


def test_network_page_queries_do_not_grow_with_members(
    client, big_network, django_assert_max_num_queries
):
    # A fixed budget: 15 for the registry's own sections, 2 more for governance asking what
    # the network's statute defines before it offers its links (officers, deadlines, statute),
    # 2 for the CPS's "Citizens' reports compared" (which member cities share their figures;
    # each sharing city's figures come from the cache), 5 for links shown only where the
    # network's own rules have them (membership: a body that decides applications; awards: an
    # edition; knowledge: a cluster; plans: milestones, then the documents they concern), 1 for
    # plans' representation page (offered where the network has member states on record), 1
    # for learning's programmes and 1 for events' events (each shown where the network has some).
    with django_assert_max_num_queries(27):
        response = client.get(reverse("network", args=["big"]))
    assert response.status_code == 200


def test_organisation_search_api_is_bounded(client, big_network, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/organisations", {"search": "Testville", "page_size": 200})
    assert response.json()["count"] >= 120
