"""An issue of the Best Practices Journal as a PDF, in the house layout of `core.pdf`: a
cover page (the network, the issue's number, title and date), a table of contents with the
page each part starts on, the editorial, then each project with its city, themes, the
editors' note and the project's summary. The interface words are in the reader's language
(the request's); the issue's title and editorial in that language where translated; each
project in the language its city wrote it in. Korean and Chinese print with the house fonts.

The page numbers of the contents are found by laying the document out twice: the first pass
notes the page each part lands on, the second prints them (the contents take the same room
both times, so the numbers hold)."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from intercity.core.pdf import (
    Fonts,
    Layout,
    Marker,
    build,
    default_fonts,
    footer_line,
    paragraphs,
)
from intercity.knowledge.models import JournalIssue
from intercity.knowledge.services.journal import EntryView

EDITORIAL = "editorial"


def issue_date(issue: JournalIssue) -> str:
    if issue.published_at is None:
        return _("Draft, not published")
    return formats.date_format(issue.published_at, "DATE_FORMAT")


class IssueLayout(Layout):
    """Turns an issue and its entries into reportlab flowables."""

    def __init__(
        self,
        issue: JournalIssue,
        entries: list[EntryView],
        fonts: Fonts,
        pages: dict[str, int] | None = None,
    ) -> None:
        super().__init__(fonts)
        self.issue = issue
        self.entries = entries
        # Where each part started in the previous pass (empty on the first).
        self.known = dict(pages or {})
        self.pages: dict[str, int] = {}

    def story(self) -> list[Flowable]:
        story = self.cover()
        story.append(PageBreak())
        story += self.contents()
        story.append(PageBreak())
        story += self.editorial()
        for entry in self.entries:
            story += self.entry(entry)
        return story

    def cover(self) -> list[Flowable]:
        issue = self.issue
        cover_title = self.styles.style(
            "cover_title", fontName=self.fonts.bold, fontSize=26, leading=32, spaceAfter=10
        )
        cover_kicker = self.styles.style("cover_kicker", fontSize=13, leading=17, spaceAfter=6)
        out: list[Flowable] = [
            Spacer(1, 50 * mm),
            self.para(f"{issue.network.name} ({issue.network.short_name})", cover_kicker),
            self.para(_("Best Practices Journal"), self.styles.title),
            self.para(_("Issue %(number)s") % {"number": issue.number}, cover_kicker),
            Spacer(1, 8 * mm),
            self.para(issue.title, cover_title),
            self.para(issue_date(issue), cover_kicker),
        ]
        if issue.demo:
            out += [Spacer(1, 10 * mm), self.para(demo_words(), self.styles.body)]
        return out

    def contents(self) -> list[Flowable]:
        rows: list[list[Flowable]] = [
            [
                self.para("", self.styles.cell),
                self.para(_("Editorial"), self.styles.cell),
                self.para(self._page(EDITORIAL), self.styles.number),
            ]
        ]
        for entry in self.entries:
            rows.append(
                [
                    self.para(f"{entry.position}.", self.styles.cell),
                    self.para(f"{entry.project.title} · {entry.city}", self.styles.cell),
                    self.para(self._page(entry.anchor), self.styles.number),
                ]
            )
        widths = [0.07 * self.width, 0.8 * self.width, 0.13 * self.width]
        return [self.para(_("Contents"), self.styles.h2), self.table(rows, widths, header=False)]

    def _page(self, key: str) -> str:
        # The first pass writes a placeholder as wide as a real number.
        return str(self.known.get(key, "00"))

    def editorial(self) -> list[Flowable]:
        out: list[Flowable] = [Marker(EDITORIAL, self.pages)]
        out.append(self.para(_("Editorial"), self.styles.h2))
        for block in paragraphs(self.issue.editorial) or [""]:
            out.append(self.para(block))
        return out

    def entry(self, entry: EntryView) -> list[Flowable]:
        project = entry.project
        head: list[Flowable] = [
            Marker(entry.anchor, self.pages),
            self.para(f"{entry.position}. {project.title}", self.styles.h2),
            self.facts(
                [
                    (_("City"), entry.city),
                    (_("Themes"), ", ".join(entry.themes)),
                ]
            ),
            Spacer(1, 3),
        ]
        out: list[Flowable] = [KeepTogether(head)]
        if not entry.in_catalog:
            out.append(self.para(_("This project is no longer in the catalog."), self.styles.small))
        if entry.entry.note:
            out.append(self.para(_("The editors' note"), self.styles.h4))
            out += [self.para(block) for block in paragraphs(entry.entry.note)]
        if entry.in_catalog and project.summary:
            out.append(self.para(_("Summary"), self.styles.h4))
            out += [self.para(block) for block in paragraphs(project.summary)]
        return out


def demo_words() -> str:
    return _(
        "Demonstration data: this issue is made up to show how the journal works; it is not "
        "a real issue of the network's journal."
    )


def render(
    issue: JournalIssue,
    entries: list[EntryView],
    *,
    fonts: Fonts | None = None,
    compress: bool = True,
) -> bytes:
    """The issue as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    options: dict[str, Any] = {
        "footer": footer_line(
            fonts,
            _("%(network)s · Best Practices Journal · Issue %(number)s · %(title)s")
            % {"network": issue.network.short_name, "number": issue.number, "title": issue.title},
        ),
        "title": _("Best Practices Journal, issue %(number)s: %(title)s")
        % {"number": issue.number, "title": issue.title},
        "author": f"{issue.network.name} ({issue.network.short_name})",
        "subject": _("Best Practices Journal"),
        "compress": compress,
    }
    pages: dict[str, int] = {}
    for _pass in range(3):
        layout = IssueLayout(issue, entries, fonts, pages)
        document = build(layout, **options)
        if layout.pages == pages:
            break
        pages = layout.pages
    return document


def filename(issue: JournalIssue) -> str:
    return f"journal-{issue.network.slug}-{issue.number}.pdf"
