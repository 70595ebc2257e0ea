"""Fuzz the set-up API as Seoul's CPS administrator, from the API's own document: whatever
is sent, the answer is one the document declares (no 5xx), valid input names Seoul, and a
refusal is a 4xx. The suite's whole-API fuzz (core/tests/test_api_fuzz.py) reaches these
operations only as someone they refuse."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
import schemathesis
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from intercity.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex=r"^/api/v1/cps/"
)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

# A code already taken, a department of another city: sound input the city's data refuses.
EXCLUDED = [positive_data_acceptance]
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


@schema.hook
def before_generate_case(context, strategy):
    """Valid cases name Seoul (a random city is only ever 404)."""

    def in_seoul(case):
        if case.meta is not None and case.meta.generation.mode == GenerationMode.NEGATIVE:
            return st.just(case)
        case.path_parameters = {**(case.path_parameters or {}), "city": "seoul"}
        return st.just(case)

    return strategy.flatmap(in_seoul)


@pytest.fixture(autouse=True)
def keep_test_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


ADMIN = {"sessionid": secrets.token_hex(16), "csrftoken": _get_new_csrf_string()}


@pytest.fixture
def admin_session(minsu):
    data = {
        SESSION_KEY: str(minsu.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: minsu.get_session_auth_hash(),
    }
    Session.objects.create(
        session_key=ADMIN["sessionid"],
        session_data=SessionStore().encode(data),
        expire_date=timezone.now() + dt.timedelta(hours=1),
    )


class AdminSession:
    def get(self, case, context):
        return ADMIN

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), **data}
        case.headers = {**(case.headers or {}), "X-CSRFToken": data["csrftoken"]}


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
@schema.auth(AdminSession, refresh_interval=None)
def test_the_set_up_api_answers_the_citys_administrator_as_its_document_says(case, admin_session):
    case.call_and_validate(excluded_checks=EXCLUDED)
