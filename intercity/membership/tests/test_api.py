import datetime as dt
from decimal import Decimal

import pytest

from intercity.membership import services
from intercity.membership.models import Figure
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db
QUOTE = "/api/v1/networks/wego/fees/quote"


def test_quote_by_category_and_figures(client):
    response = client.get(
        QUOTE,
        {"category": "full", "year": 2018, "population": 1_030_000, "gdp_per_capita": "36000"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["amount"] == "7500.00"
    assert body["currency"] == "USD"
    assert body["schedule"] == "Statute 2017 Annex 1"
    assert body["band"] == "GDP per capita 20,000 and over, population 1,000,000-1,999,999"
    assert body["basis"]["gdp_year"] == "2016"
    assert body["waived"] is None


def test_quote_for_corporate_and_friendship(client):
    assert (
        client.get(QUOTE, {"category": "corporate", "year": 2018, "employees": 500}).json()[
            "amount"
        ]
        == "4000.00"
    )
    assert (
        client.get(
            QUOTE, {"category": "friendship", "year": 2018, "gdp_per_capita": "19999"}
        ).json()["amount"]
        == "3000.00"
    )


def test_quote_for_a_member_uses_its_record(client):
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2017, value=Decimal("9000"), source="t"
    )
    body = client.get(QUOTE, {"organisation": goyang.pk, "year": 2019}).json()
    assert body["amount"] == "3500.00"
    assert body["basis"]["population"] == "1030000"
    assert body["basis"]["population_year"] == "2016"


def test_quote_for_the_ga_host_says_why_it_is_zero(client):
    makati = Organisation.objects.get(key="makati")
    body = client.get(QUOTE, {"organisation": makati.pk, "year": 2019}).json()
    assert body["amount"] == "0.00"
    assert "Art. 10.6" in body["waived"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        (
            {"category": "full", "year": 2018, "population": 5},
            "missing GDP per capita (PPP) for 2016",
        ),
        ({"category": "corporate", "year": 2018}, "number of employees"),
        ({"year": 2018}, "either organisation or category"),
        ({"category": "platinum", "year": 2018}, "Unknown category 'platinum'"),
        (
            {"category": "full", "year": 2014, "population": 5, "gdp_per_capita": "5"},
            "No fee schedule",
        ),
        ({"category": "full"}, "year"),
        ({"category": "full", "year": 2018, "population": -1}, "population"),
    ],
)
def test_quote_problems_are_422_naming_them(client, params, names):
    response = client.get(QUOTE, params)
    assert response.status_code == 422
    assert names.lower() in str(response.json()["detail"]).lower()


def test_staff_endpoints_need_a_login_and_the_secretariat(client, seoul_officer, secretariat):
    url = "/api/v1/networks/wego/balances"
    assert client.get(url).status_code == 401
    client.force_login(seoul_officer)
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    body = client.get(url).json()
    seoul = next(i for i in body["items"] if i["organisation"]["name"] == "Seoul")
    assert seoul == {
        "organisation": seoul["organisation"],
        "invoiced": "20000.00",
        "paid": "20000.00",
        "credited": "0.00",
        "balance": "0.00",
    }


def test_invoices_and_arrears_for_staff(client, secretariat):
    wego = Network.objects.get(slug="wego")
    goyang = Organisation.objects.get(name="Goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2016, value=Decimal("36000"), source="t"
    )
    (invoice,) = services.run_invoicing(secretariat, wego, 2018, dt.date(2018, 1, 15)).created
    services.record_payment(
        secretariat,
        invoice,
        received_on=dt.date(2018, 5, 1),
        amount=Decimal("1100000"),
        currency="KRW",
        exchange_rate=Decimal("1100"),
    )
    client.force_login(secretariat)
    listed = client.get("/api/v1/networks/wego/invoices", {"year": 2018}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["balance"] == "6500.00"
    owed = client.get("/api/v1/networks/wego/arrears", {"on": "2019-06-30"}).json()
    (row,) = owed["items"]
    assert row["organisation"]["name"] == "Goyang"
    assert (row["owed_0_1_years"], row["owed"]) == ("6500.00", "6500.00")


def test_a_member_reads_its_own_statement_and_not_another(client, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    client.force_login(seoul_officer)
    own = client.get(f"/api/v1/networks/wego/members/{seoul.pk}/statement").json()
    assert [i["year"] for i in own["invoices"]] == [2012, 2013]
    assert own["balance"] == {"USD": "0.00"}
    assert client.get(f"/api/v1/networks/wego/members/{makati.pk}/statement").status_code == 403


def test_list_endpoints_stay_within_a_few_queries(
    client, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    for url in (
        "/api/v1/networks/wego/balances",
        "/api/v1/networks/wego/invoices",
        "/api/v1/networks/wego/arrears?on=2030-01-01",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_balances_and_arrears_of_the_pinned_ledger_page_by_page(client, secretariat):
    from intercity.membership.tests.test_services import PINNED_TODAY, build_pinned_ledger

    build_pinned_ledger()
    client.force_login(secretariat)
    arrears = "/api/v1/networks/pinned/arrears"
    first = client.get(arrears, {"on": PINNED_TODAY, "page_size": 2}).json()
    last = client.get(arrears, {"on": PINNED_TODAY, "page_size": 2, "page": 3}).json()
    assert first["count"] == last["count"] == 5
    assert [
        (
            i["organisation"]["name"],
            i["owed_0_1_years"],
            i["owed_1_2_years"],
            i["owed_2_plus_years"],
            i["owed"],
        )
        for i in first["items"] + last["items"]
    ] == [
        ("Alpha", "1499.90", "900.32", "1000.00", "3400.22"),
        ("Yankee", "0.00", "0.00", "750.00", "750.00"),
        ("Hotel", "100.00", "0.00", "0.00", "100.00"),
    ]
    balances = client.get("/api/v1/networks/pinned/balances", {"page_size": 4, "page": 2}).json()
    assert balances["count"] == 9
    assert [
        (i["organisation"]["name"], i["invoiced"], i["paid"], i["credited"], i["balance"])
        for i in balances["items"]
    ] == [
        ("Hotel", "300.00", "250.00", "0.00", "50.00"),
        ("Kilo", "10.00", "0.00", "0.00", "10.00"),
        ("Kilo", "20.00", "0.00", "0.00", "20.00"),
        ("Yankee", "750.00", "0.00", "0.00", "750.00"),
    ]
