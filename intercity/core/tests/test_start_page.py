"""A person's start page: where logging in lands, assembled from what each module has for
that person, and helpful to a person who holds no role yet."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse

from intercity.accounts.models import User
from intercity.accounts.tests.factories import PASSWORD, UserFactory, person

pytestmark = pytest.mark.django_db


def sections_of(page: str) -> set[str]:
    """The anchors of the sections a start page shows."""
    import re

    return set(re.findall(r'<section class="module-section" id="([^"]+)"', page))


def test_a_visitor_is_sent_to_log_in(client: Client) -> None:
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/start/")


def test_logging_in_lands_on_the_start_page(client: Client, seoul_officer: Any) -> None:
    response = client.post(
        "/accounts/login/", {"username": seoul_officer.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/start/"


def test_the_page_asked_for_still_wins_over_the_start_page(
    client: Client, seoul_officer: Any
) -> None:
    response = client.post(
        "/accounts/login/?next=/networks/wego/",
        {"username": seoul_officer.username, "password": PASSWORD, "next": "/networks/wego/"},
    )
    assert response["Location"] == "/networks/wego/"


def test_the_header_links_the_start_page_once_signed_in(client: Client, citizen: Any) -> None:
    assert "Your start page" not in client.get("/").content.decode()
    client.force_login(citizen)
    home = client.get("/").content.decode()
    assert 'href="/start/">Your start page</a>' in home
    assert "Go to your start page" in home
    start = client.get("/start/").content.decode()
    assert 'href="/start/" aria-current="page">Your start page</a>' in start


def test_a_person_with_no_role_is_told_what_they_can_do_and_how_to_get_a_role(
    client: Client,
) -> None:
    client.force_login(cast(User, UserFactory(username="nora")))
    page = client.get("/start/").content.decode()
    assert sections_of(page) == {"no-role"}
    assert "Welcome, nora" in page
    assert "ask the Secretariat of your network for an invitation" in page
    assert 'href="/">Browse the networks and their members</a>' in page


def test_a_city_officer_sees_their_city(client: Client, seoul_officer: Any) -> None:
    client.force_login(seoul_officer)
    page = client.get("/start/").content.decode()
    assert {"roles", "membership", "assessment", "cps"} <= sections_of(page)
    assert "City officer: Seoul" in page
    assert not sections_of(page) & {"membership-todo", "assessment-review", "deadlines"}
    assert "no-role" not in sections_of(page)


def test_the_secretariat_sees_its_to_do(client: Client, secretariat: Any) -> None:
    client.force_login(secretariat)
    page = client.get("/start/").content.decode()
    assert {"roles", "membership-todo", "assessment-review", "deadlines"} <= sections_of(page)
    # A city's citizens' reports are the city's, never the Secretariat's.
    assert "cps" not in sections_of(page)
    assert 'href="#deadlines"' in page  # the page's contents list its sections


def test_a_judge_has_their_role_and_no_placeholder(client: Client, judge: Any) -> None:
    client.force_login(judge)
    page = client.get("/start/").content.decode()
    assert sections_of(page) == {"roles"}
    assert "Award judge" in page
    assert "scorecard" not in page.lower()


def test_each_section_comes_once_in_the_order_the_modules_give(
    client: Client, secretariat: Any
) -> None:
    from intercity.accounts.models import Role
    from intercity.accounts.services import grant_role
    from intercity.network.models import Organisation

    grant_role(
        None,
        secretariat,
        Role.CITY_OFFICER,
        organisation_id=Organisation.objects.get(key="seoul").pk,
    )
    client.force_login(secretariat)
    page = client.get("/start/").content.decode()
    import re

    anchors = re.findall(r'<section class="module-section" id="([^"]+)"', page)
    assert len(anchors) == len(set(anchors))
    assert anchors[0] == "roles"
    assert anchors.index("deadlines") < anchors.index("membership") < anchors.index("assessment")


def test_the_start_page_is_in_the_readers_language(client: Client) -> None:
    client.force_login(person("nadia", "citizen"))
    page = client.get("/start/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Your start page" not in page
    assert "Your reports" not in page


def test_the_start_page_links_to_the_persons_account_settings(
    client: Client, seoul_officer: Any
) -> None:
    client.force_login(seoul_officer)
    page = client.get(reverse("start")).content.decode()
    for name in ("password_change", "two_factor", "mail_preferences"):
        assert f'href="{reverse(name)}"' in page
