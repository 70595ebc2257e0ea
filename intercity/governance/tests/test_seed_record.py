"""The seeded governance record judged as the seeds tell it: an amended statute takes effect
when it is adopted, mid-meeting, and the statute's dates follow from the text then in force."""

import datetime as dt

import pytest

from intercity.governance import rules, services
from intercity.governance.models import Decision, Meeting, StatuteVersion

pytestmark = pytest.mark.django_db

API = "/api/v1/networks/wego"
OLD, NEW = "Statute as amended 2014-11-05", "Statute 2017"


def _ga_2017() -> Meeting:
    return Meeting.objects.get(network__slug="wego", key="wego-ga-2017")


def _in_order(meeting: Meeting) -> list[Decision]:
    found = list(meeting.decisions.select_related("agenda_item", "statute_version"))
    return sorted(found, key=services.decision_order)


def test_the_2017_text_is_adopted_by_a_decision_of_the_2017_general_assembly():
    adopted = StatuteVersion.objects.get(network__slug="wego", name=NEW)
    assert adopted.adopted_by is not None
    assert adopted.adopted_by.meeting == _ga_2017()
    assert adopted.adopted_by.rule == "statute-amendment"


def test_the_2017_ga_straddles_two_texts_split_at_the_adopting_vote():
    decisions = _in_order(_ga_2017())
    adopting = next(d for d in decisions if d.rule == "statute-amendment")
    at = decisions.index(adopting)
    before, after = decisions[: at + 1], decisions[at + 1 :]
    assert before
    assert after
    # Everything decided before the amendment, and the vote that adopted it, under the old text;
    assert {d.statute_version.name for d in before} == {OLD}
    # everything after it under the new one.
    assert {d.statute_version.name for d in after} == {NEW}


def test_the_adopting_vote_is_judged_by_the_rule_it_was_taken_under():
    adopting = next(d for d in _ga_2017().decisions.all() if d.rule == "statute-amendment")
    rule = services.rule_for_decision(adopting)
    assert rule.statute_version == OLD
    assert "2014 text" in rule.article


def test_the_candidacy_deadline_of_the_2017_ga_is_one_month_as_the_text_then_in_force_said():
    # Seed 003, Agenda 5 quotes the Statute: candidacy "one (1) month prior to the General
    # Assembly"; the two-month rule came with the text the GA adopted that day.
    deadlines = {d.key: d for d in services.deadlines_for(_ga_2017())}
    assert deadlines["excom-member-candidacy"].due == dt.date(2017, 5, 28)
    assert deadlines["president-candidacy"].due == dt.date(2017, 5, 28)


def test_the_day_as_a_whole_is_under_the_new_text():
    wego = _ga_2017().network
    assert services.statute_on(wego, dt.date(2017, 6, 28)).name == NEW
    assert services.statute_on(wego, dt.date(2017, 6, 27)).name == OLD


def test_a_text_takes_effect_after_its_adopting_decision_in_the_engine():
    old = rules.StatuteVersion("old", dt.date(2014, 1, 1), {})
    new = rules.StatuteVersion(
        "new", dt.date(2017, 6, 28), {}, rules.Adoption(meeting=7, order=(5, 1, 40))
    )
    versions = [old, new]
    day = dt.date(2017, 6, 28)

    def at(meeting=None, order=None):
        found = rules.version_in_force(versions, rules.Moment(day, meeting, order))
        return found.name if found else None

    assert at(7, (4, 1, 30)) == "old"
    assert at(7, (5, 1, 40)) == "old"  # the adopting vote itself
    assert at(7, (5, 2, 41)) == "new"
    assert at(7, None) == "old"  # the meeting's opening
    assert at() == "new"  # the day as a whole
    assert rules.version_in_force(versions, day).name == "new"


def test_a_meetings_deadlines_without_a_period_are_answered_with_a_null_date(client):
    assert client.get(f"{API}/meetings/wego-ga-2017/deadlines").status_code == 200
    # The 2017 text sets no period for announcing the GA date ("at the earliest reasonable
    # time"): a GA under it has a deadline without a date, which the API must carry.
    ga = _ga_2017()
    Meeting.objects.create(
        network=ga.network, body=ga.body, key="wego-ga-2020", title="5th GA", date="2020-10-07"
    )
    response = client.get(f"{API}/meetings/wego-ga-2020/deadlines")
    assert response.status_code == 200
    deadlines = {d["key"]: d for d in response.json()}
    announcement = deadlines["ga-date-announcement"]
    assert announcement["due"] is None
    assert announcement["kind"] == "deadline"
    assert "sets no period" in announcement["explanation"]
    assert deadlines["excom-member-candidacy"]["due"] == "2020-08-07"


def test_the_excom_approval_is_on_the_record_of_the_friendship_member_it_approved():
    from intercity.network.models import MembershipPeriod

    approval = Decision.objects.get(
        meeting__key="wego-excom-2017", title__startswith="Approval of 8 new full member"
    )
    approved = {e["organisation_key"] for e in approval.effects}
    assert "nita-uganda" in approved
    periods = MembershipPeriod.objects.filter(
        membership__organisation__key__in=approved, valid_from=approval.date
    )
    assert {p.membership.organisation.key for p in periods} == approved
    assert {p.decision_reference for p in periods} == {approval.reference}
    nita = periods.get(membership__organisation__key="nita-uganda")
    assert nita.category.slug == "friendship"
    # Before the approval NITA-U was an applicant, not a friendship member (Art. 5.1(c)).
    assert not nita.membership.periods.filter(valid_from__lt=approval.date).exists()


def test_the_2017_2020_officers_terms_end_by_the_statute(client):
    within = client.get(f"{API}/offices", {"on": "2019-01-01"}).json()
    assert len(within["offices"]) == 19
    assert within["unknown"] == []
    president = next(o for o in within["offices"] if o["office"] == "president")
    assert president["end"] == "2020-06-28"
    assert president["end_basis"] == "statute"
    evp = next(o for o in within["offices"] if o["office"] == "executive_vice_president")
    assert evp["end"] == "2020-06-28"

    later = client.get(f"{API}/offices", {"on": "2026-01-01"}).json()
    assert later["offices"] == []
    # Nobody is known, so nothing is claimed about the composition either way.
    assert later["warnings"] == []
    assert len(later["unknown"]) == 1
    # Dates in words in the reader's language (here English).
    unknown = later["unknown"][0]
    assert "No officers of the Executive Committee are known on 1 January 2026" in unknown
    assert "the last terms on record ended on 28 June 2020" in unknown


def test_the_2017_regional_office_bids_and_assessments_cite_their_decisions():
    from intercity.governance.models import RegionalOfficeAssessment, RegionalOfficeBid

    bids = RegionalOfficeBid.objects.filter(tabled_on=dt.date(2017, 6, 27))
    assert bids.count() == 2
    for bid in bids:
        assert bid.decision is not None
        assert bid.decision.meeting.key == "wego-excom-2017"
        assert any(
            e["action"] == "approve-regional-office" and e["organisation"] == bid.organisation_id
            for e in bid.decision.effects
        )
    assessments = RegionalOfficeAssessment.objects.filter(year=2017)
    assert assessments.count() == 2
    for assessment in assessments:
        assert assessment.decision is not None
        assert assessment.decision.title.startswith("Continued operation")


def test_the_2014_text_lets_a_regional_office_be_dissolved_by_written_unanimous_consent():
    wego = _ga_2017().network
    on = dt.date(2016, 10, 12)
    rule = services.rule_for(
        wego, on, "regional-office-dissolution-by-written-consent", "executive-committee"
    )
    assert rule.statute_version == OLD
    assert rule.concurrence.fraction == 1
    assert rule.concurrence.base == rules.Base.TOTAL
    one_short = rules.decide(rule, rules.Count(members_total=14, present=14, yes=13))
    assert one_short.outcome == rules.Outcome.REJECTED
    assert rules.decide(rule, rules.Count(14, 14, 14)).outcome == rules.Outcome.ADOPTED
    # The 2017 text struck the route.
    with pytest.raises(Exception, match="no rule"):
        services.rule_for(
            wego,
            dt.date(2018, 1, 1),
            "regional-office-dissolution-by-written-consent",
            "executive-committee",
        )


def test_the_2014_host_agreement_is_due_a_month_before_the_next_years_excom():
    excom_2017 = Meeting.objects.get(network__slug="wego", key="wego-excom-2017")
    # Makati was selected at EXCOM 2017 under the 2014 text; the agreement is due one month
    # before the EXCOM meeting of 2018, not before EXCOM 2017 itself.
    assert "host-agreement" not in {d.key for d in services.deadlines_for(excom_2017)}
    Meeting.objects.create(
        network=excom_2017.network,
        body=excom_2017.body,
        key="wego-excom-2018",
        title="2018 EXCOM",
        date="2018-09-10",
    )
    due = {d.key: d for d in services.deadlines_for(excom_2017)}["host-agreement"]
    assert due.due == dt.date(2018, 8, 10)
    assert due.anchor == "first-excom-after-host-selection"


def test_the_host_confirmed_after_the_amendment_owes_its_agreement_under_the_2017_text():
    # The GA confirmed Makati (Agenda 7) after adopting the 2017 text (Agenda 4), the text in
    # which the selection is final: agreement within six months (Art. 10.5), by 2017-12-28.
    due = {d.key: d for d in services.deadlines_for(_ga_2017())}["host-agreement"]
    assert due.due == dt.date(2017, 12, 28)
    assert due.anchor == "ga-host-selection"


def test_the_memorandum_of_the_2017_ga_names_the_text_it_opened_under():
    from intercity.governance import minutes

    memo = minutes.memorandum(_ga_2017())
    assert memo.statute is not None
    assert memo.statute.name == OLD
    by_item = {item.number: item for item in memo.agenda}
    assert {d.statute_version for d in by_item["4"].decisions} == {OLD}
    assert {d.statute_version for d in by_item["5"].decisions} == {NEW}
