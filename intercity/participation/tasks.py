"""Background work of the Civic Participation System, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from intercity.participation.models import Notification


@task()
def send_notification(notification_id: int) -> int:
    """E-mail one follower about a public change of a report; 0 when already sent.

    The notification is claimed by a conditional update before the mail goes, so two workers
    given the same task send it once; a failed send gives the claim back for a retry."""
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return 0
    notification = Notification.objects.select_related(
        "event__report__jurisdiction", "event__target"
    ).get(pk=notification_id)
    try:
        _send(notification)
    except Exception:
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return 1


def _send(notification: Notification) -> None:
    event = notification.event
    report = event.report
    what = f"is now {event.target.name.lower()}" if event.target else event.verb
    send_mail(
        subject=f"{report.jurisdiction}: report {report.public_id} {what}",
        message=(
            f"Your report {report.public_id} to {report.jurisdiction} {what}.\n\n"
            + (f"{event.note}\n\n" if event.note else "")
            + f"Follow it at /cps/{report.jurisdiction.slug}/reports/{report.public_id}/"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.email],
    )
