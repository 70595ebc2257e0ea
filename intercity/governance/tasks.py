"""Background work of governance, run by the django-tasks worker."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.core import mail
from intercity.core.models import MailKind
from intercity.governance.formats import local_date
from intercity.governance.models import DeadlineReminder
from intercity.governance.services.deadlines import deadline_name


@task()
def send_deadline_reminder(reminder_id: int) -> int:
    """E-mail one statute deadline reminder; returns the number of addresses it went to (0
    when there are none or it was already sent, so a retried task never sends twice). Each
    reads it in their saved language, else English; an address that declined meeting
    deadlines is left out and recorded on the reminder."""
    reminder = DeadlineReminder.objects.select_related("meeting__network", "meeting__body").get(
        pk=reminder_id
    )
    if reminder.sent_at is not None or not reminder.recipients:
        return 0
    # Claimed by a conditional UPDATE before sending, so two workers running the same task
    # send it once; a failed send gives the claim back, with its error, for the next queueing.
    claimed = DeadlineReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    meeting = reminder.meeting

    def context() -> dict[str, Any]:
        values = {
            "network": meeting.network,
            "what": deadline_name(reminder.key),
            "due": local_date(reminder.due_on),
            "meeting": meeting.title,
            "date": local_date(meeting.date),
        }
        return {
            "subject": _("%(network)s: %(what)s due %(due)s") % values,
            "paragraphs": [
                _(
                    "Dear colleagues,\n\nAhead of the %(meeting)s on %(date)s, the Statute "
                    "sets a deadline: %(what)s by %(due)s.\n\nThe %(network)s Secretariat"
                )
                % values
            ],
        }

    try:
        sent = mail.send(
            "governance/mail/deadline_reminder",
            context,
            reminder.recipients,
            kind=MailKind.MEETING_DEADLINES,
            language="en",
        )
    except Exception as exc:
        DeadlineReminder.objects.filter(pk=reminder.pk).update(
            sent_at=None,
            status=DeadlineReminder.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}",
        )
        raise
    DeadlineReminder.objects.filter(pk=reminder.pk).update(
        status=DeadlineReminder.Status.SENT, error="", declined=sent.declined
    )
    return len(sent.to)
