"""A delegation's matchmaking agenda as a PDF, in the house style of `core.pdf`: the event,
then each meeting with its time (the event's local time), room and the other delegation; the
meetings the record says were held with their time unknown come last."""

from __future__ import annotations

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, Spacer

from intercity.core.pdf import Fonts, Layout, build, default_fonts, footer_line
from intercity.exchange.models_matchmaking import MatchmakingParticipant
from intercity.exchange.services.matchmaking import AgendaItem


def when(item: AgendaItem) -> str:
    if item.starts_at is None or item.ends_at is None:
        return _("Held; time not recorded")
    return (
        f"{formats.date_format(item.starts_at, 'DATE_FORMAT')} "
        f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}"
    )


class AgendaLayout(Layout):
    def __init__(
        self, participant: MatchmakingParticipant, items: list[AgendaItem], fonts: Fonts
    ) -> None:
        super().__init__(fonts)
        self.participant = participant
        self.items = items

    def story(self) -> list[Flowable]:
        event = self.participant.event
        story: list[Flowable] = [
            self.para(event.name, self.styles.kicker),
            self.para(
                _("Matchmaking agenda of %(name)s") % {"name": self.participant.organisation.name},
                self.styles.title,
            ),
            self.facts(
                [
                    (_("Place"), event.place),
                    (
                        _("Days"),
                        f"{formats.date_format(event.starts_on, 'DATE_FORMAT')} – "
                        f"{formats.date_format(event.ends_on, 'DATE_FORMAT')}",
                    ),
                    (_("Times are in"), event.time_zone),
                ]
            ),
            Spacer(1, 10),
        ]
        if not self.items:
            story.append(self.para(_("No meeting is announced for this delegation yet.")))
            return story
        rows: list[list[Flowable]] = [
            [
                self.para(_("When"), self.styles.cell_head),
                self.para(_("Room"), self.styles.cell_head),
                self.para(_("Meeting with"), self.styles.cell_head),
            ]
        ]
        for item in self.items:
            rows.append(
                [
                    self.para(when(item), self.styles.cell),
                    self.para(item.room or "—", self.styles.cell),
                    self.para(item.other.organisation.name, self.styles.cell),
                ]
            )
        story.append(self.table(rows, [0.34 * self.width, 0.2 * self.width, 0.46 * self.width]))
        return story


def filename(participant: MatchmakingParticipant, extension: str) -> str:
    name = slugify(participant.organisation.key or participant.organisation.name) or "delegation"
    return f"matchmaking-{participant.event_id}-{name}.{extension}"


def render(
    participant: MatchmakingParticipant,
    items: list[AgendaItem],
    *,
    fonts: Fonts | None = None,
    compress: bool = True,
) -> bytes:
    fonts = fonts or default_fonts()
    event = participant.event
    title = _("Matchmaking agenda of %(name)s") % {"name": participant.organisation.name}
    return build(
        AgendaLayout(participant, items, fonts),
        footer=footer_line(fonts, f"{event.network.short_name} · {event.name} · {participant}"),
        title=fonts.plain(title),
        author=fonts.plain(f"{event.network.name} ({event.network.short_name})"),
        subject=fonts.plain(event.name),
        compress=compress,
    )
