"""The organiser's pages: the network's events with "New event", the event's organising page
and its forms; a refusal is shown on the page with what was typed kept; nobody else reaches
them, and only the organiser sees the link from the event's page."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.events.models import Event, Room, Session, SessionKind
from intercity.events.tests import factories as f
from intercity.network.models import Network

pytestmark = pytest.mark.django_db


def test_only_the_organiser_sees_the_link_to_organise_an_event(
    client: Client, secretariat, citizen
):
    event = f.event()
    assert "Organise this event" not in client.get(f"/events/{event.pk}/").content.decode()
    client.force_login(citizen)
    assert "Organise this event" not in client.get(f"/events/{event.pk}/").content.decode()
    assert client.get(f"/events/{event.pk}/organise/").status_code == 403
    assert client.get("/events/organise/wego/").status_code == 403
    assert client.post(f"/events/{event.pk}/organise/rooms/new/", {"name": "X"}).status_code == 403
    assert not Room.objects.filter(event=event).exists()
    client.force_login(secretariat)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert f'href="/events/{event.pk}/organise/"' in page


def test_a_visitor_is_sent_to_log_in(client: Client):
    event = f.event()
    response = client.get(f"/events/{event.pk}/organise/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_organiser_creates_an_event_from_the_networks_list(client: Client, secretariat):
    client.force_login(secretariat)
    assert "Organise the events of WeGO" in client.get("/events/").content.decode()
    listing = client.get("/events/organise/wego/").content.decode()
    assert 'href="/events/organise/wego/new/"' in listing
    wego = Network.objects.get(slug="wego")
    response = client.post(
        "/events/organise/wego/new/",
        {
            "network": wego.pk,
            "name": "Smart Cities Forum",
            "kind": "conference",
            "place": "Seoul",
            "starts_on": "2031-05-06",
            "ends_on": "2031-05-07",
            "time_zone": "Asia/Seoul",
            "capacity": "",
            "description": "",
        },
    )
    event = Event.objects.get(name="Smart Cities Forum")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/organise/"
    assert "Smart Cities Forum" in client.get("/events/organise/wego/").content.decode()


def test_days_out_of_order_are_a_field_error(client: Client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        "/events/organise/wego/new/",
        {
            "name": "Backwards",
            "kind": "conference",
            "starts_on": "2031-05-07",
            "ends_on": "2031-05-06",
            "time_zone": "Asia/Seoul",
        },
    )
    assert response.status_code == 400
    assert "The last day comes before the first day." in response.content.decode()


def test_the_organiser_adds_a_room_and_a_session_with_its_speakers(client: Client, secretariat):
    event = f.event()
    client.force_login(secretariat)
    base = f"/events/{event.pk}/organise/"
    client.post(
        base + "rooms/new/",
        {"name": "Grand Hall", "capacity": "300", "interpretation": "English, Korean"},
    )
    hall = Room.objects.get(event=event, name="Grand Hall")
    response = client.post(
        base + "sessions/new/",
        {
            "title": "Data for city services",
            "kind": "conference",
            "day": "2031-05-06",
            "starts": "10:00",
            "ends": "11:30",
            "room": hall.pk,
            "capacity": "200",
            "moderators": "Ana García; Madrid City Council",
            "speakers": "Bo Kim\nChen Li; Shanghai",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert session.starts_at == f.at(1, "10:00")
    assert session.ends_at == f.at(1, "11:30")
    assert [(p.role, p.name) for p in session.people.all()] == [
        ("moderator", "Ana García"),
        ("speaker", "Bo Kim"),
        ("speaker", "Chen Li"),
    ]
    edit = client.get(base + f"sessions/{session.pk}/").content.decode()
    assert "Ana García; Madrid City Council" in edit
    assert 'value="10:00"' in edit
    public = client.get(f"/events/{event.pk}/").content.decode()
    assert "10:00–11:30" in public
    assert "Data for city services" in public


def test_a_clash_in_a_room_is_refused_on_the_page_with_the_form_kept(client: Client, secretariat):
    event = f.event()
    hall = event.rooms.create(name="Grand Hall")
    f.session(event, "Opening", f.at(1, "10:00"), f.at(1, "11:00"), room=hall)
    client.force_login(secretariat)
    response = client.post(
        f"/events/{event.pk}/organise/sessions/new/",
        {
            "title": "Panel",
            "kind": "conference",
            "day": "2031-05-06",
            "starts": "10:30",
            "ends": "11:30",
            "room": hall.pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Grand Hall is taken at that time by “Opening” (10:00)" in page
    assert 'value="Panel"' in page
    assert Session.objects.filter(event=event).count() == 1


def test_the_organiser_cancels_a_chosen_session_and_deletes_an_unchosen_one(
    client: Client, secretariat
):
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    chosen = f.session(event, "Chosen", f.at(1, "10:00"), f.at(1, "11:00"))
    alone = f.session(event, "Alone", f.at(1, "12:00"), f.at(1, "13:00"))
    from intercity.events import services

    ana = services.register(
        None, event, delegate, name="Ana", email="a@example.org", organisation="X"
    )
    services.choose_session(ana, chosen)
    client.force_login(secretariat)
    base = f"/events/{event.pk}/organise/sessions/"
    page = client.post(base + f"{chosen.pk}/delete/", follow=True).content.decode()
    assert "cancel it instead" in page
    client.post(base + f"{chosen.pk}/cancel/")
    client.post(base + f"{alone.pk}/delete/")
    assert Session.objects.get(pk=chosen.pk).cancelled_at is not None
    assert not Session.objects.filter(pk=alone.pk).exists()
    mine = client.get(f"/events/registration/{ana.token}/").content.decode()
    assert "Cancelled" in mine


def test_registration_opens_only_with_a_category(client: Client, secretariat):
    event = f.event(registration_open=False)
    client.force_login(secretariat)
    url = f"/events/{event.pk}/organise/registration/"
    page = client.post(url, {"open": "1"}, follow=True).content.decode()
    assert "Add a registration category first" in page
    client.post(
        f"/events/{event.pk}/organise/categories/new/",
        {"name": "Delegate", "code": "delegate", "kinds": ["conference", "excom"]},
    )
    client.post(url, {"open": "1"})
    assert Event.objects.get(pk=event.pk).registration_open
    client.post(url, {"open": "0"})
    assert not Event.objects.get(pk=event.pk).registration_open


def test_shortening_the_days_past_a_session_is_refused_on_the_page(client: Client, secretariat):
    event = f.event()
    f.session(event, "Closing", f.at(2, "16:00"), f.at(2, "17:00"))
    client.force_login(secretariat)
    response = client.post(
        f"/events/{event.pk}/organise/event/",
        {
            "network": event.network_id,
            "name": "Renamed forum",
            "kind": "conference",
            "place": "Seoul",
            "starts_on": "2031-05-06",
            "ends_on": "2031-05-06",
            "time_zone": "Asia/Seoul",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "“Closing” (2031-05-07) would fall outside them" in page
    assert 'value="Renamed forum"' in page
    assert Event.objects.get(pk=event.pk).name == "Test Forum"
