"""Requests at once: two applications of one officer to one session record one; two calls for
one session open one; a cancellation and an application at once either refuse the application
or tell its applicant; a capacity change and a selection at once never select more than the
capacity (threads on committed rows, SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.accounts.models import Role
from intercity.accounts.permissions import SYSTEM
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.core.tests.queued import queued
from intercity.learning.models_training import Application, Call, Programme, TrainingSession
from intercity.learning.services import training as services
from intercity.learning.tasks import send_session_cancelled
from intercity.learning.tests.factories_training import application, open_session, today

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_applications_of_one_officer_at_once_record_one(committed_seed: None) -> None:
    session = open_session()
    officer = person("jiwoo", Role.CITY_OFFICER, "seoul")
    outcomes = run_concurrently(lambda _i: application(officer, session, "seoul"), times=2)
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Application.objects.filter(call__session=session, applicant=officer).count() == 1
    assert AuditEvent.objects.filter(verb="learning.apply").count() == 1


def test_two_calls_for_one_session_at_once_open_one(committed_seed: None) -> None:
    session = services.add_session(
        SYSTEM,
        Programme.objects.get(slug="seoul-e-government-training"),
        title="Seoul e-Government Training 2028",
        starts_on=today() + dt.timedelta(days=400),
        ends_on=today() + dt.timedelta(days=404),
        place="Seoul",
        capacity=20,
    )
    outcomes = run_concurrently(
        lambda i: services.open_call(
            SYSTEM,
            session,
            opens_on=today(),
            closes_on=today() + dt.timedelta(days=30 + i),
        ),
        times=2,
    )
    assert len(outcomes.results) == 1, outcomes.errors
    assert outcomes.count(DomainError) == 1
    assert Call.objects.filter(session=session).count() == 1
    assert (
        AuditEvent.objects.filter(
            verb="learning.open_call", object_id=str(outcomes.results[0].pk)
        ).count()
        == 1
    )


def test_a_cancellation_and_an_application_at_once_leave_no_application_untold(
    committed_seed: None,
) -> None:
    session = open_session()
    officer = person("jiwoo", Role.CITY_OFFICER, "seoul")

    def act(i: int) -> object:
        if i == 0:
            return services.cancel_session(SYSTEM, session, reason="No budget.")
        return application(officer, session, "seoul")

    outcomes = run_concurrently(act, times=2)
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.CANCELLED
    told = [args[0] for args in queued(send_session_cancelled)]
    applied = list(Application.objects.filter(call__session=session).values_list("pk", flat=True))
    if applied:
        # The application came first: the cancellation saw it and queued its e-mail.
        assert len(outcomes.results) == 2, outcomes.errors
        assert told == applied
    else:
        # The cancellation came first: the application is refused in words.
        assert len(outcomes.results) == 1
        assert outcomes.count(DomainError) == 1
        assert "cancelled" in str(outcomes.errors[0])
        assert told == []
    assert AuditEvent.objects.filter(verb="learning.cancel_session").count() == 1
    assert AuditEvent.objects.filter(verb="learning.apply").count() == len(applied)


def test_a_capacity_change_and_a_selection_at_once_never_select_more_than_the_capacity(
    committed_seed: None,
) -> None:
    session = open_session(capacity=2)
    for name, key in (("ana", "seoul"), ("ben", "nairobi")):
        services.endorse(SYSTEM, application(person(name, Role.CITY_OFFICER, key), session, key))
    values = {name: getattr(session, name) for name in services.SESSION_FIELDS}

    def act(i: int) -> object:
        if i == 0:
            return services.select(SYSTEM, session)
        return services.edit_session(SYSTEM, session, **{**values, "capacity": 1})

    outcomes = run_concurrently(act, times=2)
    session.refresh_from_db()
    selected = services.selected_count(session)
    assert selected <= (session.capacity or 0)
    if session.capacity == 1:
        # The change came first: the selection gave the one place left.
        assert len(outcomes.results) == 2, outcomes.errors
        assert selected == 1
    else:
        # The selection came first: the change is refused in words, nothing changed.
        assert selected == 2
        assert outcomes.count(DomainError) == 1
        assert "already selected" in str(outcomes.errors[0])
