"""The directory's search (accents, case, country names) and the one definition of a
current member that the home page, the network page, the directory and the map share."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from intercity.core.errors import DomainError, PermissionDenied
from intercity.network import services
from intercity.network.models import MembershipCategory, MembershipStatus, Network, Organisation

pytestmark = pytest.mark.django_db


def _names(network, **filters):
    wanted = services.MemberFilter(on=timezone.localdate(), **filters)
    return {p.membership.organisation.name for p in services.members(network, wanted)}


def test_search_ignores_accents_and_case(wego):
    assert "São Paulo" in _names(wego, search="sao")
    assert "São Paulo" in _names(wego, search="SÃO PAULO")
    assert "Seoul" in _names(wego, search="SEOUL")


def test_search_finds_members_by_their_country_name(wego, ascn):
    assert "Seoul" in _names(wego, search="korea")
    assert "Bangkok" in _names(ascn, search="thailand")
    assert "Seoul" not in _names(wego, search="thailand")


def test_country_names_are_matched_in_the_active_language(ascn):
    with translation.override("fr"):
        assert "Bangkok" in _names(ascn, search="thaïlande")
        assert "Da Nang" in _names(ascn, search="viet nam")
    assert "Bangkok" not in _names(ascn, search="thaïlande")


def test_the_folded_search_column_follows_a_rename(secretariat):
    makati = Organisation.objects.get(key="makati")
    services.update_organisation(secretariat, makati, {"official_name": "Lungsod ng Makatí"})
    assert services.search_organisations("lungsod ng makati").get() == makati
    assert not services.search_organisations("no such place").exists()


def test_current_means_active_or_suspended(wego):
    day = dt.date(2017, 6, 28)
    every = list(services.members(wego, services.MemberFilter(on=day)))
    current = list(services.members(wego, services.MemberFilter(on=day, status="current")))
    assert {p.status for p in current} <= {MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED}
    withdrawn = [p for p in every if p.status == MembershipStatus.WITHDRAWN]
    assert len(withdrawn) == 4
    assert len(current) == len(every) - 4
    counts = services.member_counts(wego, day)
    assert (counts.total, counts.former) == (len(current), 4)


def test_an_unknown_status_is_refused_naming_current(wego):
    with pytest.raises(DomainError, match="current, active, suspended, withdrawn"):
        services.members(wego, services.MemberFilter(on=dt.date(2017, 1, 1), status="lapsed"))


def test_home_network_page_and_directory_give_the_same_number(client, wego):
    counts = services.member_counts(wego, timezone.localdate())
    assert counts.former > 0
    expected = f"{counts.total} current members in the register on"
    home = client.get("/").content.decode()
    network = client.get(reverse("network", args=["wego"])).content.decode()
    directory = client.get(reverse("directory", args=["wego"])).content.decode()
    assert f'<p class="stat">{counts.total}</p>' in home
    assert f"{counts.former} former members not counted" in home
    assert expected in network
    assert f"{counts.total} organisations on" in directory
    assert f"{counts.former} former members, whose membership had ended by then" in directory


def test_an_empty_directory_result_says_so_with_a_way_back(client):
    response = client.get(reverse("directory", args=["wego"]), {"q": "atlantis"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No members match these filters" in page
    assert f'href="{reverse("directory", args=["wego"])}"' in page
    assert "Reset the filters" in page


def test_only_the_secretariat_places_a_member_on_the_map(seoul_officer, secretariat):
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(PermissionDenied):
        services.update_organisation(seoul_officer, seoul, {"latitude": Decimal("10")})
    placed = services.update_organisation(
        secretariat,
        seoul,
        {"latitude": Decimal("37.5"), "longitude": Decimal("127"), "coordinates_source": "test"},
    )
    assert (placed.latitude, placed.longitude) == (Decimal("37.5"), Decimal("127"))


def test_a_position_needs_both_coordinates_and_stays_on_earth(secretariat):
    dakar = Organisation.objects.get(key="dakar")
    services.update_organisation(secretariat, dakar, {"latitude": None, "longitude": None})
    with pytest.raises(DomainError, match="both the latitude and the longitude"):
        services.update_organisation(secretariat, dakar, {"latitude": Decimal("14.7")})
    with pytest.raises(DomainError):
        services.update_organisation(
            secretariat, dakar, {"latitude": Decimal("95"), "longitude": Decimal("0")}
        )
    dakar.refresh_from_db()
    assert dakar.latitude is None


def test_staff_edit_form_has_coordinates_and_a_city_officer_form_does_not(
    client, secretariat, seoul_officer
):
    seoul = Organisation.objects.get(key="seoul")
    client.force_login(secretariat)
    assert "Latitude" in client.get(reverse("organisation_edit", args=[seoul.pk])).content.decode()
    client.force_login(seoul_officer)
    assert (
        "Latitude" not in client.get(reverse("organisation_edit", args=[seoul.pk])).content.decode()
    )


def test_the_member_map_places_every_current_member_or_lists_it(wego):
    today = timezone.localdate()
    found = services.member_map(wego, today)
    assert len(found.places) + len(found.unplaced) == services.member_counts(wego, today).total
    assert len(found.places) > 50
    seoul = next(p for p in found.places if p.organisation.key == "seoul")
    assert 300 < seoul.x < 310
    assert 40 < seoul.y < 50
    assert sum(group.count for group in found.legend) == len(found.places)
    assert len({group.colour for group in found.legend}) == len(found.legend)
    assert all(o.latitude is None for o in found.unplaced)


def test_a_network_without_regions_colours_its_map_by_category(secretariat):
    network = Network.objects.create(slug="demo", name="Demo network", short_name="Demo")
    MembershipCategory.objects.create(network=network, slug="member", name="Member")
    seoul = Organisation.objects.get(key="seoul")
    change = services.MembershipChange("member", "active", dt.date(2020, 1, 1))
    services.change_membership(secretariat, network, seoul, change)
    found = services.member_map(network, dt.date(2021, 1, 1))
    assert found.grouped_by == "category"
    assert [(g.label, g.count) for g in found.legend] == [("Member", 1)]
