"""An annual report of the ASCN as a PDF, in the house layout of `core.pdf`: a cover (the
network, the year, the title, frozen or draft), the contents with the page each part starts
on, the Chair's sections, then the figures the report keeps (a bar chart of each state's
average completion, and the tables per state and per city) and the year's meetings. The
interface words are in the reader's language; the Chair's text as written.

The contents' page numbers are found by laying the document out until they hold, as the
journal's PDF does (`knowledge/journal_pdf.py`)."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from intercity.core.pdf import (
    Fonts,
    Layout,
    Marker,
    build,
    default_fonts,
    footer_line,
    paragraphs,
)
from intercity.plans.models_report import AnnualReport, ReportSection

FIGURES, MEETINGS = "figures", "meetings"
BAR = colors.HexColor("#2b6cb0")
TRACK = colors.HexColor("#e9edf2")


class ReportLayout(Layout):
    def __init__(
        self,
        report: AnnualReport,
        sections: list[ReportSection],
        figures: dict[str, Any],
        fonts: Fonts,
        pages: dict[str, int] | None = None,
    ) -> None:
        super().__init__(fonts)
        self.report = report
        self.sections = sections
        self.figures = figures
        self.known = dict(pages or {})
        self.pages: dict[str, int] = {}

    def story(self) -> list[Flowable]:
        story = self.cover()
        story.append(PageBreak())
        story += self.contents()
        story.append(PageBreak())
        for section in self.sections:
            story += self.section(section)
        story += self.numbers()
        story += self.meetings()
        return story

    def cover(self) -> list[Flowable]:
        report = self.report
        kicker = self.styles.style("cover_kicker", fontSize=13, leading=17, spaceAfter=6)
        title = self.styles.style(
            "cover_title", fontName=self.fonts.bold, fontSize=26, leading=32, spaceAfter=10
        )
        out: list[Flowable] = [
            Spacer(1, 50 * mm),
            self.para(f"{report.network.name} ({report.network.short_name})", kicker),
            self.para(_("Annual report %(year)s") % {"year": report.year}, self.styles.title),
            Spacer(1, 8 * mm),
            self.para(report.title, title),
            self.para(state_words(report), kicker),
        ]
        if report.compiled_at:
            out.append(self.para(compiled_words(report), self.styles.body))
        if report.demo:
            out += [Spacer(1, 10 * mm), self.para(demo_words(), self.styles.body)]
        return out

    def _page(self, key: str) -> str:
        return str(self.known.get(key, "00"))

    def contents(self) -> list[Flowable]:
        entries = [(s.anchor, s.heading) for s in self.sections]
        entries += [(FIGURES, _("The figures")), (MEETINGS, _("The year's meetings"))]
        rows: list[list[Flowable]] = [
            [
                self.para(f"{index}.", self.styles.cell),
                self.para(heading, self.styles.cell),
                self.para(self._page(key), self.styles.number),
            ]
            for index, (key, heading) in enumerate(entries, start=1)
        ]
        widths = [0.07 * self.width, 0.8 * self.width, 0.13 * self.width]
        return [self.para(_("Contents"), self.styles.h2), self.table(rows, widths, header=False)]

    def section(self, section: ReportSection) -> list[Flowable]:
        out: list[Flowable] = [
            Marker(section.anchor, self.pages),
            self.para(section.heading, self.styles.h2),
        ]
        blocks = paragraphs(section.body)
        out += [self.para(block) for block in blocks] or [
            self.para(_("Not written yet."), self.styles.small)
        ]
        return out

    def numbers(self) -> list[Flowable]:
        figures = self.figures
        out: list[Flowable] = [
            Marker(FIGURES, self.pages),
            self.para(_("The figures"), self.styles.h2),
        ]
        if figures.get("summary"):
            out.append(self.para(figures["summary"]))
        if figures.get("state_bars"):
            out.append(
                self.para(_("Average completion of the action lines, per state"), self.styles.h4)
            )
            out.append(self.chart(figures["state_bars"]))
        out.append(self.para(_("Per state"), self.styles.h3))
        out.append(self.rows(figures.get("states") or [], _("State")))
        out.append(self.para(_("Per city"), self.styles.h3))
        out.append(self.rows(figures.get("cities") or [], _("City")))
        return out

    def chart(self, bars: list[Any]) -> Drawing:
        label_width, row = 0.28 * self.width, 14
        track = self.width - label_width - 40
        drawing = Drawing(self.width, row * len(bars) + 4)
        for index, bar in enumerate(bars):
            y = row * (len(bars) - index - 1) + 2
            drawing.add(
                String(
                    0, y + 3, self.fonts.plain(bar.name), fontName=self.fonts.regular, fontSize=8
                )
            )
            drawing.add(_box(label_width, y, track, TRACK))
            drawing.add(_box(label_width, y, float(bar.width) / 100 * track, BAR))
            words = f"{bar.percent} %" if bar.percent else _("nothing reported")
            drawing.add(
                String(
                    label_width + track + 4,
                    y + 3,
                    self.fonts.plain(words),
                    fontName=self.fonts.regular,
                    fontSize=7,
                )
            )
        return drawing

    def rows(self, rows: list[dict[str, Any]], first: str) -> Flowable:
        if not rows:
            return self.para(_("No action line to report on."), self.styles.small)
        head = [
            first,
            _("Average completion"),
            _("Action lines"),
            _("Reported this year"),
            _("Statuses"),
        ]
        cells: list[list[Flowable]] = [[self.para(text, self.styles.cell_head) for text in head]]
        for row in rows:
            cells.append(
                [
                    self.para(row["name"], self.styles.cell),
                    self.para(
                        f"{row['percent']} %" if row.get("percent") else _("nothing reported"),
                        self.styles.number,
                    ),
                    self.para(row.get("lines", 0), self.styles.number),
                    self.para(row.get("reported", 0), self.styles.number),
                    self.para(row.get("status_words", ""), self.styles.cell),
                ]
            )
        fractions = (0.3, 0.16, 0.12, 0.14, 0.28)
        return self.table(cells, [f * self.width for f in fractions])

    def meetings(self) -> list[Flowable]:
        out: list[Flowable] = [
            Marker(MEETINGS, self.pages),
            self.para(_("The year's meetings"), self.styles.h2),
        ]
        meetings = self.figures.get("meetings") or []
        if not meetings:
            out.append(
                self.para(
                    _(
                        "The platform holds no meeting of the network for this year: the "
                        "section on the annual meeting's outcomes says what it decided."
                    ),
                    self.styles.small,
                )
            )
        for meeting in meetings:
            out.append(self.para(f"{meeting['title']} · {meeting['date']}", self.styles.h4))
            outcomes = [f"{o['title']}: {o['outcome']}" for o in meeting.get("outcomes", [])]
            out.append(self.bullets(outcomes or [_("No decision recorded.")]))
        return out


def _box(x: float, y: float, width: float, fill: colors.Color) -> Rect:
    # Set after construction: types-reportlab mistypes Rect's keyword arguments.
    box = Rect(x, y, width, 10)
    box.fillColor = fill
    box.strokeColor = None
    return box


def state_words(report: AnnualReport) -> str:
    if report.frozen and report.frozen_at:
        return _("Frozen and published on %(day)s") % {
            "day": formats.date_format(report.frozen_at, "DATE_FORMAT")
        }
    return _("Draft, not published")


def compiled_words(report: AnnualReport) -> str:
    if report.compiled_at is None:
        return ""
    return _("Figures as compiled from the progress on %(moment)s.") % {
        "moment": formats.date_format(report.compiled_at, "DATETIME_FORMAT")
    }


def demo_words() -> str:
    return _(
        "Demonstration data: this report is made up from demonstration plans and progress; it "
        "is not a report of the network."
    )


def render(
    report: AnnualReport,
    sections: list[ReportSection],
    figures: dict[str, Any],
    *,
    fonts: Fonts | None = None,
    compress: bool = True,
) -> bytes:
    """The report as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    heading = _("Annual report %(year)s") % {"year": report.year}
    options: dict[str, Any] = {
        "footer": footer_line(fonts, f"{report.network.short_name} · {heading} · {report.title}"),
        "title": f"{heading}: {report.title}",
        "author": f"{report.network.name} ({report.network.short_name})",
        "subject": heading,
        "compress": compress,
    }
    pages: dict[str, int] = {}
    document = b""
    for _pass in range(3):
        layout = ReportLayout(report, sections, figures, fonts, pages)
        document = build(layout, **options)
        if layout.pages == pages:
            break
        pages = layout.pages
    return document


def filename(report: AnnualReport) -> str:
    return f"annual-report-{report.network.slug}-{report.year}.pdf"
