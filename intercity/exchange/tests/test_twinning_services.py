"""The twinning round as the people in it live it: staff open an ASCN round, pilot city
officers rank the partners (or opt out), staff enter the partners' rankings and run the stable
matching, confirm or set aside the proposed pairs, and publish; what may not happen is refused
in words and changes nothing."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.permissions import SYSTEM
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.exchange import demo_twinning
from intercity.exchange.models_twinning import (
    TwinningPair,
    TwinningParticipant,
    TwinningPreference,
    TwinningRound,
)
from intercity.exchange.services import twinning
from intercity.exchange.tests import factories_twinning as make
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def bangkok_officer():
    return person("nok", Role.CITY_OFFICER, "bangkok")


def _ranked(round_):
    make.ranks(round_, "bangkok", ["adb", "world-bank"])
    make.ranks(round_, "da-nang", ["adb"])
    make.ranks(round_, "manila", ["world-bank", "adb"])
    make.ranks(round_, "adb", ["bangkok", "da-nang", "manila"])
    make.ranks(round_, "world-bank", ["bangkok", "manila"])
    make.ranks(round_, "aiib", ["manila"])


def test_opening_a_round_brings_in_the_pilot_cities_and_the_partners(secretariat, ascn):
    round_ = twinning.open_round(
        secretariat, ascn, 2031, Organisation.objects.filter(key__in=["adb", "aiib"])
    )
    cities = twinning.participants(round_, TwinningParticipant.Side.CITY)
    assert len(cities) == 26  # seed 004's pilot cities
    assert {p.organisation.key for p in twinning.participants(round_, "partner")} == {
        "adb",
        "aiib",
    }
    assert round_.partner_capacity == 1
    assert AuditEvent.objects.filter(verb="open_twinning_round").count() == 1


def test_a_city_is_not_taken_as_an_external_partner(secretariat, ascn):
    with pytest.raises(DomainError, match="Not an external partner in the registry: Seoul"):
        twinning.open_round(secretariat, ascn, 2031, Organisation.objects.filter(key="seoul"))
    assert not TwinningRound.objects.filter(year=2031).exists()


def test_a_second_round_for_the_same_year_is_refused(secretariat, ascn):
    make.round_(year=2032)
    with pytest.raises(DomainError, match="already has a twinning round for 2032"):
        make.round_(year=2032)


def test_only_staff_open_a_round(bangkok_officer, ascn):
    with pytest.raises(PermissionDenied):
        twinning.open_round(bangkok_officer, ascn, 2031, Organisation.objects.filter(key="adb"))


def test_an_officer_ranks_the_partners_of_their_own_city_only(bangkok_officer):
    round_ = make.round_()
    make.ranks(round_, "bangkok", ["world-bank", "adb"], bangkok_officer)
    saved = [
        p.organisation.key
        for p in twinning.rankings(round_)[make.participant(round_, "bangkok").pk]
    ]
    assert saved == ["world-bank", "adb"]
    with pytest.raises(PermissionDenied, match="Only an officer of Manila"):
        make.ranks(round_, "manila", ["adb"], bangkok_officer)
    with pytest.raises(PermissionDenied):
        make.ranks(round_, "adb", ["bangkok"], bangkok_officer)  # staff rank for a partner


def test_a_partners_own_officer_ranks_the_cities():
    officer = person("ada", Role.CITY_OFFICER, "adb")
    round_ = make.round_()
    make.ranks(round_, "adb", ["manila", "bangkok"], officer)
    assert TwinningPreference.objects.filter(chooser__organisation__key="adb").count() == 2


def test_a_ranking_naming_someone_twice_is_refused_and_nothing_saved():
    round_ = make.round_()
    adb = make.participant(round_, "adb").pk
    with pytest.raises(DomainError, match="ranked 2 times"):
        twinning.rank(SYSTEM, make.participant(round_, "bangkok"), [adb, adb])
    assert not TwinningPreference.objects.filter(round=round_).exists()


def test_the_matching_proposes_stable_pairs_with_their_reasons(secretariat):
    round_ = make.round_()
    _ranked(round_)
    made = twinning.run_matching(secretariat, round_, "cities")
    got = {(p.city.organisation.key, p.partner.organisation.key) for p in twinning.pairs(round_)}
    assert got == {("bangkok", "adb"), ("manila", "world-bank")}
    assert len(made) == 2
    round_.refresh_from_db()
    assert round_.status == TwinningRound.Status.MATCHED
    assert round_.stability == "No blocking pair: stable."
    bangkok = next(p for p in twinning.pairs(round_) if p.city.organisation.key == "bangkok")
    assert twinning.reason(bangkok) == (
        "Bangkok put Asian Development Bank (ADB) at rank 1 of the 2 partners it ranked; "
        "Asian Development Bank (ADB) put Bangkok at rank 1 of the 3 cities it ranked."
    )


def test_the_partners_proposing_can_give_another_stable_matching(secretariat):
    """Two cities and two partners with crossed wishes: each side's proposal gives it its
    first choices."""
    round_ = make.round_(("bangkok", "manila"), ("adb", "world-bank"))
    make.ranks(round_, "bangkok", ["adb", "world-bank"])
    make.ranks(round_, "manila", ["world-bank", "adb"])
    make.ranks(round_, "adb", ["manila", "bangkok"])
    make.ranks(round_, "world-bank", ["bangkok", "manila"])
    twinning.run_matching(secretariat, round_, "partners")
    got = {(p.city.organisation.key, p.partner.organisation.key) for p in twinning.pairs(round_)}
    assert got == {("manila", "adb"), ("bangkok", "world-bank")}
    assert {p.city_rank for p in twinning.pairs(round_)} == {2}
    assert {p.partner_rank for p in twinning.pairs(round_)} == {1}


def test_a_partner_may_take_two_cities_when_the_round_says_so(secretariat):
    round_ = make.round_(("bangkok", "manila"), ("adb",), capacity=2)
    make.ranks(round_, "bangkok", ["adb"])
    make.ranks(round_, "manila", ["adb"])
    make.ranks(round_, "adb", ["manila", "bangkok"])
    twinning.run_matching(secretariat, round_, "cities")
    assert len(twinning.pairs(round_)) == 2
    one = make.round_(("bangkok", "manila"), ("adb",), year=2040)
    make.ranks(one, "bangkok", ["adb"])
    make.ranks(one, "manila", ["adb"])
    make.ranks(one, "adb", ["manila", "bangkok"])
    twinning.run_matching(secretariat, one, "cities")
    assert [p.city.organisation.key for p in twinning.pairs(one)] == ["manila"]


def test_an_opted_out_city_is_left_out_of_the_matching(bangkok_officer, secretariat):
    round_ = make.round_()
    _ranked(round_)
    twinning.set_taking_part(bangkok_officer, make.participant(round_, "bangkok"), False)
    twinning.run_matching(secretariat, round_, "cities")
    got = {(p.city.organisation.key, p.partner.organisation.key) for p in twinning.pairs(round_)}
    assert got == {("da-nang", "adb"), ("manila", "world-bank")}


def test_changing_a_ranking_after_the_matching_ran_is_refused_in_words(
    bangkok_officer, secretariat
):
    round_ = make.round_()
    _ranked(round_)
    twinning.run_matching(secretariat, round_, "cities")
    with pytest.raises(DomainError, match="matching of this round has already run"):
        make.ranks(round_, "bangkok", ["world-bank"], bangkok_officer)
    with pytest.raises(DomainError, match="matching of this round has already run"):
        twinning.set_taking_part(bangkok_officer, make.participant(round_, "bangkok"), False)
    with pytest.raises(DomainError, match="already run"):
        twinning.run_matching(secretariat, round_, "partners")
    bangkok = make.participant(round_, "bangkok")
    assert [p.organisation.key for p in twinning.rankings(round_)[bangkok.pk]] == [
        "adb",
        "world-bank",
    ]


def test_staff_confirm_one_set_one_aside_and_publish(secretariat):
    round_ = make.round_()
    _ranked(round_)
    twinning.run_matching(secretariat, round_, "cities")
    bangkok, manila = twinning.pairs(round_)
    with pytest.raises(DomainError, match="Decide every proposed pair"):
        twinning.publish(secretariat, round_)
    twinning.confirm_pair(secretariat, bangkok)
    with pytest.raises(DomainError, match="already been decided"):
        twinning.set_pair_aside(secretariat, bangkok)
    twinning.set_pair_aside(secretariat, manila)
    round_.refresh_from_db()
    assert round_.status == TwinningRound.Status.CONFIRMED
    assert twinning.published_pairs(round_) == []  # not before publishing
    twinning.publish(secretariat, round_)
    assert [p.city.organisation.key for p in twinning.published_pairs(round_)] == ["bangkok"]
    with pytest.raises(DomainError, match="already published"):
        twinning.publish(secretariat, round_)


def test_confirm_all_confirms_what_is_still_proposed(secretariat, bangkok_officer):
    round_ = make.round_()
    _ranked(round_)
    twinning.run_matching(secretariat, round_, "cities")
    with pytest.raises(PermissionDenied):
        twinning.confirm_all(bangkok_officer, round_)
    assert twinning.confirm_all(secretariat, round_) == 2
    assert set(TwinningPair.objects.filter(round=round_).values_list("status", flat=True)) == {
        "confirmed"
    }


def test_the_demonstration_round_is_marked_and_matched_but_not_confirmed():
    created = demo_twinning.load()
    assert created["twinning rounds"] == 1
    demo = TwinningRound.objects.get(network__slug="ascn", year=demo_twinning.YEAR)
    assert demo.demonstration
    assert demo.status == TwinningRound.Status.MATCHED
    assert demo.stability == "No blocking pair: stable."
    assert created["proposed pairs"] == TwinningPair.objects.filter(round=demo).count() > 0
    assert not TwinningPair.objects.filter(round=demo).exclude(status="proposed").exists()
    partners = Organisation.objects.filter(name__startswith="Demonstration partner")
    assert partners.count() == 4
    assert all("Demonstration data" in p.description for p in partners)
    assert demo_twinning.load() == {}  # a second load adds nothing
