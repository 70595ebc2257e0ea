"""A placement's certificate as a PDF, in the house style of `core.pdf`
(docs/decisions/0005-pdf-with-reportlab.md): the award, the place, the city and its project,
and the ruling in words, as the results page says it."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, Spacer

from intercity.awards.models import Placement
from intercity.core.pdf import Fonts, Layout, build, default_fonts, footer_line


class CertificateLayout(Layout):
    def __init__(self, placement: Placement, fonts: Fonts) -> None:
        super().__init__(fonts)
        self.placement = placement

    def story(self) -> list[Flowable]:
        placement = self.placement
        edition = placement.edition
        place = placement.get_place_display()
        story: list[Flowable] = [
            self.para(f"{edition.network.name} ({edition.network.short_name})", self.styles.kicker),
            self.para(edition.title, self.styles.title),
            Spacer(1, 18),
            self.para(_("Certificate"), self.styles.h2),
            self.para(
                _("This certifies that %(city)s is awarded") % {"city": placement.organisation},
            ),
            self.para(place, self.styles.title),
        ]
        if placement.category is not None:
            story.append(
                self.para(_("in the category %(category)s") % {"category": placement.category.name})
            )
        story.append(Spacer(1, 12))
        story.append(
            self.facts(
                [
                    (_("City"), str(placement.organisation)),
                    (_("Project"), placement.project),
                    (_("Place"), place),
                    (_("Category"), placement.category.name if placement.category else ""),
                    (_("Edition"), f"{edition.title} ({edition.year})"),
                    (
                        _("Published on"),
                        formats.date_format(edition.published_at, "DATE_FORMAT")
                        if edition.published_at
                        else "",
                    ),
                ]
            )
        )
        if placement.ruling:
            story.append(self.para(_("The panel's ruling"), self.styles.h3))
            story.append(self.para(placement.ruling))
        if placement.source:
            story.append(self.para(placement.source, self.styles.small))
        return story


def filename(placement: Placement) -> str:
    edition = placement.edition
    category = placement.category.code if placement.category else "edition"
    return (
        f"{edition.network.slug}-awards-{edition.year}-{category}-{placement.place}"
        f"-{placement.pk}.pdf"
    )


def render(placement: Placement, *, fonts: Fonts | None = None, compress: bool = True) -> bytes:
    """The certificate as PDF bytes (A4)."""
    fonts = fonts or default_fonts()
    edition = placement.edition
    return build(
        CertificateLayout(placement, fonts),
        footer=footer_line(
            fonts, f"{edition.network.short_name} · {edition.title} · {placement.organisation}"
        ),
        title=fonts.plain(
            _("Certificate: %(place)s, %(city)s")
            % {"place": placement.get_place_display(), "city": placement.organisation}
        ),
        author=fonts.plain(f"{edition.network.name} ({edition.network.short_name})"),
        subject=fonts.plain(edition.title),
        compress=compress,
    )
