"""The clusters' API: the list with lead city and current members, the network filter, a
cluster with its events and recent activity; refusals as {"detail": ...}."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.knowledge.models import Cluster
from intercity.knowledge.services import clusters as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/knowledge/clusters"


def test_the_list_gives_each_cluster_with_its_lead_and_members(client, wego):
    response = client.get(URL)
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert len(rows) == 11
    labs = rows["living-labs-for-open-innovation"]
    assert labs["lead"]["name"] == "Seoul"
    assert [m["organisation"]["name"] for m in labs["members"]] == ["Seoul"]
    assert labs["members"][0]["role"] == "lead"
    infrastructure = rows["smart-infrastructure"]
    assert infrastructure["status"] == "proposed"
    assert infrastructure["proposed_by"]["name"] == "Kabul"
    assert infrastructure["lead"] is None


def test_the_list_filters_by_network(client, wego):
    assert len(client.get(URL, {"network": "wego"}).json()) == 11
    assert client.get(URL, {"network": "ascn"}).json() == []
    response = client.get(URL, {"network": "nowhere"})
    assert response.status_code == 404
    assert "nowhere" in response.json()["detail"]


def test_a_cluster_gives_its_members_events_and_activity(client, wego, seoul_officer, secretariat):
    labs = Cluster.objects.get(slug="living-labs-for-open-innovation")
    services.add_stakeholder(secretariat, labs, "Seoul National University", "university")
    services.add_event(seoul_officer, labs, title="Webinar", starts_on=dt.date(2030, 5, 1))
    services.post_news(seoul_officer, labs, "Hello members")
    response = client.get(f"{URL}/{labs.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["lead"]["name"] == "Seoul"
    stakeholder = body["members"][1]
    assert stakeholder["organisation"] is None
    assert stakeholder["stakeholder_kind"] == "university"
    assert [e["title"] for e in body["events"]] == ["Webinar"]
    assert body["activity"][0]["kind"] == "post"
    assert body["activity"][0]["text"] == "Hello members"
    assert body["activity"][1]["text"] == "Event added: Webinar"


def test_an_unknown_or_bad_id_is_refused(client, db):
    assert client.get(f"{URL}/999999").status_code == 404
    assert client.get(f"{URL}/0").status_code == 422
    assert client.get(f"{URL}/x").status_code == 422
