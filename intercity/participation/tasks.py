"""Background work of the Civic Participation System, run by the django-tasks worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.core.links import absolute_url
from intercity.participation.languages import content_languages, first_language, report_language
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


@task()
def send_escalation(notification_id: int) -> int:
    """E-mail a department that one of its reports is past its expected time; 0 when already
    sent. Claimed like `send_notification`, so it goes once."""
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return 0
    notification = Notification.objects.select_related(
        "event__report__jurisdiction", "event__report__service", "event__report__status"
    ).get(pk=notification_id)
    report = notification.event.report
    try:
        # Staff read the city's own first language.
        with (
            translation.override(first_language(report.jurisdiction)),
            content_languages(report.jurisdiction),
        ):
            values = {
                "city": report.jurisdiction.name,
                "id": report.public_id,
                "service": report.service.name,
                "status": report.status.name,
                "expected": date_format(timezone.localtime(report.expected_at), "DATETIME_FORMAT"),
                "url": absolute_url("cps_staff_report", report.jurisdiction.slug, report.public_id),
            }
            send_mail(
                subject=_("%(city)s: report %(id)s is past its expected time") % values,
                message=_(
                    "Report %(id)s (%(service)s) was expected to be dealt with by %(expected)s "
                    "and is still %(status)s.\n\nOpen it in the staff queue: %(url)s"
                )
                % values,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.email],
            )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return 1


def _send(notification: Notification) -> None:
    """The e-mail goes out in the language the report was filed in (else the city's first
    language): the status name and the sentences around it alike."""
    event = notification.event
    report = event.report
    with translation.override(report_language(report)), content_languages(report.jurisdiction):
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "status": event.target.name if event.target else "",
            "url": f"/cps/{report.jurisdiction.slug}/reports/{report.public_id}/",
        }
        if event.target:
            subject = _("%(city)s: report %(id)s is now %(status)s") % values
            opening = _("Your report %(id)s to %(city)s is now %(status)s.") % values
        else:
            subject = _("%(city)s: news of report %(id)s") % values
            opening = _("There is news of your report %(id)s to %(city)s.") % values
        follow = _("Follow it at %(url)s") % values
    send_mail(
        subject=subject,
        message=opening + "\n\n" + (f"{event.note}\n\n" if event.note else "") + follow,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.email],
    )
