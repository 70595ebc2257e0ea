"""A city's self-assessment report as a PDF a mayor can read: where the city stands and why,
its scores on a radar chart and in a table, and for CeDS (seed 001, Annex) the gap in
sectoral systems, the recommended modules in priority order with a condensed guideline and
the master plan steps; then its history and its peer benchmark when given.

Laid out from `results.Outcome` (what the pages read too), with the memorandum PDF's fonts,
styles and numbered pages (governance/minutes_pdf.py, docs/decisions/0005). Another city
appears only inside peer aggregates (median and quartiles, never minimum or maximum, which
would be one city's own score), and no city's answers are printed, not even this one's.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from intercity.assessment import charts, results, rules, services
from intercity.assessment.models import (
    WRITTEN_FOR_PLATFORM,
    Assessment,
    MasterPlanPhase,
    MasterPlanStep,
)

# _Layout and _numbered_canvas are private to the memorandum PDF and shared rather than
# copied: the layout helpers (p, table, facts, bullets) read only the fonts, styles and
# width, and the canvas writes "Page n of N".
from intercity.governance.minutes_pdf import (
    Fonts,
    Styles,
    _Layout,
    _numbered_canvas,
    default_fonts,
)

BANNER_INK = colors.HexColor("#8a4b00")
BANNER_BACK = colors.HexColor("#fdf3e6")
PHASE = colors.HexColor("#f4f6f9")
DEMO_BANNER = "Demonstration data — not the city's own answers"
PROVISIONAL_BANNER = "Provisional: a draft's progress"
TIERS = {
    "overdue": "Overdue: expected from a lower level than the city's",
    "expected": "Expected at the city's level",
    "next-level": "Needed for the next level",
}
# Of each module's guideline the report shows the first sentence of its purpose, its first
# steps and indicators; the full guideline is in Intercity.
FIRST_STEPS = 3
INDICATORS = 2


def first_sentences(text: str, count: int = 1) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip())
    return " ".join(sentences[:count])


class _Report(_Layout):
    """Turns an Outcome (and its history and benchmark) into reportlab flowables."""

    def __init__(
        self,
        outcome: results.Outcome,
        history: Sequence[results.YearLine],
        benchmark: results.Benchmark | None,
        fonts: Fonts,
        width: float,
    ) -> None:
        # Not super().__init__: that takes a memorandum; the inherited helpers need only these.
        self.fonts = fonts
        self.s = Styles(fonts)
        self.width = width
        self.outcome = outcome
        self.history = history
        self.benchmark = benchmark
        assessment = outcome.assessment
        self.city = assessment.organisation.name
        self.version = assessment.version
        self.ceds = services.expectations_of(self.version) is not None
        self.word = "factor" if self.ceds else "dimension"
        self.levels = sorted(self.version.levels, key=lambda lv: int(lv["level"]))
        # Headings stay with what follows them rather than end a page.
        self.h2, self.h3, self.h4 = (
            ParagraphStyle(f"report_{style.name}", parent=style, keepWithNext=1)
            for style in (self.s.h2, self.s.h3, self.s.h4)
        )

    def story(self) -> list[Flowable]:
        story = self.title_block()
        story += self.summary()
        story += self.scores()
        if self.ceds:
            story += self.gap()
            story += self.recommendations()
            story += self.master_plan()
        if self.history:
            story += self.years()
        if self.benchmark is not None:
            story += self.peers()
        return story

    # --- Title and summary --------------------------------------------------------------

    def banner(self, text: str, detail: str) -> Table:
        cell = self.p(detail, self.s.cell, bold_label=text)
        table = Table([[cell]], colWidths=[self.width], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), BANNER_BACK),
                    ("BOX", (0, 0), (-1, -1), 0.8, BANNER_INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table

    def title_block(self) -> list[Flowable]:
        outcome = self.outcome
        assessment = outcome.assessment
        instrument = assessment.instrument
        story: list[Flowable] = [
            self.p(f"{assessment.network.name} · Self-assessment report", self.s.kicker),
            self.p(self.city, self.s.title),
            self.p(
                f"{instrument.name}, version {self.version.number} · {assessment.year}", self.h3
            ),
        ]
        if assessment.demo:
            story += [
                self.banner(
                    DEMO_BANNER,
                    "generated to show how the tool works; do not quote these results.",
                ),
                Spacer(1, 4),
            ]
        if outcome.provisional:
            story += [
                self.banner(
                    PROVISIONAL_BANNER,
                    "scored from the answers given so far; not submitted or reviewed, so it "
                    "may change.",
                ),
                Spacer(1, 4),
            ]
        story += [self.p(WRITTEN_FOR_PLATFORM["result"], self.s.small), Spacer(1, 4)]
        status = assessment.get_status_display()
        if assessment.submitted_at and not outcome.provisional:
            status += f"; submitted {assessment.submitted_at:%d %B %Y}"
        if assessment.decided_at and assessment.status == Assessment.Status.ACCEPTED:
            status += f", accepted {assessment.decided_at:%d %B %Y}"
        story.append(
            self.facts(
                [
                    ("Network", f"{assessment.network.name} ({assessment.network.short_name})"),
                    ("Status", status),
                    ("Targets for", str(assessment.target_year or "")),
                ]
            )
        )
        return story

    def summary(self) -> list[Flowable]:
        outcome = self.outcome
        if outcome.level is None or outcome.score is None:
            text = (
                f"{self.city} has not answered enough questions yet to be given a level. "
                "The scores below show each part answered so far."
            )
            return [self.p("Summary", self.h2), self.p(text)]
        opening = "From the answers given so far, " if outcome.provisional else ""
        text = (
            f"{opening}{self.city} is at level {outcome.level} of {len(self.levels)}, "
            f"{outcome.level_name}, with an overall score of {rules.show(outcome.score)} "
            f"out of 100. {outcome.level_description}"
        )
        scored = [s for s in outcome.sections if s.score is not None]
        if len(scored) > 1:
            best = max(scored, key=lambda s: s.score or 0)
            worst = min(scored, key=lambda s: s.score or 0)
            if best.score == worst.score:
                text += f" Every {self.word} scores {rules.show(best.score)}."
            else:
                text += (
                    f" Its strongest {self.word} is {best.name} ({rules.show(best.score)}); "
                    f"its weakest is {worst.name} ({rules.show(worst.score)})."
                )
        following = next((lv for lv in self.levels if int(lv["level"]) == outcome.level + 1), None)
        if following is not None:
            needed = rules.parse_fraction(following["min_score"], "min_score")
            text += (
                f" Level {following['level']} ({following['name']}) starts at an overall "
                f"score of {rules.show(needed)}."
            )
        else:
            text += " This is the highest level."
        return [self.p("Summary", self.h2), self.p(text)]

    # --- Scores -------------------------------------------------------------------------

    def chart(self) -> Flowable:
        outcome = self.outcome
        fonts = self.fonts
        series = [
            charts.Series(fonts.plain(s.name), s.values, s.css_class)
            for s in results.radar_series(outcome, self.benchmark)
        ]
        drawing = charts.radar_drawing(
            [fonts.plain(s.name) for s in outcome.sections],
            series,
            size=280,
            title=fonts.plain(f"{self.word.capitalize()} scores, 0 to 100"),
            font_name=fonts.regular,
        )
        drawing.hAlign = "CENTER"
        return drawing

    def scores(self) -> list[Flowable]:
        outcome = self.outcome
        targets = any(s.target is not None for s in outcome.sections)
        head: list[Flowable] = [
            self.p(self.word.capitalize(), self.s.cell_head),
            self.p("Score", self.s.number_head),
            self.p("Level", self.s.cell_head),
        ]
        widths = [0.46, 0.12, 0.24]
        if targets:
            head.append(self.p("Target level", self.s.cell_head))
            widths.append(0.18)
        if outcome.provisional:
            head.append(self.p("Answered", self.s.number_head))
            widths.append(0.14)
        rows: list[list[Flowable]] = [head]
        for s in outcome.sections:
            level = f"{s.level} {s.level_name}" if s.level is not None else "-"
            row: list[Flowable] = [
                self.p(s.name, self.s.cell),
                self.p(rules.show(s.score), self.s.number),
                self.p(level, self.s.cell),
            ]
            if targets:
                target = next((lv for lv in self.levels if int(lv["level"]) == s.target), None)
                row.append(self.p(f"{s.target} {target['name']}" if target else "-", self.s.cell))
            if outcome.provisional:
                row.append(self.p(f"{s.answered} of {s.scored}", self.s.number))
            rows.append(row)
        scale = 1 / sum(widths)
        out: list[Flowable] = [
            self.p(f"Scores by {self.word}", self.h2),
            self.chart(),
            Spacer(1, 6),
            KeepTogether(self.table(rows, [w * scale * self.width for w in widths])),
            Spacer(1, 4),
        ]
        if outcome.explanation:
            out.append(self.p(outcome.explanation, self.s.small, bold_label="How it is scored:"))
        return out

    # --- CeDS: gap, recommendations, master plan ----------------------------------------

    def gap(self) -> list[Flowable]:
        out: list[Flowable] = [self.p("Sectoral systems: the gap", self.h2)]
        gaps = self.outcome.gaps
        if not gaps:
            out.append(
                self.p(
                    f"{self.city} runs every sectoral system expected at its level, "
                    "at least at the expected stage."
                    if self.outcome.level is not None
                    else "The gap is shown once the city has a level."
                )
            )
            return out
        out.append(
            self.p(
                f"Systems a city at level {self.outcome.level} is expected to run, which "
                f"{self.city} runs at a lower stage or not at all."
            )
        )
        rows: list[list[Flowable]] = [
            [
                self.p("Sectoral module", self.s.cell_head),
                self.p("Expected", self.s.cell_head),
                self.p("Current", self.s.cell_head),
            ]
        ]
        rows += [
            [
                self.p(g.module.name, self.s.cell),
                self.p(g.expected.capitalize(), self.s.cell),
                self.p(g.current.capitalize(), self.s.cell),
            ]
            for g in gaps
        ]
        out.append(self.table(rows, [0.5 * self.width, 0.25 * self.width, 0.25 * self.width]))
        return out

    def labelled(self, pairs: Sequence[tuple[str, str]], style: ParagraphStyle) -> Paragraph:
        """One paragraph of "Label: value" runs, the labels in bold; empty values left out."""
        text = self.fonts.text
        return Paragraph(
            "  ".join(f"<b>{text(label)}</b> {text(value)}" for label, value in pairs if value),
            style,
        )

    def recommendations(self) -> list[Flowable]:
        out: list[Flowable] = [self.p("Recommended modules, in priority order", self.h2)]
        if not self.outcome.recommendations:
            out.append(self.p("No sectoral module is recommended at this level."))
            return out
        out.append(
            self.p(
                "Each with the start of its implementation guideline; the full guideline "
                "(prerequisites, components, every step, cost drivers and risks) is in "
                "Intercity.",
                self.s.small,
            )
        )
        indent = self.s.style("module", fontSize=8.5, leading=11, leftIndent=12, spaceAfter=1.5)
        for item in self.outcome.recommendations:
            guide: dict[str, Any] = item.module.guideline or {}
            steps = [str(step.get("title", "")) for step in guide.get("steps", [])][:FIRST_STEPS]
            indicators = [str(i) for i in guide.get("indicators", [])][:INDICATORS]
            out.append(
                KeepTogether(
                    [
                        self.p(f"{item.priority}. {item.module.name}", self.h4),
                        self.labelled(
                            [(f"{TIERS.get(item.tier, item.tier)}.", item.reason)], indent
                        ),
                        self.labelled(
                            [
                                ("Purpose:", first_sentences(str(guide.get("purpose", "")))),
                                (
                                    "First steps:",
                                    "; ".join(f"{n}. {t}" for n, t in enumerate(steps, 1)),
                                ),
                            ],
                            indent,
                        ),
                        self.labelled(
                            [
                                ("Duration:", str(guide.get("duration", ""))),
                                ("Indicators:", "; ".join(indicators)),
                            ],
                            indent,
                        ),
                    ]
                )
            )
        return out

    def master_plan(self) -> list[Flowable]:
        steps = self.outcome.plan_steps
        if not steps or not self.outcome.recommendations:
            return []
        phases: dict[int, tuple[MasterPlanPhase, list[MasterPlanStep]]] = {}
        for step in steps:
            phases.setdefault(step.phase.number, (step.phase, []))[1].append(step)
        rows: list[list[Flowable]] = [
            [self.p("Step", self.s.cell_head), self.p("What it produces", self.s.cell_head)]
        ]
        phase_rows: list[int] = []
        for number in sorted(phases):
            phase, members = phases[number]
            phase_rows.append(len(rows))
            rows.append(
                [
                    self.labelled(
                        [(f"Phase {phase.number}. {phase.name}.", phase.purpose)], self.s.cell
                    ),
                    Spacer(1, 1),
                ]
            )
            rows += [
                [
                    self.p(step.title, self.s.cell, bold_label=step.code),
                    self.p("; ".join(str(o) for o in step.outputs), self.s.cell),
                ]
                for step in members
            ]
        table = self.table(rows, [0.45 * self.width, 0.55 * self.width])
        table.setStyle(
            TableStyle(
                [
                    command
                    for row in phase_rows
                    for command in (
                        ("SPAN", (0, row), (1, row)),
                        ("BACKGROUND", (0, row), (1, row), PHASE),
                        ("TOPPADDING", (0, row), (1, row), 4),
                    )
                ]
            )
        )
        return [
            self.p("Master plan guideline", self.h2),
            self.p(
                "The steps that turn these recommendations into an implementation strategy "
                "(seed 001, Annex, Phase 3), phase by phase, for the modules above."
            ),
            table,
        ]

    # --- History and peers --------------------------------------------------------------

    def years(self) -> list[Flowable]:
        rows: list[list[Flowable]] = [
            [
                self.p("Year", self.s.cell_head),
                self.p("Version", self.s.number_head),
                self.p("Status", self.s.cell_head),
                self.p("Level", self.s.cell_head),
                self.p("Score", self.s.number_head),
                self.p("Change", self.s.cell_head),
            ]
        ]
        names = {int(lv["level"]): str(lv["name"]) for lv in self.levels}
        for line in self.history:
            item = line.assessment
            score = item.result.get("score") if item.result else None
            level = f"{item.level} {names.get(item.level, '')}" if item.level else "-"
            rows.append(
                [
                    self.p(item.year, self.s.cell),
                    self.p(item.version.number, self.s.number),
                    self.p(item.get_status_display(), self.s.cell),
                    self.p(level, self.s.cell),
                    self.p(rules.show(Fraction(score) if score else None), self.s.number),
                    self.p(self.change(line), self.s.cell),
                ]
            )
        widths = [0.09, 0.1, 0.2, 0.2, 0.1, 0.31]
        return [
            self.p("Over the years", self.h2),
            self.table(rows, [w * self.width for w in widths]),
        ]

    @staticmethod
    def change(line: results.YearLine) -> str:
        before = line.compared_with
        if before is None:
            return "No earlier comparable assessment"
        if line.level_change is None:
            return f"Compared with {before.year}: no level to compare"
        if line.level_change == 0:
            return f"Same level as in {before.year}"
        steps = abs(line.level_change)
        way = "Up" if line.level_change > 0 else "Down"
        return f"{way} {steps} level{'s' if steps > 1 else ''} since {before.year}"

    def peers(self) -> list[Flowable]:
        found = self.benchmark
        assert found is not None  # story() calls this only with a benchmark
        out: list[Flowable] = [
            self.p("Compared with peers", self.h2),
            self.p(
                f"{found.peer_count} peer(s) among {found.basis}, each with its latest "
                "accepted assessment of this version. Only aggregates are shown."
            ),
        ]
        if found.withheld:
            out.append(self.p(found.withheld))
            return out
        rows: list[list[Flowable]] = [
            [
                self.p(self.word.capitalize(), self.s.cell_head),
                self.p(self.city, self.s.number_head),
                self.p("Lower quartile", self.s.number_head),
                self.p("Median", self.s.number_head),
                self.p("Upper quartile", self.s.number_head),
                self.p("Where the city stands", self.s.cell_head),
            ]
        ]
        for line in found.lines:
            stats = line.stats
            rows.append(
                [
                    self.p(line.name, self.s.cell),
                    self.p(rules.show(line.own), self.s.number),
                    self.p(rules.show(stats.lower_quartile if stats else None), self.s.number),
                    self.p(rules.show(stats.median if stats else None), self.s.number),
                    self.p(rules.show(stats.upper_quartile if stats else None), self.s.number),
                    self.p(
                        line.position.words.capitalize()
                        if line.position
                        else (line.withheld or "Not shown").capitalize(),
                        self.s.cell,
                    ),
                ]
            )
        widths = [0.3, 0.1, 0.11, 0.1, 0.11, 0.28]
        out.append(KeepTogether(self.table(rows, [w * self.width for w in widths])))
        return out


def footer_text(outcome: results.Outcome, fonts: Fonts, limit: int = 90) -> str:
    """City, instrument, year and "Intercity"; a long instrument name is cut to fit."""
    assessment = outcome.assessment
    city, year = assessment.organisation.name, assessment.year
    name = assessment.instrument.name
    text = f"{city} · {name} {year} · Intercity"
    if len(text) > limit:
        room = max(limit - len(text) + len(name) - 1, 8)
        text = f"{city} · {name[:room].rstrip()}… {year} · Intercity"
    return fonts.plain(text)


def render(
    outcome: results.Outcome,
    history: Sequence[results.YearLine] = (),
    benchmark: results.Benchmark | None = None,
    *,
    fonts: Fonts | None = None,
    compress: bool = True,
) -> bytes:
    """The report as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    assessment = outcome.assessment
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=fonts.plain(
            f"{assessment.organisation.name}: {assessment.instrument.name} {assessment.year}"
        ),
        author="Intercity",
        subject=fonts.plain(f"Self-assessment report, {assessment.network.short_name}"),
        pageCompression=1 if compress else 0,
    )
    layout = _Report(outcome, history, benchmark, fonts, doc.width)
    doc.build(
        layout.story(), canvasmaker=_numbered_canvas(footer_text(outcome, fonts), fonts.regular)
    )
    return buffer.getvalue()
