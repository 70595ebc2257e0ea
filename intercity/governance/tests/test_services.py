"""What the Secretariat does with meetings, votes, elections and written consents, through the
services, on the seeded WeGO (EXCOM 2017-2020 in office, statute versions 2012/2014/2017)."""

import datetime as dt

import pytest

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.governance import services
from intercity.governance.models import Decision, Participant
from intercity.network import services as registry
from intercity.network.models import Mandate, Organisation
from intercity.network.tests.factories import OrganisationFactory, join

pytestmark = pytest.mark.django_db

EXCOM_2018 = dt.date(2018, 6, 20)


def delegates(meeting):
    return list(meeting.participants.select_related("organisation").order_by("organisation__name"))


def attend(secretariat, meeting, n, how=Participant.Attendance.IN_PERSON):
    people = delegates(meeting)[:n]
    for person in people:
        services.check_in(secretariat, person, how)
    return [p.organisation for p in people]


def test_a_new_excom_meeting_invites_the_members_in_office_on_its_date(wego, excom):
    meeting, _ = excom
    in_office = {
        m.organisation_id
        for m in registry.mandates_on(wego.bodies.get(slug="executive-committee"), EXCOM_2018)
    }
    invited = {p.organisation_id for p in delegates(meeting)}
    assert invited == in_office
    assert len(invited) == 19


def test_a_motion_is_adopted_with_the_arithmetic_in_words(secretariat, excom):
    meeting, item = excom
    in_person = attend(secretariat, meeting, 4)
    remote = delegates(meeting)[4]
    services.check_in(secretariat, remote, Participant.Attendance.REMOTE)
    motion = services.propose_motion(secretariat, item, title="Adopt the work plan")
    for organisation, choice in zip(in_person, ["yes", "yes", "yes", "no"], strict=True):
        services.record_vote(secretariat, motion, organisation, choice)
    services.record_vote(secretariat, motion, remote.organisation, "abstain")
    decided = services.close_motion(secretariat, motion)
    assert decided.outcome == Decision.Outcome.ADOPTED
    assert decided.status == Decision.Status.DECIDED
    assert (decided.members_total, decided.present, decided.yes) == (19, 5, 3)
    assert decided.statute_version.name == "Statute 2017"
    assert decided.explanation == (
        "5 of 19 present; quorum is one fourth or more of all 19 members = 19/4 (4.75); "
        "3 yes, 1 no, 1 abstaining; adoption needs one half or more of the 5 present = 5/2 (2.5); "
        "adopted"
    )
    assert decided.rule_applied["article"].startswith("Art. 16.1")
    assert AuditEvent.objects.filter(verb="close_motion", object_id=str(decided.pk)).exists()


def test_a_member_may_change_its_vote_until_the_vote_closes(secretariat, excom):
    meeting, item = excom
    (voter,) = attend(secretariat, meeting, 1)
    motion = services.propose_motion(secretariat, item, title="Change of mind")
    services.record_vote(secretariat, motion, voter, "yes")
    services.record_vote(secretariat, motion, voter, "no")
    assert list(motion.votes.values_list("choice", flat=True)) == ["no"]


def test_four_of_nineteen_is_not_quorate_and_five_is(secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 4)
    motion = services.propose_motion(secretariat, item, title="Too few", vote_mode="counts")
    services.record_counts(secretariat, motion, yes=4, no=0, abstain=0)
    assert services.close_motion(secretariat, motion).outcome == Decision.Outcome.NOT_QUORATE

    services.check_in(secretariat, delegates(meeting)[4], Participant.Attendance.REMOTE)
    second = services.propose_motion(secretariat, item, title="Enough", vote_mode="counts")
    services.record_counts(secretariat, second, yes=3, no=2, abstain=0)
    decided = services.close_motion(secretariat, second)
    assert decided.outcome == Decision.Outcome.ADOPTED
    assert decided.present == 5  # the remote member counts as present (Art. 20)


def test_a_2017_excom_tie_waits_for_the_secretary_generals_casting_vote(secretariat, excom):
    meeting, item = excom
    present = attend(secretariat, meeting, 6)
    motion = services.propose_motion(secretariat, item, title="Split")
    for organisation, choice in zip(present, ["yes"] * 3 + ["no"] * 3, strict=True):
        services.record_vote(secretariat, motion, organisation, choice)
    tied = services.close_motion(secretariat, motion)
    assert tied.outcome == Decision.Outcome.TIE
    assert tied.status == Decision.Status.OPEN
    assert "casting vote" in tied.explanation
    decided = services.close_motion(secretariat, tied, casting_vote="no")
    assert decided.outcome == Decision.Outcome.REJECTED
    assert decided.casting_vote == "no"


def test_only_present_full_unsuspended_members_vote(wego, secretariat, excom):
    meeting, item = excom
    present = attend(secretariat, meeting, 5)
    absent = delegates(meeting)[10].organisation
    observer = OrganisationFactory()
    services.add_participant(
        secretariat,
        meeting,
        organisation=observer,
        role=Participant.Role.OBSERVER,
        attendance=Participant.Attendance.IN_PERSON,
    )
    motion = services.propose_motion(secretariat, item, title="Vote")
    with pytest.raises(DomainError, match="not checked in as present"):
        services.record_vote(secretariat, motion, absent, "yes")
    with pytest.raises(DomainError, match="not a member of the body"):
        services.record_vote(secretariat, motion, observer, "yes")

    suspended = present[0]
    registry.change_membership(
        None,
        wego,
        suspended,
        registry.MembershipChange("full", "suspended", dt.date(2018, 1, 15)),
    )
    with pytest.raises(DomainError, match=r"suspended and has no vote \(Art. 7.3\)"):
        services.record_vote(secretariat, motion, suspended, "yes")
    # ... and a suspended member is not counted among those who may vote.
    assert services.roll(meeting).members_total == 18
    assert services.roll(meeting).present == 4


def test_an_adopted_approval_updates_the_membership_history_citing_the_decision(
    wego, secretariat, excom
):
    meeting, item = excom
    newcomer = OrganisationFactory(name="Newtown")
    join(wego, newcomer, dt.date(2017, 11, 2), category="associate")
    attend(secretariat, meeting, 6)
    motion = services.propose_motion(
        secretariat,
        item,
        title="Approve Newtown as a full member",
        vote_mode="counts",
        effects=[{"action": "approve-membership", "organisation": newcomer.pk, "category": "full"}],
    )
    services.record_counts(secretariat, motion, yes=6, no=0, abstain=0)
    decided = services.close_motion(secretariat, motion)
    period = registry.period_on(wego, newcomer, EXCOM_2018)
    assert (period.category.slug, period.status) == ("full", "active")
    assert period.decision_reference == decided.reference
    assert f"decision {decided.pk}" in period.decision_reference
    assert registry.period_on(wego, newcomer, EXCOM_2018 - dt.timedelta(days=1)).category.slug == (
        "associate"
    )


def test_a_rejected_motion_changes_nothing_elsewhere(wego, secretariat, excom):
    meeting, item = excom
    newcomer = OrganisationFactory()
    join(wego, newcomer, dt.date(2017, 11, 2), category="associate")
    attend(secretariat, meeting, 6)
    motion = services.propose_motion(
        secretariat,
        item,
        title="Approve",
        vote_mode="counts",
        effects=[{"action": "approve-membership", "organisation": newcomer.pk, "category": "full"}],
    )
    services.record_counts(secretariat, motion, yes=2, no=4, abstain=0)
    assert services.close_motion(secretariat, motion).outcome == Decision.Outcome.REJECTED
    assert registry.period_on(wego, newcomer, EXCOM_2018).category.slug == "associate"


def test_impossible_counts_are_refused_and_nothing_is_saved(secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 4)
    motion = services.propose_motion(secretariat, item, title="Counts", vote_mode="counts")
    with pytest.raises(DomainError, match="more than the 4 present"):
        services.record_counts(secretariat, motion, yes=3, no=2, abstain=0)
    motion.refresh_from_db()
    assert motion.yes is None


def test_a_motion_with_no_rule_in_the_statute_is_refused_before_the_vote(secretariat, excom):
    _, item = excom
    with pytest.raises(
        DomainError,
        match="Statute 2017 has no rule for 'joint-project-funding' decisions of the executive",
    ):
        services.propose_motion(secretariat, item, title="Fund it", rule="joint-project-funding")


def test_only_the_secretariat_runs_a_meeting(wego, seoul_officer, secretariat, excom):
    meeting, _item = excom
    with pytest.raises(PermissionDenied):
        services.create_meeting(
            seoul_officer, wego, "executive-committee", title="Mine", date=EXCOM_2018
        )
    with pytest.raises(PermissionDenied):
        services.check_in(seoul_officer, delegates(meeting)[0], "in_person")


def test_a_closed_meeting_keeps_its_record(secretariat, excom):
    meeting, _item = excom
    services.set_meeting_status(secretariat, meeting, "closed")
    with pytest.raises(DomainError, match="closed"):
        services.add_agenda_item(secretariat, meeting, number="2", title="Late item")
    with pytest.raises(DomainError, match="closed"):
        services.check_in(secretariat, delegates(meeting)[0], "in_person")


def test_an_election_gives_the_office_to_the_most_votes(wego, secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 9)
    election = services.open_election(
        secretariat, item, title="Vice President", office="vice_president"
    )
    a, b = (Organisation.objects.get(key=k) for k in ("makati", "seoul"))
    services.add_candidate(secretariat, election, a, dt.date(2018, 3, 1))
    services.add_candidate(secretariat, election, b, dt.date(2018, 3, 1))
    decided = services.close_election(secretariat, election, {a.pk: 5, b.pk: 4})
    assert decided.outcome == Decision.Outcome.ELECTED
    assert decided.winner == a
    assert decided.explanation == "Makati 5, Seoul 4: Makati has the most votes."
    assert Mandate.objects.filter(
        organisation=a, office="vice_president", start=EXCOM_2018
    ).exists()


def test_a_tied_election_names_the_tied_candidates_and_fills_no_office(secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 8)
    election = services.open_election(secretariat, item, title="Host", office="ga-host")
    a, b = (Organisation.objects.get(key=k) for k in ("makati", "seoul"))
    services.add_candidate(secretariat, election, a, None)
    services.add_candidate(secretariat, election, b, None)
    decided = services.close_election(secretariat, election, {a.pk: 4, b.pk: 4})
    assert decided.outcome == Decision.Outcome.TIE
    assert decided.winner is None
    assert "a tie between Makati and Seoul with 4 votes each" in decided.explanation
    assert not Mandate.objects.filter(start=EXCOM_2018).exists()


def test_more_election_votes_than_voters_present_is_refused(secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 5)
    election = services.open_election(secretariat, item, title="VP", office="vice_president")
    a = Organisation.objects.get(key="makati")
    services.add_candidate(secretariat, election, a, None)
    with pytest.raises(DomainError, match="only 5 voters are present"):
        services.close_election(secretariat, election, {a.pk: 6})


def test_a_late_president_candidacy_is_flagged_with_its_article(wego, secretariat):
    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )
    item = services.add_agenda_item(secretariat, ga, number="1", title="Election of the President")
    election = services.open_election(secretariat, item, title="President", office="president")
    seoul = Organisation.objects.get(key="seoul")
    late = services.add_candidate(secretariat, election, seoul, dt.date(2020, 8, 20))
    assert any(
        "declared on 2020-08-20, after 2020-08-07" in w and "Art. 11.5" in w for w in late.warnings
    )
    on_time = services.add_candidate(
        secretariat, election, Organisation.objects.get(key="makati"), dt.date(2020, 8, 7)
    )
    assert not any("declared" in w for w in on_time.warnings)


def written_consent(wego, secretariat, closes_on):
    return services.open_written_consent(
        secretariat,
        wego,
        title="Approve the budget",
        text="The Executive Committee approves the revised budget.",
        opens_on=closes_on - dt.timedelta(days=20),
        closes_on=closes_on,
    )


def consent_from(secretariat, decision, n, on):
    body = decision.body
    holders = sorted({m.organisation_id for m in registry.mandates_on(body, decision.date)})[:n]
    for pk in holders:
        services.record_consent(secretariat, decision, Organisation.objects.get(pk=pk), "yes", on)


@pytest.mark.parametrize(
    ("closes_on", "consents", "outcome"),
    [
        # 19 members in office in 2018; 2017 text: half or more = 9.5
        (dt.date(2018, 3, 1), 10, "adopted"),
        (dt.date(2018, 3, 1), 9, "rejected"),
        # 13 members in office in 2016; 2014 text: two thirds or more = 26/3 (8.667)
        (dt.date(2016, 3, 1), 9, "adopted"),
        (dt.date(2016, 3, 1), 8, "rejected"),
    ],
)
def test_written_consent_needs_half_since_2017_and_two_thirds_before(
    wego, secretariat, closes_on, consents, outcome
):
    decision = written_consent(wego, secretariat, closes_on)
    consent_from(secretariat, decision, consents, closes_on - dt.timedelta(days=1))
    decided = services.close_written_consent(secretariat, decision)
    assert decided.outcome == outcome, decided.explanation
    assert decided.statute_version.effective_from < closes_on


def test_a_consent_outside_its_window_is_refused(wego, secretariat):
    decision = written_consent(wego, secretariat, dt.date(2018, 3, 1))
    seoul = Organisation.objects.get(key="seoul")
    with pytest.raises(DomainError, match="outside the window"):
        services.record_consent(secretariat, decision, seoul, "yes", dt.date(2018, 3, 2))


def test_a_withdrawal_announced_to_excom_takes_effect_that_day(wego, secretariat, excom):
    _, item = excom
    leaving = OrganisationFactory()
    join(wego, leaving, dt.date(2015, 1, 1))
    services.record_announcement(
        secretariat,
        item,
        title="The President announces the withdrawal of a member",
        effects=[{"action": "withdraw-membership", "organisation": leaving.pk}],
    )
    assert registry.period_on(wego, leaving, EXCOM_2018).status == "withdrawn"
    assert registry.period_on(wego, leaving, EXCOM_2018 - dt.timedelta(days=1)).status == "active"


def test_deadlines_follow_from_a_planned_general_assembly(wego, secretariat):
    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )
    found = {d.key: d for d in services.deadlines_for(ga)}
    assert found["president-candidacy"].due == dt.date(2020, 8, 7)  # 2 months (Art. 11.5)
    assert found["excom-member-candidacy"].due == dt.date(2020, 8, 7)  # Art. 12.4
    assert found["statute-amendment-proposal"].due == dt.date(2020, 7, 7)  # 3 months, Art. 17.2
    assert found["statute-amendment-circulation"].due == dt.date(2020, 9, 7)  # 1 month
    assert all(d.article for d in found.values())
    assert "host-agreement" not in found  # no host chosen at this meeting yet


def test_choosing_the_ga_host_starts_the_host_agreement_clock(wego, secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 6)
    election = services.open_election(secretariat, item, title="2020 GA host", office="ga-host")
    makati = Organisation.objects.get(key="makati")
    services.add_candidate(secretariat, election, makati, None)
    services.close_election(secretariat, election, {makati.pk: 6})
    found = {d.key: d for d in services.deadlines_for(meeting)}
    assert found["host-agreement"].due == dt.date(2018, 12, 20)  # 6 months, Art. 10.5
    # Art. 11.4: the next GA host is automatically the Executive Vice President.
    assert Mandate.objects.filter(
        organisation=makati, office="executive_vice_president", start=EXCOM_2018
    ).exists()


def test_reminders_are_queued_once_per_deadline_ahead(wego, secretariat):
    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )
    first = services.queue_deadline_reminders(secretariat, ga, dt.date(2020, 7, 20))
    keys = {r.key for r in first}
    assert "president-candidacy" in keys
    assert "statute-amendment-proposal" not in keys  # already past on 20 July
    assert services.queue_deadline_reminders(secretariat, ga, dt.date(2020, 7, 20)) == []


def test_the_seeded_excom_meets_the_statute_composition(wego):
    assert services.composition_warnings(wego, dt.date(2018, 1, 1)) == []


def test_a_general_assembly_invites_members_not_withdrawn_ones(wego, secretariat):
    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="GA", date=dt.date(2017, 6, 29)
    )
    keys = set(ga.participants.values_list("organisation__key", flat=True))
    assert "nanjing" not in keys
    assert "seoul" in keys


def test_an_amended_statute_governs_decisions_from_its_date(wego, secretariat):
    from intercity.governance.rules import Count

    services.add_statute_version(
        secretariat,
        wego,
        name="Statute as amended 2020-10-07",
        effective_from=dt.date(2020, 10, 7),
        rules_data={
            "ordinary-motion": {
                "executive-committee": {
                    "article": "Art. 16.1 (2020)",
                    "attendance": {"fraction": "1/2", "comparison": "more_than", "base": "total"},
                    "concurrence": {"fraction": "1/2", "comparison": "at_least", "base": "present"},
                    "tie": "rejected",
                }
            }
        },
    )
    count = Count(members_total=20, present=10, yes=10)
    before = services.evaluate(
        wego, "executive-committee", "ordinary-motion", dt.date(2020, 10, 6), count
    )
    after = services.evaluate(
        wego, "executive-committee", "ordinary-motion", dt.date(2020, 10, 7), count
    )
    assert (before.statute.name, before.ruling.outcome) == ("Statute 2017", "adopted")
    assert (after.statute.name, after.ruling.outcome) == (
        "Statute as amended 2020-10-07",
        "not-quorate",
    )


def test_an_unreadable_statute_version_is_refused_and_nothing_is_saved(wego, secretariat):
    with pytest.raises(DomainError, match="The rules cannot be read"):
        services.add_statute_version(
            secretariat,
            wego,
            name="Broken",
            effective_from=dt.date(2021, 1, 1),
            rules_data={
                "ordinary-motion": {"general-assembly": {"concurrence": {"fraction": "x"}}}
            },
        )
    assert not wego.statutes.filter(name="Broken").exists()
    with pytest.raises(PermissionDenied):
        services.add_statute_version(
            None, wego, name="Anon", effective_from=dt.date(2021, 1, 1), rules_data={}
        )


def test_votes_cannot_change_once_a_tie_is_counted(secretariat, excom):
    meeting, item = excom
    present = attend(secretariat, meeting, 6)
    motion = services.propose_motion(secretariat, item, title="Split")
    for organisation, choice in zip(present, ["yes"] * 3 + ["no"] * 3, strict=True):
        services.record_vote(secretariat, motion, organisation, choice)
    services.close_motion(secretariat, motion)
    with pytest.raises(DomainError, match="casting vote remains"):
        services.record_vote(secretariat, motion, present[0], "no")
    with pytest.raises(DomainError, match="casting vote remains"):
        services.record_counts(secretariat, motion, yes=4, no=2, abstain=0)


def test_an_election_with_nobody_present_takes_no_votes(secretariat, excom):
    _, item = excom
    election = services.open_election(secretariat, item, title="VP", office="vice_president")
    makati = Organisation.objects.get(key="makati")
    services.add_candidate(secretariat, election, makati, None)
    with pytest.raises(DomainError, match="only 0 voters are present"):
        services.close_election(secretariat, election, {makati.pk: 1})


@pytest.mark.parametrize(
    ("effect", "problem"),
    [
        ({"action": "approve-membership", "organisation": 1}, "needs: category"),
        ({"action": "appoint-office", "organisation": 1, "office": "emperor"}, "Unknown office"),
        ({"action": "abolish-wego"}, "Unknown effect 'abolish-wego'"),
        ({"action": "withdraw-membership", "organisation": 10**9}, "No organisation"),
        ({"action": "dissolve-regional-office", "office": 10**9}, "No regional office"),
    ],
)
def test_a_motion_with_an_effect_that_cannot_apply_is_refused_when_put(
    secretariat, excom, effect, problem
):
    _, item = excom
    with pytest.raises(DomainError, match=problem):
        services.propose_motion(secretariat, item, title="Effect", effects=[effect])
    assert not item.decisions.exists()


def test_over_long_input_is_a_clear_refusal_not_a_database_error(wego, secretariat, excom):
    meeting, _ = excom
    with pytest.raises(DomainError, match="title"):
        services.add_agenda_item(secretariat, meeting, number="9", title="x" * 300)
    with pytest.raises(DomainError, match="venue"):
        services.create_meeting(
            secretariat,
            wego,
            "executive-committee",
            title="Long venue",
            date=dt.date(2019, 1, 1),
            venue="v" * 300,
        )


def test_a_motion_adopted_to_approve_a_regional_office_establishes_it(wego, secretariat, excom):
    meeting, item = excom
    attend(secretariat, meeting, 6)
    host = Organisation.objects.get(key="seoul")
    motion = services.propose_motion(
        secretariat,
        item,
        title="Approve a Middle East regional office",
        vote_mode="counts",
        rule="regional-office-establishment",
        effects=[
            {"action": "approve-regional-office", "organisation": host.pk, "region": "middle-east"}
        ],
    )
    services.record_counts(secretariat, motion, yes=5, no=1, abstain=0)
    services.close_motion(secretariat, motion)
    office = wego.regional_offices.get(region__slug="middle-east", host=host)
    assert (office.term_start, office.term_end) == (EXCOM_2018, dt.date(2023, 6, 20))
