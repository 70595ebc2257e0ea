import datetime as dt

import pytest

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network import services
from intercity.network.models import MembershipPeriod, Organisation
from intercity.network.tests.factories import NetworkFactory, OrganisationFactory, join

pytestmark = pytest.mark.django_db

D = dt.date


def on(network, day, **filters):
    return {
        p.membership.organisation.name: (p.category.slug, p.status)
        for p in services.members(network, services.MemberFilter(on=day, **filters))
    }


def test_history_answers_who_was_a_member_on_any_date():
    network = NetworkFactory()
    city = OrganisationFactory(name="Testville")
    join(network, city, D(2016, 10, 17), category="associate")
    join(network, city, D(2017, 6, 27), category="full")
    join(network, city, D(2019, 3, 1), category="full", status="withdrawn")

    assert on(network, D(2016, 10, 16)) == {}
    assert on(network, D(2016, 10, 17)) == {"Testville": ("associate", "active")}
    assert on(network, D(2017, 6, 26)) == {"Testville": ("associate", "active")}
    assert on(network, D(2017, 6, 27)) == {"Testville": ("full", "active")}
    assert on(network, D(2019, 3, 1)) == {"Testville": ("full", "withdrawn")}


def test_periods_never_overlap_and_the_last_stays_open():
    network = NetworkFactory()
    city = OrganisationFactory()
    join(network, city, D(2015, 1, 1), category="associate")
    join(network, city, D(2016, 1, 1), category="full")
    periods = list(MembershipPeriod.objects.filter(membership__organisation=city))
    assert [(p.valid_from, p.valid_to) for p in periods] == [
        (D(2015, 1, 1), D(2016, 1, 1)),
        (D(2016, 1, 1), None),
    ]


def test_a_change_dated_before_the_current_period_is_refused_and_nothing_changes():
    network = NetworkFactory()
    city = OrganisationFactory()
    join(network, city, D(2017, 6, 27))
    with pytest.raises(DomainError, match="after 2017-06-27"):
        join(network, city, D(2017, 1, 1), status="withdrawn")
    assert MembershipPeriod.objects.filter(membership__organisation=city).count() == 1


def test_every_membership_change_is_audited():
    network = NetworkFactory()
    city = OrganisationFactory()
    join(network, city, D(2017, 6, 27), category="associate")
    join(network, city, D(2018, 1, 1), category="full")
    events = AuditEvent.objects.filter(verb="change_membership", object_repr__contains=city.name)
    assert [e.after["category"] for e in events.order_by("id")] == ["associate", "full"]
    assert events.order_by("id").last().before == {
        "category": "associate",
        "status": "active",
        "since": "2017-06-27",
    }


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"category": "platinum"}, "Unknown category 'platinum'"),
        ({"status": "sleeping"}, "Unknown status 'sleeping'"),
        ({"region": "atlantis"}, "Unknown region 'atlantis'"),
        ({"country": "XX"}, "Unknown country 'XX'"),
    ],
)
def test_unknown_filters_are_named_instead_of_answering_nobody(filters, message):
    network = NetworkFactory()
    with pytest.raises(DomainError, match=message):
        list(services.members(network, services.MemberFilter(on=D(2017, 1, 1), **filters)))


def test_filters_combine():
    network = NetworkFactory()
    seoulish = OrganisationFactory(name="Alpha", country="KR")
    parisish = OrganisationFactory(name="Beta", country="FR")
    join(network, seoulish, D(2015, 1, 1), category="full", region="asia")
    join(network, parisish, D(2015, 1, 1), category="associate", region="europe")
    day = D(2016, 1, 1)
    assert set(on(network, day, country="kr")) == {"Alpha"}
    assert set(on(network, day, category="associate")) == {"Beta"}
    assert set(on(network, day, region="asia")) == {"Alpha"}
    assert set(on(network, day, search="bet")) == {"Beta"}


def test_a_city_officer_edits_their_own_profile_and_it_is_audited(seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    services.update_organisation(
        seoul_officer, seoul, {"population": 9_776_000, "population_year": 2017}
    )
    seoul.refresh_from_db()
    assert seoul.population == 9_776_000
    event = AuditEvent.objects.get(verb="update_organisation", object_id=str(seoul.pk))
    assert event.actor == seoul_officer
    assert event.after == {"population": 9_776_000, "population_year": 2017}


def test_a_city_officer_cannot_edit_another_city(seoul_officer):
    makati = Organisation.objects.get(key="makati")
    before = makati.leader_name
    with pytest.raises(PermissionDenied):
        services.update_organisation(seoul_officer, makati, {"leader_name": "Somebody"})
    makati.refresh_from_db()
    assert makati.leader_name == before
    assert not AuditEvent.objects.filter(verb="update_organisation").exists()


def test_invalid_profile_values_are_refused_without_saving(secretariat):
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(DomainError, match="website: Enter a valid URL"):
        services.update_organisation(secretariat, seoul, {"website": "not a url"})
    seoul.refresh_from_db()
    assert seoul.website != "not a url"


def test_only_profile_fields_can_be_edited(secretariat):
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(DomainError, match="key"):
        services.update_organisation(secretariat, seoul, {"key": "tokyo"})
