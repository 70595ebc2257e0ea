"""The twinning pages without a browser: an officer's ranking page saves a ranking and refuses
a shared rank; the staff's page runs the matching and confirms; the public page shows only
published pairs; the start page lists the ranking to do and the round to run."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.exchange.models_twinning import TwinningRound
from intercity.exchange.services import twinning
from intercity.exchange.tests import factories_twinning as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def nok(client):
    officer = person("nok", Role.CITY_OFFICER, "bangkok")
    client.force_login(officer)
    return officer


def test_an_officer_ranks_partners_on_the_ranking_page(client, nok):
    round_ = make.round_()
    bangkok = make.participant(round_, "bangkok")
    adb, bank = make.participant(round_, "adb"), make.participant(round_, "world-bank")
    url = f"/exchange/twinning/{round_.pk}/rank/{bangkok.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Rank the external partners your city would pair with" in page.text
    shared = client.post(url, {f"rank_{adb.pk}": "1", f"rank_{bank.pk}": "1"})
    assert shared.status_code == 400
    assert "both have rank 1; give each its own" in shared.text
    saved = client.post(url, {f"rank_{adb.pk}": "2", f"rank_{bank.pk}": "1"}, follow=True)
    assert "The ranking of Bangkok is saved." in saved.text
    assert [p.organisation.key for p in twinning.rankings(round_)[bangkok.pk]] == [
        "world-bank",
        "adb",
    ]


def test_an_officer_cannot_open_another_citys_ranking(client, nok):
    round_ = make.round_()
    manila = make.participant(round_, "manila")
    assert client.get(f"/exchange/twinning/{round_.pk}/rank/{manila.pk}/").status_code == 403


def test_an_officer_opts_the_city_out(client, nok):
    round_ = make.round_()
    bangkok = make.participant(round_, "bangkok")
    page = client.post(
        f"/exchange/twinning/{round_.pk}/taking-part/{bangkok.pk}/",
        {"taking_part": "no"},
        follow=True,
    )
    assert "Bangkok has opted out of the twinning round." in page.text
    bangkok.refresh_from_db()
    assert bangkok.opted_out


def test_the_start_page_lists_the_ranking_to_do_and_the_round_to_run(client, nok, secretariat):
    round_ = make.round_()
    page = client.get("/start/")
    assert "Rank the external partners for Bangkok" in page.text
    client.force_login(secretariat)
    assert f"Run the matching of {round_}" in client.get("/start/").text


def test_staff_run_the_matching_confirm_and_publish_from_the_round_page(client, secretariat):
    round_ = make.round_()
    make.ranks(round_, "manila", ["adb"])
    make.ranks(round_, "adb", ["manila"])
    client.force_login(secretariat)
    page = client.get(f"/exchange/twinning/{round_.pk}/manage/")
    assert "1. Asian Development Bank (ADB)" in page.text
    assert "2 rankings received." in page.text
    ran = client.post(
        f"/exchange/twinning/{round_.pk}/run/", {"proposing": "partners"}, follow=True
    )
    assert "No blocking pair: stable." in ran.text
    assert "Confirm the pair of Manila" in ran.text
    pair = twinning.pairs(round_)[0]
    client.post(f"/exchange/twinning/{round_.pk}/pairs/{pair.pk}/confirm/")
    public = client.get(f"/exchange/twinning/{round_.pk}/")
    assert "not published yet" in public.text
    client.post(f"/exchange/twinning/{round_.pk}/publish/")
    round_.refresh_from_db()
    assert round_.status == TwinningRound.Status.PUBLISHED
    client.logout()
    public = client.get(f"/exchange/twinning/{round_.pk}/")
    assert "Manila" in public.text
    assert "put Manila at rank 1 of the 1 cities it ranked" in public.text


def test_a_second_run_is_refused_on_the_page(client, secretariat):
    round_ = make.round_()
    twinning.run_matching(secretariat, round_, "cities")
    client.force_login(secretariat)
    page = client.post(f"/exchange/twinning/{round_.pk}/run/", {"proposing": "cities"})
    assert page.status_code == 409
    assert "The matching of this round has already run." in page.text


def test_staff_open_a_round_from_the_rounds_page(client, secretariat, ascn):
    from intercity.network.models import Organisation

    client.force_login(secretariat)
    adb = Organisation.objects.get(key="adb")
    page = client.post(
        "/exchange/twinning/open/",
        {"network": ascn.pk, "year": 2033, "partner_capacity": 1, "partners": [adb.pk]},
        follow=True,
    )
    assert "The twinning round is open for rankings." in page.text
    assert TwinningRound.objects.filter(network=ascn, year=2033).exists()


def test_the_module_home_introduces_the_twinning(client):
    page = client.get("/exchange/")
    assert "ASCN twinning programme" in page.text
    assert "/exchange/twinning/" in page.text
