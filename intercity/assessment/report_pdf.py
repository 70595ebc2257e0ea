"""A city's self-assessment report as a PDF a mayor can read: where the city stands and why,
its scores on a radar chart and in a table, and for CeDS (seed 001, Annex) the gap in
sectoral systems, the recommended modules in priority order with a condensed guideline and
the master plan steps; then its history and its peer benchmark when given.

Laid out from `results.Outcome` (what the pages read too), in the house style of `core.pdf`
(fonts, styles, numbered pages; docs/decisions/0005). Another city
appears only inside peer aggregates (median and quartiles, never minimum or maximum, which
would be one city's own score). The city's own answers close the report, section by
section, with the evidence given (names and links) and the Secretariat's comments the city
has been shown (those released by a recorded review); never another city's answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
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
from intercity.core.pdf import Fonts, Layout, build, default_fonts

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


class ReportLayout(Layout):
    """Turns an Outcome (and its history and benchmark) into reportlab flowables."""

    def __init__(
        self,
        outcome: results.Outcome,
        history: Sequence[results.YearLine],
        benchmark: results.Benchmark | None,
        fonts: Fonts,
    ) -> None:
        super().__init__(fonts)
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
            for style in (self.styles.h2, self.styles.h3, self.styles.h4)
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
        story += self.answers()
        return story

    # --- The answers ---------------------------------------------------------------------

    def answers(self) -> list[Flowable]:
        assessment = self.outcome.assessment
        released = assessment.review_comments.filter(review__isnull=False)
        sheet = results.answer_sheet(assessment, list(released))
        out: list[Flowable] = [
            self.para("The answers", self.h2),
            self.para(
                f"{self.city}'s answers as "
                + ("saved so far" if assessment.editable else "submitted")
                + ", with the evidence given for each and the Secretariat's comments."
            ),
        ]
        for section in sheet:
            out.append(self.para(section.name, self.h3))
            rows: list[list[Any]] = [
                [
                    self.para("Question", self.styles.cell_head),
                    self.para("Answer", self.styles.cell_head),
                ]
            ]
            for line in section.questions:
                if not line.asked:
                    given = "Not asked (a follow-up that does not apply)"
                else:
                    given = line.answer or "Not answered"
                notes = [given]
                for item in line.items:
                    notes.append(f"Evidence: {item.link or item.name}")
                for comment in line.comments:
                    notes.append(f"Secretariat: {comment.text}")
                rows.append(
                    [
                        self.para(f"{line.question.code} {line.question.text}", self.styles.cell),
                        [self.para(note, self.styles.cell) for note in notes],
                    ]
                )
            out.append(self.table(rows, [0.55 * self.width, 0.45 * self.width]))
        return out

    # --- Title and summary --------------------------------------------------------------

    def banner(self, text: str, detail: str) -> Table:
        cell = self.para(detail, self.styles.cell, bold_label=text)
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
            self.para(f"{assessment.network.name} · Self-assessment report", self.styles.kicker),
            self.para(self.city, self.styles.title),
            self.para(
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
        story += [self.para(WRITTEN_FOR_PLATFORM["result"], self.styles.small), Spacer(1, 4)]
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
            return [self.para("Summary", self.h2), self.para(text)]
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
        return [self.para("Summary", self.h2), self.para(text)]

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
            self.para(self.word.capitalize(), self.styles.cell_head),
            self.para("Score", self.styles.number_head),
            self.para("Level", self.styles.cell_head),
        ]
        widths = [0.46, 0.12, 0.24]
        if targets:
            head.append(self.para("Target level", self.styles.cell_head))
            widths.append(0.18)
        if outcome.provisional:
            head.append(self.para("Answered", self.styles.number_head))
            widths.append(0.14)
        rows: list[list[Flowable]] = [head]
        for s in outcome.sections:
            level = f"{s.level} {s.level_name}" if s.level is not None else "-"
            row: list[Flowable] = [
                self.para(s.name, self.styles.cell),
                self.para(rules.show(s.score), self.styles.number),
                self.para(level, self.styles.cell),
            ]
            if targets:
                target = next((lv for lv in self.levels if int(lv["level"]) == s.target), None)
                row.append(
                    self.para(f"{s.target} {target['name']}" if target else "-", self.styles.cell)
                )
            if outcome.provisional:
                row.append(self.para(f"{s.answered} of {s.scored}", self.styles.number))
            rows.append(row)
        scale = 1 / sum(widths)
        out: list[Flowable] = [
            self.para(f"Scores by {self.word}", self.h2),
            self.chart(),
            Spacer(1, 6),
            KeepTogether(self.table(rows, [w * scale * self.width for w in widths])),
            Spacer(1, 4),
        ]
        if outcome.explanation:
            out.append(
                self.para(outcome.explanation, self.styles.small, bold_label="How it is scored:")
            )
        return out

    # --- CeDS: gap, recommendations, master plan ----------------------------------------

    def gap(self) -> list[Flowable]:
        out: list[Flowable] = [self.para("Sectoral systems: the gap", self.h2)]
        gaps = self.outcome.gaps
        if not gaps:
            out.append(
                self.para(
                    f"{self.city} runs every sectoral system expected at its level, "
                    "at least at the expected stage."
                    if self.outcome.level is not None
                    else "The gap is shown once the city has a level."
                )
            )
            return out
        out.append(
            self.para(
                f"Systems a city at level {self.outcome.level} is expected to run, which "
                f"{self.city} runs at a lower stage or not at all."
            )
        )
        rows: list[list[Flowable]] = [
            [
                self.para("Sectoral module", self.styles.cell_head),
                self.para("Expected", self.styles.cell_head),
                self.para("Current", self.styles.cell_head),
            ]
        ]
        rows += [
            [
                self.para(g.module.name, self.styles.cell),
                self.para(g.expected.capitalize(), self.styles.cell),
                self.para(g.current.capitalize(), self.styles.cell),
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
        out: list[Flowable] = [self.para("Recommended modules, in priority order", self.h2)]
        if not self.outcome.recommendations:
            out.append(self.para("No sectoral module is recommended at this level."))
            return out
        out.append(
            self.para(
                "Each with the start of its implementation guideline; the full guideline "
                "(prerequisites, components, every step, cost drivers and risks) is in "
                "Intercity.",
                self.styles.small,
            )
        )
        indent = self.styles.style(
            "module", fontSize=8.5, leading=11, leftIndent=12, spaceAfter=1.5
        )
        for item in self.outcome.recommendations:
            guide: dict[str, Any] = item.module.guideline or {}
            steps = [str(step.get("title", "")) for step in guide.get("steps", [])][:FIRST_STEPS]
            indicators = [str(i) for i in guide.get("indicators", [])][:INDICATORS]
            out.append(
                KeepTogether(
                    [
                        self.para(f"{item.priority}. {item.module.name}", self.h4),
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
            [
                self.para("Step", self.styles.cell_head),
                self.para("What it produces", self.styles.cell_head),
            ]
        ]
        phase_rows: list[int] = []
        for number in sorted(phases):
            phase, members = phases[number]
            phase_rows.append(len(rows))
            rows.append(
                [
                    self.labelled(
                        [(f"Phase {phase.number}. {phase.name}.", phase.purpose)], self.styles.cell
                    ),
                    Spacer(1, 1),
                ]
            )
            rows += [
                [
                    self.para(step.title, self.styles.cell, bold_label=step.code),
                    self.para("; ".join(str(o) for o in step.outputs), self.styles.cell),
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
            self.para("Master plan guideline", self.h2),
            self.para(
                "The steps that turn these recommendations into an implementation strategy "
                "(seed 001, Annex, Phase 3), phase by phase, for the modules above."
            ),
            table,
        ]

    # --- History and peers --------------------------------------------------------------

    def years(self) -> list[Flowable]:
        rows: list[list[Flowable]] = [
            [
                self.para("Year", self.styles.cell_head),
                self.para("Version", self.styles.number_head),
                self.para("Status", self.styles.cell_head),
                self.para("Level", self.styles.cell_head),
                self.para("Score", self.styles.number_head),
                self.para("Change", self.styles.cell_head),
            ]
        ]
        names = {int(lv["level"]): str(lv["name"]) for lv in self.levels}
        for line in self.history:
            item = line.assessment
            score = item.result.get("score") if item.result else None
            level = f"{item.level} {names.get(item.level, '')}" if item.level else "-"
            rows.append(
                [
                    self.para(item.year, self.styles.cell),
                    self.para(item.version.number, self.styles.number),
                    self.para(item.get_status_display(), self.styles.cell),
                    self.para(level, self.styles.cell),
                    self.para(rules.show(Fraction(score) if score else None), self.styles.number),
                    self.para(self.change(line), self.styles.cell),
                ]
            )
        widths = [0.09, 0.1, 0.2, 0.2, 0.1, 0.31]
        return [
            self.para("Over the years", self.h2),
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
            self.para("Compared with peers", self.h2),
            self.para(
                f"{found.peer_count} peer(s) among {found.basis}, each with its latest "
                "accepted assessment of this version. Only aggregates are shown."
            ),
        ]
        if found.withheld:
            out.append(self.para(found.withheld))
            return out
        rows: list[list[Flowable]] = [
            [
                self.para(self.word.capitalize(), self.styles.cell_head),
                self.para(self.city, self.styles.number_head),
                self.para("Lower quartile", self.styles.number_head),
                self.para("Median", self.styles.number_head),
                self.para("Upper quartile", self.styles.number_head),
                self.para("Where the city stands", self.styles.cell_head),
            ]
        ]
        for line in found.lines:
            stats = line.stats
            rows.append(
                [
                    self.para(line.name, self.styles.cell),
                    self.para(rules.show(line.own), self.styles.number),
                    self.para(
                        rules.show(stats.lower_quartile if stats else None), self.styles.number
                    ),
                    self.para(rules.show(stats.median if stats else None), self.styles.number),
                    self.para(
                        rules.show(stats.upper_quartile if stats else None), self.styles.number
                    ),
                    self.para(
                        line.position.words.capitalize()
                        if line.position
                        else (line.withheld or "Not shown").capitalize(),
                        self.styles.cell,
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
    return build(
        ReportLayout(outcome, history, benchmark, fonts),
        footer=footer_text(outcome, fonts),
        title=fonts.plain(
            f"{assessment.organisation.name}: {assessment.instrument.name} {assessment.year}"
        ),
        author="Intercity",
        subject=fonts.plain(f"Self-assessment report, {assessment.network.short_name}"),
        compress=compress,
    )
