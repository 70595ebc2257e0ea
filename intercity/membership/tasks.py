"""Background work of the membership module, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
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
    """One e-mail per language: each recipient reads the reminder in the language saved on
    their account (`User.language`), an address without an account or a saved language in
    English, the network's official language."""
    for language, recipients in _by_language(list(reminder.recipients)).items():
        with translation.override(language):
            subject, message = _reminder_text(invoice)
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )


def _by_language(recipients: list[str]) -> dict[str, list[str]]:
    from django.contrib.auth import get_user_model

    saved: dict[str, str] = {}
    users = get_user_model().objects.filter(email__in=recipients).exclude(language="")
    for email, language in users.order_by("pk").values_list("email", "language"):
        saved.setdefault(email.lower(), language)
    groups: dict[str, list[str]] = {}
    for email in recipients:
        language = saved.get(email.lower()) or settings.LANGUAGE_CODE
        groups.setdefault(language, []).append(email)
    return groups


def _reminder_text(invoice: Invoice) -> tuple[str, str]:
    """The reminder's subject and body in the active language. The fee's explanation was
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
    message = (
        _("Dear colleagues of %(organisation)s,") % values
        + "\n\n"
        + _(
            "Our records show that invoice %(number)s for the %(year)s membership fee of "
            "%(amount)s was due on %(due)s and is not fully paid. If you have paid it "
            "recently, thank you, and please disregard this message."
        )
        % values
        + "\n\n"
        + _("How the fee was computed: %(explanation)s") % values
        + "\n\n"
        + _("The %(network)s Secretariat") % values
    )
    return subject, message
