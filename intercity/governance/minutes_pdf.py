"""The memorandum of a meeting as a PDF, laid out with reportlab from `minutes.Memorandum`,
so it says exactly what the HTML page says (docs/decisions/0005-pdf-with-reportlab.md).

Names such as "São Paulo" or "Hà Nội" need a font beyond Latin-1: DejaVu Sans (or Liberation
or Noto Sans) is embedded when the machine has it. Without any, the PDF falls back to
Helvetica and writes each letter it cannot show as its nearest Latin-1 letter ("Hà Nội" ->
"Hà Nôi"), so a missing font never stops the memorandum.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from intercity.governance.minutes import DecisionRecord, Item, Memorandum, RoleGroup

FONT_DIRS = [
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/TTF",  # Arch
    "/usr/share/fonts/dejavu",  # Fedora
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/noto",
]
# Each a regular and a bold face; all three families cover Latin-1 and Vietnamese.
FONT_FILES = [
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
]
INK = colors.HexColor("#1b2430")
MUTED = colors.HexColor("#4a5563")
LINE = colors.HexColor("#d5dae1")
HEAD = colors.HexColor("#e9edf2")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    unicode: bool  # False: Helvetica, Latin-1 only

    def text(self, value: object) -> str:
        """Escaped for reportlab's paragraph markup and shown in letters the font has."""
        return escape(self.plain(value))

    def plain(self, value: object) -> str:
        raw = str(value)
        return raw if self.unicode else latin1(raw)


def latin1(value: str) -> str:
    """Each letter Helvetica cannot show replaced by the nearest one it can: the letter with
    fewer accents ("ộ" -> "ô"), else its base letter, else "?"."""
    out = []
    for char in value:
        if _encodable(char):
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[:1], decomposed[1:]
        for mark in marks:
            candidate = unicodedata.normalize("NFC", base + mark)
            if len(candidate) == 1 and _encodable(candidate):
                base = candidate
                break
        out.append(base if base and _encodable(base) else "?")
    return "".join(out)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def find_fonts(dirs: tuple[str, ...] = tuple(FONT_DIRS)) -> Fonts:
    """The first family found on this machine, registered with reportlab; else Helvetica."""
    for regular, bold in FONT_FILES:
        for folder in dirs:
            regular_path, bold_path = Path(folder) / regular, Path(folder) / bold
            if not (regular_path.is_file() and bold_path.is_file()):
                continue
            name = Path(regular).stem.split("-")[0]
            try:
                pdfmetrics.registerFont(TTFont(f"{name}-Memo", str(regular_path)))
                pdfmetrics.registerFont(TTFont(f"{name}-Memo-Bold", str(bold_path)))
                pdfmetrics.registerFontFamily(
                    f"{name}-Memo",
                    normal=f"{name}-Memo",
                    bold=f"{name}-Memo-Bold",
                    italic=f"{name}-Memo",
                    boldItalic=f"{name}-Memo-Bold",
                )
            except Exception:  # noqa: S112 - a broken font file: try the next one
                continue
            return Fonts(f"{name}-Memo", f"{name}-Memo-Bold", unicode=True)
    return Fonts("Helvetica", "Helvetica-Bold", unicode=False)


@functools.cache
def default_fonts() -> Fonts:
    return find_fonts()


@dataclass(frozen=True)
class Styles:
    fonts: Fonts

    def style(self, name: str, **kwargs: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": self.fonts.regular,
            "fontSize": 9.5,
            "leading": 12.5,
            "textColor": INK,
            "spaceAfter": 3,
        }
        base.update(kwargs)
        return ParagraphStyle(name, **base)

    @functools.cached_property
    def title(self) -> ParagraphStyle:
        return self.style("title", fontName=self.fonts.bold, fontSize=17, leading=21, spaceAfter=6)

    @functools.cached_property
    def kicker(self) -> ParagraphStyle:
        return self.style("kicker", fontSize=9, textColor=MUTED, spaceAfter=2)

    @functools.cached_property
    def h2(self) -> ParagraphStyle:
        return self.style(
            "h2", fontName=self.fonts.bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5
        )

    @functools.cached_property
    def h3(self) -> ParagraphStyle:
        return self.style(
            "h3", fontName=self.fonts.bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
        )

    @functools.cached_property
    def h4(self) -> ParagraphStyle:
        return self.style("h4", fontName=self.fonts.bold, fontSize=10, leading=13, spaceBefore=4)

    @functools.cached_property
    def body(self) -> ParagraphStyle:
        return self.style("body")

    @functools.cached_property
    def cell(self) -> ParagraphStyle:
        return self.style("cell", fontSize=8.5, leading=10.5, spaceAfter=0)

    @functools.cached_property
    def cell_head(self) -> ParagraphStyle:
        return self.style("cell_head", fontName=self.fonts.bold, fontSize=8.5, leading=10.5)

    @functools.cached_property
    def number(self) -> ParagraphStyle:
        return self.style("number", fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT)

    @functools.cached_property
    def number_head(self) -> ParagraphStyle:
        return self.style(
            "number_head", fontName=self.fonts.bold, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        )

    @functools.cached_property
    def small(self) -> ParagraphStyle:
        return self.style("small", fontSize=7.5, leading=9.5, textColor=MUTED)


class _Layout:
    """Turns a Memorandum into reportlab flowables."""

    def __init__(self, memo: Memorandum, fonts: Fonts, width: float) -> None:
        self.memo = memo
        self.fonts = fonts
        self.s = Styles(fonts)
        self.width = width

    def p(
        self, text: object, style: ParagraphStyle | None = None, bold_label: str = ""
    ) -> Paragraph:
        label = f"<b>{self.fonts.text(bold_label)}</b> " if bold_label else ""
        return Paragraph(label + self.fonts.text(text), style or self.s.body)

    def table(
        self, rows: list[list[Flowable]], widths: list[float], *, header: bool = True
    ) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        commands: list[Any] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
        table.setStyle(TableStyle(commands))
        return table

    def facts(self, rows: list[tuple[str, str]]) -> Table:
        cells: list[list[Flowable]] = [
            [self.p(label, self.s.cell_head), self.p(value, self.s.cell)]
            for label, value in rows
            if value
        ]
        return self.table(cells, [0.24 * self.width, 0.76 * self.width], header=False)

    def story(self) -> list[Flowable]:
        memo = self.memo
        story: list[Flowable] = [
            self.p(f"{memo.network_name} ({memo.network}) · Meeting memorandum", self.s.kicker),
            self.p(memo.title, self.s.title),
        ]
        statute = (
            f"{memo.statute.name}, in force from {memo.statute.effective_from:%d %B %Y}"
            if memo.statute
            else "No statute text on record for this date"
        )
        story.append(
            self.facts(
                [
                    ("Body", f"{memo.body} ({memo.kind.lower()} meeting)"),
                    ("Date", f"{memo.date:%A %d %B %Y}"),
                    ("Venue", memo.venue or "Not recorded"),
                    ("Statute in force", statute),
                    ("Record", memo.status),
                    ("Attendance", memo.attendance.words()),
                    ("Source", memo.source),
                ]
            )
        )
        story += self.participants()
        story += self.agenda()
        if memo.other_decisions:
            story.append(self.p("Decisions without an agenda item", self.s.h2))
            for decision in memo.other_decisions:
                story += self.decision(decision)
        return story

    def participants(self) -> list[Flowable]:
        out: list[Flowable] = [self.p("Participants", self.s.h2)]
        if not self.memo.participants:
            out.append(self.p("No participants recorded."))
        for group in self.memo.participants:
            out += self.group(group)
        return out

    def group(self, group: RoleGroup) -> list[Flowable]:
        heading = self.p(
            f"{group.heading} ({group.attendance.present} of {group.attendance.total} present)",
            self.s.h3,
        )
        rows: list[list[Flowable]] = [
            [
                self.p("Participant", self.s.cell_head),
                self.p("Country", self.s.cell_head),
                self.p("Attendance", self.s.cell_head),
            ]
        ]
        rows += [
            [
                self.p(a.name, self.s.cell),
                self.p(a.country, self.s.cell),
                self.p(a.attendance_words, self.s.cell),
            ]
            for a in group.attendees
        ]
        widths = [0.5 * self.width, 0.3 * self.width, 0.2 * self.width]
        return [heading, self.table(rows, widths)]

    def agenda(self) -> list[Flowable]:
        out: list[Flowable] = [self.p("Agenda", self.s.h2)]
        if not self.memo.agenda:
            out.append(self.p("No agenda recorded."))
            return out
        overview: list[list[Flowable]] = [
            [self.p(item.number, self.s.cell_head), self.p(item.title, self.s.cell)]
            for item in self.memo.agenda
        ]
        out.append(self.table(overview, [0.08 * self.width, 0.92 * self.width], header=False))
        for item in self.memo.agenda:
            out += self.item(item)
        return out

    def item(self, item: Item) -> list[Flowable]:
        head: list[Flowable] = [self.p(f"Agenda {item.number}. {item.title}", self.s.h3)]
        if item.description:
            head.append(self.p(item.description))
        if item.documents:
            head.append(self.p("Documents", self.s.h4))
            head.append(
                self.bullets(
                    f"{d.title}"
                    + (f" ({d.reference})" if d.reference else "")
                    + (f" {d.url}" if d.url else "")
                    for d in item.documents
                )
            )
        out: list[Flowable] = [KeepTogether(head)]
        if not item.decisions:
            out.append(self.p("No decision recorded under this item.", self.s.small))
        for decision in item.decisions:
            out += self.decision(decision)
        return out

    def bullets(self, lines: Any) -> ListFlowable:
        return ListFlowable(
            [self.p(line) for line in lines],
            bulletType="bullet",
            start="•",
            leftIndent=10,
            bulletFontName=self.fonts.regular,
        )

    def decision(self, d: DecisionRecord) -> list[Flowable]:
        rows = [
            ("Kind", d.kind_words + (f": {d.office}" if d.office else "")),
            ("Ruling", d.ruling),
            ("Statute", d.statute_version),
            ("Rule applied", d.article),
            ("Counts", d.counts.words() if d.counts else ""),
            ("Elected", d.winner),
        ]
        head: list[Flowable] = [self.p(d.title, self.s.h4), self.facts(rows), Spacer(1, 4)]
        out: list[Flowable] = [KeepTogether(head)]
        if d.text:
            out.append(self.p(d.text))
        if d.explanation:
            out.append(self.p(d.explanation, bold_label="Explanation:"))
        if d.candidates:
            cells: list[list[Flowable]] = [
                [
                    self.p("Candidate", self.s.cell_head),
                    self.p("Votes", self.s.number_head),
                    self.p("Result", self.s.cell_head),
                ]
            ]
            for c in d.candidates:
                result = "Elected" if c.elected else ""
                if c.warnings:
                    result = "; ".join([result, *c.warnings]) if result else "; ".join(c.warnings)
                votes = "not recorded" if c.votes is None else str(c.votes)
                cells.append(
                    [
                        self.p(c.name, self.s.cell),
                        self.p(votes, self.s.number),
                        self.p(result, self.s.cell),
                    ]
                )
            widths = [0.45 * self.width, 0.15 * self.width, 0.4 * self.width]
            out.append(self.table(cells, widths))
            out.append(Spacer(1, 3))
        if d.effects:
            label = "Effects" if d.effects_applied else "Effects if adopted (not applied)"
            out.append(self.p(label, self.s.cell_head))
            out.append(self.bullets(d.effects))
        if d.source:
            out.append(self.p(d.source, self.s.small, bold_label="Source:"))
        if d.conflict:
            out.append(self.p(d.conflict, self.s.small, bold_label="Sources differ:"))
        out.append(Spacer(1, 6))
        return out


def _numbered_canvas(footer: str, font: str) -> type[Canvas]:
    """A canvas that writes "page n of N" once the number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 7.5)
                self.setFillColor(MUTED)
                self.drawString(18 * mm, 10 * mm, footer)
                self.drawRightString(
                    A4[0] - 18 * mm, 10 * mm, f"Page {self.getPageNumber()} of {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def render(memo: Memorandum, *, fonts: Fonts | None = None, compress: bool = True) -> bytes:
    """The memorandum as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"Memorandum: {memo.title}",
        author=f"{memo.network_name} ({memo.network})",
        subject=f"{memo.body}, {memo.date.isoformat()}",
        pageCompression=1 if compress else 0,
    )
    layout = _Layout(memo, fonts, doc.width)
    footer = fonts.plain(f"{memo.network} · {memo.date.isoformat()} · {memo.title}")
    footer = footer if len(footer) <= 90 else footer[:89] + "…"
    doc.build(layout.story(), canvasmaker=_numbered_canvas(footer, fonts.regular))
    return buffer.getvalue()
