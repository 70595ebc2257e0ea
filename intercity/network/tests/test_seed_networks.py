"""The seeded networks are the real ones, as the seeds describe them on 2017-06-28."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from intercity.network import services
from intercity.network.models import (
    Mandate,
    MembershipPeriod,
    Network,
    Organisation,
    RegionalOffice,
)

pytestmark = pytest.mark.django_db

GA_2017 = dt.date(2017, 6, 28)
EXCOM_2017 = dt.date(2017, 6, 27)


def state(network_slug, name, day):
    network = Network.objects.get(slug=network_slug)
    found = [
        p
        for p in services.members(network, services.MemberFilter(on=day))
        if p.membership.organisation.name == name
    ]
    assert len(found) <= 1
    return (found[0].category.slug, found[0].status) if found else None


def test_ascn_has_26_pilot_cities_in_the_10_asean_member_states():
    ascn = Network.objects.get(slug="ascn")
    periods = list(services.members(ascn, services.MemberFilter(on=dt.date(2018, 12, 31))))
    assert len(periods) == 26
    countries = {str(p.membership.organisation.country) for p in periods}
    assert countries == {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}
    assert ascn.regions.count() == 10


@pytest.mark.parametrize(
    ("name", "withdrawn_on"),
    [
        ("Nanjing", dt.date(2014, 11, 24)),
        ("Mosman", dt.date(2015, 7, 2)),
        ("Issy-les-Moulineaux", dt.date(2015, 9, 7)),
    ],
)
def test_the_three_withdrawals_show_as_withdrawn_from_their_seed_date(name, withdrawn_on):
    assert state("wego", name, GA_2017)[1] == "withdrawn"
    period = MembershipPeriod.objects.get(
        membership__organisation__name=name, membership__network__slug="wego", status="withdrawn"
    )
    assert period.valid_from == withdrawn_on
    assert period.source
    assert state("wego", name, withdrawn_on - dt.timedelta(days=1))[1] == "active"


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("Goyang", dt.date(2016, 10, 17)),
        ("Kaduna State", dt.date(2016, 11, 22)),
        ("Gwangmyeong", dt.date(2017, 3, 10)),
        ("Sokoto State", dt.date(2017, 3, 21)),
        ("Gaziantep", dt.date(2017, 4, 7)),
        ("Kampala", dt.date(2017, 4, 26)),
    ],
)
def test_cities_that_joined_after_excom_2016_are_associates_until_excom_2017(name, entry):
    assert state("wego", name, entry - dt.timedelta(days=1)) is None
    assert state("wego", name, entry) == ("associate", "active")
    assert state("wego", name, EXCOM_2017 - dt.timedelta(days=1)) == ("associate", "active")
    assert state("wego", name, EXCOM_2017) == ("full", "active")
    approval = MembershipPeriod.objects.get(
        membership__organisation__name=name, valid_from=EXCOM_2017
    )
    assert "Executive Committee" in approval.decision_reference


def test_where_seeds_disagree_the_record_names_its_source_and_the_other_value():
    kabul = MembershipPeriod.objects.filter(
        membership__organisation__name="Kabul", category__slug="associate"
    ).get()
    assert kabul.source
    assert kabul.conflict


def test_wego_officers_2017_2020():
    wego = Network.objects.get(slug="wego")
    current = Mandate.objects.filter(body__network=wego, start__year=2017)
    offices = {(m.office, m.organisation.name) for m in current}
    assert ("president", "Seoul") in offices
    assert ("executive_vice_president", "Makati") in offices
    vice_presidents = {name for office, name in offices if office == "vice_president"}
    assert len(vice_presidents) == 7
    assert {"Moscow", "Jakarta", "Mexico City"} <= vice_presidents


def test_wego_has_four_regional_offices():
    offices = RegionalOffice.objects.filter(network__slug="wego").select_related("host", "region")
    assert {(o.region.slug, o.host.name) for o in offices} >= {
        ("asia", "Chengdu"),
        ("latin-america", "Mexico City"),
    }
    assert offices.count() == 4


def test_observers_are_organisations_without_membership():
    without = Organisation.objects.filter(memberships__isnull=True)
    assert without.exists()


def test_loading_the_seed_twice_creates_and_changes_nothing():
    counts = {
        model.__name__: model.objects.count()
        for model in (Organisation, MembershipPeriod, Mandate, RegionalOffice)
    }
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert "nothing new" in out.getvalue()
    assert counts == {
        model.__name__: model.objects.count()
        for model in (Organisation, MembershipPeriod, Mandate, RegionalOffice)
    }
