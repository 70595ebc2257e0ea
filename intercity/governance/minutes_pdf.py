"""The memorandum of a meeting as a PDF, laid out from `minutes.Memorandum` in the house
style of `core.pdf`, so it says exactly what the HTML page says
(docs/decisions/0005-pdf-with-reportlab.md).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intercity.core.pdf import (  # Fonts, find_fonts and latin1 also read from here
    Fonts,
    Layout,
    build,
    default_fonts,
    find_fonts,
    footer_line,
    latin1,
)
from intercity.governance.formats import local_date, statute_name
from intercity.governance.minutes import DecisionRecord, Item, Memorandum, RoleGroup

__all__ = ["Fonts", "MemorandumLayout", "find_fonts", "latin1", "render"]


class MemorandumLayout(Layout):
    """Turns a Memorandum into reportlab flowables."""

    def __init__(self, memo: Memorandum, fonts: Fonts) -> None:
        super().__init__(fonts)
        self.memo = memo

    def story(self) -> list[Flowable]:
        memo = self.memo
        story: list[Flowable] = [
            self.para(
                _("%(network)s (%(short)s) · Meeting memorandum")
                % {"network": memo.network_name, "short": memo.network},
                self.styles.kicker,
            ),
            self.para(memo.title, self.styles.title),
        ]
        statute = (
            _("%(name)s, in force from %(day)s")
            % {
                "name": statute_name(memo.statute.name),
                "day": local_date(memo.statute.effective_from),
            }
            if memo.statute
            else _("No statute text on record for this date.")
        )
        story.append(
            self.facts(
                [
                    (_("Body"), f"{memo.body} ({memo.kind_words})"),
                    (_("Date"), local_date(memo.date, "full")),
                    (_("Venue"), memo.venue or _("Not recorded")),
                    (_("Statute in force"), statute),
                    (_("Record"), memo.status),
                    (_("Attendance"), memo.attendance.words()),
                ]
            )
        )
        story += self.participants()
        story += self.agenda()
        if memo.other_decisions:
            story.append(self.para(_("Decisions without an agenda item"), self.styles.h2))
            for decision in memo.other_decisions:
                story += self.decision(decision)
        if memo.source:
            story.append(self.para(_("Sources"), self.styles.h2))
            story.append(self.para(memo.source, self.styles.small))
        return story

    def participants(self) -> list[Flowable]:
        out: list[Flowable] = [self.para(_("Participants"), self.styles.h2)]
        if not self.memo.participants:
            out.append(self.para(_("No participants recorded.")))
        for group in self.memo.participants:
            out += self.group(group)
        return out

    def group(self, group: RoleGroup) -> list[Flowable]:
        heading = self.para(
            f"{group.heading} ({group.attendance.summary()})",
            self.styles.h3,
        )
        rows: list[list[Flowable]] = [
            [
                self.para(_("Participant"), self.styles.cell_head),
                self.para(_("Country"), self.styles.cell_head),
                self.para(_("Attendance"), self.styles.cell_head),
            ]
        ]
        rows += [
            [
                self.para(a.name, self.styles.cell),
                self.para(a.country, self.styles.cell),
                self.para(a.attendance_words, self.styles.cell),
            ]
            for a in group.attendees
        ]
        widths = [0.5 * self.width, 0.3 * self.width, 0.2 * self.width]
        return [heading, self.table(rows, widths)]

    def agenda(self) -> list[Flowable]:
        out: list[Flowable] = [self.para(_("Agenda"), self.styles.h2)]
        if not self.memo.agenda:
            out.append(self.para(_("No agenda recorded.")))
            return out
        overview: list[list[Flowable]] = [
            [self.para(item.number, self.styles.cell_head), self.para(item.title, self.styles.cell)]
            for item in self.memo.agenda
        ]
        out.append(self.table(overview, [0.08 * self.width, 0.92 * self.width], header=False))
        for item in self.memo.agenda:
            out += self.item(item)
        return out

    def item(self, item: Item) -> list[Flowable]:
        head: list[Flowable] = [
            self.para(
                _("Agenda %(number)s. %(title)s") % {"number": item.number, "title": item.title},
                self.styles.h3,
            )
        ]
        if item.description:
            head.append(self.para(item.description))
        if item.documents:
            head.append(self.para(_("Documents"), self.styles.h4))
            head.append(
                self.bullets(
                    f"{d.title}"
                    + (f" ({d.reference})" if d.reference else "")
                    + (f" {d.url}" if d.url else "")
                    for d in item.documents
                )
            )
        out: list[Flowable] = [KeepTogether(head)]
        if item.speakers:
            out.append(self.para(", ".join(item.speakers), bold_label=_("Spoke:")))
        if not item.decisions:
            out.append(self.para(_("No decision recorded under this item."), self.styles.small))
        for decision in item.decisions:
            out += self.decision(decision)
        return out

    def decision(self, d: DecisionRecord) -> list[Flowable]:
        rows = [
            (_("Kind"), d.kind_words + (f": {d.office}" if d.office else "")),
            (_("Ruling"), d.ruling),
            (_("Statute"), statute_name(d.statute_version)),
            (_("Rule applied"), d.article),
            (_("Counts"), d.counts.words() if d.counts else ""),
            (_("Elected"), d.winner),
        ]
        head: list[Flowable] = [self.para(d.title, self.styles.h4), self.facts(rows), Spacer(1, 4)]
        out: list[Flowable] = [KeepTogether(head)]
        if d.text:
            out.append(self.para(d.text))
        for note in d.notes:
            out.append(self.para(note))
        if d.explanation:
            out.append(self.para(d.explanation, bold_label=_("Explanation:")))
        if d.candidates:
            cells: list[list[Flowable]] = [
                [
                    self.para(_("Candidate"), self.styles.cell_head),
                    self.para(
                        pgettext("votes a candidate received", "Votes"), self.styles.number_head
                    ),
                    self.para(_("Result"), self.styles.cell_head),
                ]
            ]
            for c in d.candidates:
                result = _("Elected") if c.elected else ""
                if c.warnings:
                    result = "; ".join([result, *c.warnings]) if result else "; ".join(c.warnings)
                votes = _("not recorded") if c.votes is None else str(c.votes)
                cells.append(
                    [
                        self.para(c.name, self.styles.cell),
                        self.para(votes, self.styles.number),
                        self.para(result, self.styles.cell),
                    ]
                )
            widths = [0.45 * self.width, 0.15 * self.width, 0.4 * self.width]
            out.append(self.table(cells, widths))
            out.append(Spacer(1, 3))
        if d.effects:
            label = _("Effects") if d.effects_applied else _("Effects if adopted (not applied)")
            out.append(self.para(label, self.styles.cell_head))
            out.append(self.bullets(d.effects))
        if d.vote is not None:
            out.append(self.para(f"{d.vote.mode_words}: {d.vote.words()}", self.styles.small))
            if d.vote.ballots:
                out.append(
                    self.bullets(
                        [f"{b.name}: {b.choice_words} ({b.source_words})" for b in d.vote.ballots]
                    )
                )
        if d.source:
            out.append(self.para(d.source, self.styles.small, bold_label=_("Sources:")))
        if d.conflict:
            out.append(self.para(d.conflict, self.styles.small, bold_label=_("Sources differ:")))
        out.append(Spacer(1, 6))
        return out


def render(memo: Memorandum, *, fonts: Fonts | None = None, compress: bool = True) -> bytes:
    """The memorandum as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    return build(
        MemorandumLayout(memo, fonts),
        footer=footer_line(fonts, f"{memo.network} · {memo.date.isoformat()} · {memo.title}"),
        title=_("Memorandum: %(title)s") % {"title": memo.title},
        author=f"{memo.network_name} ({memo.network})",
        subject=f"{memo.body}, {memo.date.isoformat()}",
        compress=compress,
    )
