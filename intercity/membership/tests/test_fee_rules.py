"""The fee rule of Statute 2017 Art. 8 and Annexes 1-3, at every band edge."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from intercity.membership.rules import FeeFacts, Waiver, quote_fee, schedule_from_table

TABLES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "seed_data/wego/fee_schedules.yaml").read_text()
)
SCHEDULES = [schedule_from_table("wego", t) for t in TABLES]
D = Decimal


def full(population, gdp, year=2018, **kw):
    facts = FeeFacts(
        category="full", year=year, population=population, gdp_per_capita={year - 2: D(gdp)}, **kw
    )
    return quote_fee(facts, SCHEDULES)


@pytest.mark.parametrize(
    ("population", "gdp", "amount"),
    [
        (299_999, 20_000, "6000.00"),
        (300_000, 20_000, "6500.00"),
        (599_999, 20_000, "6500.00"),
        (600_000, 20_000, "7000.00"),
        (999_999, 20_000, "7000.00"),
        (1_000_000, 20_000, "7500.00"),
        (1_999_999, 20_000, "7500.00"),
        (2_000_000, 20_000, "8000.00"),
        (3_999_999, 20_000, "8000.00"),
        (4_000_000, 20_000, "8500.00"),
        (6_999_999, 20_000, "8500.00"),
        (7_000_000, 20_000, "8500.00"),  # the statute's own 8,500 twice, kept as adopted
        (9_999_999, 20_000, "8500.00"),
        (10_000_000, 20_000, "10000.00"),
        (10_000_000, 19_999, "8000.00"),
        (10_000_000, 15_000, "8000.00"),
        (10_000_000, "14999.99", "7000.00"),
        (10_000_000, 10_000, "7000.00"),
        (10_000_000, 9_999, "5500.00"),
        (10_000_000, 8_000, "5500.00"),
        (10_000_000, 7_999, "5000.00"),
        (10_000_000, 6_000, "5000.00"),
        (10_000_000, 5_999, "3000.00"),
        (10_000_000, 4_000, "3000.00"),
        (10_000_000, 3_999, "2250.00"),
        (10_000_000, 2_000, "2250.00"),
        (10_000_000, 1_999, "800.00"),
        (10_000_000, 1_000, "800.00"),
        (10_000_000, 999, "700.00"),
        (299_999, 0, "400.00"),
        (1_030_000, "2500", "1250.00"),
    ],
)
def test_annex_1_full_member_fee_at_every_band_edge(population, gdp, amount):
    quote = full(population, gdp)
    assert quote.amount == D(amount), quote.explanation
    assert quote.schedule == "Statute 2017 Annex 1"


@pytest.mark.parametrize(
    ("gdp", "amount"),
    [
        (0, "1000.00"),
        (9_999, "1000.00"),
        (10_000, "3000.00"),
        (19_999, "3000.00"),
        (20_000, "5000.00"),
        (85_000, "5000.00"),
    ],
)
def test_annex_2_friendship_fee_by_gdp(gdp, amount):
    quote = quote_fee(
        FeeFacts(category="friendship", year=2018, gdp_per_capita={2016: D(gdp)}), SCHEDULES
    )
    assert quote.amount == D(amount)


@pytest.mark.parametrize(
    ("employees", "amount"),
    [
        (0, "2000.00"),
        (499, "2000.00"),
        (500, "4000.00"),
        (1_999, "4000.00"),
        (2_000, "8000.00"),
        (350_000, "8000.00"),
    ],
)
def test_annex_3_corporate_fee_by_employees(employees, amount):
    quote = quote_fee(FeeFacts(category="corporate", year=2018, employees=employees), SCHEDULES)
    assert quote.amount == D(amount)


def test_the_fee_for_year_y_uses_gdp_of_y_minus_2():
    facts = FeeFacts(
        category="full",
        year=2019,
        population=1_030_000,
        gdp_per_capita={2016: D(30_000), 2017: D(9_000), 2018: D(30_000)},
    )
    quote = quote_fee(facts, SCHEDULES)
    assert quote.amount == D("3500.00")
    assert quote.basis["gdp_year"] == "2017"
    assert "GDP per capita of 2017" in quote.explanation


def test_missing_gdp_for_y_minus_2_cannot_be_computed_and_is_not_zero():
    facts = FeeFacts(
        category="full", year=2019, population=1_030_000, gdp_per_capita={2018: D(30_000)}
    )
    quote = quote_fee(facts, SCHEDULES)
    assert quote.amount is None
    assert quote.missing == ("GDP per capita (PPP) for 2017",)
    assert "Cannot compute" in quote.explanation


def test_missing_population_and_employees_are_named():
    assert quote_fee(
        FeeFacts(category="full", year=2019, gdp_per_capita={2017: D(1)}), SCHEDULES
    ).missing == ("population",)
    assert quote_fee(FeeFacts(category="corporate", year=2019), SCHEDULES).missing == (
        "number of employees worldwide",
    )


def test_nothing_is_due_in_the_year_of_admission_and_the_next_year_pays():
    admitted = full(1_030_000, 30_000, year=2017, admitted_year=2017)
    assert admitted.amount == D("0.00")
    assert "fees start the following year (2018)" in admitted.waived
    assert full(1_030_000, 30_000, year=2018, admitted_year=2017).amount == D("7500.00")


def test_ga_host_pays_nothing_from_the_year_after_selection_to_the_end_of_the_ga_year():
    # Makati was selected on 2017-06-27 to host the 2020 General Assembly (Art. 10.6).
    waiver = Waiver(2018, 2020, "host of the 2020 General Assembly (Statute 2017 Art. 10.6)")
    assert full(580_000, 8_000, year=2017, waivers=(waiver,)).amount == D("2500.00")
    for year in (2018, 2019, 2020):
        quote = full(580_000, 8_000, year=year, waivers=(waiver,))
        assert quote.amount == D("0.00")
        assert "Art. 10.6" in quote.waived
    assert full(580_000, 8_000, year=2021, waivers=(waiver,)).amount == D("2500.00")


def test_no_schedule_before_the_annex_took_effect():
    quote = full(1_030_000, 30_000, year=2014)
    assert quote.amount is None
    assert quote.missing == ("fee schedule",)


def test_a_later_schedule_version_applies_from_its_year_and_older_years_keep_theirs():
    newer = dict(TABLES[0], version="Schedule 2021", effective_year=2021)
    newer["rows"] = [[*row[:3], [a * 2 for a in row[3]]] for row in TABLES[0]["rows"]]
    schedules = [*SCHEDULES, schedule_from_table("wego", newer)]

    def amount(year):
        facts = FeeFacts(
            category="full", year=year, population=1_030_000, gdp_per_capita={year - 2: D(30_000)}
        )
        return quote_fee(facts, schedules)

    assert amount(2020).amount == D("7500.00")
    assert amount(2021).amount == D("15000.00")
    assert amount(2021).schedule == "Schedule 2021"


def test_a_quote_explains_itself():
    quote = full(1_030_000, "9500.5")
    assert quote.band == "GDP per capita 8,000-9,999, population 1,000,000-1,999,999"
    assert quote.basis == {"gdp_per_capita": "9500.5", "gdp_year": "2016", "population": "1030000"}
    assert "Annex 1" in quote.explanation
    assert "3,500.00" in quote.explanation


populations = st.integers(min_value=0, max_value=40_000_000)
gdps = st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False)


@given(populations, populations, gdps, gdps)
def test_the_full_fee_never_decreases_when_population_or_gdp_grows(p1, p2, g1, g2):
    low, high = full(min(p1, p2), min(g1, g2)), full(max(p1, p2), max(g1, g2))
    assert low.amount <= high.amount


@given(gdps, gdps)
def test_the_friendship_fee_never_decreases_when_gdp_grows(g1, g2):
    def fee(g):
        return quote_fee(
            FeeFacts(category="friendship", year=2018, gdp_per_capita={2016: g}), SCHEDULES
        ).amount

    assert fee(min(g1, g2)) <= fee(max(g1, g2))


@given(st.integers(0, 1_000_000), st.integers(0, 1_000_000))
def test_the_corporate_fee_never_decreases_when_staff_grows(e1, e2):
    def fee(e):
        return quote_fee(FeeFacts(category="corporate", year=2018, employees=e), SCHEDULES).amount

    assert fee(min(e1, e2)) <= fee(max(e1, e2))


@pytest.mark.parametrize(
    ("due", "today", "bucket"),
    [
        ("2018-12-31", "2018-12-31", None),
        ("2018-12-31", "2019-01-01", "0-1 years"),
        ("2018-12-31", "2019-12-31", "0-1 years"),
        ("2018-12-31", "2020-01-01", "1-2 years"),
        ("2018-12-31", "2020-12-30", "1-2 years"),
        ("2018-12-31", "2020-12-31", "2+ years"),
    ],
)
def test_arrears_age_from_the_due_date(due, today, bucket):
    import datetime as dt

    from intercity.membership.rules import age_bucket

    assert age_bucket(dt.date.fromisoformat(due), dt.date.fromisoformat(today)) == bucket


def test_a_krw_payment_is_credited_in_usd_to_the_cent():
    from intercity.membership.rules import applied_amount

    assert applied_amount(D("3300000"), D("1100")) == D("3000.00")
    assert applied_amount(D("1000"), D("1100")) == D("0.91")
    assert applied_amount(D("5"), D("1")) == D("5.00")
    with pytest.raises(ValueError, match="positive"):
        applied_amount(D("0"), D("1"))
