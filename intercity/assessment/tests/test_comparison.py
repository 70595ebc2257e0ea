"""The result's radar chart is large and legible and compares: last year's outline and the
peer median when the privacy rule (rules.release_peers) lets it be shown; the PDF carries
the city's answers with their evidence (issue 14)."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from intercity.assessment import charts, report_pdf, results, services
from intercity.assessment.tests.test_report import accepted, city, start, submitted


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def svg_for(assessment) -> str:
    outcome = results.outcome(assessment)
    found = results.comparison(assessment)
    return charts.radar_svg(
        [s.name for s in outcome.sections],
        results.radar_series(outcome, found.benchmark, found.last_year),
        title="t",
        size=600,
        font_size=19,
    )


def test_last_years_outline_and_the_peer_median_when_peers_may_be_shown(secretariat):
    accepted(secretariat, "seoul", 2025, best=False)
    mine = accepted(secretariat, "seoul", 2026, best=True)
    for key in ("makati", "goyang", "jakarta"):
        accepted(secretariat, key, 2026, best=False, share=True)
    svg = svg_for(mine)
    assert f'class="radar-series radar-series-1 {charts.LAST_YEAR}"' in svg
    assert "Seoul 2025" in svg
    assert charts.PEER_MEDIAN in svg
    assert "Peer median, 3 cities" in svg
    assert 'font-size="19.0"' in svg  # labels legible, not the 10-unit text of before
    found = results.comparison(mine)
    assert found.median is not None
    assert "Peer median of 3" in found.note


def test_no_median_when_the_privacy_rule_withholds_it(secretariat):
    mine = accepted(secretariat, "seoul", 2026, best=True)
    # Two peers, one not sharing: below the policy's minimum, the median is withheld.
    accepted(secretariat, "makati", 2026, best=False, share=True)
    accepted(secretariat, "goyang", 2026, best=False, share=False)
    svg = svg_for(mine)
    assert charts.PEER_MEDIAN not in svg
    assert charts.LAST_YEAR not in svg  # and no earlier year to draw
    found = results.comparison(mine)
    assert found.median is None
    assert "not shown" in found.note


def test_demonstration_peers_are_labelled_in_the_chart_and_the_benchmark(secretariat):
    mine = accepted(secretariat, "seoul", 2026, best=True)
    for key in ("makati", "goyang", "jakarta"):
        peer = submitted(secretariat, start(secretariat, key, demo=True), best=False, share=True)
        services.review(secretariat, peer, "accepted")
    found = results.benchmark(mine, "all")
    assert found.demo_peers == 3
    assert all(p.demo for p in found.named)
    assert "includes demonstration data" in svg_for(mine)
    rows = list(csv.DictReader(io.StringIO(results.csv_export(mine.network, mine.version))))
    labels = {row["organisation"]: row["demonstration"] for row in rows}
    assert labels["Makati"] == "demonstration data"
    assert labels["Seoul"] == ""


def test_the_pdf_report_carries_the_answers_with_evidence_and_released_comments(
    seoul_officer, secretariat
):
    assessment = submitted(seoul_officer, start(seoul_officer), best=True)
    services.comment_on_answer(secretariat, assessment, "STR-01", "Adopted by the council.")
    services.comment_on_answer(secretariat, assessment, "ECO-01", "Pending remark.")
    services.review(secretariat, assessment, "accepted")
    text = text_of(
        report_pdf.render(results.outcome(assessment), results.history(city("seoul").pk, "ceds"))
    )
    assert "The answers" in text
    assert "Has the city adopted an e-government or digital strategy" in text
    assert "Evidence: https://seoul.example/STR-01" in text
    assert "Secretariat: Adopted by the council." in text
