"""The annual report's pages and API: drafts for the Secretariat and the Chair, frozen
reports for everyone; edits of a frozen report refused in words."""

from __future__ import annotations

import pytest

from intercity.plans.models_report import AnnualReport
from intercity.plans.services import report as service
from intercity.plans.tests import factories_report as make

pytestmark = pytest.mark.django_db


def test_the_secretariat_starts_a_report_naming_the_chair_from_the_page(client, secretariat, ascn):
    make.progress(make.line("bangkok"), "25")
    client.force_login(secretariat)
    response = client.post("/plans/ascn/reports/new/", {"year": 2024, "chair": "seoyeon"})
    assert response.status_code == 400
    assert "No login is called seoyeon" in response.content.decode()

    response = client.post("/plans/ascn/reports/new/", {"year": 2024, "chair": ""}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ASCN annual report 2024" in page
    assert "Bangkok" in page
    assert "25.0 %" in page
    assert "Freeze and publish" in page


def test_an_officer_neither_sees_a_draft_nor_edits_it(client, secretariat, ascn, makati_officer):
    service.create_report(secretariat, ascn, 2024)
    client.force_login(makati_officer)
    assert client.get("/plans/ascn/reports/2024/").status_code == 404
    assert client.post("/plans/ascn/reports/2024/freeze/").status_code == 404
    assert client.post("/plans/ascn/reports/new/", {"year": 2025}).status_code == 403
    assert AnnualReport.objects.get(year=2024).state == "draft"


def test_editing_a_frozen_report_is_refused_in_words(client, secretariat, ascn):
    report = service.create_report(secretariat, ascn, 2024)
    service.freeze(secretariat, report)
    client.force_login(secretariat)

    response = client.post(
        "/plans/ascn/reports/2024/edit/", {"title": "Late change", "section_summary": "x"}
    )

    assert response.status_code == 409
    assert "can no longer be edited" in response.content.decode()
    assert AnnualReport.objects.get(pk=report.pk).title == "ASCN annual report 2024"
    page = client.get("/plans/ascn/reports/2024/").content.decode()
    assert "Freeze and publish" not in page
    assert "this report no longer changes" in page


def test_the_api_lists_and_gives_published_reports_only(client, secretariat, ascn):
    make.progress(make.line("phuket"), "50")
    draft = service.create_report(secretariat, ascn, 2023)
    frozen = service.freeze(secretariat, service.create_report(secretariat, ascn, 2024))

    listed = client.get("/api/v1/plans/ascn/reports").json()
    assert [r["year"] for r in listed] == [2024]
    detail = client.get("/api/v1/plans/ascn/reports/2024").json()
    assert detail["title"] == frozen.title
    assert detail["figures"]["rollup"]["city"][0]["name"] == "Phuket"
    assert [s["key"] for s in detail["sections"]] == ["summary", "meeting", "cities", "next"]
    missing = client.get(f"/api/v1/plans/ascn/reports/{draft.year}")
    assert missing.status_code == 404
    assert "no published annual report" in missing.json()["detail"]
    assert client.get("/api/v1/plans/nowhere/reports").status_code == 404
