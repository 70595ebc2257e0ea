"""Invoicing explains itself: who was left out and which figure each lacks, the keys the
import needs, a CSV template, and an export of exactly the missing figures that, filled in
and imported back, lets the run invoice those members."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.membership import services
from intercity.membership.models import Figure, Invoice
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

RUN = {"year": "2026", "issued_on": "2026-01-15"}


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_run_lists_every_member_left_out_with_its_key_and_the_missing_figures(
    client, secretariat
):
    client.force_login(secretariat)
    page = client.post(reverse("membership_invoicing", args=["wego"]), RUN).content.decode()
    assert "0 invoices created" in page
    assert "95 left out for want of figures" in page
    assert "<code>seoul</code>" in page
    assert "GDP per capita (PPP, USD) of 2024: the year Y-2 the 2026 fee reads" in page
    assert "missing-figures.csv?year=2026&amp;issued_on=2026-01-15" in page


def test_the_template_has_exactly_the_columns_the_import_reads(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("membership_figures_template"))
    assert response["Content-Type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == services.FIGURE_COLUMNS
    # The template's own example rows import as they are.
    report = services.import_figures(secretariat, response.content.decode())
    assert report.errors == []
    assert report.created == 2


def test_the_export_holds_exactly_the_missing_figures_with_keys_and_empty_values(
    client, secretariat
):
    goyang = Organisation.objects.get(key="goyang")
    Figure.objects.create(
        measure="gdp_per_capita", organisation=goyang, year=2024, value=Decimal(36000), source="t"
    )
    client.force_login(secretariat)
    response = client.get(reverse("membership_missing_figures", args=["wego"]), RUN)
    assert response["Content-Disposition"] == 'attachment; filename="wego-2026-missing-figures.csv"'
    found = rows(response)
    assert list(found[0])[:6] == services.FIGURE_COLUMNS
    assert all(row["value"] == "" and row["source"] == "" for row in found)
    assert all(row["organisation"] and row["country"] == "" for row in found)
    seoul = [r for r in found if r["organisation"] == "seoul"]
    assert {(r["measure"], r["year"]) for r in seoul} >= {("gdp_per_capita", "2024")}
    assert seoul[0]["member"] == "Seoul"
    # Goyang has its GDP figure now: it is left out only for what it still lacks, if at all.
    assert ("gdp_per_capita", "goyang") not in {(r["measure"], r["organisation"]) for r in found}


def test_export_missing_fill_import_and_the_run_creates_those_invoices(client, secretariat):
    client.force_login(secretariat)
    missing = rows(client.get(reverse("membership_missing_figures", args=["wego"]), RUN))
    members = {row["organisation"] for row in missing}
    assert len(members) == 95
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(missing[0]))
    writer.writeheader()
    for row in missing:
        value = "32000" if row["measure"] == "gdp_per_capita" else "1200000"
        writer.writerow({**row, "value": value, "source": "Round-trip test"})
    upload = SimpleUploadedFile("filled.csv", out.getvalue().encode(), content_type="text/csv")
    imported = client.post(reverse("membership_import_figures"), {"file": upload}, follow=True)
    assert f"Imported: {len(missing)} new figures" in imported.content.decode()

    page = client.post(reverse("membership_invoicing", args=["wego"]), RUN).content.decode()
    assert "95 invoices created" in page
    assert "0 left out" in page
    invoiced = set(Invoice.objects.filter(year=2026).values_list("organisation__key", flat=True))
    assert invoiced == members


def test_a_partly_filled_export_imports_the_filled_rows_and_skips_the_rest(secretariat, wego):
    left = services.left_out(secretariat, wego, 2026, dt.date(2026, 1, 15))
    first = left[0].importable[0]
    text = (
        ",".join(services.FIGURE_COLUMNS)
        + f"\n{first.measure},{left[0].organisation.key},,{first.year},30000,Filled"
        + f"\n{first.measure},{left[1].organisation.key},,{first.year},,\n"
    )
    report = services.import_figures(secretariat, text)
    assert (report.created, report.skipped, report.errors) == (1, 1, [])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("area,seoul,,2024,5,src", "Row 2, column 'measure': 'area' is not a measure"),
        ("population,seoul,KR,2024,5,src", "Row 2, column 'organisation': give an organisation"),
        ("population,atlantis,,2024,5,src", "Row 2, column 'organisation': no organisation"),
        ("population,seoul,,twenty,5,src", "Row 2, column 'year': 'twenty' is not a year"),
        ("population,seoul,,1800,5,src", "Row 2, column 'year':"),
        ("population,seoul,,2024,lots,src", "Row 2, column 'value': 'lots' is not a number"),
        ("population,seoul,,2024,-5,src", "Row 2, column 'value':"),
        ("population,seoul,,2024,5,", "Row 2, column 'source': every figure needs a source"),
    ],
)
def test_each_import_error_names_its_row_and_column(secretariat, row, message):
    report = services.import_figures(secretariat, ",".join(services.FIGURE_COLUMNS) + "\n" + row)
    assert len(report.errors) == 1
    assert report.errors[0].startswith(message)
    assert not Figure.objects.filter(source="src").exists()


def test_the_import_page_shows_the_row_and_column_of_each_error(client, secretariat):
    client.force_login(secretariat)
    text = (
        ",".join(services.FIGURE_COLUMNS) + "\npopulation,seoul,,2024,5,ok\npopulation,x,,y,5,z\n"
    )
    upload = SimpleUploadedFile("bad.csv", text.encode(), content_type="text/csv")
    page = client.post(reverse("membership_import_figures"), {"file": upload}).content.decode()
    assert "Nothing was imported" in page
    assert "Row 3, column &#x27;organisation&#x27;" in page
    assert not Figure.objects.filter(source="ok").exists()


def test_the_missing_figures_export_is_for_the_secretariat_only(client, db):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    client.force_login(officer)
    assert client.get(reverse("membership_missing_figures", args=["wego"]), RUN).status_code == 403
    assert client.get(reverse("membership_figures_template")).status_code == 403


def test_the_missing_figures_export_refuses_a_missing_year(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("membership_missing_figures", args=["wego"]), {"year": "x"})
    assert response.status_code == 400
    assert b"Give the year" in response.content
