"""Badges as a PDF in the house style of `core.pdf`: one block per registrant (name,
organisation, category, the event), several to a page for the organiser, one for a
registrant's own."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intercity.core.pdf import Fonts, Layout, build, default_fonts, footer_line
from intercity.events.models import Event, Registration


class BadgeLayout(Layout):
    def __init__(self, event: Event, registrations: Sequence[Registration], fonts: Fonts) -> None:
        super().__init__(fonts)
        self.event = event
        self.registrations = registrations

    def story(self) -> list[Flowable]:
        days = (
            f"{formats.date_format(self.event.starts_on, 'DATE_FORMAT')} – "
            f"{formats.date_format(self.event.ends_on, 'DATE_FORMAT')}"
        )
        story: list[Flowable] = []
        if not self.registrations:
            return [self.para(_("No one is registered yet."))]
        for registration in self.registrations:
            badge = [
                self.para(self.event.name, self.styles.kicker),
                self.para(registration.name, self.styles.title),
                self.para(registration.organisation),
                self.para(registration.category.name.upper(), self.styles.kicker),
                self.para(f"{self.event.place} · {days}"),
                Spacer(1, 24),
            ]
            story.append(KeepTogether(badge))
        return story


def render(event: Event, registrations: Sequence[Registration], *, compress: bool = True) -> bytes:
    fonts = default_fonts()
    title = _("Badges: %(event)s") % {"event": event.name}
    return build(
        BadgeLayout(event, registrations, fonts),
        footer=footer_line(fonts, f"{event.network.short_name} · {event.name}"),
        title=fonts.plain(title),
        author=fonts.plain(f"{event.network.name} ({event.network.short_name})"),
        subject=fonts.plain(event.name),
        compress=compress,
    )


def filename(event: Event, extension: str = "pdf") -> str:
    return f"badges-{event.pk}-{slugify(event.name)[:40] or 'event'}.{extension}"
