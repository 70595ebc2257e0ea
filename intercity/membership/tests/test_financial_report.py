"""The WeGO financial report: seed 003's tables, the five-year projection and the exports,
as the Secretariat sees them."""

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.membership import reports, seed
from intercity.membership.rules import project_collection
from intercity.membership.tests.factories import PaymentFactory
from intercity.network.models import Network
from intercity.network.tests.factories import OrganisationFactory

D = Decimal

# 003, Agenda 4, "WeGO Membership Fees Collected To Date": year -> (USD, 1000 KRW).
SEED_003_COLLECTIONS = {
    2012: (D("118769"), D("130646")),
    2013: (D("125924"), D("138516")),
    2014: (D("122747"), D("135021")),
    2015: (D("132806"), D("146087")),
    2016: (D("127348"), D("140083")),
    2017: (D("55386"), D("60925")),
}


@pytest.fixture
def report(wego):
    return reports.financial_report(wego)


@pytest.fixture
def staff_client(client, secretariat):
    client.force_login(secretariat)
    return client


# --- What the report holds ---------------------------------------------------------------


def test_the_report_reproduces_seed_003s_collection_table(report):
    reported = {
        row.year: (row.reported_usd, row.reported_krw_thousands)
        for row in report.collections
        if row.reported
    }
    assert reported == SEED_003_COLLECTIONS
    assert [row.status for row in report.collections if row.reported] == [
        *["complete"] * 5,
        "in progress",
    ]
    assert report.collected_usd == D("682980")  # "Collected to Date 682,980 USD (actual)"
    assert report.collected_krw_thousands == D("751278")


def test_the_projection_for_2018_is_the_exact_average_of_2012_to_2016(report):
    projection = report.projection_usd
    assert projection.year == 2018
    assert projection.years == (2012, 2013, 2014, 2015, 2016)
    assert projection.total == D("627594")
    assert projection.divisor == 5
    assert projection.amount == D("125518.80")
    assert report.projection_krw_thousands.amount == D("138070.60")
    assert "(118,769.00 + 125,924.00 + 122,747.00 + 132,806.00 + 127,348.00) / 5" in (
        projection.arithmetic
    )


def test_the_handbooks_printed_125000_is_kept_beside_the_exact_figure(report):
    printed = report.printed_projection
    assert (printed.year, printed.amount_usd, printed.amount_krw_thousands) == (
        2018,
        D("125000"),
        D("137500"),
    )
    assert "2012 ~ 2016" in printed.basis
    assert printed.source.startswith("003, Agenda 4")
    assert report.difference_from_printed_usd == D("518.80")


def test_the_2017_year_in_progress_is_left_out_of_the_average(report):
    assert report.projection_usd.skipped == (2017,)
    assert 2017 not in report.projection_usd.years
    assert "2017" in report.projection_usd.explanation


def test_savings_for_2016_are_approved_minus_actual(report):
    year_2016 = report.expenditures[0]
    assert year_2016.year == 2016
    assert year_2016.approved_krw_thousands == D("123000")
    assert year_2016.actual_krw_thousands == D("95033")
    assert year_2016.savings_krw_thousands == D("27967")
    assert year_2016.savings_usd_estimated == D("25425")
    assert [line.savings_krw_thousands for line in year_2016.lines] == [D("25301"), D("2666")]


def test_a_year_in_progress_has_no_savings_yet_only_what_is_unspent(report):
    _, year_2017, year_2018 = report.expenditures
    assert year_2017.status == "in progress"
    assert year_2017.as_of == dt.date(2017, 5, 31)
    assert year_2017.savings_krw_thousands is None
    assert year_2017.unspent_krw_thousands == D("59091")
    assert year_2017.unspent_usd_estimated == D("53719")
    assert year_2018.status == "approved, nothing spent yet"
    assert year_2018.approved_usd_estimated == D("99091")  # approved by the EXCOM, 002


def test_contributions_of_the_president_city_are_not_counted_as_revenue(report):
    assert [(c.year, c.krw_thousands) for c in report.contributions] == [
        (2014, D("472478")),
        (2015, D("636311")),
        (2016, D("774736")),
        (2017, D("1123987")),
    ]
    assert report.contributions[-1].budget
    assert report.contributions_krw_thousands == D("3007512")
    # Fees collected and the projection are the same with or without the contributions.
    assert report.collected_usd == sum(usd for usd, _ in SEED_003_COLLECTIONS.values())
    assert report.projection_usd.total == D("627594")


def test_payments_recorded_here_are_shown_beside_the_reported_figures(report):
    # Seed 001 lists the 2012/2013 payers; its sums are not 003's "fees collected".
    recorded = {row.year: row.recorded for row in report.collections if row.recorded}
    assert recorded[2012] == {"USD": D("105268.75"), "EUR": D("2784.00")}
    assert recorded[2013] == {"USD": D("84863.89"), "EUR": D("3905.50")}
    by_year = {row.year: row for row in report.collections}
    assert by_year[2012].payers == 20
    assert by_year[2013].payers == 18
    assert by_year[2012].reported_usd == D("118769")


def test_handbook_totals_that_do_not_follow_from_their_rows_are_flagged(report):
    checks = {check.label: check for check in report.checks}
    assert checks["Fees collected to date (USD)"].agrees
    assert checks["Fees used to date (1000 KRW)"].agrees
    assert checks["Fees collected less fees used (1000 KRW)"].computed == D("606336")
    assert checks["Savings for future use 2016 (1000 KRW)"].agrees
    contributions_usd = checks["President City contributions 2014-2017 (USD, estimated)"]
    assert (contributions_usd.printed, contributions_usd.computed) == (D("2741707"), D("2734101"))
    savings_2018 = checks["Projected savings 2018 (1000 KRW)"]
    assert (savings_2018.printed, savings_2018.computed) == (D("27500"), D("28500"))
    disagreeing = {label for label, check in checks.items() if not check.agrees}
    assert disagreeing == {
        "President City contributions 2014-2017 (USD, estimated)",
        "Projected savings 2018 (1000 KRW)",
        "Projected savings 2018 (USD)",
    }


def test_seeding_the_figures_again_creates_nothing(wego):
    assert seed.load_finance(wego) == Counter()  # zero counts compare equal to none


def test_a_network_without_figures_has_an_empty_report(db):
    report = reports.financial_report(Network.objects.get(slug="ascn"))
    assert not report.has_figures
    assert report.projection_usd is None


# --- The page ----------------------------------------------------------------------------


def test_the_secretariat_sees_the_collection_table_and_the_projection(staff_client):
    response = staff_client.get(reverse("financial_report", args=["wego"]))
    assert response.status_code == 200
    page = response.content.decode()
    for usd, krw in SEED_003_COLLECTIONS.values():
        assert f"{usd:,}" in page
        assert f"{krw:,}" in page
    assert "in progress" in page
    assert "125,518.80" in page
    assert "627,594 / 5" in page or "627,594.00 / 5" in page
    assert "125,000.00 USD" in page
    assert "five years collection average from (2012 ~ 2016)" in page
    assert "27,967" in page
    assert "not revenue (Statute 2017 Art. 14.2)" in page
    assert reverse("financial_report_csv", args=["wego"]) in page
    assert reverse("financial_report_xlsx", args=["wego"]) in page


def test_a_network_without_figures_says_so(staff_client):
    page = staff_client.get(reverse("financial_report", args=["ascn"])).content.decode()
    assert "No financial figures are recorded" in page


@pytest.mark.parametrize(
    "name", ["financial_report", "financial_report_csv", "financial_report_xlsx"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(reverse(name, args=["wego"]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "name", ["financial_report", "financial_report_csv", "financial_report_xlsx"]
)
def test_a_city_officer_may_not_see_the_report(client, seoul_officer, name):
    client.force_login(seoul_officer)
    assert client.get(reverse(name, args=["wego"])).status_code == 403


def test_an_unknown_network_has_no_report(staff_client):
    assert staff_client.get(reverse("financial_report", args=["atlantis"])).status_code == 404


def test_the_page_costs_the_same_queries_however_many_payments(
    staff_client, wego, django_assert_num_queries, django_assert_max_num_queries
):
    url = reverse("financial_report", args=["wego"])
    staff_client.get(url)  # the session and the roles are warm from here on
    with django_assert_max_num_queries(10) as before:
        staff_client.get(url)
    for n, city in enumerate(OrganisationFactory.create_batch(40)):
        PaymentFactory(
            invoice__network=wego,
            invoice__organisation=city,
            invoice__year=2018 + n % 2,
            invoice__issued_on=dt.date(2018, 1, 1),
            received_on=dt.date(2018, 2, 1),
        )
    with django_assert_num_queries(len(before.captured_queries)):
        response = staff_client.get(url)
    assert "20,000" in response.content.decode()  # 20 invoices of 1,000 USD in each year


# --- The exports -------------------------------------------------------------------------


def test_the_csv_parses_back_with_seed_003s_numbers(staff_client):
    response = staff_client.get(reverse("financial_report_csv", args=["wego"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    start = rows.index(["Collections"])
    header = rows[start + 1]
    assert header[:3] == ["Year", "Reported (USD)", "Reported (1000 KRW, estimated)"]
    collections = {int(row[0]): row for row in rows[start + 2 : start + 8]}
    for year, (usd, krw) in SEED_003_COLLECTIONS.items():
        assert D(collections[year][1]) == usd
        assert D(collections[year][2]) == krw
    assert collections[2017][3] == "in progress"
    projection = {row[0]: row for row in rows if row and row[0].startswith("Projected")}
    assert D(projection["Projected collection 2018 (exact average)"][1]) == D("125518.80")
    assert D(projection["Projected collection 2018 as printed in the handbook"][1]) == 125000
    expenditures = [row for row in rows if row[:2] == ["2016", "Total"]]
    assert D(expenditures[0][8]) == D("27967")


def test_the_xlsx_opens_with_numbers_as_numbers(staff_client):
    response = staff_client.get(reverse("financial_report_xlsx", args=["wego"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Collections",
        "Projection",
        "Contributions",
        "Expenditures",
        "Handbook checks",
    ]
    sheet = workbook["Collections"]
    assert [cell.value for cell in sheet[1]][:2] == ["Year", "Reported (USD)"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    for year, (usd, krw) in SEED_003_COLLECTIONS.items():
        assert rows[year][1].data_type == "n"
        assert D(str(rows[year][1].value)) == usd
        assert D(str(rows[year][2].value)) == krw
        assert rows[year][1].number_format == "#,##0.00"
    projection = {row[0].value: row for row in workbook["Projection"].iter_rows(min_row=2)}
    exact = projection["Projected collection 2018 (exact average)"][1]
    assert exact.data_type == "n"
    assert D(str(exact.value)) == D("125518.8")
    assert projection["Projected collection 2018 as printed in the handbook"][1].value == 125000
    notes = [row[0].value for row in workbook["Projection"].iter_rows() if row[0].value]
    assert any("627,594.00 / 5 = 125,518.80" in str(note) for note in notes)
    expenditures = workbook["Expenditures"]
    total_2016 = next(r for r in expenditures.iter_rows(min_row=2) if r[1].value == "Total")
    assert D(str(total_2016[8].value)) == D("27967")
    contributions = [r[2].value for r in workbook["Contributions"].iter_rows(min_row=2, max_row=5)]
    assert contributions == [472478, 636311, 774736, 1123987]


# --- The projection rule, alone ----------------------------------------------------------


def _years(*rows):
    return [(year, D(amount), complete) for year, amount, complete in rows]


def test_fewer_than_five_complete_years_cannot_be_projected():
    projection = project_collection(
        _years((2013, "10", True), (2014, "20", True), (2015, "30", True), (2016, "5", False)),
        2017,
    )
    assert not projection.possible
    assert projection.amount is None
    assert projection.explanation.startswith("Cannot project 2017: only 3 complete years")
    assert projection.skipped == (2016,)


def test_no_complete_year_at_all_says_so():
    projection = project_collection([], 2018)
    assert projection.explanation == "Cannot project 2018: only 0 complete years before it; " + (
        "the average needs 5."
    )


def test_an_in_progress_year_is_skipped_and_an_older_year_taken_instead():
    rows = _years(
        (2011, "100", True),
        (2012, "100", True),
        (2013, "100", True),
        (2014, "100", True),
        (2015, "100", True),
        (2016, "1", False),
    )
    projection = project_collection(rows, 2017)
    assert projection.years == (2011, 2012, 2013, 2014, 2015)
    assert projection.amount == D("100")


def test_only_the_last_five_complete_years_before_the_year_count():
    rows = _years(*((year, str(year - 2000), True) for year in range(2005, 2020)))
    projection = project_collection(rows, 2015)
    assert projection.years == (2010, 2011, 2012, 2013, 2014)
    assert projection.amount == D("12")


def test_a_year_given_twice_is_refused():
    with pytest.raises(ValueError, match="only once"):
        project_collection(_years((2015, "1", True), (2015, "2", True)), 2016)


def test_an_average_finer_than_a_cent_is_kept_exact():
    rows = _years(*((year, "0.00", True) for year in range(2010, 2014)), (2014, "0.01", True))
    assert project_collection(rows, 2015).amount == D("0.002")


@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=5, max_size=12))
def test_the_average_times_five_gives_back_the_sum_exactly(amounts):
    rows = [(2000 + i, amount, True) for i, amount in enumerate(amounts)]
    projection = project_collection(rows, 2000 + len(amounts))
    assert projection.amount * 5 == sum(amounts[-5:])
    assert min(amounts[-5:]) <= projection.amount <= max(amounts[-5:])


# --- In the browser ----------------------------------------------------------------------


@pytest.mark.browser
def test_the_secretariat_reads_the_report_in_a_browser(page):
    person("sam", Role.SECRETARIAT)
    log_in(page, "sam")
    page.goto("/networks/wego/finance/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Financial report")
    table = page.get_by_role("table", name="Fees collected per fee year")
    expect(table).to_contain_text("118,769")
    expect(table).to_contain_text("in progress")
    expect(page.locator("#projection ~ .cards")).to_contain_text("125,518.80 USD")
    expect(page.locator("#projection ~ .cards")).to_contain_text("125,000.00 USD")
    assert axe_violations(page) == []


@pytest.mark.browser
def test_the_report_fits_a_phone_and_passes_axe(phone):
    person("sam", Role.SECRETARIAT)
    log_in(phone, "sam")
    phone.goto("/networks/wego/finance/")
    expect(phone.get_by_role("table", name="Fees collected per fee year")).to_be_visible()
    assert axe_violations(phone) == []
    overflow = horizontal_overflow(phone)
    assert overflow <= 0, f"the report scrolls sideways on a phone by {overflow}px"
