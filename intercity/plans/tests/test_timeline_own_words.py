"""The ASCN in its own words: its network page and the pages of the network it links (as a
visitor and as the Secretariat) show only what its own rules define, never WeGO's bodies,
categories, fees or statute articles; WeGO's pages still show WeGO's."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

# What WeGO's statute defines and the ASCN's rules (seed 004) do not.
WEGO_WORDS = (
    "Executive Committee",
    "EXCOM",
    "regional office",
    "full member",
    "friendship member",
    "corporate member",
    "associate member",
    "General Assembly",
    "membership fee",
    "Invoicing",
    "membership account",
    "Thematic clusters",
    "Apply to join",
)


def _text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _pages(client, slug):
    """The network's page and every page of this network it links: its own pages and the
    module links that point at it."""
    home = client.get(f"/networks/{slug}/").content.decode()
    links = set(re.findall(r'href="(/[^"]*)"', home))
    ours = sorted(
        link for link in links if link.startswith(f"/networks/{slug}/") or f"network-{slug}" in link
    )
    pages = {f"/networks/{slug}/": home}
    for link in ours:
        response = client.get(link.split("#")[0])
        assert response.status_code == 200, link
        pages[link] = response.content.decode()
    return pages


def _wego_words(pages):
    return {
        (url, word)
        for url, html in pages.items()
        for word in WEGO_WORDS
        if word.lower() in _text(html).lower()
    }


def test_the_ascn_pages_speak_none_of_wegos_words_to_a_visitor(client, ascn):
    pages = _pages(client, "ascn")
    assert "/networks/ascn/apply/" in pages
    assert _wego_words(pages) == set()


def test_the_ascn_pages_speak_none_of_wegos_words_to_the_secretariat(client, ascn, secretariat):
    client.force_login(secretariat)
    pages = _pages(client, "ascn")
    assert "/networks/ascn/staff/" in pages
    assert _wego_words(pages) == set()


def test_the_ascn_says_its_pilot_cities_are_nominated_instead_of_an_application_form(client, ascn):
    response = client.get("/networks/ascn/apply/")
    text = _text(response.content.decode())
    assert "takes no applications" in text
    assert "Pilot city" in text
    assert "nominated by its ASEAN Member State" in text
    assert "Send the application" not in text
    refused = client.post("/networks/ascn/apply/", {"organisation_name": "Somewhere"})
    assert refused.status_code == 400


def test_wegos_pages_still_speak_wegos_words(client, wego, secretariat):
    client.force_login(secretariat)
    pages = _pages(client, "wego")
    found = {word for _url, word in _wego_words(pages)}
    assert {"Apply to join", "Executive Committee", "full member", "Invoicing"} <= found
    assert "Thematic clusters" in found


def test_the_ascn_organisation_page_has_no_membership_account(client, ascn, secretariat):
    client.force_login(secretariat)
    singapore = ascn.memberships.get(organisation__name="Singapore").organisation
    text = _text(client.get(f"/organisations/{singapore.pk}/").content.decode())
    assert "ASCN membership account" not in text
