"""Background work of the membership module, run by the django-tasks worker."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.core import mail
from intercity.core.models import MailKind
from intercity.membership.models import Invoice, Reminder


@task()
def send_fee_reminder(reminder_id: int) -> int:
    """E-mail one queued reminder; returns the number of addresses it went to (0 when there
    are none or it was already sent, so a retried task never sends twice).

    Each recipient reads it in the language saved on their account (`User.language`), an
    address without one in English, the network's official language; an address that
    declined fee reminders is left out and recorded on the reminder."""
    reminder = Reminder.objects.select_related("invoice__organisation", "invoice__network").get(
        pk=reminder_id
    )
    if reminder.sent_at is not None or not reminder.recipients:
        return 0
    # Claim the reminder before sending: of two workers running the same task at once, only
    # the one whose conditional UPDATE changed the row sends; a failed send gives it back,
    # with its error, for the next queueing to send again.
    claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    invoice = reminder.invoice
    try:
        sent = mail.send(
            "membership/mail/fee_reminder",
            functools.partial(_reminder_text, invoice),
            reminder.recipients,
            kind=MailKind.FEE_REMINDERS,
            language=settings.LANGUAGE_CODE,
        )
    except Exception as exc:
        Reminder.objects.filter(pk=reminder.pk).update(
            sent_at=None, status=Reminder.Status.FAILED, error=f"{type(exc).__name__}: {exc}"
        )
        raise
    Reminder.objects.filter(pk=reminder.pk).update(
        status=Reminder.Status.SENT, error="", declined=sent.declined
    )
    return len(sent.to)


def _reminder_text(invoice: Invoice) -> dict[str, Any]:
    """The reminder's subject and paragraphs in the active language. The fee's explanation was
    written when the invoice was issued and stays in the language it was written in."""
    values = {
        "network": str(invoice.network),
        "organisation": str(invoice.organisation),
        "year": invoice.year,
        "number": invoice.number,
        "amount": f"{invoice.currency} {number_format(invoice.amount, 2, force_grouping=True)}",
        "due": date_format(invoice.due_on, "DATE_FORMAT"),
        "explanation": invoice.explanation,
    }
    subject = _("%(network)s: membership fee %(year)s unpaid (%(number)s)") % values
    return {
        "subject": subject,
        "paragraphs": [
            _("Dear colleagues of %(organisation)s,") % values,
            _(
                "Our records show that invoice %(number)s for the %(year)s membership fee of "
                "%(amount)s was due on %(due)s and is not fully paid. If you have paid it "
                "recently, thank you, and please disregard this message."
            )
            % values,
            _("How the fee was computed: %(explanation)s") % values,
            _("The %(network)s Secretariat") % values,
        ],
    }
