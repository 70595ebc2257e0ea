"""Background work of the Civic Participation System, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from intercity.participation.models import Notification


@task()
def send_notification(notification_id: int) -> int:
    """E-mail one follower about a public change of a report; 0 when already sent."""
    notification = Notification.objects.select_related(
        "event__report__jurisdiction", "event__target"
    ).get(pk=notification_id)
    if notification.sent_at is not None:
        return 0
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
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return 1
