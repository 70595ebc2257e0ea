"""Background work of governance, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.governance.formats import local_date
from intercity.governance.models import DeadlineReminder
from intercity.governance.services.deadlines import deadline_name


@task()
def send_deadline_reminder(reminder_id: int) -> int:
    """E-mail one statute deadline reminder; returns the number of recipients (0 when there
    are none or it was already sent, so a retried task never sends twice)."""
    reminder = DeadlineReminder.objects.select_related("meeting__network", "meeting__body").get(
        pk=reminder_id
    )
    if reminder.sent_at is not None or not reminder.recipients:
        return 0
    # Claimed by a conditional UPDATE before sending, so two workers running the same task
    # send it once; a failed send gives the claim back for the retry.
    claimed = DeadlineReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    meeting = reminder.meeting
    try:
        for language, addresses in by_language(list(reminder.recipients)).items():
            with translation.override(language):
                values = {
                    "network": meeting.network,
                    "what": deadline_name(reminder.key),
                    "due": local_date(reminder.due_on),
                    "meeting": meeting.title,
                    "date": local_date(meeting.date),
                }
                send_mail(
                    subject=_("%(network)s: %(what)s due %(due)s") % values,
                    message=_(
                        "Dear colleagues,\n\nAhead of the %(meeting)s on %(date)s, the Statute "
                        "sets a deadline: %(what)s by %(due)s.\n\nThe %(network)s Secretariat"
                    )
                    % values,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=addresses,
                )
    except Exception:
        DeadlineReminder.objects.filter(pk=reminder.pk).update(sent_at=None)
        raise
    return len(reminder.recipients)


def by_language(addresses: list[str]) -> dict[str, list[str]]:
    """The addresses grouped by the saved language of the person with that address (English
    when nobody with it has saved one), so each reads the reminder in their language."""
    saved = {
        email.casefold(): language
        for email, language in get_user_model()
        .objects.filter(email__in=addresses)
        .exclude(language="")
        .values_list("email", "language")
    }
    groups: dict[str, list[str]] = {}
    for address in addresses:
        groups.setdefault(saved.get(address.casefold(), "en"), []).append(address)
    return groups
