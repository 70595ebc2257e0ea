"""A session points at another module's record; the link is read through that module's
services, and left out when the module is not installed."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from intercity.events import records, seed
from intercity.events.models import Event

pytestmark = pytest.mark.django_db


def links_of_2017():
    event = Event.objects.get(name=seed.NAME)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    sessions = list(event.sessions.all())
    found = records.session_links(request, sessions)
    return {s.title: found[s.pk] for s in sessions if s.pk in found}, records.matchmaking_link(
        request, event
    )


def test_the_excom_meeting_the_assembly_and_the_ceremony_have_their_records():
    links, matchmaking = links_of_2017()
    assert links["EXCOM Meeting"].url == "/networks/wego/meetings/wego-excom-2017/"
    assert links["Assembly Session I"].url == "/networks/wego/meetings/wego-ga-2017/"
    ceremony = links["Assembly Session 2 & WeGO Smart Sustainable City Awards Ceremony"]
    assert ceremony.label == "3rd WeGO Smart Sustainable City Awards"
    assert matchmaking is not None
    assert matchmaking.url.startswith("/exchange/matchmaking/")


def test_without_the_modules_the_sessions_have_no_links(monkeypatch):
    monkeypatch.setattr(records, "is_installed", lambda name: False)
    links, matchmaking = links_of_2017()
    assert links == {}
    assert matchmaking is None
