"""The Secretariat's planning pages: a new session of a programme, its call, a lesson of its
classroom; others are refused; a form with errors keeps what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from intercity.core.models import AuditEvent
from intercity.learning.models_training import Call, Lesson, TrainingSession
from intercity.learning.tests.factories_training import open_session, today

pytestmark = pytest.mark.django_db

SLUG = "seoul-e-government-training"


def test_the_secretariat_plans_a_session_and_opens_its_call(client, secretariat):
    client.force_login(secretariat)
    assert (
        "Plan a new session"
        in client.get(reverse("learning_programme", args=[SLUG])).content.decode()
    )
    starts = today() + dt.timedelta(days=200)
    response = client.post(
        reverse("learning_new_session", args=[SLUG]),
        {
            "title": "Seoul e-Government Training 2028",
            "starts_on": starts.isoformat(),
            "ends_on": (starts + dt.timedelta(days=4)).isoformat(),
            "place": "Seoul",
            "capacity": "24",
        },
    )
    made = TrainingSession.objects.get(title="Seoul e-Government Training 2028")
    assert response.status_code == 302
    assert response["Location"] == reverse("learning_open_call", args=[made.pk])
    assert made.capacity == 24
    response = client.post(
        reverse("learning_open_call", args=[made.pk]),
        {
            "opens_on": today().isoformat(),
            "closes_on": (today() + dt.timedelta(days=60)).isoformat(),
            "per_city_limit": "3",
            "new_cities_first": "on",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(session=made)
    assert call.per_city_limit == 3
    assert call.new_cities_first
    assert AuditEvent.objects.filter(verb="learning.add_session").exists()
    assert AuditEvent.objects.filter(verb="learning.open_call", object_id=str(call.pk)).exists()


def test_a_session_ending_before_it_starts_is_refused_keeping_what_was_typed(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("learning_new_session", args=[SLUG]),
        {
            "title": "Backwards session",
            "starts_on": "2030-05-10",
            "ends_on": "2030-05-01",
            "place": "Busan",
            "capacity": "10",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "A session ends on or after the day it starts." in text
    assert 'value="Backwards session"' in text
    assert 'value="Busan"' in text
    assert not TrainingSession.objects.filter(title="Backwards session").exists()


def test_a_second_call_for_a_session_is_refused(client, secretariat):
    session = open_session()
    client.force_login(secretariat)
    response = client.post(
        reverse("learning_open_call", args=[session.pk]),
        {"opens_on": "2030-01-01", "closes_on": "2030-02-01", "per_city_limit": "2"},
    )
    assert response.status_code == 200
    assert "This session already has a call for participants." in response.content.decode()


def test_the_secretariat_adds_a_lesson_and_a_bad_one_keeps_its_text(client, secretariat):
    session = open_session(lessons=0)
    client.force_login(secretariat)
    url = reverse("learning_new_lesson", args=[session.pk])
    bad = client.post(url, {"title": "", "body": "Read about open data.", "minutes": "5"})
    assert bad.status_code == 200
    assert "Read about open data." in bad.content.decode()
    good = client.post(url, {"title": "Open data", "body": "Read about open data.", "minutes": "5"})
    assert good.status_code == 302
    assert Lesson.objects.get(session=session).title == "Open data"


def test_the_planning_pages_are_refused_to_others(client, seoul_officer):
    session = open_session()
    client.force_login(seoul_officer)
    for url in [
        reverse("learning_new_session", args=[SLUG]),
        reverse("learning_open_call", args=[session.pk]),
        reverse("learning_new_lesson", args=[session.pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    assert (
        "Plan a new session"
        not in client.get(reverse("learning_programme", args=[SLUG])).content.decode()
    )
