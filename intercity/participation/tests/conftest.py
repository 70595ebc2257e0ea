"""Fixtures of the Civic Participation System tests: Seoul's seeded jurisdiction, Ji-woo
who works for it, and the key Seoul issued to a client app."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from intercity.accounts.models import User
from intercity.participation import languages, services
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import admin_of, staff_of


@pytest.fixture
def seoul(db: None) -> Jurisdiction:
    """Seoul's jurisdiction as the seed has it: its services, departments and workflow."""
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def jiwoo(db: None) -> User:
    """Ji-woo works in Seoul's participation team (Road Management department)."""
    return staff_of("jiwoo", "seoul")


@pytest.fixture
def minsu(db: None) -> User:
    """Min-su administers Seoul's Civic Participation System: its services and departments."""
    return admin_of("minsu", "seoul")


@pytest.fixture
def api_key(seoul: Jurisdiction, jiwoo: User) -> str:
    """Seoul issued a key to the 'Seoul Fix' app."""
    return services.issue_api_key(jiwoo, seoul, "Seoul Fix app")[1]


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request in Korean leaves Korean active in the thread (LocaleMiddleware activates a
    language and leaves it): each test starts, and ends, in the site's language, with no
    city's content languages in force."""
    translation.activate(settings.LANGUAGE_CODE)
    languages.forget()
    yield
    translation.activate(settings.LANGUAGE_CODE)
    languages.forget()
