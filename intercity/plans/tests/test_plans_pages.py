"""The roll-up pages and a National Representative's start section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.plans import sections_plans
from intercity.plans.tests.factories_plans import (
    make_line,
    make_plan,
    natrep_of,
    officer_of,
    report,
)

pytestmark = pytest.mark.django_db


def test_the_state_rollup_page_shows_the_figure_and_its_reasons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report(make_line(make_plan("bangkok")), 2020, percent="30")
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    client = Client()
    client.force_login(natrep)
    with natrep_of(monkeypatch, natrep, "TH"):
        page = client.get("/plans/ascn/states/TH/?year=2020")
    assert page.status_code == 200
    text = page.content.decode()
    assert "30.0%" in text
    assert "Bangkok" in text
    assert '<title id="rollup-chart-title">' in text


def test_the_network_page_links_each_state() -> None:
    report(make_line(make_plan("bangkok")), 2020, percent="30")
    client = Client()
    client.force_login(officer_of("manila"))
    page = client.get("/plans/ascn/progress/?year=2020")
    assert page.status_code == 200
    assert "/plans/ascn/states/TH/" in page.content.decode()


def test_a_citizen_is_refused_the_rollup() -> None:
    client = Client()
    client.force_login(person("cit", Role.CITIZEN))
    assert client.get("/plans/ascn/progress/").status_code == 403


def test_a_national_representative_is_pointed_at_their_states_rollup(
    monkeypatch: pytest.MonkeyPatch, rf: Any
) -> None:
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    request = rf.get("/")
    request.user = natrep
    with natrep_of(monkeypatch, natrep, "TH"):
        sections = sections_plans.start_sections(request)
    assert sections[0].links[0].url == "/plans/ascn/states/TH/"
    request.user = officer_of("bangkok")
    assert sections_plans.start_sections(request) == []


def test_a_national_representative_lands_on_their_states_figure_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    year = min(max(dt.date.today().year, 2018), 2025)
    report(make_line(make_plan("bangkok")), year, percent="40")
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    client = Client()
    client.force_login(natrep)
    with natrep_of(monkeypatch, natrep, "TH"):
        page = client.get("/start/").content.decode()
    first = page.index("Your state&#x27;s action plans")
    assert f"Thailand, {year}: " in page
    assert "% done across" in page
    assert page.index(f"Thailand, {year}: ") > first
    assert f"Thailand, {year}: 40.0% done across 1 pilot city." in page
