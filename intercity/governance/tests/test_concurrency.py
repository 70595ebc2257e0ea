"""Every governance action that moves a state happens once, however many requests arrive
together: the Secretariat's double clicks, two staff on the same meeting, a vote posted while
the chair closes it. Threads run against committed rows (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import Outcomes, run_concurrently
from intercity.governance import services
from intercity.governance.models import (
    AssessmentCriterion,
    Candidate,
    Decision,
    Participant,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
    Vote,
)
from intercity.network import services as registry
from intercity.network.models import (
    Mandate,
    MembershipPeriod,
    Network,
    Organisation,
    RegionalOffice,
)
from intercity.network.tests.factories import OrganisationFactory, join

pytestmark = pytest.mark.django_db(transaction=True)

EXCOM_2018 = dt.date(2018, 6, 20)
API = "/api/v1/networks/wego"


@pytest.fixture
def wego(committed_seed: None) -> Network:
    return Network.objects.get(slug="wego")


def present(secretariat: Any, meeting: Any, n: int) -> list[Organisation]:
    people = list(
        meeting.participants.select_related("organisation").order_by("organisation__name")
    )[:n]
    for person in people:
        services.check_in(secretariat, person, Participant.Attendance.IN_PERSON)
    return [p.organisation for p in people]


def approval_motion(secretariat: Any, wego: Network, item: Any) -> tuple[Decision, Any]:
    newcomer: Any = OrganisationFactory(name="Newtown")
    join(wego, newcomer, dt.date(2017, 11, 2), category="associate")
    motion = services.propose_motion(
        secretariat,
        item,
        title="Approve Newtown as a full member",
        vote_mode="counts",
        effects=[{"action": "approve-membership", "organisation": newcomer.pk, "category": "full"}],
    )
    return motion, newcomer


def refusals(outcomes: Outcomes) -> int:
    return outcomes.count(DomainError)


def test_twenty_concurrent_closes_decide_a_motion_once_and_apply_its_effect_once(
    wego, secretariat, excom
):
    meeting, item = excom
    present(secretariat, meeting, 6)
    motion, newcomer = approval_motion(secretariat, wego, item)
    services.record_counts(secretariat, motion, yes=6, no=0, abstain=0)
    periods_before = MembershipPeriod.objects.filter(membership__organisation=newcomer).count()

    def close(_index: int) -> Decision:
        decision = services.get_decision(wego, motion.pk)
        return services.close_motion(secretariat, decision)

    outcomes = run_concurrently(close, times=20)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 19, outcomes.errors
    assert AuditEvent.objects.filter(verb="close_motion", object_id=str(motion.pk)).count() == 1
    periods_after = MembershipPeriod.objects.filter(membership__organisation=newcomer).count()
    assert periods_after == periods_before + 1
    motion.refresh_from_db()
    assert (motion.outcome, motion.effects_applied) == (Decision.Outcome.ADOPTED, True)


def test_twenty_concurrent_closes_of_a_roll_call_motion_record_one_close(wego, secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 6)
    motion = services.propose_motion(secretariat, item, title="Adopt the work plan")
    for organisation, choice in zip(voters, ["yes"] * 4 + ["no"] * 2, strict=True):
        services.record_vote(secretariat, motion, organisation, choice)

    def close(_index: int) -> Decision:
        return services.close_motion(secretariat, services.get_decision(wego, motion.pk))

    outcomes = run_concurrently(close, times=20)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 19, outcomes.errors
    assert AuditEvent.objects.filter(verb="close_motion", object_id=str(motion.pk)).count() == 1


def test_votes_racing_a_close_are_counted_or_refused_never_lost(wego, secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 12)
    motion = services.propose_motion(secretariat, item, title="Adopt the work plan")
    # More yes votes before the race than late no votes, so no interleaving ties the count
    # (a tie leaves the motion open for the casting vote, which is right but not this test).
    for organisation in voters[:8]:
        services.record_vote(secretariat, motion, organisation, "yes")
    late = voters[8:]

    def vote_or_close(index: int) -> Any:
        decision = services.get_decision(wego, motion.pk)
        if index == 0:
            return services.close_motion(secretariat, decision)
        return services.record_vote(secretariat, decision, late[index - 1], "no")

    outcomes = run_concurrently(vote_or_close, times=1 + len(late))

    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    motion.refresh_from_db()
    assert motion.status == Decision.Status.DECIDED
    rows = list(Vote.objects.filter(decision=motion).values_list("choice", flat=True))
    assert (motion.yes, motion.no, motion.abstain) == (
        rows.count("yes"),
        rows.count("no"),
        rows.count("abstain"),
    )
    assert len(outcomes.results) == 1 + rows.count("no")


def test_counts_racing_a_close_never_change_a_decided_motion(wego, secretariat, excom):
    meeting, item = excom
    present(secretariat, meeting, 6)
    motion = services.propose_motion(secretariat, item, title="Hands", vote_mode="counts")
    services.record_counts(secretariat, motion, yes=6, no=0, abstain=0)

    def count_or_close(index: int) -> Any:
        decision = services.get_decision(wego, motion.pk)
        if index == 0:
            return services.close_motion(secretariat, decision)
        return services.record_counts(secretariat, decision, yes=0, no=6, abstain=0)

    outcomes = run_concurrently(count_or_close, times=8)

    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    motion.refresh_from_db()
    event = AuditEvent.objects.get(verb="close_motion", object_id=str(motion.pk))
    assert motion.outcome == event.after["outcome"]
    expected = Decision.Outcome.ADOPTED if motion.yes == 6 else Decision.Outcome.REJECTED
    assert motion.outcome == expected


def test_concurrent_closes_through_the_api_answer_one_200(wego, secretariat, excom):
    meeting, item = excom
    present(secretariat, meeting, 6)
    motion, newcomer = approval_motion(secretariat, wego, item)
    services.record_counts(secretariat, motion, yes=5, no=1, abstain=0)

    def post_close(_index: int) -> int:
        client = Client()
        client.force_login(secretariat)
        response = client.post(
            f"{API}/decisions/{motion.pk}/close", {}, content_type="application/json"
        )
        return response.status_code

    outcomes = run_concurrently(post_close, times=12)

    assert outcomes.errors == []
    assert sorted(outcomes.results) == [200] + [400] * 11
    assert AuditEvent.objects.filter(verb="close_motion", object_id=str(motion.pk)).count() == 1
    approved = registry.period_on(wego, newcomer, EXCOM_2018)
    assert approved is not None
    assert approved.category.slug == "full"


def test_concurrent_election_closes_elect_once(wego, secretariat, excom):
    meeting, item = excom
    present(secretariat, meeting, 6)
    election = services.open_election(secretariat, item, title="GA host 2019", office="ga-host")
    first, second = (OrganisationFactory(name=n) for n in ("Hosting City One", "Hosting City Two"))
    for city in (first, second):
        services.add_candidate(secretariat, election, city, None)

    def close(_index: int) -> Decision:
        decision = services.get_decision(wego, election.pk)
        return services.close_election(secretariat, decision, {first.pk: 4, second.pk: 2})

    outcomes = run_concurrently(close, times=10)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 9, outcomes.errors
    assert AuditEvent.objects.filter(verb="close_election", object_id=str(election.pk)).count() == 1
    assert Candidate.objects.filter(decision=election, elected=True).count() == 1
    assert Mandate.objects.filter(organisation=first).count() == 1


def test_concurrent_candidacies_of_one_city_are_recorded_once(wego, secretariat, excom):
    _, item = excom
    election = services.open_election(secretariat, item, title="GA host", office="ga-host")
    city = OrganisationFactory(name="Hosting City")

    def declare(_index: int) -> Candidate:
        decision = services.get_decision(wego, election.pk)
        return services.add_candidate(secretariat, decision, city, None)

    outcomes = run_concurrently(declare, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert Candidate.objects.filter(decision=election).count() == 1


def test_concurrent_closes_of_a_written_consent_decide_it_once(wego, secretariat):
    closes_on = dt.date(2018, 3, 1)
    consent = services.open_written_consent(
        secretariat,
        wego,
        title="Approve the budget",
        text="The Executive Committee approves the revised budget.",
        opens_on=closes_on - dt.timedelta(days=20),
        closes_on=closes_on,
    )
    holders = sorted({m.organisation_id for m in registry.mandates_on(consent.body, consent.date)})[
        :10
    ]
    for pk in holders:
        services.record_consent(
            secretariat, consent, Organisation.objects.get(pk=pk), "yes", closes_on
        )

    def close(_index: int) -> Decision:
        decision = services.get_decision(wego, consent.pk)
        return services.close_written_consent(secretariat, decision)

    outcomes = run_concurrently(close, times=10)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 9, outcomes.errors
    assert (
        AuditEvent.objects.filter(verb="close_written_consent", object_id=str(consent.pk)).count()
        == 1
    )


def test_concurrent_motions_under_one_item_get_distinct_positions(wego, secretariat, excom):
    _, item = excom

    def propose(index: int) -> Decision:
        return services.propose_motion(secretariat, item, title=f"Motion {index}")

    outcomes = run_concurrently(propose, times=8)

    assert outcomes.errors == []
    positions = sorted(item.decisions.values_list("position", flat=True))
    assert positions == list(range(1, 9))


def test_concurrent_agenda_items_get_distinct_positions(wego, secretariat, excom):
    meeting, _ = excom

    def add(index: int) -> Any:
        return services.add_agenda_item(secretariat, meeting, number="", title=f"Item {index}")

    outcomes = run_concurrently(add, times=8)

    assert outcomes.errors == []
    positions = sorted(meeting.agenda.values_list("position", flat=True))
    assert positions == list(range(1, 10))


def test_concurrent_withdrawals_are_recorded_once(wego, secretariat, excom):
    _, item = excom
    motion = services.propose_motion(secretariat, item, title="Withdrawn twice")

    def withdraw(_index: int) -> Decision:
        decision = services.get_decision(wego, motion.pk)
        return services.withdraw_decision(secretariat, decision, "Moved to the next meeting")

    outcomes = run_concurrently(withdraw, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert (
        AuditEvent.objects.filter(verb="withdraw_decision", object_id=str(motion.pk)).count() == 1
    )


def test_a_motion_put_while_the_meeting_closes_is_refused_or_closes_nothing(
    wego, secretariat, excom
):
    meeting, item = excom

    def propose_or_close(index: int) -> Any:
        fresh = services.get_meeting(wego, meeting.key)
        if index == 0:
            return services.set_meeting_status(secretariat, fresh, "closed")
        fresh_item = fresh.agenda.get(pk=item.pk)
        return services.propose_motion(secretariat, fresh_item, title=f"Late {index}")

    outcomes = run_concurrently(propose_or_close, times=6)

    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    meeting.refresh_from_db()
    if meeting.status == "closed":
        assert not meeting.decisions.filter(status="open").exists()


def test_concurrent_closes_of_a_meeting_are_recorded_once(wego, secretariat, excom):
    meeting, _ = excom

    def close(_index: int) -> Any:
        return services.set_meeting_status(
            secretariat, services.get_meeting(wego, meeting.key), "closed"
        )

    outcomes = run_concurrently(close, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert (
        AuditEvent.objects.filter(verb="set_meeting_status", object_id=str(meeting.pk)).count() == 1
    )


# --- Regional offices and statute versions ----------------------------------------------------


def test_concurrent_bids_of_one_city_for_a_region_are_recorded_once(wego, secretariat):
    africa = wego.regions.get(slug="africa")
    lagos: Any = OrganisationFactory(key="lagos-test", name="Lagos", country="NG")
    join(wego, lagos, dt.date(2016, 1, 1), region="africa")

    def bid(_index: int) -> Any:
        return services.submit_regional_office_bid(
            secretariat, wego, africa, lagos, dt.date(2018, 3, 1)
        )

    outcomes = run_concurrently(bid, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert RegionalOfficeBid.objects.filter(region=africa, organisation=lagos).count() == 1


def test_concurrent_bid_elections_put_a_bid_to_one_election(wego, secretariat, excom):
    _, item = excom
    africa = wego.regions.get(slug="africa")
    lagos: Any = OrganisationFactory(key="lagos-test", name="Lagos", country="NG")
    join(wego, lagos, dt.date(2016, 1, 1), region="africa")
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, dt.date(2018, 3, 1))

    def open_it(_index: int) -> Decision:
        return services.regional_office_bid_election(secretariat, item, africa)

    outcomes = run_concurrently(open_it, times=6)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 5, outcomes.errors
    assert Decision.objects.filter(agenda_item=item, office="regional-office").count() == 1


def test_concurrent_annual_reports_for_one_year_are_recorded_once(wego, secretariat):
    office = RegionalOffice.objects.get(network=wego, region__slug="asia")

    def report(index: int) -> Any:
        return services.record_annual_report(
            secretariat, office, 2019, dt.date(2019, 3, 1), f"Report {index}."
        )

    outcomes = run_concurrently(report, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert RegionalOfficeReport.objects.filter(office=office, year=2019).count() == 1


def test_concurrent_assessments_for_one_year_are_recorded_once(wego, secretariat):
    office = RegionalOffice.objects.get(network=wego, region__slug="asia")
    criterion = AssessmentCriterion.objects.filter(network=wego).order_by("position").first()
    assert criterion is not None

    def assess(index: int) -> Any:
        return services.record_assessment(
            secretariat,
            office,
            2019,
            {criterion.key: f"Finding {index}."},
            RegionalOfficeAssessment.Recommendation.CONTINUE,
        )

    outcomes = run_concurrently(assess, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert RegionalOfficeAssessment.objects.filter(office=office, year=2019).count() == 1


def test_concurrent_amendments_from_one_date_add_one_statute_version(wego, secretariat):
    current = services.statute_on(wego, dt.date(2018, 1, 1))
    assert current is not None

    def amend(index: int) -> Any:
        return services.add_statute_version(
            secretariat,
            wego,
            name=f"Statute amended 2030 ({index})",
            effective_from=dt.date(2030, 1, 1),
            rules_data=current.rules,
            deadlines=list(current.deadlines),
        )

    outcomes = run_concurrently(amend, times=8)

    assert len(outcomes.results) == 1
    assert refusals(outcomes) == 7, outcomes.errors
    assert StatuteVersion.objects.filter(network=wego, effective_from="2030-01-01").count() == 1


def test_a_check_in_racing_the_close_of_its_meeting_is_refused_or_lands_before(
    wego, secretariat, excom
):
    meeting, _ = excom
    participants = list(meeting.participants.order_by("pk"))[:5]

    def check_in_or_close(index: int) -> Any:
        fresh = services.get_meeting(wego, meeting.key)
        if index == 0:
            return services.set_meeting_status(secretariat, fresh, "closed")
        participant = services.get_participant(fresh, participants[index - 1].pk)
        return services.check_in(secretariat, participant, Participant.Attendance.IN_PERSON)

    outcomes = run_concurrently(check_in_or_close, times=1 + len(participants))

    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    closed_at = AuditEvent.objects.get(verb="set_meeting_status", object_id=str(meeting.pk)).pk
    late = AuditEvent.objects.filter(verb="check_in", pk__gt=closed_at)
    assert not late.exists()


def test_a_deadline_reminder_run_by_two_workers_is_sent_once(wego, secretariat, mailoutbox):
    from intercity.governance.models import DeadlineReminder
    from intercity.governance.tasks import send_deadline_reminder

    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )
    reminder = services.queue_deadline_reminders(secretariat, ga, dt.date(2020, 7, 20))[0]
    DeadlineReminder.objects.filter(pk=reminder.pk).update(recipients=["sg@example.org"])

    outcomes = run_concurrently(lambda _i: send_deadline_reminder.call(reminder.pk), times=8)

    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * 7 + [1]
    assert len(mailoutbox) == 1
