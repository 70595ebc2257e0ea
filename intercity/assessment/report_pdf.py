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

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
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
DEMO_BANNER = gettext_lazy("Demonstration data — not the city's own answers")
PROVISIONAL_BANNER = gettext_lazy("Provisional: a draft's progress")
TIERS = {
    "overdue": gettext_lazy("Overdue: expected from a lower level than the city's"),
    "expected": gettext_lazy("Expected at the city's level"),
    "next-level": gettext_lazy("Needed for the next level"),
}
# Of each module's guideline the report shows the first sentence of its purpose, its first
# steps and indicators; the full guideline is in Intercity.
FIRST_STEPS = 3
INDICATORS = 2


# A sentence ends at ".", "!" or "?" before a space and a letter that is not lower case (Latin,
# Cyrillic, Hangul), or at the full-width "。", "！", "？" of Chinese, with or without a space.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\sa-zа-яё])|(?<=[。！？])\s*(?=\S)")


def first_sentences(text: str, count: int = 1) -> str:
    sentences = [part for part in SENTENCE_END.split(text.strip()) if part]
    joiner = "" if sentences and sentences[0].endswith(("。", "！", "？")) else " "
    return joiner.join(sentences[:count])


def day(value: Any) -> str:
    """A date as the reader's language writes it (14 March 2026, 2026년 3월 14일 ...)."""
    return str(formats.date_format(timezone.localtime(value), "DATE_FORMAT"))


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
        # The parts of an instrument: CeDS has factors, the maturity model dimensions.
        self.part = _("Factor") if self.ceds else _("Dimension")
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
            self.para(_("The answers"), self.h2),
            self.para(
                (
                    _(
                        "The answers of %(city)s as saved so far, with the evidence given for "
                        "each and the Secretariat's comments."
                    )
                    if assessment.editable
                    else _(
                        "The answers of %(city)s as submitted, with the evidence given for "
                        "each and the Secretariat's comments."
                    )
                )
                % {"city": self.city}
            ),
        ]
        for section in sheet:
            out.append(self.para(section.name, self.h3))
            rows: list[list[Any]] = [
                [
                    self.para(_("Question"), self.styles.cell_head),
                    self.para(_("Answer"), self.styles.cell_head),
                ]
            ]
            for line in section.questions:
                if not line.asked:
                    given = _("Not asked (a follow-up that does not apply)")
                else:
                    given = line.answer or _("Not answered")
                notes = [given]
                for item in line.items:
                    notes.append(_("Evidence: %(item)s") % {"item": item.link or item.name})
                for comment in line.comments:
                    # Translators: a comment of the Secretariat on an answer, in the report
                    notes.append(_("Secretariat: %(comment)s") % {"comment": comment.text})
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
            self.para(
                _("%(network)s · Self-assessment report") % {"network": assessment.network.name},
                self.styles.kicker,
            ),
            self.para(self.city, self.styles.title),
            self.para(
                _("%(instrument)s, version %(number)s · %(year)s")
                % {
                    "instrument": instrument.name,
                    "number": self.version.number,
                    "year": assessment.year,
                },
                self.h3,
            ),
        ]
        if assessment.demo:
            story += [
                self.banner(
                    str(DEMO_BANNER),
                    _("generated to show how the tool works; do not quote these results."),
                ),
                Spacer(1, 4),
            ]
        if outcome.provisional:
            story += [
                self.banner(
                    str(PROVISIONAL_BANNER),
                    _(
                        "scored from the answers given so far; not submitted or reviewed, so it "
                        "may change."
                    ),
                ),
                Spacer(1, 4),
            ]
        story += [self.para(WRITTEN_FOR_PLATFORM["result"], self.styles.small), Spacer(1, 4)]
        status = str(assessment.get_status_display())
        submitted = assessment.submitted_at and not outcome.provisional
        accepted = assessment.decided_at and assessment.status == Assessment.Status.ACCEPTED
        if submitted and accepted:
            status = _("%(status)s; submitted %(submitted)s, accepted %(accepted)s") % {
                "status": status,
                "submitted": day(assessment.submitted_at),
                "accepted": day(assessment.decided_at),
            }
        elif submitted:
            status = _("%(status)s; submitted %(submitted)s") % {
                "status": status,
                "submitted": day(assessment.submitted_at),
            }
        story.append(
            self.facts(
                [
                    (
                        _("Network"),
                        f"{assessment.network.name} ({assessment.network.short_name})",
                    ),
                    (_("Status"), status),
                    # Translators: the year by which the city means to reach its target levels
                    (_("Targets for"), str(assessment.target_year or "")),
                ]
            )
        )
        return story

    def summary(self) -> list[Flowable]:
        outcome = self.outcome
        if outcome.level is None or outcome.score is None:
            text = _(
                "%(city)s has not answered enough questions yet to be given a level. "
                "The scores below show each part answered so far."
            ) % {"city": self.city}
            return [
                self.para(pgettext("the opening section of a report", "Summary"), self.h2),
                self.para(text),
            ]
        where = {
            "city": self.city,
            "level": outcome.level,
            "count": len(self.levels),
            "name": outcome.level_name,
            "score": rules.show(outcome.score),
        }
        sentences = [
            (
                _(
                    "From the answers given so far, %(city)s is at level %(level)s of "
                    "%(count)s, %(name)s, with an overall score of %(score)s out of 100."
                )
                if outcome.provisional
                else _(
                    "%(city)s is at level %(level)s of %(count)s, %(name)s, with an overall "
                    "score of %(score)s out of 100."
                )
            )
            % where
        ]
        if outcome.level_description:
            sentences.append(outcome.level_description)
        scored = [s for s in outcome.sections if s.score is not None]
        if len(scored) > 1:
            best = max(scored, key=lambda s: s.score or 0)
            worst = min(scored, key=lambda s: s.score or 0)
            if best.score == worst.score:
                sentences.append(
                    (
                        _("Every factor scores %(score)s.")
                        if self.ceds
                        else _("Every dimension scores %(score)s.")
                    )
                    % {"score": rules.show(best.score)}
                )
            else:
                sentences.append(
                    (
                        _(
                            "Its strongest factor is %(best)s (%(best_score)s); its weakest is "
                            "%(worst)s (%(worst_score)s)."
                        )
                        if self.ceds
                        else _(
                            "Its strongest dimension is %(best)s (%(best_score)s); its weakest "
                            "is %(worst)s (%(worst_score)s)."
                        )
                    )
                    % {
                        "best": best.name,
                        "best_score": rules.show(best.score),
                        "worst": worst.name,
                        "worst_score": rules.show(worst.score),
                    }
                )
        following = next((lv for lv in self.levels if int(lv["level"]) == outcome.level + 1), None)
        if following is not None:
            needed = rules.parse_fraction(following["min_score"], "min_score")
            sentences.append(
                _("Level %(level)s (%(name)s) starts at an overall score of %(score)s.")
                % {
                    "level": following["level"],
                    "name": following["name"],
                    "score": rules.show(needed),
                }
            )
        else:
            sentences.append(_("This is the highest level."))
        return [
            self.para(pgettext("the opening section of a report", "Summary"), self.h2),
            self.para(" ".join(sentences)),
        ]

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
            title=fonts.plain(
                _("Factor scores, 0 to 100") if self.ceds else _("Dimension scores, 0 to 100")
            ),
            font_name=fonts.regular,
        )
        drawing.hAlign = "CENTER"
        return drawing

    def scores(self) -> list[Flowable]:
        outcome = self.outcome
        targets = any(s.target is not None for s in outcome.sections)
        head: list[Flowable] = [
            self.para(self.part, self.styles.cell_head),
            self.para(_("Score"), self.styles.number_head),
            self.para(_("Level"), self.styles.cell_head),
        ]
        widths = [0.46, 0.12, 0.24]
        if targets:
            head.append(self.para(_("Target level"), self.styles.cell_head))
            widths.append(0.18)
        if outcome.provisional:
            # Translators: column of the scores table: questions answered of those scored
            head.append(self.para(_("Answered"), self.styles.number_head))
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
                row.append(
                    self.para(
                        _("%(answered)s of %(scored)s")
                        % {"answered": s.answered, "scored": s.scored},
                        self.styles.number,
                    )
                )
            rows.append(row)
        scale = 1 / sum(widths)
        out: list[Flowable] = [
            self.para(_("Scores by factor") if self.ceds else _("Scores by dimension"), self.h2),
            self.chart(),
            Spacer(1, 6),
            KeepTogether(self.table(rows, [w * scale * self.width for w in widths])),
            Spacer(1, 4),
        ]
        if outcome.explanation:
            out.append(
                self.para(outcome.explanation, self.styles.small, bold_label=_("How it is scored:"))
            )
        return out

    # --- CeDS: gap, recommendations, master plan ----------------------------------------

    def gap(self) -> list[Flowable]:
        out: list[Flowable] = [self.para(_("Sectoral systems: the gap"), self.h2)]
        gaps = self.outcome.gaps
        if not gaps:
            out.append(
                self.para(
                    _(
                        "%(city)s runs every sectoral system expected at its level, "
                        "at least at the expected stage."
                    )
                    % {"city": self.city}
                    if self.outcome.level is not None
                    else _("The gap is shown once the city has a level.")
                )
            )
            return out
        out.append(
            self.para(
                _(
                    "Systems a city at level %(level)s is expected to run, which %(city)s runs "
                    "at a lower stage or not at all."
                )
                % {"level": self.outcome.level, "city": self.city}
            )
        )
        rows: list[list[Flowable]] = [
            [
                self.para(_("Sectoral module"), self.styles.cell_head),
                # Translators: column heads: the stage a system is expected at, and the
                # stage the city reports
                self.para(_("Expected"), self.styles.cell_head),
                self.para(_("Current"), self.styles.cell_head),
            ]
        ]
        status = rules.SYSTEM_STATUS_LABELS
        rows += [
            [
                self.para(g.module.name, self.styles.cell),
                self.para(str(status.get(g.expected, g.expected)).capitalize(), self.styles.cell),
                self.para(str(status.get(g.current, g.current)).capitalize(), self.styles.cell),
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
        out: list[Flowable] = [self.para(_("Recommended modules, in priority order"), self.h2)]
        if not self.outcome.recommendations:
            out.append(self.para(_("No sectoral module is recommended at this level.")))
            return out
        out.append(
            self.para(
                _(
                    "Each with the start of its implementation guideline; the full guideline "
                    "(prerequisites, components, every step, cost drivers and risks) is in "
                    "Intercity."
                ),
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
                                (_("Purpose:"), first_sentences(str(guide.get("purpose", "")))),
                                (
                                    _("First steps:"),
                                    "; ".join(f"{n}. {t}" for n, t in enumerate(steps, 1)),
                                ),
                            ],
                            indent,
                        ),
                        self.labelled(
                            [
                                (_("Duration:"), str(guide.get("duration", ""))),
                                (_("Indicators:"), "; ".join(indicators)),
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
                self.para(
                    pgettext("a step of the master plan guideline", "Step"), self.styles.cell_head
                ),
                self.para(_("What it produces"), self.styles.cell_head),
            ]
        ]
        phase_rows: list[int] = []
        for number in sorted(phases):
            phase, members = phases[number]
            phase_rows.append(len(rows))
            rows.append(
                [
                    self.labelled(
                        [
                            (
                                _("Phase %(number)s: %(name)s")
                                % {"number": phase.number, "name": phase.name},
                                phase.purpose,
                            )
                        ],
                        self.styles.cell,
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
            self.para(_("Master plan guideline"), self.h2),
            self.para(
                _(
                    "The steps that turn these recommendations into an implementation strategy, "
                    "phase by phase, for the modules above."
                )
            ),
            table,
        ]

    # --- History and peers --------------------------------------------------------------

    def years(self) -> list[Flowable]:
        rows: list[list[Flowable]] = [
            [
                self.para(_("Year"), self.styles.cell_head),
                self.para(_("Version"), self.styles.number_head),
                self.para(_("Status"), self.styles.cell_head),
                self.para(_("Level"), self.styles.cell_head),
                self.para(_("Score"), self.styles.number_head),
                # Translators: column head: the change of level since an earlier year
                self.para(_("Change"), self.styles.cell_head),
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
            self.para(_("Over the years"), self.h2),
            self.table(rows, [w * self.width for w in widths]),
        ]

    @staticmethod
    def change(line: results.YearLine) -> str:
        before = line.compared_with
        if before is None:
            return _("No earlier comparable assessment")
        if line.level_change is None:
            return _("Compared with %(year)s: no level to compare") % {"year": before.year}
        if line.level_change == 0:
            return _("Same level as in %(year)s") % {"year": before.year}
        steps = abs(line.level_change)
        if line.level_change > 0:
            text = ngettext(
                "Up %(count)s level since %(year)s", "Up %(count)s levels since %(year)s", steps
            )
        else:
            text = ngettext(
                "Down %(count)s level since %(year)s", "Down %(count)s levels since %(year)s", steps
            )
        return text % {"count": steps, "year": before.year}

    def peers(self) -> list[Flowable]:
        found = self.benchmark
        assert found is not None  # story() calls this only with a benchmark
        out: list[Flowable] = [
            self.para(_("Compared with peers"), self.h2),
            self.para(
                ngettext(
                    "%(count)s peer among %(basis)s, with its latest accepted assessment of "
                    "this version. Only aggregates are shown.",
                    "%(count)s peers among %(basis)s, each with its latest accepted assessment "
                    "of this version. Only aggregates are shown.",
                    found.peer_count,
                )
                % {"count": found.peer_count, "basis": found.basis}
            ),
        ]
        if found.withheld:
            out.append(self.para(found.withheld))
            return out
        rows: list[list[Flowable]] = [
            [
                self.para(self.part, self.styles.cell_head),
                self.para(self.city, self.styles.number_head),
                self.para(_("Lower quartile"), self.styles.number_head),
                self.para(_("Median"), self.styles.number_head),
                self.para(_("Upper quartile"), self.styles.number_head),
                self.para(_("Where the city stands"), self.styles.cell_head),
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
                        else (line.withheld or _("Not shown")).capitalize(),
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
        subject=fonts.plain(
            _("Self-assessment report, %(network)s") % {"network": assessment.network.short_name}
        ),
        compress=compress,
    )
