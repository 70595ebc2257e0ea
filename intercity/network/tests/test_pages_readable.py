"""The network and organisation pages read well: current things first, history folded,
sections linkable, only what is known, and only what the network's framework defines."""

import re

import pytest
from django.urls import reverse

from intercity.core.modules import Link, Section
from intercity.network import views
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def _page(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


def test_wego_page_puts_current_officers_first_and_folds_past_terms(client):
    page = _page(client, "network", "wego")
    assert page.index('id="officers"') < page.index('id="history"')
    assert page.count('<details class="term"') >= 3
    assert "Executive Committee, 7 September 2010 to 13 November 2012" in page


def test_every_entry_of_the_contents_links_to_a_section_on_the_page(client):
    for slug in ("wego", "ascn"):
        page = _page(client, "network", slug)
        contents = page[
            page.index('class="page-contents') : page.index(
                "</nav>", page.index('class="page-contents')
            )
        ]
        anchors = re.findall(r'href="#([\w-]+)"', contents)
        assert "map" in anchors
        for anchor in anchors:
            assert f'id="{anchor}"' in page, f"{slug}: #{anchor} goes nowhere"


def test_the_network_page_shows_the_map_with_legend_and_list(client):
    page = _page(client, "network", "wego")
    assert '<svg class="map"' in page
    assert page.count('class="map-point"') > 50
    assert 'class="map-legend"' in page
    assert "members on the map, as a list" in page
    assert "members not on the map" in page


def test_ascn_page_shows_no_empty_or_foreign_sections(client):
    page = _page(client, "network", "ascn")
    main = page[page.index("<main") : page.index("</main>")]
    assert "Regional offices" not in main
    assert "Past terms" not in main
    assert "WeGO" not in main


def test_a_city_profile_shows_only_what_is_known_and_where_it_is(client):
    seoul = Organisation.objects.get(key="seoul")
    page = _page(client, "organisation", seoul.pk)
    assert "Not recorded" not in page
    assert "Seoul Metropolitan Government" in page
    assert "Area" not in page  # the seeds give Seoul no area
    assert 'class="location-map' in page
    assert "Where Seoul is" in page


def test_a_profile_with_nothing_known_and_no_contributions_still_reads(client, monkeypatch):
    monkeypatch.setattr(views, "contributions", lambda hook, request, obj: [])
    bare = Organisation.objects.create(key="bare", name="Bare Town", kind="city")
    page = _page(client, "organisation", bare.pk)
    assert "Not recorded" not in page
    assert "The sources give no more about Bare Town than its name" in page
    assert "holds no membership in a network on record" in page
    assert 'class="location-map' not in page
    assert 'class="contributed-sections"' not in page


def test_modules_sections_have_their_place_on_a_profile(client, monkeypatch):
    section = Section(
        "Citizens' reports",
        links=(Link("Reports to Seoul", "/cps/seoul/"),),
        anchor="cps",
    )
    monkeypatch.setattr(
        views,
        "contributions",
        lambda hook, request, obj: [section] if hook == "organisation_sections" else [],
    )
    seoul = Organisation.objects.get(key="seoul")
    page = _page(client, "organisation", seoul.pk)
    block = page[page.index('class="contributed-sections"') : page.index("Membership history")]
    assert 'id="cps"' in block
    assert "Citizens&#x27; reports" in block
    assert 'href="/cps/seoul/"' in block
