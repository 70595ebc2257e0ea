"""Background work of the membership module, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from intercity.membership.models import Invoice, Reminder


@task()
def send_fee_reminder(reminder_id: int) -> int:
    """E-mail one queued reminder; returns the number of recipients (0 when there are none
    or it was already sent, so a retried task never sends twice)."""
    reminder = Reminder.objects.select_related("invoice__organisation", "invoice__network").get(
        pk=reminder_id
    )
    if reminder.sent_at is not None or not reminder.recipients:
        return 0
    # Claim the reminder before sending: of two workers running the same task at once, only
    # the one whose conditional UPDATE changed the row sends; a failed send gives it back.
    claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    invoice = reminder.invoice
    try:
        _send(reminder, invoice)
    except Exception:
        Reminder.objects.filter(pk=reminder.pk).update(sent_at=None)
        raise
    return len(reminder.recipients)


def _send(reminder: Reminder, invoice: Invoice) -> None:
    send_mail(
        subject=f"{invoice.network}: membership fee {invoice.year} unpaid ({invoice.number})",
        message=(
            f"Dear colleagues of {invoice.organisation},\n\n"
            f"Our records show that invoice {invoice.number} for the {invoice.year} membership "
            f"fee of {invoice.currency} {invoice.amount:,} was due on {invoice.due_on:%d %B %Y} "
            "and is not fully paid. If you have paid it recently, thank you, and please "
            "disregard this message.\n\n"
            f"How the fee was computed: {invoice.explanation}\n\n"
            f"The {invoice.network} Secretariat"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=list(reminder.recipients),
    )
