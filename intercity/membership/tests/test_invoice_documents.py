"""The invoice PDF to send, the list of all invoices (filters, totals, pages, CSV), and the
invoice page's forms (no id twice)."""

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.membership import services
from intercity.membership.models import Figure, Invoice
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db
D = Decimal


def invoices_2018(secretariat, *keys):
    """Invoices of 2018 for the members with these keys (GDP per capita of 2016 entered)."""
    for key in keys:
        organisation = Organisation.objects.get(key=key)
        Figure.objects.create(
            measure="gdp_per_capita",
            organisation=organisation,
            year=2016,
            value=D(36000),
            source="t",
        )
        if organisation.population is None:
            Figure.objects.create(
                measure="population",
                organisation=organisation,
                year=2016,
                value=D(10**6),
                source="t",
            )
    run = services.run_invoicing(
        secretariat, Network.objects.get(slug="wego"), 2018, dt.date(2018, 1, 15)
    )
    return {i.organisation.key: i for i in run.created}


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- The PDF --------------------------------------------------------------------------------


def test_the_invoice_pdf_names_network_member_number_amount_and_due_date(client, secretariat):
    invoice = invoices_2018(secretariat, "goyang")["goyang"]
    client.force_login(secretariat)
    page = client.get(reverse("membership_invoice", args=[invoice.pk])).content.decode()
    assert reverse("membership_invoice_pdf", args=[invoice.pk]) in page
    response = client.get(reverse("membership_invoice_pdf", args=[invoice.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert invoice.number in text
    assert "USD 7,500.00" in text
    assert "Goyang" in text
    assert "World Smart Sustainable Cities Organization" in text or "WeGO" in text
    # The date as the language of the request writes it (English by default).
    assert date_format(dt.date(2018, 12, 31), "DATE_FORMAT") in text
    assert "payment instructions separately" in text


def test_the_pdf_prints_the_payment_instructions_and_what_is_still_owed(client, secretariat, wego):
    invoice = invoices_2018(secretariat, "goyang")["goyang"]
    services.set_payment_instructions(secretariat, wego, "Bank: Woori Bank\nSWIFT: HVBKKRSE")
    services.record_payment(
        secretariat, invoice, received_on=dt.date(2018, 3, 1), amount=D(2500), currency="USD"
    )
    client.force_login(secretariat)
    text = pdf_text(client.get(reverse("membership_invoice_pdf", args=[invoice.pk])).content)
    assert "SWIFT: HVBKKRSE" in text
    assert "USD 5,000.00" in text
    assert "payment instructions separately" not in text


def test_payment_instructions_cannot_be_empty(secretariat, wego):
    with pytest.raises(DomainError, match="Write the payment instructions"):
        services.set_payment_instructions(secretariat, wego, "  ")


def test_a_member_officer_cannot_download_the_invoice_pdf(client, secretariat):
    invoice = invoices_2018(secretariat, "goyang")["goyang"]
    client.force_login(person("seoyeon", Role.CITY_OFFICER, "seoul"))
    assert client.get(reverse("membership_invoice_pdf", args=[invoice.pk])).status_code == 403


def test_an_unknown_invoice_pdf_is_not_found(client, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("membership_invoice_pdf", args=[999999])).status_code == 404


# --- The list of all invoices -------------------------------------------------------------


@pytest.fixture
def three_invoices(secretariat):
    made = invoices_2018(secretariat, "goyang", "sejong", "kampala")
    services.record_payment(
        secretariat,
        made["sejong"],
        received_on=dt.date(2018, 3, 1),
        amount=made["sejong"].amount,
        currency="USD",
    )
    services.record_payment(
        secretariat, made["kampala"], received_on=dt.date(2018, 3, 1), amount=D(1), currency="USD"
    )
    return made


def listed(client, **params):
    response = client.get(reverse("membership_invoices", args=["wego"]), params)
    return response, [i.number for i in response.context["page"]] if response.context[
        "page"
    ] else []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2018"}, {"goyang", "sejong", "kampala"}),
        ({"year": "2019"}, set()),
        ({"year": "2018", "status": "settled"}, {"sejong"}),
        ({"year": "2018", "status": "unpaid"}, {"goyang"}),
        ({"year": "2018", "status": "part-paid"}, {"kampala"}),
        ({"year": "2018", "q": "goy"}, {"goyang"}),
        ({"year": "2018", "q": "WEGO-2018-00001"}, {"goyang"}),
        ({"year": "2018", "overdue": "on"}, {"goyang", "kampala"}),
    ],
)
def test_the_invoice_list_filters(client, secretariat, three_invoices, params, expected):
    client.force_login(secretariat)
    _response, numbers = listed(client, **params)
    assert set(numbers) == {three_invoices[k].number for k in expected}


def test_the_filters_are_one_dataclass_read_by_one_service(secretariat, wego, three_invoices):
    wanted = services.InvoiceFilter(
        on=dt.date(2019, 1, 2), year=2018, status="unpaid", overdue=True
    )
    assert [i.number for i in services.find_invoices(secretariat, wego, wanted)] == [
        three_invoices["goyang"].number
    ]
    with pytest.raises(DomainError, match="known statuses: unpaid, part-paid, settled"):
        services.find_invoices(
            secretariat, wego, services.InvoiceFilter(on=dt.date.today(), status="x")
        )


def test_the_list_totals_the_filtered_set(client, secretariat, three_invoices):
    client.force_login(secretariat)
    response, _numbers = listed(client, year="2018", status="part-paid")
    (usd,) = response.context["totals"]
    makati = three_invoices["kampala"]
    assert (usd.currency, usd.count, usd.amount, usd.paid) == ("USD", 1, makati.amount, D("1.00"))
    assert usd.balance == makati.amount - 1


def test_an_empty_result_says_so_and_offers_a_reset(client, secretariat, three_invoices):
    client.force_login(secretariat)
    response, numbers = listed(client, q="atlantis")
    page = response.content.decode()
    assert numbers == []
    assert "No invoices match these filters." in page
    assert f'href="{reverse("membership_invoices", args=["wego"])}">Reset the filters' in page


def test_no_invoices_at_all_points_to_the_invoicing_run(client, secretariat):
    assert not Invoice.objects.filter(network__slug="ascn").exists()
    client.force_login(secretariat)
    page = client.get(reverse("membership_invoices", args=["ascn"])).content.decode()
    assert "No invoices yet." in page
    assert reverse("membership_invoicing", args=["ascn"]) in page


def test_a_bad_filter_is_a_form_error(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("membership_invoices", args=["wego"]), {"year": "soon"})
    assert response.status_code == 400
    assert "Please correct the filters below." in response.content.decode()


GDP_ONLY = [
    "cito-belize",
    "gaziantep",
    "goyang",
    "gwangmyeong",
    "kabul",
    "kaduna-state",
    "kampala",
    "nic-sudan",
    "nita-ghana",
    "nita-uganda",
    "nitda-nigeria",
    "sejong",
    "sokoto-state",
]


def test_the_list_is_paginated_by_fifty(client, secretariat, wego):
    invoices_2018(secretariat, *GDP_ONLY)
    client.force_login(secretariat)
    count = Invoice.objects.filter(network=wego).count()
    assert count > 50
    first, numbers = listed(client)
    assert len(numbers) == 50
    assert "page=2" in first.content.decode()
    _second, rest = listed(client, page="2")
    assert len(rest) == count - 50
    assert sum(t.count for t in first.context["totals"]) == count


def test_the_csv_export_holds_exactly_the_filtered_set(client, secretariat, three_invoices):
    client.force_login(secretariat)
    response = client.get(
        reverse("membership_invoices_csv", args=["wego"]), {"year": "2018", "status": "settled"}
    )
    found = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["number"], r["key"], r["balance"]) for r in found] == [
        (three_invoices["sejong"].number, "sejong", "0.00")
    ]
    page = client.get(
        reverse("membership_invoices", args=["wego"]), {"year": "2018", "status": "settled"}
    )
    assert "invoices.csv?year=2018&amp;status=settled" in page.content.decode()


def test_the_invoice_list_is_for_the_secretariat(client, db):
    client.force_login(person("seoyeon", Role.CITY_OFFICER, "seoul"))
    assert client.get(reverse("membership_invoices", args=["wego"])).status_code == 403
    assert client.get(reverse("membership_invoices_csv", args=["wego"])).status_code == 403


# --- Unique ids on the invoice page --------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]


def ids_of(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def test_ids_of_a_page_with_a_repeated_id_are_caught():
    assert Counter(ids_of('<p id="a"></p><input id="a">'))["a"] == 2


def test_every_id_on_the_invoice_page_is_unique(client, secretariat):
    invoice = invoices_2018(secretariat, "goyang")["goyang"]
    client.force_login(secretariat)
    # Shown after a refused payment too: both forms bound or not, no id twice.
    for response in (
        client.get(reverse("membership_invoice", args=[invoice.pk])),
        client.post(
            reverse("membership_invoice", args=[invoice.pk]),
            {"record_payment": "1", "payment-amount": "8000", "payment-currency": "USD"},
        ),
    ):
        ids = ids_of(response.content.decode())
        assert "id_payment-amount" in ids
        assert "id_credit-amount" in ids
        assert [i for i, n in Counter(ids).items() if n > 1] == []
