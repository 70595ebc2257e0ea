"""Each module says what it brings in its manifest, and the site is assembled from them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from intercity.accounts.models import Role
from intercity.core import modules
from intercity.network.models import Network, Organisation

MODULES = [
    "network",
    "membership",
    "governance",
    "participation",
    "assessment",
    "awards",
    "knowledge",
    "exchange",
    "plans",
    "learning",
]


def test_every_module_has_a_manifest_in_installed_apps_order() -> None:
    names = [manifest.name for manifest in modules.installed()]
    assert [name for name in names if name in MODULES] == MODULES
    assert modules.is_installed("governance")
    assert not modules.is_installed("no-such-module")


def test_what_a_manifest_names_exists() -> None:
    for manifest in modules.installed():
        for dotted in (*manifest.early_urls, *manifest.urls):
            assert modules.load_object(dotted).urlpatterns, dotted
        for router in manifest.api:
            assert modules.load_object(router).path_operations, router
        if manifest.seed:
            assert callable(modules.load_object(manifest.seed).load), manifest.seed


def test_every_role_is_declared_by_exactly_one_module() -> None:
    declared = [role for manifest in modules.installed() for role in manifest.roles]
    assert sorted(declared) == sorted(Role.values)


def _request(user: Any = None) -> Any:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_visitor_is_offered_to_apply_but_not_the_secretariat_screens(secretariat: Any) -> None:
    wego = Network.objects.get(slug="wego")
    visitor = [link.label for link in modules.contributions("network_links", _request(), wego)]
    staff = [
        link.label for link in modules.contributions("network_links", _request(secretariat), wego)
    ]
    knowledge = ["Projects catalog", "Thematic clusters"]
    assert visitor == ["Apply to join WeGO", "Awards", *knowledge]
    assert staff == ["Apply to join WeGO", "Secretariat screens", "Awards", *knowledge]


@pytest.mark.django_db
def test_the_network_page_shows_what_modules_contribute(client: Client) -> None:
    page = client.get("/networks/wego/").content.decode()
    assert 'href="/networks/wego/apply/"' in page
    assert "Secretariat screens" not in page
    assert ">Statute deadlines</a>" in page


@pytest.mark.django_db
def test_an_officer_sees_the_modules_of_their_city_and_a_visitor_none(
    client: Client, seoul_officer: Any
) -> None:
    seoul = Organisation.objects.get(
        pk=next(iter(seoul_officer.role_grants.values_list("organisation_id", flat=True)))
    )
    assert modules.contributions("organisation_links", _request(), seoul) == []
    assert (
        f'href="/assessment/cities/{seoul.pk}/"'
        not in client.get(f"/organisations/{seoul.pk}/").content.decode()
    )
    client.force_login(seoul_officer)
    page = client.get(f"/organisations/{seoul.pk}/").content.decode()
    assert f'href="/assessment/cities/{seoul.pk}/"' in page
    assert "membership account: invoices, payments, balance" in page


@pytest.mark.django_db
def test_start_sections_follow_the_roles(seoul_officer: Any, secretariat: Any) -> None:
    assert modules.contributions("start_sections", _request()) == []
    officer = {s.anchor for s in modules.contributions("start_sections", _request(seoul_officer))}
    assert {"membership", "assessment"} <= officer
    staff = modules.contributions("start_sections", _request(secretariat))
    assert "assessment-review" in {section.anchor for section in staff}
    assert "cps" not in {section.anchor for section in staff}


def test_the_menu_comes_from_the_modules(client: Client) -> None:
    labels = [link.label for link in modules.contributions("menu", _request())]
    assert labels == [
        "Citizens' reports",
        "Self-assessment",
        "Awards",
        "Knowledge",
        "Exchange",
        "Action plans",
        "Training",
        "Events",
    ]
