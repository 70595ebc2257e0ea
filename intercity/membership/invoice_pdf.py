"""An invoice as a PDF to send to the member, in the house style of `core.pdf` (the memorandum
of a meeting and the self-assessment report are laid out the same way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.platypus import Flowable, Spacer

from intercity.core.pdf import Fonts, Layout, build, default_fonts, footer_line


@dataclass(frozen=True)
class InvoiceDocument:
    """What the PDF says, read by the view from the invoice and the network: plain values,
    so the layout needs no database."""

    network_name: str
    network_short_name: str
    network_seat: str
    member_name: str
    member_key: str
    member_country: str
    number: str
    year: int
    category: str
    amount: Decimal
    currency: str
    issued_on: dt.date
    due_on: dt.date
    explanation: str
    paid: Decimal
    credited: Decimal
    balance: Decimal
    payment_instructions: str


def money(currency: str, amount: Decimal) -> str:
    """An amount as the active language writes it: USD 1,000.00 in English, 1 000,00 in Russian."""
    return f"{currency} {number_format(amount.quantize(Decimal('0.01')), 2, force_grouping=True)}"


class InvoiceLayout(Layout):
    def __init__(self, document: InvoiceDocument, fonts: Fonts) -> None:
        super().__init__(fonts)
        self.document = document

    def story(self) -> list[Flowable]:
        d = self.document
        story: list[Flowable] = [
            self.para(f"{d.network_name} ({d.network_short_name})", self.styles.kicker),
            self.para(_("Invoice %(number)s") % {"number": d.number}, self.styles.title),
            self.facts(
                [
                    (
                        pgettext("the issuer of an invoice", "From"),
                        (
                            _("%(network)s, Secretariat, %(seat)s")
                            if d.network_seat
                            else _("%(network)s, Secretariat")
                        )
                        % {"network": d.network_name, "seat": d.network_seat},
                    ),
                    (
                        _("To"),
                        d.member_name + (f" ({d.member_country})" if d.member_country else ""),
                    ),
                    (_("Member key"), d.member_key),
                    (_("Invoice number"), d.number),
                    (_("Issued on"), date_format(d.issued_on, "DATE_FORMAT")),
                    (_("Due on"), date_format(d.due_on, "DATE_FORMAT")),
                ]
            ),
            Spacer(1, 8),
            self.para(_("Lines"), self.styles.h2),
        ]
        head: list[Flowable] = [
            self.para(_("Description"), self.styles.cell_head),
            self.para(_("Amount"), self.styles.number_head),
        ]
        line: list[Flowable] = [
            self.para(
                # Translators: the category is its name, e.g. "Full member".
                _("Membership fee %(year)s (%(category)s). %(explanation)s")
                % {"year": d.year, "category": d.category, "explanation": d.explanation},
                self.styles.cell,
            ),
            self.para(money(d.currency, d.amount), self.styles.number),
        ]
        rows: list[list[Flowable]] = [head, line]
        if d.paid or d.credited:
            rows.append(
                [
                    self.para(_("Received or credited so far"), self.styles.cell),
                    self.para(money(d.currency, -(d.paid + d.credited)), self.styles.number),
                ]
            )
        rows.append(
            [
                self.para(_("Amount due"), self.styles.cell_head),
                self.para(money(d.currency, d.balance), self.styles.number_head),
            ]
        )
        story.append(self.table(rows, [0.74 * self.width, 0.26 * self.width]))
        story.append(self.para(_("How to pay"), self.styles.h2))
        if d.payment_instructions:
            for paragraph in d.payment_instructions.splitlines():
                if paragraph.strip():
                    story.append(self.para(paragraph))
            story.append(
                self.para(
                    _("Please quote the invoice number %(number)s with your payment.")
                    % {"number": d.number}
                )
            )
        else:
            story.append(
                self.para(
                    _(
                        "The Secretariat will send the payment instructions separately; "
                        "please quote the invoice number %(number)s with your payment."
                    )
                    % {"number": d.number}
                )
            )
        story.append(
            self.para(
                _("Fees already paid are not refunded (Statute 2017 Art. 9)."), self.styles.small
            )
        )
        return story


def render(document: InvoiceDocument, fonts: Fonts | None = None) -> bytes:
    used = fonts or default_fonts()
    return build(
        InvoiceLayout(document, used),
        footer=footer_line(used, f"{document.network_short_name} · {document.number}"),
        title=_("Invoice %(number)s") % {"number": document.number},
        author=document.network_name,
        subject=_("Membership fee %(year)s: %(member)s")
        % {"year": document.year, "member": document.member_name},
    )
