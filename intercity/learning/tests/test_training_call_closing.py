"""The Secretariat closes a call early, and reopens it before its closing day if it closed it
by mistake; the refusals say why; each change is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_training import Call
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session, today

pytestmark = pytest.mark.django_db


def test_a_call_closed_early_takes_no_application_until_it_is_reopened(secretariat):
    session = open_session()
    services.close_call_early(secretariat, session, today=today())
    call = Call.objects.get(session=session)
    assert call.closed_early_at is not None
    officer = person("ana", Role.CITY_OFFICER, "seoul")
    with pytest.raises(DomainError, match="The call is closed"):
        application(officer, session, "seoul")
    with pytest.raises(DomainError, match="already closed"):
        services.close_call_early(secretariat, session, today=today())
    services.reopen_call(secretariat, session, today=today())
    assert Call.objects.get(session=session).closed_early_at is None
    assert application(officer, session, "seoul").pk
    verbs = list(
        AuditEvent.objects.filter(object_id=str(call.pk), verb__contains="call")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["learning.open_call", "learning.close_call_early", "learning.reopen_call"]


def test_a_call_is_not_reopened_after_its_closing_day_nor_after_the_selection(secretariat):
    session = open_session()
    services.close_call_early(secretariat, session, today=today())
    after = Call.objects.get(session=session).closes_on + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="has passed"):
        services.reopen_call(secretariat, session, today=after)
    services.select(secretariat, session)
    with pytest.raises(DomainError, match="already selected"):
        services.reopen_call(secretariat, session, today=today())


def test_a_call_that_was_not_closed_early_is_not_reopened_and_a_past_one_not_closed(secretariat):
    session = open_session()
    with pytest.raises(DomainError, match="nothing to reopen"):
        services.reopen_call(secretariat, session, today=today())
    after = Call.objects.get(session=session).closes_on + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="closed on"):
        services.close_call_early(secretariat, session, today=after)


def test_only_the_secretariat_closes_or_reopens_a_call(seoul_officer):
    session = open_session()
    with pytest.raises(PermissionDenied):
        services.close_call_early(seoul_officer, session, today=today())
    with pytest.raises(PermissionDenied):
        services.reopen_call(seoul_officer, session, today=today())


def test_the_session_page_closes_and_reopens_the_call(client, secretariat, seoul_officer):
    session = open_session()
    url = reverse("learning_close_call", args=[session.pk])
    client.force_login(seoul_officer)
    assert client.post(url, {"action": "close"}).status_code == 403
    client.force_login(secretariat)
    body = client.get(reverse("learning_session", args=[session.pk])).content.decode()
    assert "Close the call now" in body
    response = client.post(url, {"action": "close"}, follow=True)
    body = response.content.decode()
    assert "The call is closed: nobody can apply any more." in body
    assert "The call was closed early on" in body
    assert "Reopen the call" in body
    response = client.post(url, {"action": "close"}, follow=True)
    assert "The call is already closed." in response.content.decode()
    response = client.post(url, {"action": "reopen"}, follow=True)
    assert "The call is open again until its closing day." in response.content.decode()
    client.force_login(seoul_officer)
    body = client.get(reverse("learning_session", args=[session.pk])).content.decode()
    assert "Apply to this session" in body
