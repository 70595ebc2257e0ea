"""The annual report's PDF: cover, contents, the Chair's text, the figures as tables."""

from __future__ import annotations

import subprocess

import pytest

from intercity.plans import report_pdf
from intercity.plans.services import report as service
from intercity.plans.tests import factories_report as make
from intercity.plans.views_report import figures_context

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> list[str]:
    found = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - poppler, installed by the project
        input=content,
        capture_output=True,
        check=True,
    )
    return [
        " ".join(page.split()) for page in found.stdout.decode("utf-8").split("\f") if page.strip()
    ]


def test_the_pdf_has_a_cover_contents_the_text_and_the_figures(secretariat, ascn):
    make.progress(make.line("da-nang"), "42.5")
    report = service.create_report(secretariat, ascn, 2024)
    service.edit_report(
        secretariat, report, title="ASCN 2024", bodies={"summary": "Đà Nẵng led the way."}
    )
    report = service.freeze(secretariat, report)

    pages = text_of(report_pdf.render(report, service.sections(report), figures_context(report)))

    assert "Annual report 2024" in pages[0]
    assert "ASCN 2024" in pages[0]
    assert "Frozen and published" in pages[0]
    assert "Contents" in pages[1]
    assert "Progress and key achievements" in pages[1]
    body = " ".join(pages[2:])
    assert "Đà Nẵng led the way." in body
    assert "Da Nang" in body
    assert "42.5 %" in body
    assert "Vietnam" in body
    assert "Page 1 of" in pages[0]


def test_the_pdf_answers_on_its_page_for_a_frozen_report_only_to_the_public(
    client, secretariat, ascn
):
    report = service.create_report(secretariat, ascn, 2024)
    url = "/plans/ascn/reports/2024/pdf/"
    assert client.get(url).status_code == 404
    service.freeze(secretariat, report)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "ASCN annual report 2024" in " ".join(text_of(response.content))
