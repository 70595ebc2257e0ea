"""The clusters' pages: the list, a cluster's page with the buttons each person may press,
the actions through plain forms, the Secretariat's activity across clusters, the Atom feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from intercity.knowledge.models import (
    Cluster,
    ClusterActivity,
    ClusterMember,
    Project,
)
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def living_labs(wego) -> Cluster:
    return Cluster.objects.get(network=wego, slug="living-labs-for-open-innovation")


@pytest.fixture
def mobility(wego) -> Cluster:
    return Cluster.objects.get(network=wego, slug="smart-mobility")


def page(cluster: Cluster) -> str:
    return reverse("knowledge_cluster", args=[cluster.pk])


def action(name: str, cluster: Cluster, *args: int) -> str:
    return reverse(f"knowledge_cluster_{name}", args=[cluster.pk, *args])


def test_the_list_shows_each_cluster_its_lead_members_and_the_proposed_one(client, wego):
    response = client.get(reverse("knowledge_clusters"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Living Labs for Open Innovation" in text
    assert "Seoul" in text
    assert "Goyang" in text
    assert "Proposed" in text
    assert "by Kabul" in text
    assert 'id="network-wego"' in text


def test_a_visitor_sees_the_page_without_buttons(client, living_labs):
    response = client.get(page(living_labs))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Lead city:</strong> Seoul" in text
    assert "Taipei" in text  # the seed's note in the feed
    assert "Join the cluster" not in text
    assert "Post news" not in text
    assert "The Secretariat&#x27;s controls" not in text


def test_an_officer_joins_through_the_button_and_sees_the_line(client, makati_officer, mobility):
    client.force_login(makati_officer)
    text = client.get(page(mobility)).content.decode()
    assert "Join the cluster for Makati" in text
    makati = Organisation.objects.get(key="makati")
    response = client.post(action("join", mobility), {"organisation": makati.pk}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Makati joined Smart Mobility." in text
    assert "Makati joined the cluster." in text
    assert "Leave the cluster for Makati" in text
    again = client.post(action("join", mobility), {"organisation": makati.pk})
    assert again.status_code == 409
    assert "already a member" in again.content.decode()
    client.post(action("leave", mobility), {"organisation": makati.pk})
    assert not ClusterMember.objects.filter(cluster=mobility, left_on__isnull=True).exists()


def test_a_citizen_cannot_join(client, citizen, mobility):
    client.force_login(citizen)
    makati = Organisation.objects.get(key="makati")
    response = client.post(action("join", mobility), {"organisation": makati.pk})
    assert response.status_code == 403
    assert not mobility.members.exists()


def test_a_visitor_is_sent_to_log_in_and_a_get_is_refused(client, makati_officer, mobility):
    assert client.post(action("join", mobility), {"organisation": 1}).status_code == 302
    client.force_login(makati_officer)
    assert client.get(action("join", mobility)).status_code == 405
    assert client.post(action("join", mobility), {"organisation": "x"}).status_code == 404


def test_the_lead_keeps_the_page_and_makati_cannot(
    client, seoul_officer, makati_officer, living_labs
):
    client.force_login(makati_officer)
    assert "Post news" not in client.get(page(living_labs)).content.decode()
    refused = client.post(action("description", living_labs), {"page-description": "Ours"})
    assert refused.status_code == 403
    assert client.post(action("news", living_labs), {"news-text": "Hi"}).status_code == 403
    client.force_login(seoul_officer)
    text = client.get(page(living_labs)).content.decode()
    assert "Post news" in text
    assert "Add an event" in text
    client.post(action("description", living_labs), {"page-description": "Bukchon as a lab."})
    client.post(action("news", living_labs), {"news-text": "Bukchon tour on Friday."})
    text = client.get(page(living_labs)).content.decode()
    assert "Bukchon as a lab." in text
    assert "Bukchon tour on Friday." in text


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(client, seoul_officer, living_labs):
    client.force_login(seoul_officer)
    before = ClusterActivity.objects.count()
    response = client.post(action("news", living_labs), {"news-text": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client.post(
        action("add_event", living_labs),
        {
            "event-title": "Backwards",
            "event-starts_on": "2030-02-02",
            "event-ends_on": "2030-02-01",
        },
    )
    assert response.status_code == 400
    assert "ends on or after" in response.content.decode()
    response = client.post(
        action("add_event", living_labs), {"event-title": "Far", "event-starts_on": "9999-01-01"}
    )
    assert response.status_code == 400
    assert ClusterActivity.objects.count() == before
    assert not living_labs.events.exists()


def test_the_lead_adds_edits_and_removes_an_event(client, seoul_officer, living_labs):
    client.force_login(seoul_officer)
    soon = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    client.post(
        action("add_event", living_labs), {"event-title": "Webinar", "event-starts_on": soon}
    )
    event = living_labs.events.get()
    form = client.get(action("event", living_labs, event.pk))
    assert form.status_code == 200
    client.post(
        action("event", living_labs, event.pk),
        {"title": "Webinar one", "starts_on": soon, "place": "Online"},
    )
    event.refresh_from_db()
    assert (event.title, event.place) == ("Webinar one", "Online")
    text = client.get(page(living_labs)).content.decode()
    assert "Webinar one" in text
    client.post(action("remove_event", living_labs, event.pk))
    assert not living_labs.events.exists()


def test_the_secretariat_manages_members_lead_and_status(client, secretariat, mobility):
    client.force_login(secretariat)
    text = client.get(page(mobility)).content.decode()
    assert "Add an outside stakeholder" in text
    client.post(
        action("add_stakeholder", mobility),
        {"stakeholder_name": "Ecube Labs", "stakeholder_kind": "company"},
    )
    goyang = Organisation.objects.get(key="goyang")
    client.post(action("add_city", mobility), {"city-organisation": goyang.pk})
    makati = Organisation.objects.get(key="makati")
    client.post(action("set_lead", mobility), {"lead-organisation": makati.pk})
    assert services.lead_of(mobility) == makati
    assert mobility.members.filter(left_on__isnull=True).count() == 3
    stakeholder = mobility.members.get(stakeholder_name="Ecube Labs")
    client.post(action("remove_member", mobility, stakeholder.pk))
    stakeholder.refresh_from_db()
    assert stakeholder.left_on is not None
    client.post(action("close", mobility))
    mobility.refresh_from_db()
    assert mobility.status == Cluster.Status.CLOSED


def test_a_city_outside_the_network_is_not_a_choice(client, secretariat, mobility):
    client.force_login(secretariat)
    taipei = Organisation.objects.get(key="taipei")
    response = client.post(action("add_city", mobility), {"city-organisation": taipei.pk})
    assert response.status_code == 400
    assert not mobility.members.exists()


def test_an_officer_cannot_use_the_secretariats_controls(client, seoul_officer, living_labs):
    client.force_login(seoul_officer)
    response = client.post(
        action("add_stakeholder", living_labs),
        {"stakeholder_name": "Acme", "stakeholder_kind": "company"},
    )
    assert response.status_code == 403
    assert client.post(action("close", living_labs)).status_code == 403


def test_the_feed_shows_more_on_request(client, seoul_officer, living_labs):
    for n in range(25):
        services.post_news(seoul_officer, living_labs, f"News number {n}")
    text = client.get(page(living_labs)).content.decode()
    assert "News number 24" in text
    assert "News number 4<" not in text
    assert "Show more" in text
    text = client.get(page(living_labs) + "?feed=40").content.decode()
    assert "News number 4<" in text
    assert "Show more" not in text  # 25 news, 1 note, 1 lead line: 27 in all


def test_the_clusters_published_projects_are_on_its_page(client, wego, secretariat, living_labs):
    seoul = Organisation.objects.get(key="seoul")
    shown = Project.objects.create(
        network=wego, organisation=seoul, title="Bukchon living lab", state="published"
    )
    hidden = Project.objects.create(
        network=wego, organisation=seoul, title="A draft lab", state="draft"
    )
    shown.themes.add(living_labs)
    hidden.themes.add(living_labs)
    services.note_project_published(shown, secretariat)
    text = client.get(page(living_labs)).content.decode()
    assert "Bukchon living lab" in text
    assert "Project published: Bukchon living lab" in text
    assert "A draft lab" not in text


def test_the_secretariats_activity_across_clusters(client, secretariat, seoul_officer, living_labs):
    services.post_news(seoul_officer, living_labs, "Across news")
    client.force_login(secretariat)
    url = reverse("knowledge_cluster_activity")
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Across news" in text
    assert "Last 30 days" in text
    filtered = client.get(url, {"cluster": living_labs.pk, "kind": "lead"}).content.decode()
    assert "Across news" not in filtered
    assert client.get(url, {"kind": "gossip"}).status_code == 400


def test_the_activity_across_clusters_is_for_the_secretariat(client, seoul_officer):
    client.force_login(seoul_officer)
    assert client.get(reverse("knowledge_cluster_activity")).status_code == 403


def test_the_atom_feed_lists_the_activity(client, seoul_officer, living_labs):
    services.post_news(seoul_officer, living_labs, "Feed news")
    response = client.get(action("atom", living_labs))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Feed news" in body
    assert "<entry>" in body


def test_an_unknown_cluster_is_a_404(client, db):
    assert client.get(reverse("knowledge_cluster", args=[999999])).status_code == 404
    assert client.get(reverse("knowledge_cluster_atom", args=[999999])).status_code == 404


def test_the_page_reads_in_korean(client, living_labs):
    response = client.get(page(living_labs), HTTP_ACCEPT_LANGUAGE="ko")
    assert "개방형 혁신을 위한 리빙랩" in response.content.decode()
