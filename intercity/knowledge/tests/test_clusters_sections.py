"""What the clusters add to other pages: a city's clusters on its page, an officer's clusters
and the Secretariat's latest activity on their start pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from intercity.knowledge import sections_clusters
from intercity.knowledge.models import Cluster
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_citys_page_names_the_clusters_it_leads(wego):
    seoul = Organisation.objects.get(key="seoul")
    found = sections_clusters.organisation_sections(request_of(AnonymousUser()), seoul)
    assert [s.title for s in found] == ["Thematic clusters"]
    link = found[0].links[0]
    assert link.label == "Living Labs for Open Innovation"
    assert "Lead city" in link.description


def test_a_city_in_no_cluster_adds_nothing(wego):
    makati = Organisation.objects.get(key="makati")
    assert sections_clusters.organisation_sections(request_of(AnonymousUser()), makati) == []


def test_an_officers_start_page_lists_their_citys_clusters(makati_officer, wego):
    section = sections_clusters.start_sections(request_of(makati_officer))[0]
    assert section.text == "Your city is in no thematic cluster yet."
    mobility = Cluster.objects.get(slug="smart-mobility")
    services.join(makati_officer, mobility, Organisation.objects.get(key="makati"))
    section = sections_clusters.start_sections(request_of(makati_officer))[0]
    assert [link.label for link in section.links] == ["Smart Mobility", "All thematic clusters"]


def test_the_secretariats_start_page_shows_the_latest_activity(secretariat, seoul_officer, wego):
    labs = Cluster.objects.get(slug="living-labs-for-open-innovation")
    services.post_news(seoul_officer, labs, "Fresh news")
    found = sections_clusters.start_sections(request_of(secretariat))
    latest = next(s for s in found if s.anchor == "cluster-activity")
    assert latest.links[0].description == "Fresh news"
    assert latest.links[-1].label == "Activity across the clusters"


def test_a_citizen_gets_no_section(citizen, wego):
    assert sections_clusters.start_sections(request_of(citizen)) == []
