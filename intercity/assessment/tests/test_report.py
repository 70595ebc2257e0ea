"""What a city's officer takes away from an assessment: a radar chart any page can inline,
and a PDF report the mayor can read, with the city's level, scores, recommendations, history
and peer aggregates, and never another city's answers."""

from __future__ import annotations

import io
import math
from fractions import Fraction
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Drawing, Polygon

from intercity.assessment import charts, report_pdf, results, services
from intercity.assessment.tests.helpers import TODAY, answers
from intercity.core import pdf
from intercity.network.models import Network, Organisation

SVG = "{http://www.w3.org/2000/svg}"
DIMENSIONS = [
    "Leadership and Governance",
    "Stakeholder Engagement and Citizen Focus",
    "Effective Use of Data",
    "Integrated ICT Infrastructure",
    "Existing Levels of Smartness",
]


def parse(svg):
    return ElementTree.fromstring(svg)  # noqa: S314 - our own SVG, not input from outside


def pairs(text):
    return [tuple(float(v) for v in pair.split(",")) for pair in text.split()]


def series_polygons(root):
    """The polygon of each series (the legend's groups share the series' classes)."""
    return [
        polygon
        for group in root.iter(f"{SVG}g")
        if "radar-series" in group.get("class", "").split()
        for polygon in group.findall(f"{SVG}polygon")
    ]


def own_and_target():
    return [
        charts.Series(
            "Seoul 2026", [Fraction(55), Fraction(125, 2), Fraction(40), None, 100], charts.OWN
        ),
        charts.Series("Targets for 2029", [Fraction(60)] * 5, charts.TARGET),
    ]


# --- The radar chart ------------------------------------------------------------------------


def test_the_svg_is_an_accessible_image_with_a_polygon_per_series_and_a_label_per_axis():
    svg = charts.radar_svg(DIMENSIONS, own_and_target(), title="Seoul's maturity in 2026")
    root = parse(svg)
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    named = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert named[ids[0]].tag == f"{SVG}title"
    assert named[ids[0]].text == "Seoul's maturity in 2026"
    assert "Stakeholder Engagement and Citizen Focus 62.5" in named[ids[1]].text
    assert len(series_polygons(root)) == 2
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "radar-label"]
    assert [t.find(f"{SVG}title").text for t in labels] == DIMENSIONS
    rings = [p.get("class") for p in root.iter(f"{SVG}polygon") if p.get("class")]
    assert rings == [f"radar-ring radar-ring-{value}" for value in (20, 40, 60, 80, 100)]
    assert "<script" not in svg
    assert "href" not in svg


def test_the_svg_scales_down_to_a_phone_and_paints_without_the_stylesheet():
    root = parse(charts.radar_svg(DIMENSIONS, own_and_target(), title="Maturity"))
    _, _, width, _ = (float(v) for v in root.get("viewBox").split())
    assert width <= 375
    assert root.get("width") == "100%"
    assert f"max-width:{width:.1f}px" in root.get("style")
    own, target = series_polygons(root)
    assert (own.get("stroke"), own.get("fill-opacity")) == ("#1f5fa8", "0.25")
    assert (target.get("stroke"), target.get("fill")) == ("#8a4b00", "none")
    assert target.get("stroke-dasharray")
    assert {t.get("fill") for t in root.iter(f"{SVG}text") if t.get("class") == "radar-label"} == {
        "#1b2430"
    }


def test_a_hundred_lands_on_the_outer_ring():
    top = charts.Series("Top", [Fraction(100)] * 5, charts.OWN)
    geometry = charts.layout(DIMENSIONS, [top])
    centre, radius = geometry.centre, geometry.radius
    for point in geometry.shapes[0].points:
        assert math.dist((point.x, point.y), (centre.x, centre.y)) == pytest.approx(radius, abs=0.1)
    root = parse(charts.radar_svg(DIMENSIONS, [top], title="Top marks"))
    (drawn,) = series_polygons(root)
    outer = next(p for p in root.iter(f"{SVG}polygon") if "radar-ring-100" in p.get("class"))
    assert pairs(drawn.get("points")) == pairs(outer.get("points"))
    for x, y in pairs(drawn.get("points")):
        assert math.dist((x, y), (centre.x, centre.y)) == pytest.approx(radius, abs=0.1)


def test_an_unscored_value_sits_at_the_centre_without_a_point():
    values = [Fraction(60), None, Fraction(40), None, Fraction(100)]
    svg = charts.radar_svg(DIMENSIONS, [charts.Series("Draft", values)], title="A draft")
    root = parse(svg)
    group = next(g for g in root.iter(f"{SVG}g") if "radar-series-0" in g.get("class", ""))
    assert len(group.findall(f"{SVG}circle")) == 3
    geometry = charts.layout(DIMENSIONS, [charts.Series("Draft", values)])
    centre = (geometry.centre.x, geometry.centre.y)
    assert pairs(group.find(f"{SVG}polygon").get("points"))[1] == centre
    assert "Stakeholder Engagement and Citizen Focus not scored" in svg
    nothing = charts.Series("Nothing yet", [None] * 5)
    assert isinstance(charts.radar_drawing(DIMENSIONS, [nothing], title="Empty"), Drawing)


def test_long_names_wrap_inside_the_chart_and_overlong_ones_are_shortened():
    overlong = [*DIMENSIONS[:4], "Existinglevelsofsmartnessacrosseverydepartment" * 2]
    for axes in (DIMENSIONS, overlong):
        geometry = charts.layout(axes, [])
        for label in geometry.labels:
            assert len(label.lines) <= charts.MAX_LINES
            for line in label.lines:
                width = charts.estimate_width(line, geometry.font_size)
                left = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}
                assert left[label.anchor] >= 0
                assert left[label.anchor] + width <= geometry.width
    wrapped = charts.layout(DIMENSIONS, []).labels[1]
    assert len(wrapped.lines) > 1
    assert " ".join(wrapped.lines) == "Stakeholder Engagement and Citizen Focus"
    assert charts.layout(overlong, []).labels[4].lines[-1].endswith("…")


def test_text_is_escaped():
    axes = ['Data <&> "quotes"', "B", "C"]
    root = parse(charts.radar_svg(axes, [charts.Series("<own>", [1, 2, 3])], title="A & B"))
    assert root.find(f"{SVG}title").text == "A & B"
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "radar-label")
    assert label.find(f"{SVG}title").text == 'Data <&> "quotes"'


def test_the_drawing_for_the_pdf_has_the_same_rings_and_series():
    drawing = charts.radar_drawing(DIMENSIONS, own_and_target(), title="Maturity")
    polygons = [shape for shape in drawing.contents if isinstance(shape, Polygon)]
    assert len(polygons) == 5 + 2  # five rings, two series
    points = [shape for shape in drawing.contents if isinstance(shape, Circle)]
    assert len(points) == 4 + 5  # the own series lacks one value
    geometry = charts.layout(DIMENSIONS, own_and_target(), caption=True)
    assert drawing.width == geometry.width


def test_a_chart_needs_three_axes_and_a_value_for_each():
    with pytest.raises(ValueError, match="at least three axes"):
        charts.radar_svg(["A", "B"], [], title="Too few")
    with pytest.raises(ValueError, match="has 2 values for 3 axes"):
        charts.radar_svg(["A", "B", "C"], [charts.Series("Short", [1, 2])], title="Short")


# --- The PDF report -------------------------------------------------------------------------


def city(key):
    return Organisation.objects.get(key=key)


def start(actor, key="seoul", slug="ceds", year=2026, demo=False):
    return services.start_assessment(
        actor, city(key), Network.objects.get(slug="wego"), slug, year, today=TODAY, demo=demo
    )


def submitted(actor, assessment, best=True, share=False):
    services.save_answers(
        actor,
        assessment,
        answers=answers(assessment.instrument.slug, best),
        share_with_peers=share,
    )
    instrument = services.instrument_rules(assessment.version)
    for _, question in instrument.questions():
        if question.evidence == "required":
            services.attach_evidence(
                actor, assessment, question.code, link=f"https://seoul.example/{question.code}"
            )
    if assessment.instrument.sets_targets:
        current = services.evaluate(assessment.version, assessment.answers).result.sections
        services.save_answers(
            actor,
            assessment,
            targets={s.slug: min(s.level.level + 1, 5) for s in current},
            target_year=assessment.year + 3,
        )
    return services.submit(actor, assessment)


def accepted(staff, key, year, best, share=False, slug="ceds"):
    assessment = submitted(staff, start(staff, key, slug, year), best, share)
    return services.review(staff, assessment, "accepted")


def text_of(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_ceds_report_tells_the_mayor_the_level_the_scores_and_what_to_do_first(
    seoul_officer,
):
    assessment = submitted(seoul_officer, start(seoul_officer), best=False)
    outcome = results.outcome(assessment)
    content = report_pdf.render(outcome)
    assert content.startswith(b"%PDF")
    text = text_of(content)
    assert "Seoul" in text
    assert f"level 1 of 5, {outcome.level_name}" in text
    for section in outcome.sections:
        assert section.name in text
    first = outcome.recommendations[0].module
    assert f"1. {first.name}" in text
    assert first.guideline["steps"][0]["title"] in text
    assert outcome.plan_steps[0].title in text
    assert "Seoul · City e-Government Diagnostic and Solution (CeDS) 2026 · Intercity" in text
    assert "Page 1 of" in text
    assert str(report_pdf.DEMO_BANNER) not in text
    assert str(report_pdf.PROVISIONAL_BANNER) not in text
    # A few pages for the mayor, guidelines condensed; the answers follow as an appendix.
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    appendix = next(i for i, page in enumerate(pages) if "The answers" in page)
    assert appendix <= 5


def test_demonstration_data_says_so_on_the_first_page(secretariat):
    assessment = submitted(secretariat, start(secretariat, demo=True))
    content = report_pdf.render(results.outcome(assessment))
    first_page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert str(report_pdf.DEMO_BANNER) in " ".join(first_page.split())


def test_a_draft_is_reported_as_provisional_and_unanswered_parts_do_not_break_it(
    seoul_officer,
):
    assessment = start(seoul_officer)
    empty = text_of(report_pdf.render(results.outcome(assessment)))
    assert str(report_pdf.PROVISIONAL_BANNER) in empty
    assert "has not answered enough questions yet" in empty
    some = {code: value for code, value in answers("ceds").items() if code.startswith("ECO-")}
    services.save_answers(seoul_officer, assessment, answers=some)
    outcome = results.outcome(assessment)
    assert outcome.provisional
    assert any(s.score is None for s in outcome.sections)
    text = text_of(report_pdf.render(outcome))
    assert "From the answers given so far, Seoul is at level" in text
    assert str(report_pdf.PROVISIONAL_BANNER) in text


def test_the_maturity_model_report_shows_five_dimensions_with_targets(secretariat):
    assessment = accepted(secretariat, "seoul", 2026, best=False, slug="maturity-benchmark")
    outcome = results.outcome(assessment)
    found = results.benchmark(assessment)
    text = text_of(
        report_pdf.render(outcome, results.history(city("seoul").pk, "maturity-benchmark"), found)
    )
    for name in DIMENSIONS:
        assert name in text
    assert outcome.level_name in text
    assert "Target level for 2029" in text
    assert "Targets for 2029" in text
    assert "Recommended modules" not in text  # the sectoral modules are CeDS's
    assert " ".join(found.withheld.split()) in text


def test_history_and_peer_aggregates_appear_but_no_other_city(secretariat):
    accepted(secretariat, "seoul", 2025, best=False)
    mine = accepted(secretariat, "seoul", 2026, best=True)
    for key in ("makati", "goyang", "jakarta"):
        accepted(secretariat, key, 2026, best=False, share=True)
    found = results.benchmark(mine, "region")
    assert found.withheld == ""
    assert [p.name for p in found.named] == ["Goyang", "Jakarta", "Makati"]
    text = text_of(
        report_pdf.render(results.outcome(mine), results.history(city("seoul").pk, "ceds"), found)
    )
    assert "Over the years" in text
    assert "Up 4 levels since 2025" in text
    assert "3 peers among cities of" in text
    assert "Median" in text
    assert "In the top quarter of the peers" in text
    for other in ("Makati", "Goyang", "Jakarta"):
        assert other not in text  # opted in to be named, yet the report shows aggregates only


def test_the_report_renders_without_unicode_fonts(seoul_officer):
    assessment = submitted(seoul_officer, start(seoul_officer, slug="maturity-benchmark"))
    fallback = pdf.find_fonts(("/nonexistent",))
    content = report_pdf.render(results.outcome(assessment), fonts=fallback, compress=False)
    assert b"/Helvetica" in content
    assert "Demonstration" not in text_of(content)


def test_the_report_says_its_questions_levels_and_guidelines_were_written_for_the_platform(
    seoul_officer,
):
    assessment = submitted(seoul_officer, start(seoul_officer), best=False)
    first_page = PdfReader(io.BytesIO(report_pdf.render(results.outcome(assessment)))).pages[0]
    text = " ".join(first_page.extract_text().split())
    assert "Written for this platform: the questions, level descriptions and score thresholds" in (
        text
    )
    assert "not the original instrument's (which is not public)" in text
