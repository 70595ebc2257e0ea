"""What membership puts on a person's start page: the Secretariat's applications and
arrears, an officer's own city's accounts (never another city's), a national
representative's country's members and their dues."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

import pytest
from django.test import RequestFactory
from django.utils import timezone

from intercity.accounts.models import Role, User
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory, person
from intercity.membership import services
from intercity.membership.manifest import start_sections
from intercity.membership.tests.factories import ApplicationFactory, InvoiceFactory
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def shown_to(user: Any) -> dict[str, list[tuple[str, str, str]]]:
    """{section anchor: [(label, url, description)]} of membership's start sections."""
    request = RequestFactory().get("/start/")
    request.user = user
    return {
        section.anchor: [(link.label, link.url, link.description) for link in section.links]
        for section in start_sections(request)
    }


def test_an_officer_sees_their_citys_open_invoices_and_what_it_owes(
    seoul_officer: Any, wego: Network
) -> None:
    seoul = Organisation.objects.get(key="seoul")
    InvoiceFactory(network=wego, organisation=seoul, year=2025, amount=Decimal("1500.00"))
    [(label, url, description)] = shown_to(seoul_officer)["membership"]
    assert label == "Seoul: WeGO membership account"
    assert url == f"/networks/wego/account/{seoul.pk}/"
    assert description == "1 open invoice, USD 1,500.00 owed, due on 31 March 2025"


def test_an_account_with_nothing_open_says_nothing_is_owed(
    seoul_officer: Any, wego: Network
) -> None:
    [(_label, _url, description)] = shown_to(seoul_officer)["membership"]
    assert description == "nothing owed"


def test_an_officer_of_seoul_never_sees_another_citys_account(
    seoul_officer: Any, wego: Network
) -> None:
    gimpo = Organisation.objects.get(key="gimpo")
    InvoiceFactory(network=wego, organisation=gimpo, year=2025)
    shown = shown_to(seoul_officer)
    assert all("Gimpo" not in label for links in shown.values() for label, _, _ in links)
    assert "membership-todo" not in shown
    assert services.account_summary(seoul_officer, wego, gimpo, dt.date(2026, 1, 1)) is None


def test_the_secretariat_sees_the_applications_waiting_oldest_first(
    secretariat: Any, wego: Network, ascn: Network
) -> None:
    ApplicationFactory.create_batch(2, network=wego)
    ApplicationFactory(network=ascn)
    ascn_first = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    ascn.applications.update(submitted_at=ascn_first)
    todo = shown_to(secretariat)["membership-todo"]
    applications = [link for link in todo if "to decide" in link[0]]
    assert applications[0] == (
        "ASCN: 1 application to decide",
        "/networks/ascn/staff/applications/",
        "the oldest received on 5 January 2026",
    )
    assert applications[1][0] == "WeGO: 2 applications to decide"


def test_the_secretariat_sees_the_members_in_arrears(secretariat: Any, wego: Network) -> None:
    gimpo = Organisation.objects.get(key="gimpo")
    InvoiceFactory(network=wego, organisation=gimpo, year=2020, amount=Decimal("800.00"))
    InvoiceFactory(network=wego, year=2021, amount=Decimal("200.00"))
    todo = shown_to(secretariat)["membership-todo"]
    [arrears] = [link for link in todo if "arrears" in link[0]]
    assert arrears == (
        "WeGO: 2 members in arrears",
        "/networks/wego/staff/arrears/",
        "USD 1,000.00 past due; the most by Gimpo",
    )


def test_nothing_waiting_is_said_in_a_sentence(secretariat: Any) -> None:
    request = RequestFactory().get("/start/")
    request.user = secretariat
    [todo] = [s for s in start_sections(request) if s.anchor == "membership-todo"]
    assert todo.links == ()
    assert todo.text == "No application waits and no member is in arrears."


def test_a_national_representative_sees_their_countrys_members_and_their_dues(
    wego: Network,
) -> None:
    seoul = Organisation.objects.get(key="seoul")
    gimpo = Organisation.objects.get(key="gimpo")
    InvoiceFactory(network=wego, organisation=gimpo, year=2020, amount=Decimal("800.00"))
    representative = cast(User, UserFactory(username="korea-rep"))
    grant_role(
        None,
        representative,
        Role.NATIONAL_REPRESENTATIVE,
        organisation_id=seoul.pk,
        network_id=wego.pk,
    )
    links = shown_to(representative)["country-members-wego"]
    assert ("Gimpo", f"/organisations/{gimpo.pk}/", "USD 800.00 past due") in links
    assert ("Seoul", f"/organisations/{seoul.pk}/", "no fees past due") in links
    assert all(
        Organisation.objects.get(pk=int(url.split("/")[2])).country == "KR"
        for _label, url, _description in links
    )


def test_country_dues_are_refused_to_anyone_but_its_representatives(
    seoul_officer: Any, wego: Network
) -> None:
    today = timezone.localdate()
    assert services.country_members_dues(seoul_officer, wego, "KR", today) == []
    citizen = person("carla", Role.CITIZEN)
    assert shown_to(citizen) == {}
