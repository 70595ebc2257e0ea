"""Background work of governance, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from intercity.governance.models import DeadlineReminder


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
        send_mail(
            subject=(
                f"{meeting.network}: {reminder.key.replace('-', ' ')} due "
                f"{reminder.due_on:%d %B %Y}"
            ),
            message=(
                f"Dear colleagues,\n\nAhead of the {meeting.title} on {meeting.date:%d %B %Y}, "
                f"the Statute sets a deadline: {reminder.key.replace('-', ' ')} by "
                f"{reminder.due_on:%d %B %Y}.\n\nThe {meeting.network} Secretariat"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=list(reminder.recipients),
        )
    except Exception:
        DeadlineReminder.objects.filter(pk=reminder.pk).update(sent_at=None)
        raise
    return len(reminder.recipients)
