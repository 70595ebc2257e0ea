"""A participant's training certificate as a PDF, in the house style of `core.pdf`
(docs/decisions/0005-pdf-with-reportlab.md), with its verification code and the address of
the public page that confirms it."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, Spacer

from intercity.core.pdf import Fonts, Layout, build, default_fonts, footer_line
from intercity.learning.models_training import Certificate


class CertificateLayout(Layout):
    def __init__(self, certificate: Certificate, url: str, fonts: Fonts) -> None:
        super().__init__(fonts)
        self.certificate = certificate
        self.url = url

    def story(self) -> list[Flowable]:
        c = self.certificate
        return [
            self.para(c.programme_title, self.styles.kicker),
            self.para(_("Certificate of participation"), self.styles.title),
            Spacer(1, 18),
            self.para(
                _("This certifies that %(holder)s of %(city)s took part in %(session)s.")
                % {"holder": c.holder, "city": c.city, "session": c.session_title}
            ),
            Spacer(1, 12),
            self.facts(
                [
                    (_("Participant"), c.holder),
                    (_("City"), c.city),
                    (_("Session"), c.session_title),
                    (_("Issued on"), formats.date_format(c.issued_at, "DATE_FORMAT")),
                    (_("Verification code"), c.code),
                ]
            ),
            self.para(
                _("Anyone can confirm this certificate at %(url)s") % {"url": self.url},
                self.styles.small,
            ),
        ]


def filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.code}.pdf"


def render(certificate: Certificate, url: str, *, fonts: Fonts | None = None) -> bytes:
    fonts = fonts or default_fonts()
    return build(
        CertificateLayout(certificate, url, fonts),
        footer=footer_line(fonts, f"{certificate.programme_title} · {certificate.code}"),
        title=fonts.plain(_("Certificate: %(holder)s") % {"holder": certificate.holder}),
        author=fonts.plain(certificate.programme_title),
        subject=fonts.plain(certificate.session_title),
    )
