"""The motion form says what a motion does: the Secretariat chooses the effect when it tables
the motion, gives what the effect needs on a second step (no JavaScript needed), sees it on
the motion before the vote, and after adoption the decision page and the member's record show
what was applied, citing the decision."""

import datetime as dt

import pytest
from django.urls import reverse

from intercity.core.errors import DomainError
from intercity.governance import forms, services
from intercity.governance.models import Decision
from intercity.governance.views.meeting_page import effect_choices
from intercity.network import services as registry
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

DAY = dt.date(2018, 6, 20)  # after the associates' admission (2017-06-29), Statute 2017


@pytest.fixture
def item(secretariat, wego):
    meeting = services.create_meeting(
        secretariat, wego, "executive-committee", title="EXCOM 2018", date=DAY
    )
    return services.add_agenda_item(secretariat, meeting, number="1", title="New members")


@pytest.fixture
def accra():
    return Organisation.objects.get(name="Accra")


def motion_url(item):
    return reverse(
        "governance_motion_add", args=[item.meeting.network.slug, item.meeting.key, item.pk]
    )


def form(item, data):
    return forms.MotionForm(
        data,
        rules=[("ordinary-motion", "Ordinary motion")],
        effect_choices=effect_choices(item.meeting),
    )


STEP_ONE = {"title": "Approve Accra", "rule": "ordinary-motion", "effect": "approve-membership"}


def details(accra, **extra):
    return {
        **STEP_ONE,
        "details_for": "approve-membership",
        "organisation": str(accra.pk),
        "category": "full",
        **extra,
    }


# --- The form's parsing ----------------------------------------------------------------------


def test_a_motion_without_an_effect_carries_none(item):
    bound = form(item, {"title": "Budget", "rule": "ordinary-motion", "effect": ""})
    assert bound.is_valid(), bound.errors
    assert not bound.needs_details
    assert bound.effects() == []


def test_choosing_an_effect_first_asks_for_its_fields(item):
    bound = form(item, STEP_ONE)
    assert bound.is_valid(), bound.errors
    assert bound.needs_details
    assert "organisation" not in bound.fields


def test_the_effects_fields_become_the_effect(item, accra):
    bound = form(item, details(accra))
    assert bound.is_valid(), bound.errors
    assert not bound.needs_details
    assert bound.effects() == [
        {"action": "approve-membership", "organisation": accra.pk, "category": "full"}
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organisation": ""}, "organisation"),
        ({"category": ""}, "category"),
        ({"category": "platinum"}, "category"),
        ({"organisation": "not-a-number"}, "organisation"),
    ],
)
def test_an_effect_missing_or_bad_field_is_a_form_error(item, accra, change, field):
    bound = form(item, details(accra, **change))
    assert not bound.is_valid()
    assert field in bound.errors


def test_a_full_member_is_not_offered_for_approval(item):
    seoul = Organisation.objects.get(key="seoul")
    bound = form(item, details(seoul))
    assert not bound.is_valid()
    assert "organisation" in bound.errors


def test_an_unknown_effect_is_a_form_error(item):
    bound = form(item, {**STEP_ONE, "effect": "rename-network"})
    assert not bound.is_valid()
    assert "effect" in bound.errors


def test_changing_the_effect_on_the_second_step_asks_for_the_new_fields(item, accra):
    bound = form(item, details(accra, effect="suspend-membership"))
    assert bound.is_valid(), bound.errors
    assert bound.needs_details
    assert bound.effects() == []


# --- The pages -------------------------------------------------------------------------------


def test_the_meeting_page_offers_the_effects_of_the_network(client, secretariat, item):
    client.force_login(secretariat)
    page = client.get(
        reverse("governance_meeting", args=["wego", item.meeting.key])
    ).content.decode()
    assert "If adopted, it" in page
    assert "Approve a member in a category" in page
    assert "Dissolve a regional office" in page


def test_step_one_with_an_effect_opens_the_motions_page_and_saves_nothing(
    client, secretariat, item
):
    client.force_login(secretariat)
    response = client.post(motion_url(item), STEP_ONE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Put a motion" in page
    assert 'name="organisation"' in page
    assert "Accra (Associate member, active)" in page
    assert not Decision.objects.filter(agenda_item=item).exists()


def test_the_second_step_with_a_field_missing_says_so_and_saves_nothing(
    client, secretariat, item, accra
):
    client.force_login(secretariat)
    response = client.post(motion_url(item), {**details(accra, category=""), "step": "details"})
    assert response.status_code == 400
    assert "The chosen effect needs this." in response.content.decode()
    assert not Decision.objects.filter(agenda_item=item).exists()


def test_the_motion_is_tabled_with_its_effect_and_shows_it_before_the_vote(
    client, secretariat, item, accra
):
    client.force_login(secretariat)
    response = client.post(motion_url(item), {**details(accra), "step": "details"})
    assert response.status_code == 302
    motion = Decision.objects.get(agenda_item=item)
    assert motion.effects == [
        {"action": "approve-membership", "organisation": accra.pk, "category": "full"}
    ]
    page = client.get(response["Location"]).content.decode()
    assert "If adopted:" in page
    assert "Accra approved as a full member" in page
    decision = client.get(reverse("governance_decision", args=["wego", motion.pk]))
    assert "What it changes if adopted" in decision.content.decode()


def test_an_effect_the_register_would_refuse_is_refused_when_tabled(secretariat, item):
    seoul = Organisation.objects.get(key="seoul")
    effect = {"action": "approve-membership", "organisation": seoul.pk, "category": "full"}
    with pytest.raises(DomainError, match="already in that category"):
        services.propose_motion(secretariat, item, title="Approve Seoul", effects=[effect])
    assert not Decision.objects.filter(agenda_item=item).exists()


def test_the_motions_page_opens_by_get_for_an_effect(client, secretariat, item):
    client.force_login(secretariat)
    response = client.get(motion_url(item) + "?effect=suspend-membership")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="organisation"' in page
    assert 'name="reason"' in page


def test_adopted_the_effect_is_applied_and_the_member_record_cites_it(
    client, secretariat, item, accra
):
    meeting = item.meeting
    effect = {"action": "approve-membership", "organisation": accra.pk, "category": "full"}
    motion = services.propose_motion(secretariat, item, title="Approve Accra", effects=[effect])
    voters = list(meeting.participants.select_related("organisation"))[:6]
    for participant in voters:
        services.check_in(secretariat, participant, "in_person")
    for participant in voters:
        services.record_vote(secretariat, motion, participant.organisation, "yes")
    services.close_motion(secretariat, motion)
    motion.refresh_from_db()
    assert motion.outcome == Decision.Outcome.ADOPTED
    period = registry.current_period(meeting.network, accra)
    assert period is not None
    assert period.category.slug == "full"
    assert period.decision_reference == motion.reference

    client.force_login(secretariat)
    page = client.get(reverse("governance_decision", args=["wego", motion.pk])).content.decode()
    assert "What it changed" in page
    assert "Accra approved as a full member" in page
    assert reverse("organisation", args=[accra.pk]) in page
    record = client.get(reverse("organisation", args=[accra.pk])).content.decode()
    assert motion.reference in record


def test_a_network_without_committee_or_regional_offices_offers_neither(secretariat, ascn):
    meeting = services.create_meeting(
        secretariat, ascn, "annual-meeting", title="ASCN 2019", date=dt.date(2019, 7, 8)
    )
    offered = {action for action, _label in effect_choices(meeting).kinds}
    assert "appoint-office" not in offered
    assert "select-ga-host" not in offered
    assert "approve-regional-office" not in offered
    assert "dissolve-regional-office" not in offered
    assert "suspend-membership" in offered
