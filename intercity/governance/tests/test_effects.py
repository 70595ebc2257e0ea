"""A decision's effects as one registry: what each must name, what the pages and the
memorandum say, and what happens when the membership module is not installed."""

import datetime as dt

import pytest

from intercity.core.errors import DomainError
from intercity.governance import effects, rules, services
from intercity.governance.models import Decision
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

EXCOM_2018 = dt.date(2018, 6, 20)


@pytest.fixture
def wego():
    return Network.objects.get(slug="wego")


@pytest.fixture
def item(wego, secretariat):
    meeting = services.create_meeting(
        secretariat, wego, "executive-committee", title="EXCOM 2018", date=EXCOM_2018
    )
    return services.add_agenda_item(secretariat, meeting, number="1", title="Members")


@pytest.fixture
def without_membership(monkeypatch):
    monkeypatch.setattr(effects, "membership_installed", lambda: False)


def test_the_effects_a_motion_may_carry_are_the_registrys_proposable_ones():
    assert set(services.EFFECT_FIELDS) == {
        "approve-membership",
        "suspend-membership",
        "lift-suspension",
        "withdraw-membership",
        "appoint-office",
        "select-ga-host",
        "approve-regional-office",
        "dissolve-regional-office",
    }
    assert services.EFFECT_FIELDS["approve-membership"] == ("organisation", "category")


def test_a_recorded_only_effect_cannot_be_tabled(wego):
    with pytest.raises(DomainError, match="Unknown effect 'adopt-statute'"):
        effects.check(wego, [{"action": "adopt-statute", "version": "Statute 2030"}])


def test_without_the_membership_module_a_membership_effect_is_refused_naming_it(
    secretariat, item, without_membership
):
    seoul = Organisation.objects.get(key="seoul")
    effect = {"action": "suspend-membership", "organisation": seoul.pk}
    with pytest.raises(DomainError, match="membership module is not installed"):
        services.propose_motion(secretariat, item, title="Suspend", effects=[effect])
    assert not item.decisions.exists()


def test_without_the_membership_module_an_office_can_still_be_appointed(
    secretariat, item, without_membership
):
    seoul = Organisation.objects.get(key="seoul")
    effect = {"action": "appoint-office", "organisation": seoul.pk, "office": "member"}
    decision = services.propose_motion(secretariat, item, title="Appoint", effects=[effect])
    assert decision.effects == [effect]


def test_the_page_and_the_memorandum_say_an_effect_each_in_their_words(wego):
    seoul = Organisation.objects.get(key="seoul")
    effect = {"action": "approve-membership", "organisation": seoul.pk, "category": "full"}
    decision = Decision(network=wego, title="Approve", date=EXCOM_2018, effects=[effect])
    assert effects.lines(decision) == [f"{seoul.name}: membership approved as full member"]
    names = effects.Names.load(wego, [effect])
    assert effects.sentence(effect, decision, names).startswith(f"{seoul.name} approved as a")


def test_an_unknown_action_is_said_by_its_name_and_details(wego):
    effect = {"action": "plant-trees", "count": 3}
    decision = Decision(network=wego, title="Trees", date=EXCOM_2018, effects=[effect])
    assert effects.lines(decision) == ["Plant trees (count 3)"]
    names = effects.Names.load(wego, [effect])
    assert effects.sentence(effect, decision, names) == "Plant trees (count: 3)"


def test_without_the_dues_module_the_fee_condition_is_reported_not_checked():
    check = rules.CandidacyCheck(
        office="president",
        declared_on=dt.date(2020, 1, 1),
        election_on=dt.date(2020, 9, 1),
        is_full_member=True,
        fees_fully_paid=None,
        fees_checked=False,
    )
    problems = rules.candidacy_problems(check, {"article": "Art. 11.5", "fees_paid": True})
    assert [p.message for p in problems] == ["fees not checked: dues module not installed"]


def test_the_decisions_page_and_api_filter_through_one_service(wego):
    everything = services.find_decisions(wego, services.DecisionFilter())
    of_2017 = services.find_decisions(wego, services.DecisionFilter(year=2017))
    assert of_2017.exists()
    assert set(of_2017) == {d for d in everything if d.date.year == 2017}
    excom = services.find_decisions(wego, services.DecisionFilter(body="executive-committee"))
    assert {d.body.slug for d in excom} == {"executive-committee"}
    with pytest.raises(DomainError, match="kind is one of"):
        services.find_decisions(wego, services.DecisionFilter(kind="coup"))
