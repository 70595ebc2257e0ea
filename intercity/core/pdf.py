"""The look of every document Intercity prints: fonts, paragraph styles, tables of facts,
bullets and "Page n of N" on A4, with reportlab (docs/decisions/0005-pdf-with-reportlab.md).

A module's document subclasses `Layout` with the flowables of its own content and hands its
story to `build`: the memorandum of a meeting (`governance/minutes_pdf.py`) and a city's
self-assessment report (`assessment/report_pdf.py`) look alike because both are laid out here.

Every document embeds Intercity Sans (`core/fonts/`; docs/decisions/0016): DejaVu Sans with
the Hangul and Chinese glyphs of Noto Sans CJK SC added, one TrueType font per weight that
holds Latin with Vietnamese and Turkish, Cyrillic, Hangul and the hanzi of GB 2312. The fonts
are files of the project, not of the machine, so a fresh checkout prints "서울", "上海",
"Ульяновск" and "Hà Nội" alike. Were they missing, the PDF would fall back to Helvetica and
write each letter it cannot show as its nearest Latin-1 letter ("Hà Nội" -> "Hà Nôi"), so a
missing font never stops a document.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
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
    ListFlowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# Where find_fonts looks by default: the project's own fonts, never the machine's.
FONT_DIRS = [str(FONT_DIR)]
# Each a regular and a bold face (scripts/fonts/build_fonts.py makes them).
FONT_FILES = [("IntercitySans-Regular.ttf", "IntercitySans-Bold.ttf")]
INK = colors.HexColor("#1b2430")
MUTED = colors.HexColor("#4a5563")
LINE = colors.HexColor("#d5dae1")
HEAD = colors.HexColor("#e9edf2")
# A4 with these margins; `Layout.width` is what is left between the side margins.
LEFT_MARGIN = RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 16 * mm
BOTTOM_MARGIN = 18 * mm
TEXT_WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
FOOTER_LIMIT = 90
FOOTER_SIZE = 7.5
# What the footer may take of the line, leaving room for "Page n of N" on its right.
FOOTER_WIDTH = TEXT_WIDTH - 90


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
    """The first family found in `dirs` (by default the project's `core/fonts/`), registered
    with reportlab; else Helvetica."""
    for regular, bold in FONT_FILES:
        for folder in dirs:
            regular_path, bold_path = Path(folder) / regular, Path(folder) / bold
            if not (regular_path.is_file() and bold_path.is_file()):
                continue
            name = Path(regular).stem.split("-")[0]
            try:
                pdfmetrics.registerFont(TTFont(name, str(regular_path)))
                pdfmetrics.registerFont(TTFont(f"{name}-Bold", str(bold_path)))
                pdfmetrics.registerFontFamily(
                    name,
                    normal=name,
                    bold=f"{name}-Bold",
                    italic=name,
                    boldItalic=f"{name}-Bold",
                )
            except Exception:  # noqa: S112 - a broken font file: try the next one
                continue
            return Fonts(name, f"{name}-Bold", unicode=True)
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


class Layout:
    """The building blocks of a document: paragraphs, tables, facts and bullets in the
    house fonts and styles. A document subclasses it and writes `story()`."""

    def __init__(self, fonts: Fonts, width: float = TEXT_WIDTH) -> None:
        self.fonts = fonts
        self.styles = Styles(fonts)
        self.width = width

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def para(
        self, text: object, style: ParagraphStyle | None = None, bold_label: str = ""
    ) -> Paragraph:
        """`text` as a paragraph (escaped), after `bold_label` in bold when given."""
        label = f"<b>{self.fonts.text(bold_label)}</b> " if bold_label else ""
        return Paragraph(label + self.fonts.text(text), style or self.styles.body)

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
        """A two-column table of labels and values; rows without a value are left out."""
        cells: list[list[Flowable]] = [
            [self.para(label, self.styles.cell_head), self.para(value, self.styles.cell)]
            for label, value in rows
            if value
        ]
        return self.table(cells, [0.24 * self.width, 0.76 * self.width], header=False)

    def bullets(self, lines: Iterable[object]) -> ListFlowable:
        return ListFlowable(
            [self.para(line) for line in lines],
            bulletType="bullet",
            start="•",
            leftIndent=10,
            bulletFontName=self.fonts.regular,
        )


class Marker(Flowable):
    """Takes no room; notes the page it lands on under its key (a table of contents with page
    numbers is built in two passes: the first finds the pages, the second prints them)."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text written with empty lines between them; lines within one joined."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def numbered_canvas(footer: str, font: str) -> type[Canvas]:
    """A canvas that writes `footer` and "Page n of N" on each page once the number of pages
    is known."""

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
                self.setFont(font, FOOTER_SIZE)
                self.setFillColor(MUTED)
                self.drawString(LEFT_MARGIN, 10 * mm, footer)
                self.drawRightString(
                    A4[0] - RIGHT_MARGIN, 10 * mm, page_of(self.getPageNumber(), total)
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def page_of(number: int, total: int) -> str:
    # Translators: the footer of every page of a PDF document (invoice, memorandum, report).
    return _("Page %(number)s of %(total)s") % {"number": number, "total": total}


def footer_line(fonts: Fonts, text: str, limit: int = FOOTER_LIMIT) -> str:
    """A footer in letters the font has, cut with an ellipsis to fit beside the page number:
    at most `limit` letters, and fewer when they are wide (a line of hanzi or Hangul)."""
    plain = fonts.plain(text)
    if len(plain) > limit:
        plain = plain[: limit - 1] + "…"
    while len(plain) > 1 and (
        pdfmetrics.stringWidth(plain, fonts.regular, FOOTER_SIZE) > FOOTER_WIDTH
    ):
        plain = plain[:-2].rstrip() + "…"
    return plain


def build(
    layout: Layout,
    *,
    footer: str,
    title: str,
    author: str,
    subject: str,
    compress: bool = True,
) -> bytes:
    """The layout's story as PDF bytes (A4), `footer` on every page beside "Page n of N"."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        subject=subject,
        pageCompression=1 if compress else 0,
    )
    doc.build(layout.story(), canvasmaker=numbered_canvas(footer, layout.fonts.regular))
    return buffer.getvalue()
