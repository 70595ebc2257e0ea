"""Fuzz the whole API from its own OpenAPI document, anonymously and as Secretariat staff.

Every check schemathesis has runs on every response: no server error, only documented
status codes, the declared content type and headers, bodies that match their schemas, and
invalid input (the negative mode: wrong types, values outside their bounds, missing fields)
refused with a 4xx. One check is left out, for the reason given at `EXCLUDED`.
"""

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

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

NETWORK_PATH = "/api/v1/networks/{slug}"


@schema.hook
def before_generate_case(context, strategy):
    """A network's slug drawn at random almost never names one, and the operation's own
    inputs are then never reached: a valid case names one of the seeded networks. (Negative
    cases keep what they drew: their invalid part may be the slug itself.)"""
    if not context.operation.path.startswith(NETWORK_PATH):
        return strategy

    def in_a_seeded_network(case):
        if case.meta is not None and case.meta.generation.mode == GenerationMode.NEGATIVE:
            return st.just(case)

        def named(slug):
            case.path_parameters = {**(case.path_parameters or {}), "slug": slug}
            return case

        return st.sampled_from(["wego", "ascn"]).map(named)

    return strategy.flatmap(in_a_seeded_network)


# Input that matches the document can still break a rule of the statute (a year before any
# fee schedule, a city that is not a member, a motion already closed): those are rightly
# refused with a 4xx naming the rule, which this check would count as a failure.
EXCLUDED = [positive_data_acceptance]

# Examples per operation and mode: enough to reach each parameter's edges, within a minute
# and a half for the whole API on two cores.
FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Calling the WSGI app directly would close the test's database connection at the end
    of each request; Django's own test client disconnects the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The staff login's cookies. Schemathesis draws its cases (and asks for their auth) before
# any fixture runs, so the keys are fixed here and the fixture stores the session under them.
STAFF = {"sessionid": secrets.token_hex(16), "csrftoken": _get_new_csrf_string()}


@pytest.fixture
def staff_session(secretariat):
    """A logged-in Secretariat session, as a browser would hold it, in the test's transaction."""
    data = {
        SESSION_KEY: str(secretariat.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: secretariat.get_session_auth_hash(),
    }
    Session.objects.create(
        session_key=STAFF["sessionid"],
        session_data=SessionStore().encode(data),
        expire_date=timezone.now() + dt.timedelta(hours=1),
    )


class StaffSession:
    """Schemathesis's view of the staff login: the session cookie and the CSRF token (cookie
    and header), known as auth, so its auth check also tries each operation without them."""

    def get(self, case, context):
        return STAFF

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), **data}
        case.headers = {**(case.headers or {}), "X-CSRFToken": data["csrftoken"]}


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_the_api_answers_anyone_as_its_document_says(case):
    case.call_and_validate(excluded_checks=EXCLUDED)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
@schema.auth(StaffSession, refresh_interval=None)
def test_the_api_answers_secretariat_staff_as_its_document_says(case, staff_session):
    case.call_and_validate(excluded_checks=EXCLUDED)
