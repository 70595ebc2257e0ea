"""Regional offices (Statute 2017 Art. 13.5-13.8; seed 003 Agenda 1): member cities bid, the
Executive Committee elects among the bids for a region, offices report every year before
its meeting and it assesses them on the network's criteria. Sam of the Secretariat records
all of it; a city officer may not."""

import datetime as dt

import pytest

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.governance import services
from intercity.governance.models import (
    AssessmentCriterion,
    Decision,
    Participant,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
)
from intercity.governance.tests.factories import AgendaItemFactory
from intercity.network.models import Network, Organisation, RegionalOffice
from intercity.network.tests.factories import OrganisationFactory, join

pytestmark = pytest.mark.django_db

EXCOM_2018 = dt.date(2018, 6, 20)
BIDS_IN = dt.date(2018, 3, 1)


@pytest.fixture
def africa(wego):
    return wego.regions.get(slug="africa")


@pytest.fixture
def bidders(wego):
    """Two member cities of Africa, members since 2016, and a city that never joined."""
    lagos = OrganisationFactory(key="lagos-test", name="Lagos", country="NG")
    accra = OrganisationFactory(key="accra-test", name="Accra", country="GH")
    for city in (lagos, accra):
        join(wego, city, dt.date(2016, 1, 1), region="africa")
    outsider = OrganisationFactory(key="outsider-test", name="Outsider City", country="FR")
    return lagos, accra, outsider


@pytest.fixture
def excom(wego, secretariat):
    """EXCOM 2018 with the approval of a new regional office on its agenda."""
    item = AgendaItemFactory(
        actor=secretariat,
        meeting__network=wego,
        meeting__title="EXCOM 2018",
        meeting__date=EXCOM_2018,
        number="2",
        title="New Regional Office Approval",
    )
    return item.meeting, item


def check_in(secretariat, meeting, n):
    people = list(meeting.participants.order_by("organisation__name"))[:n]
    for person in people:
        services.check_in(secretariat, person, Participant.Attendance.IN_PERSON)


# --- Bids -----------------------------------------------------------------------------------


def test_a_member_city_bids_for_a_region(secretariat, wego, africa, bidders):
    lagos, _, _ = bidders

    bid = services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)

    assert bid.status == RegionalOfficeBid.Status.SUBMITTED
    assert (bid.region, bid.organisation, bid.submitted_on) == (africa, lagos, BIDS_IN)
    assert AuditEvent.objects.filter(verb="submit_regional_office_bid", object_id=str(bid.pk))


def test_a_city_that_is_not_a_member_may_not_bid(secretariat, wego, africa, bidders):
    _, _, outsider = bidders
    with pytest.raises(DomainError, match=r"not a member of WeGO .*Art\. 13\.5"):
        services.submit_regional_office_bid(secretariat, wego, africa, outsider, BIDS_IN)
    assert not RegionalOfficeBid.objects.filter(organisation=outsider).exists()


def test_a_member_bids_only_while_it_is_a_member(secretariat, wego, africa, bidders):
    lagos, _, _ = bidders
    with pytest.raises(DomainError, match="not a member"):
        services.submit_regional_office_bid(secretariat, wego, africa, lagos, dt.date(2015, 6, 1))


def test_a_suspended_member_may_not_bid(secretariat, wego, africa, bidders):
    lagos, _, _ = bidders
    join(wego, lagos, dt.date(2018, 1, 1), status="suspended", region="africa")
    with pytest.raises(DomainError, match=r"suspended .*Art\. 7\.3"):
        services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)


def test_only_cities_bid(secretariat, wego, africa):
    company = OrganisationFactory(key="acme-test", name="Acme", kind=Organisation.Kind.COMPANY)
    join(wego, company, dt.date(2016, 1, 1), category="corporate", region="africa")
    with pytest.raises(DomainError, match="not a city"):
        services.submit_regional_office_bid(secretariat, wego, africa, company, BIDS_IN)


def test_a_bid_is_for_a_region_of_the_same_network(secretariat, wego, bidders):
    lagos, _, _ = bidders
    asean_region = Network.objects.get(slug="ascn").regions.first()
    with pytest.raises(DomainError, match="not a region of WeGO"):
        services.submit_regional_office_bid(secretariat, wego, asean_region, lagos, BIDS_IN)


def test_a_city_has_one_bid_for_a_region_at_a_time(secretariat, wego, africa, bidders):
    lagos, _, _ = bidders
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)
    with pytest.raises(DomainError, match="already has a bid"):
        services.submit_regional_office_bid(secretariat, wego, africa, lagos, dt.date(2018, 3, 5))


def test_a_city_officer_may_not_record_a_bid(seoul_officer, wego, africa, bidders):
    lagos, _, _ = bidders
    with pytest.raises(PermissionDenied):
        services.submit_regional_office_bid(seoul_officer, wego, africa, lagos, BIDS_IN)


# --- The Executive Committee elects among the bids (Art. 13.6(a)) ---------------------------


def test_the_city_with_most_votes_gets_the_office_for_five_years(
    secretariat, wego, africa, bidders, excom
):
    lagos, accra, _ = bidders
    meeting, item = excom
    lagos_bid = services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)
    accra_bid = services.submit_regional_office_bid(secretariat, wego, africa, accra, BIDS_IN)

    election = services.regional_office_bid_election(secretariat, item, africa)

    assert election.kind == Decision.Kind.ELECTION
    assert election.office == "regional-office"
    assert set(election.candidates.values_list("organisation__name", flat=True)) == {
        "Lagos",
        "Accra",
    }
    lagos_bid.refresh_from_db()
    assert (lagos_bid.decision, lagos_bid.tabled_on) == (election, EXCOM_2018)

    check_in(secretariat, meeting, 7)
    decided = services.close_election(secretariat, election, {lagos.pk: 5, accra.pk: 2})

    assert decided.winner == lagos
    assert decided.rule_applied["article"] == "Art. 13.6(a)"
    assert decided.explanation == "Lagos 5, Accra 2: Lagos has the most votes."
    lagos_bid.refresh_from_db()
    accra_bid.refresh_from_db()
    assert lagos_bid.status == RegionalOfficeBid.Status.APPROVED
    assert accra_bid.status == RegionalOfficeBid.Status.NOT_APPROVED
    office = RegionalOffice.objects.get(network=wego, region=africa)
    assert office.host == lagos
    assert (office.term_start, office.term_end) == (EXCOM_2018, dt.date(2023, 6, 20))
    assert AuditEvent.objects.filter(verb="settle_regional_office_bids").exists()


def test_a_tie_leaves_the_bids_open_for_another_vote(secretariat, wego, africa, bidders, excom):
    lagos, accra, _ = bidders
    meeting, item = excom
    for city in (lagos, accra):
        services.submit_regional_office_bid(secretariat, wego, africa, city, BIDS_IN)
    check_in(secretariat, meeting, 6)
    first = services.regional_office_bid_election(secretariat, item, africa)

    services.close_election(secretariat, first, {lagos.pk: 3, accra.pk: 3})

    assert set(
        RegionalOfficeBid.objects.filter(region=africa).values_list("status", flat=True)
    ) == {RegionalOfficeBid.Status.SUBMITTED}
    assert not RegionalOffice.objects.filter(region=africa).exists()
    second = services.regional_office_bid_election(secretariat, item, africa)
    assert second.candidates.count() == 2


def test_bids_already_before_an_open_election_are_not_put_twice(
    secretariat, wego, africa, bidders, excom
):
    lagos, _, _ = bidders
    _, item = excom
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)
    services.regional_office_bid_election(secretariat, item, africa)
    with pytest.raises(DomainError, match="No bid for Africa"):
        services.regional_office_bid_election(secretariat, item, africa)


def test_an_election_needs_a_bid(secretariat, africa, excom):
    _, item = excom
    with pytest.raises(DomainError, match="No bid for Africa awaits"):
        services.regional_office_bid_election(secretariat, item, africa)


def test_a_bid_made_after_the_meeting_waits_for_the_next(secretariat, wego, africa, bidders, excom):
    lagos, _, _ = bidders
    _, item = excom
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, dt.date(2018, 7, 1))
    with pytest.raises(DomainError, match="No bid"):
        services.regional_office_bid_election(secretariat, item, africa)


def test_the_general_assembly_does_not_elect_regional_offices(secretariat, wego, africa, bidders):
    lagos, _, _ = bidders
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)
    ga = services.create_meeting(
        secretariat, wego, "general-assembly", title="GA 2018", date=EXCOM_2018
    )
    item = services.add_agenda_item(secretariat, ga, number="1", title="Offices")
    with pytest.raises(DomainError, match=r"Executive Committee approves .*Art\. 13\.6\(a\)"):
        services.regional_office_bid_election(secretariat, item, africa)


def test_a_city_officer_may_not_open_the_election(
    seoul_officer, secretariat, wego, africa, bidders, excom
):
    lagos, _, _ = bidders
    _, item = excom
    services.submit_regional_office_bid(secretariat, wego, africa, lagos, BIDS_IN)
    with pytest.raises(PermissionDenied):
        services.regional_office_bid_election(seoul_officer, item, africa)


# --- Annual reports (Art. 13.7: two months before the EXCOM meeting) -------------------------


@pytest.fixture
def asia_office(wego):
    return RegionalOffice.objects.get(network=wego, region__slug="asia")


def test_a_report_in_time_has_no_warning(secretariat, asia_office, excom):
    recorded = services.record_annual_report(
        secretariat,
        asia_office,
        2018,
        dt.date(2018, 4, 10),
        "Training programme and website.",
        "https://example.org/asia-2018.pdf",
    )

    assert recorded.due_on == dt.date(2018, 4, 20)
    assert recorded.warnings == []
    assert RegionalOfficeReport.objects.get(office=asia_office, year=2018).summary.startswith(
        "Training"
    )


def test_a_late_report_is_recorded_with_a_warning_naming_the_article(
    secretariat, asia_office, excom
):
    recorded = services.record_annual_report(
        secretariat, asia_office, 2018, dt.date(2018, 5, 15), "Late but complete."
    )

    assert recorded.report.pk
    assert len(recorded.warnings) == 1
    assert "after the deadline of 2018-04-20" in recorded.warnings[0]
    assert "Art. 13.7" in recorded.warnings[0]


def test_with_no_meeting_planned_that_year_there_is_no_deadline_yet(secretariat, asia_office):
    recorded = services.record_annual_report(
        secretariat, asia_office, 2019, dt.date(2019, 5, 1), "Report 2019."
    )
    assert (recorded.due_on, recorded.warnings) == (None, [])


def test_one_report_a_year(secretariat, asia_office):
    services.record_annual_report(secretariat, asia_office, 2019, dt.date(2019, 3, 1), "First.")
    with pytest.raises(DomainError, match="already has its report for 2019"):
        services.record_annual_report(secretariat, asia_office, 2019, dt.date(2019, 3, 2), "Again.")


def test_a_report_needs_a_summary_or_a_link(secretariat, asia_office):
    with pytest.raises(DomainError, match="summary or a link"):
        services.record_annual_report(secretariat, asia_office, 2019, dt.date(2019, 3, 1), " ")


def test_a_bad_link_is_refused(secretariat, asia_office):
    with pytest.raises(DomainError, match="url"):
        services.record_annual_report(
            secretariat, asia_office, 2019, dt.date(2019, 3, 1), "Report.", "not a link"
        )
    assert not RegionalOfficeReport.objects.filter(office=asia_office).exists()


def test_no_report_before_an_office_opened(secretariat, wego):
    office = RegionalOffice.objects.get(network=wego, region__slug="latin-america")
    with pytest.raises(DomainError, match="opened on 2017-06-27"):
        services.record_annual_report(secretariat, office, 2016, dt.date(2016, 3, 1), "Early.")


def test_a_city_officer_may_not_record_a_report(seoul_officer, asia_office):
    with pytest.raises(PermissionDenied):
        services.record_annual_report(
            seoul_officer, asia_office, 2019, dt.date(2019, 3, 1), "Report."
        )


# --- Assessments on the network's criteria (seed 003, Agenda 1) ------------------------------


def test_the_committee_assesses_an_office_on_the_criteria(secretariat, asia_office):
    keys = list(
        AssessmentCriterion.objects.filter(network=asia_office.network).values_list(
            "key", flat=True
        )
    )
    assert "financial-stability" in keys

    assessment = services.record_assessment(
        secretariat,
        asia_office,
        2018,
        {"financial-stability": "Funded by the city until 2020.", "cooperation": "Good."},
        RegionalOfficeAssessment.Recommendation.CONTINUE,
        "Continue.",
    )

    assert assessment.findings == {
        "financial-stability": "Funded by the city until 2020.",
        "cooperation": "Good.",
    }
    assert assessment.recommendation == "continue"
    assert AuditEvent.objects.filter(verb="record_assessment", object_id=str(assessment.pk))


def test_a_finding_on_an_unknown_criterion_is_refused(secretariat, asia_office):
    with pytest.raises(
        DomainError, match=r"Unknown criteria: beauty; the criteria are annual-report"
    ):
        services.record_assessment(
            secretariat,
            asia_office,
            2018,
            {"beauty": "Lovely.", "cooperation": "Good."},
            "continue",
        )
    assert not RegionalOfficeAssessment.objects.filter(office=asia_office, year=2018).exists()


def test_a_finding_says_something(secretariat, asia_office):
    with pytest.raises(DomainError, match="Say what was found for: cooperation"):
        services.record_assessment(secretariat, asia_office, 2018, {"cooperation": " "}, "continue")
    with pytest.raises(DomainError, match="at least one criterion"):
        services.record_assessment(secretariat, asia_office, 2018, {}, "continue")


def test_the_recommendation_is_one_the_statute_knows(secretariat, asia_office):
    with pytest.raises(DomainError, match="one of continue, probation, dissolve"):
        services.record_assessment(
            secretariat, asia_office, 2018, {"cooperation": "Good."}, "promote"
        )


def test_one_assessment_a_year(secretariat, asia_office):
    # The seed records the 2017 assessment (003, Agenda 1).
    assert RegionalOfficeAssessment.objects.filter(office=asia_office, year=2017).exists()
    with pytest.raises(DomainError, match="already has its assessment for 2017"):
        services.record_assessment(
            secretariat, asia_office, 2017, {"cooperation": "Good."}, "continue"
        )


def test_a_city_officer_may_not_assess(seoul_officer, asia_office):
    with pytest.raises(PermissionDenied):
        services.record_assessment(
            seoul_officer, asia_office, 2018, {"cooperation": "Good."}, "continue"
        )
