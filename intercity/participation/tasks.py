"""Background work of the Civic Participation System, run by the django-tasks worker."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.core import mail
from intercity.core.links import absolute_url
from intercity.core.models import MailKind
from intercity.participation.languages import content_languages, first_language, report_language
from intercity.participation.models import Department, Notification, Report

# One template for every mail about a report: its paragraphs, then the line with its link.
TEMPLATE = "participation/mail/report"


def tracking_url(report: Report) -> str:
    return absolute_url("cps_report", report.jurisdiction.slug, report.public_id)


def reporter_url(report: Report) -> str:
    """The reporter's own page of the report, reached by its secret token: there they say
    "not fixed" or rate the response once it is closed. Only ever sent to the reporter."""
    return absolute_url("cps_track", report.jurisdiction.slug, report.token)


def _reporter_line(report: Report) -> str:
    return _(
        "Your own page of this report (keep it to yourself): once the city has closed it, say "
        "there whether it is fixed and rate the response: %(url)s"
    ) % {"url": reporter_url(report)}


@task()
def send_notification(notification_id: int) -> int:
    """E-mail one follower about a public change of a report; 0 when already sent or the
    address declined report updates.

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
        sent = _send(notification)
    except Exception:
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return len(sent.to)


@task()
def send_escalation(notification_id: int) -> int:
    """E-mail a department that one of its reports is past its expected time; 0 when already
    sent or the address declined department mail. Claimed like `send_notification`, so it
    goes once."""
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

    def context() -> dict[str, Any]:
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "service": report.service.name,
            "status": report.status.name,
            "expected": date_format(timezone.localtime(report.expected_at), "DATETIME_FORMAT"),
            "url": absolute_url("cps_staff_report", report.jurisdiction.slug, report.public_id),
        }
        return {
            "subject": _("%(city)s: report %(id)s is past its expected time") % values,
            "paragraphs": [
                _(
                    "Report %(id)s (%(service)s) was expected to be dealt with by %(expected)s "
                    "and is still %(status)s."
                )
                % values
            ],
            "link_line": _("Open it in the staff queue: %(url)s") % values,
        }

    try:
        # Staff read the city's own first language.
        with content_languages(report.jurisdiction):
            sent = mail.send(
                TEMPLATE,
                context,
                [notification.email],
                kind=MailKind.DEPARTMENT_REPORTS,
                language=first_language(report.jurisdiction),
            )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return len(sent.to)


@task()
def send_reopen_notice(notification_id: int) -> int:
    """E-mail a department that its report's reporter said it is not fixed (the report is
    open again), with their reason; claimed like `send_notification`, so it goes once."""
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return 0
    notification = Notification.objects.select_related(
        "event__report__jurisdiction", "event__report__service"
    ).get(pk=notification_id)
    event = notification.event
    report = event.report

    def context() -> dict[str, Any]:
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "service": report.service.name,
            "url": absolute_url("cps_staff_report", report.jurisdiction.slug, report.public_id),
        }
        return {
            "subject": _("%(city)s: report %(id)s is reopened: not fixed") % values,
            "paragraphs": [
                _(
                    "The person who filed report %(id)s (%(service)s) says it is not fixed; "
                    "it is open again. Their reason:"
                )
                % values,
                event.note,
            ],
            "link_line": _("Open it in the staff queue: %(url)s") % values,
        }

    try:
        with content_languages(report.jurisdiction):
            sent = mail.send(
                TEMPLATE,
                context,
                [notification.email],
                kind=MailKind.DEPARTMENT_REPORTS,
                language=first_language(report.jurisdiction),
            )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return len(sent.to)


def _send(notification: Notification) -> mail.Sent:
    """The e-mail goes out in the language the report was filed in (else the city's first
    language), unless the follower saved another: the status name and the sentences alike."""
    event = notification.event
    report = event.report

    def context() -> dict[str, Any]:
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "status": event.target.name if event.target else "",
            "url": tracking_url(report),
        }
        if event.target:
            subject = _("%(city)s: report %(id)s is now %(status)s") % values
            opening = _("Your report %(id)s to %(city)s is now %(status)s.") % values
        else:
            subject = _("%(city)s: news of report %(id)s") % values
            opening = _("There is news of your report %(id)s to %(city)s.") % values
        paragraphs = [opening, *([event.note] if event.note else [])]
        closed = event.target is not None and event.target.open311 == "closed"
        if closed and report.email and notification.email.lower() == report.email.lower():
            # Only the reporter (never another follower) gets the link to their own page.
            paragraphs.append(_reporter_line(report))
        return {
            "subject": subject,
            "paragraphs": paragraphs,
            "link_line": _("Follow it at %(url)s") % values,
        }

    with content_languages(report.jurisdiction):
        return mail.send(
            TEMPLATE,
            context,
            [notification.email],
            kind=MailKind.REPORT_UPDATES,
            language=report_language(report),
        )


@task()
def send_confirmation(report_id: int) -> int:
    """Confirm a filed report to the address given with it, with its tracking link. Queued
    once, when the report is stored; the citizen asked for it by giving the address, but
    may still have declined report updates on an earlier report."""
    report = Report.objects.select_related("jurisdiction", "service").get(pk=report_id)
    if not report.email:
        return 0

    def context() -> dict[str, Any]:
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "service": report.service.name,
            "url": tracking_url(report),
        }
        return {
            "subject": _("%(city)s: your report %(id)s is received") % values,
            "paragraphs": [
                _(
                    "Thank you. Your report to %(city)s (%(service)s) is registered with "
                    "tracking id %(id)s. You will receive an e-mail at each step the city "
                    "takes."
                )
                % values,
                report.description,
                _reporter_line(report),
            ],
            "link_line": _("Follow it at %(url)s") % values,
        }

    with content_languages(report.jurisdiction):
        sent = mail.send(
            TEMPLATE,
            context,
            [report.email],
            kind=MailKind.REPORT_UPDATES,
            language=report_language(report),
        )
    return len(sent.to)


@task()
def send_department_notice(report_id: int, department_id: int) -> int:
    """Tell a department that a report was routed to it, with the link to the report's staff
    page, in the city's first language (a department's address is an office's, not a
    person's with a saved language)."""
    department = Department.objects.select_related("jurisdiction").get(pk=department_id)
    report = Report.objects.select_related("jurisdiction", "service").get(pk=report_id)
    if not department.email or report.department_id != department.pk:
        return 0  # no address, or routed elsewhere again before the worker came to it

    def context() -> dict[str, Any]:
        values = {
            "city": report.jurisdiction.name,
            "id": report.public_id,
            "department": department.name,
            "service": report.service.name,
            "url": absolute_url("cps_staff_report", report.jurisdiction.slug, report.public_id),
        }
        return {
            "subject": _("%(city)s: report %(id)s routed to %(department)s") % values,
            "paragraphs": [
                _("Report %(id)s (%(service)s) is routed to %(department)s.") % values,
                report.description,
            ],
            "link_line": _("Open it at %(url)s") % values,
        }

    with content_languages(report.jurisdiction):
        sent = mail.send(
            TEMPLATE,
            context,
            [department.email],
            kind=MailKind.DEPARTMENT_REPORTS,
            language=first_language(report.jurisdiction),
        )
    return len(sent.to)
