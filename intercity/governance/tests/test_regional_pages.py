"""The regional offices page of WeGO as people use it: anyone reads the offices, their terms,
reports and assessments and the bids; Sam of the Secretariat records bids, annual reports
and assessments there and puts competing bids to the Executive Committee; Seo-yeon of Seoul
may read but not record."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from intercity.governance import services
from intercity.governance.models import (
    AssessmentCriterion,
    Decision,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
)
from intercity.governance.regional_records import office_term, report_deadlines
from intercity.network.models import RegionalOffice
from intercity.network.tests.factories import OrganisationFactory, join

pytestmark = pytest.mark.django_db

PAGE = reverse("governance_regional_offices", args=["wego"])


@pytest.fixture
def latin_america(wego):
    """Mexico City's office, approved by the Executive Committee on 27 June 2017."""
    return RegionalOffice.objects.get(network=wego, region__slug="latin-america")


@pytest.fixture
def asia(wego):
    return RegionalOffice.objects.get(network=wego, region__slug="asia")


@pytest.fixture
def lagos(wego):
    """Lagos, a member city of WeGO in Africa since 2016."""
    city = OrganisationFactory(key="lagos-page-test", name="Lagos", country="NG")
    join(wego, city, dt.date(2016, 1, 1), region="africa")
    return city


def url(name):
    return reverse(name, args=["wego"])


def text(response):
    return response.content.decode()


def part(html, element_id, end="</tr>"):
    """The element with this id, up to the end of its table row (or `end`)."""
    match = re.search(rf'id="{re.escape(element_id)}".*?{re.escape(end)}', html, re.S)
    assert match, element_id
    return match.group(0)


def office_card(html, office):
    start = html.index(f'id="office-{office.pk}"')
    return html[start : html.index("</section>", start)]


# --- Everyone reads --------------------------------------------------------------------------


def test_anyone_reads_the_offices_their_terms_and_hosts(client, latin_america, asia):
    html = text(client.get(PAGE))

    office = office_card(html, latin_america)
    assert "WeGO Latin America Regional Office" in office
    assert reverse("organisation", args=[latin_america.host_id]) in office
    assert "Mexico City" in office
    # Approved on 27 June 2017; the 2017 Statute's five-year term ends five years on.
    assert "27 June 2017" in office
    assert "<strong>27 June 2022</strong>" in office
    assert "5-year term (Statute 2017, Art. 13.6(a))" in office
    # Chengdu's start is not on record, so its rebid date is not invented.
    chengdu = office_card(html, asia)
    assert "Start not on record" in chengdu
    assert "No start date on record, so the end of its term cannot be counted" in chengdu
    assert "Wu Ying" in chengdu


def test_the_approved_bid_of_mexico_city_shows_with_its_source(client, wego):
    bid = RegionalOfficeBid.objects.get(network=wego, organisation__name="Mexico City")
    row = part(text(client.get(PAGE)), f"bid-{bid.pk}", "</li>")
    assert "Mexico City" in row
    assert "Approved" in row
    assert "Tabled on 27 Jun 2017 at" in row
    assert "2017 WeGO Executive Committee Meeting" in row
    # The seed citation is not in the main text but in the section's "Sources" disclosure.
    assert "003, Agenda 2" not in row
    sources = part(text(client.get(PAGE)), f"bid-{bid.pk}", "</details>")
    assert "Mexico City: 003, Agenda 2 (1); 002, Annex 1, Agenda 2" in sources
    chengdu = RegionalOfficeBid.objects.get(network=wego, organisation__name="Chengdu")
    assert "Outcome not recorded" in part(text(client.get(PAGE)), f"bid-{chengdu.pk}", "</li>")


def test_chengdus_2017_assessment_shows_a_finding_per_criterion(client, asia):
    assessment = RegionalOfficeAssessment.objects.get(office=asia, year=2017)
    table = part(text(client.get(PAGE)), f"assessment-{assessment.pk}", "</table>")
    assert "Continue" in table
    assert "003, Agenda 1" not in table
    sources = part(text(client.get(PAGE)), f"assessment-{assessment.pk}", "</details>")
    assert (
        escape("Assessment 2017: 003, Agenda 1 (Secretariat Recommendations; Report A)") in sources
    )
    for criterion in AssessmentCriterion.objects.filter(network=asia.network):
        assert escape(criterion.name) in table
        assert escape(assessment.findings[criterion.key]) in table
    assert "All required sections of the annual report were submitted." in table
    earlier = RegionalOfficeAssessment.objects.get(office=asia, year=2016)
    assert "No finding per criterion on record." in part(
        text(client.get(PAGE)), f"assessment-{earlier.pk}", "</div>"
    )


def test_the_criteria_are_listed_with_their_descriptions(client, wego):
    html = text(client.get(PAGE))
    criteria = list(AssessmentCriterion.objects.filter(network=wego))
    assert len(criteria) == 8
    for criterion in criteria:
        assert f'id="criterion-{criterion.key}"' in html
        assert escape(criterion.description) in html


def test_a_visitor_sees_no_staff_form(client):
    html = text(client.get(PAGE))
    for staff_only in ("Submit a bid", "Record an annual report", "Record an assessment"):
        assert staff_only not in html


def test_ascn_has_no_office_and_an_unknown_network_is_a_404(client):
    html = text(client.get(reverse("governance_regional_offices", args=["ascn"])))
    assert "ASCN has no regional offices" in html
    assert "Assessment criteria" not in html
    assert client.get(reverse("governance_regional_offices", args=["nowhere"])).status_code == 404


def test_the_page_costs_the_same_queries_with_more_reports(
    client, secretariat, latin_america, asia, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as before:
        assert client.get(PAGE).status_code == 200
    services.record_annual_report(secretariat, latin_america, 2017, dt.date(2017, 5, 1), "Ok.")
    services.record_annual_report(secretariat, asia, 2016, dt.date(2016, 5, 1), "Ok.")
    services.record_annual_report(secretariat, asia, 2017, dt.date(2017, 5, 1), "Ok.")
    with django_assert_max_num_queries(10) as after:
        assert client.get(PAGE).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_staff_page_costs_a_fixed_number_of_queries(
    client, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    with django_assert_max_num_queries(16):
        assert client.get(PAGE).status_code == 200


# --- Annual reports ---------------------------------------------------------------------------


def test_sam_records_a_late_report_and_is_warned(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_report"),
        {
            "office": latin_america.pk,
            "year": 2017,
            "submitted_on": "2017-06-01",
            "summary": "First months of the Latin America office.",
            "url": "https://example.org/report-2017.pdf",
        },
        follow=True,
    )

    html = text(response)
    report = RegionalOfficeReport.objects.get(office=latin_america, year=2017)
    assert response.redirect_chain[-1][0].endswith(f"#report-{report.pk}")
    assert "The 2017 annual report of WeGO Latin America Regional Office is recorded." in html
    # EXCOM 2017 met on 27 June 2017, under the text that asked for one month (Art. 13.7).
    assert "The statute warns: Submitted on 2017-06-01, after the deadline of 2017-05-27" in html
    row = part(html, f"report-{report.pk}", "</tbody>")
    assert "27 May 2017" in row
    assert "Late by 5 days (Art. 13.7)" in row
    assert "https://example.org/report-2017.pdf" in row


def test_a_report_on_time_carries_no_warning(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_report"),
        {"office": latin_america.pk, "year": 2017, "submitted_on": "2017-05-20", "summary": "Ok."},
        follow=True,
    )
    html = text(response)
    assert "The statute warns" not in html
    report = RegionalOfficeReport.objects.get(office=latin_america, year=2017)
    assert "On time" in part(html, f"report-{report.pk}", "</tbody>")


def test_a_report_with_neither_summary_nor_link_is_refused(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_report"),
        {"office": latin_america.pk, "year": 2017, "submitted_on": "2017-05-20"},
    )
    assert response.status_code == 400
    html = text(response)
    assert "Nothing was saved." in html
    assert escape("Give the report's summary or a link to it.") in html
    assert '<details class="staff" id="form-report" open>' in html
    assert not RegionalOfficeReport.objects.filter(office=latin_america).exists()


def test_a_report_before_the_office_opened_is_refused(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_report"),
        {"office": latin_america.pk, "year": 2015, "submitted_on": "2015-05-20", "summary": "x"},
    )
    assert response.status_code == 400
    assert "opened on 2017-06-27; it has no report for 2015" in text(response)
    assert not RegionalOfficeReport.objects.exists()


# --- Assessments ------------------------------------------------------------------------------


def test_sam_records_an_assessment_on_the_networks_criteria(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_assessment"),
        {
            "office": latin_america.pk,
            "year": 2018,
            "finding_annual-report": "All sections submitted.",
            "finding_financial-stability": "Funded by the host city.",
            "finding_cooperation": "   ",
            "recommendation": "probation",
            "note": "To be reviewed next year.",
        },
        follow=True,
    )

    assessment = RegionalOfficeAssessment.objects.get(office=latin_america, year=2018)
    assert assessment.findings == {
        "annual-report": "All sections submitted.",
        "financial-stability": "Funded by the host city.",
    }
    assert assessment.recommendation == "probation"
    html = text(response)
    assert "is recorded: continue under review." in html
    table = part(html, f"assessment-{assessment.pk}", "</table>")
    assert "Continue under review" in table
    assert "Funded by the host city." in table


def test_an_assessment_without_findings_saves_nothing(client, secretariat, latin_america):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_assessment"),
        {
            "office": latin_america.pk,
            "year": 2018,
            "finding_annual-report": "  ",
            # Not a criterion of WeGO: the form has no such field, so it counts for nothing.
            "finding_made-up": "A finding on a criterion nobody adopted.",
            "recommendation": "continue",
        },
    )

    assert response.status_code == 400
    html = text(response)
    assert "Nothing was saved." in html
    assert "Write the finding for at least one criterion" in html
    assert 'name="finding_annual-report"' in html
    assert "finding_made-up" not in html
    assert not RegionalOfficeAssessment.objects.filter(office=latin_america).exists()


def test_an_assessment_needs_a_known_recommendation_and_office(
    client, secretariat, latin_america, wego
):
    client.force_login(secretariat)
    findings = {"finding_annual-report": "Submitted.", "year": 2018}
    bad = [
        {**findings, "office": latin_america.pk, "recommendation": "promote"},
        {**findings, "office": 999_999, "recommendation": "continue"},
    ]
    for data in bad:
        response = client.post(url("governance_regional_assessment"), data)
        assert response.status_code == 400
        assert "Select a valid choice." in text(response)
    assert not RegionalOfficeAssessment.objects.filter(office__network=wego, year=2018).exists()


def test_a_second_assessment_for_a_year_is_refused(client, secretariat, asia):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_assessment"),
        {
            "office": asia.pk,
            "year": 2017,
            "finding_annual-report": "Again.",
            "recommendation": "continue",
        },
    )
    assert response.status_code == 400
    assert "already has its assessment for 2017 on record" in text(response)
    assert (
        RegionalOfficeAssessment.objects.get(office=asia, year=2017)
        .findings["annual-report"]
        .startswith("All required sections")
    )


# --- Bids and the vote ------------------------------------------------------------------------


def test_sam_records_a_bid_and_is_shown_where_to_put_it_to_the_vote(
    client, secretariat, wego, lagos
):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_bid"),
        {"region": "africa", "organisation": lagos.pk, "submitted_on": "2018-03-01"},
        follow=True,
    )

    bid = RegionalOfficeBid.objects.get(network=wego, organisation=lagos)
    assert (bid.region.slug, bid.status, bid.submitted_on) == (
        "africa",
        "submitted",
        dt.date(2018, 3, 1),
    )
    html = text(response)
    assert "Lagos bids to host the regional office for Africa." in html
    row = part(html, f"bid-{bid.pk}", "</li>")
    assert "submitted 1 Mar 2018" in row
    assert "Not yet tabled" in row
    hint = html[html.index('id="vote-hint"') :]
    assert "Bids await a decision for: Africa." in hint
    # Every seeded meeting is closed: the hint says to plan one.
    assert reverse("governance_meeting_new", args=["wego"]) in hint


def test_a_bid_from_a_city_that_is_not_a_member_is_refused(client, secretariat, wego):
    outsider = OrganisationFactory(key="outsider-page-test", name="Outsider City", country="FR")
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_bid"),
        {"region": "africa", "organisation": outsider.pk, "submitted_on": "2018-03-01"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert not RegionalOfficeBid.objects.filter(organisation=outsider).exists()


def test_a_bid_before_the_city_joined_is_refused(client, secretariat, wego, lagos):
    client.force_login(secretariat)
    response = client.post(
        url("governance_regional_bid"),
        {"region": "africa", "organisation": lagos.pk, "submitted_on": "2015-03-01"},
    )
    assert response.status_code == 400
    assert "Lagos is not a member of WeGO on 2015-03-01" in text(response)
    assert not RegionalOfficeBid.objects.filter(organisation=lagos).exists()


def test_sam_puts_the_bids_for_a_region_to_an_open_meeting(client, secretariat, wego, lagos):
    accra = OrganisationFactory(key="accra-page-test", name="Accra", country="GH")
    join(wego, accra, dt.date(2016, 1, 1), region="africa")
    africa = wego.regions.get(slug="africa")
    for city in (lagos, accra):
        services.submit_regional_office_bid(secretariat, wego, africa, city, dt.date(2018, 3, 1))
    meeting = services.create_meeting(
        secretariat, wego, "executive-committee", title="EXCOM 2018", date=dt.date(2018, 6, 20)
    )
    item = services.add_agenda_item(secretariat, meeting, number="2", title="Regional offices")
    client.force_login(secretariat)

    html = text(client.get(PAGE))
    hint = html[html.index('id="vote-hint"') :]
    assert reverse("governance_meeting", args=["wego", meeting.key]) in hint
    assert "EXCOM 2018: 2. Regional offices" in hint

    response = client.post(
        url("governance_regional_election"), {"region": "africa", "item": item.pk}
    )

    decision = Decision.objects.get(meeting=meeting, office="regional-office")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("governance_meeting", args=["wego", meeting.key]) + f"#decision-{decision.pk}"
    )
    assert {c.organisation.name for c in decision.candidates.all()} == {"Lagos", "Accra"}
    assert set(
        RegionalOfficeBid.objects.filter(region=africa).values_list("decision", flat=True)
    ) == {decision.pk}


# --- Who may record ---------------------------------------------------------------------------


def test_a_city_officer_reads_but_may_not_record(client, seoul_officer, latin_america, lagos):
    client.force_login(seoul_officer)
    html = text(client.get(PAGE))
    assert "Record an annual report" not in html
    posts = [
        (url("governance_regional_bid"), {"region": "africa", "organisation": lagos.pk}),
        (
            url("governance_regional_report"),
            {"office": latin_america.pk, "year": 2017, "submitted_on": "2017-05-01"},
        ),
        (
            url("governance_regional_assessment"),
            {"office": latin_america.pk, "year": 2018, "finding_annual-report": "x"},
        ),
        (url("governance_regional_election"), {"region": "africa", "item": 1}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
    assert not RegionalOfficeReport.objects.exists()
    assert not RegionalOfficeBid.objects.filter(organisation=lagos).exists()


def test_a_visitor_is_sent_to_log_in(client, latin_america):
    response = client.post(
        url("governance_regional_report"),
        {"office": latin_america.pk, "year": 2017, "submitted_on": "2017-05-01", "summary": "x"},
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not RegionalOfficeReport.objects.exists()


# --- The read model: terms and deadlines ------------------------------------------------------


def test_report_deadlines_agree_with_the_service(wego):
    meetings = list(Meeting.objects.filter(network=wego).select_related("body"))
    statutes = services.statute_rows(wego)
    years = set(range(2012, 2020))
    found = report_deadlines(meetings, statutes, years)
    for office in RegionalOffice.objects.filter(network=wego):
        for year in years:
            expected = services.annual_report_deadline(office, year)
            assert found[year] == expected, (office, year)
    assert found[2017] is not None
    assert found[2017].due == dt.date(2017, 5, 27)


def test_an_office_term_counts_from_its_start_by_the_statute(wego, latin_america):
    statutes = list(StatuteVersion.objects.filter(network=wego).order_by("effective_from"))
    later = RegionalOffice(
        network=wego,
        region=latin_america.region,
        host=latin_america.host,
        term_start=dt.date(2018, 6, 20),
    )
    term = office_term(later, statutes)
    assert (term.years, term.rebid_due, term.article) == (5, dt.date(2023, 6, 20), "Art. 13.6(a)")
    assert "came with" not in term.words

    closed = RegionalOffice(
        network=wego,
        region=latin_america.region,
        host=latin_america.host,
        term_start=dt.date(2018, 6, 20),
        term_end=dt.date(2019, 6, 1),
    )
    term = office_term(closed, statutes)
    assert term.rebid_due is None
    assert "closed on 1 June 2019, before the end of its term" in term.words
