"""The Secretariat corrects what it planned: a session's dates, place and capacity (never below
the participants already selected), each change audited with what it was before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_training import TrainingSession
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session, today

pytestmark = pytest.mark.django_db


def edit(actor, session, **changes):
    values = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    values.update(changes)
    return services.edit_session(actor, session, **values)


def select_two(secretariat, session):
    for key, name in (("seoul", "ana"), ("nairobi", "ben")):
        found = application(person(name, Role.CITY_OFFICER, key), session, key)
        services.endorse(secretariat, found)
    services.select(secretariat, session)


def test_the_secretariat_changes_a_sessions_dates_place_and_capacity_with_an_audit(secretariat):
    session = open_session(capacity=20)
    starts = today() + dt.timedelta(days=200)
    edit(
        secretariat,
        session,
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=2),
        place="Seoul City Hall",
        capacity=12,
    )
    session.refresh_from_db()
    assert (session.starts_on, session.place, session.capacity) == (starts, "Seoul City Hall", 12)
    event = AuditEvent.objects.get(verb="learning.edit_session", object_id=str(session.pk))
    assert event.before["capacity"] == 20
    assert event.after["capacity"] == 12
    assert event.before["place"] == "Seoul Human Resources Development Center"
    assert event.after["starts_on"] == starts.isoformat()


def test_a_capacity_below_the_participants_already_selected_is_refused_in_words(secretariat):
    session = open_session(capacity=20)
    select_two(secretariat, session)
    with pytest.raises(DomainError, match="2 participants are already selected"):
        edit(secretariat, session, capacity=1)
    session.refresh_from_db()
    assert session.capacity == 20
    edit(secretariat, session, capacity=2)
    session.refresh_from_db()
    assert session.capacity == 2


def test_dates_out_of_order_are_refused_and_nothing_changes(secretariat):
    session = open_session()
    with pytest.raises(DomainError, match="ends on or after"):
        edit(secretariat, session, ends_on=session.starts_on - dt.timedelta(days=1))
    assert not AuditEvent.objects.filter(verb="learning.edit_session").exists()


def test_only_the_secretariat_changes_a_session(seoul_officer):
    session = open_session()
    with pytest.raises(PermissionDenied):
        edit(seoul_officer, session, capacity=5)


def test_an_unchanged_form_writes_no_audit_event(secretariat):
    session = open_session()
    edit(secretariat, session)
    assert not AuditEvent.objects.filter(verb="learning.edit_session").exists()


def test_the_session_page_changes_a_session_and_shows_a_refusal_with_the_form_kept(
    client, secretariat
):
    session = open_session(capacity=20)
    select_two(secretariat, session)
    client.force_login(secretariat)
    page = client.get(reverse("learning_session", args=[session.pk])).content.decode()
    assert reverse("learning_edit_session", args=[session.pk]) in page
    form = {
        "title": session.title,
        "starts_on": session.starts_on.isoformat(),
        "ends_on": session.ends_on.isoformat(),
        "precision": "day",
        "place": "Seoul",
        "capacity": "1",
    }
    response = client.post(reverse("learning_edit_session", args=[session.pk]), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert "2 participants are already selected" in body
    assert "2 participants are already selected" in response.context["form"].errors["capacity"][0]
    assert 'value="Seoul"' in body
    assert TrainingSession.objects.get(pk=session.pk).place != "Seoul"
    form["capacity"] = "15"
    response = client.post(reverse("learning_edit_session", args=[session.pk]), form)
    assert response.status_code == 302
    assert TrainingSession.objects.get(pk=session.pk).capacity == 15


def test_others_cannot_open_the_page_to_change_a_session(client, seoul_officer):
    session = open_session()
    client.force_login(seoul_officer)
    assert client.get(reverse("learning_edit_session", args=[session.pk])).status_code == 403
