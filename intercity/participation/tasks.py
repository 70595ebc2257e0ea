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
from intercity.participation import alerts
from intercity.participation.languages import content_languages, first_language, report_language
from intercity.participation.models import Alert, AlertMail, Department, Notification, Report

# One template for every mail about a report: its paragraphs, then the line with its link.
TEMPLATE = "participation/mail/report"


def tracking_url(report: Report) -> str:
    return absolute_url("cps_report", report.jurisdiction.slug, report.public_id)


def unfollow_link(report: Report) -> Any:
    """The one-click link of a follower's mail: it stops that address following this report
    (the kind-wide unsubscribe stays on the preferences page)."""

    def link(address: str) -> str:
        token = alerts.unfollow_token(report, address)
        return absolute_url("cps_unfollow", report.jurisdiction.slug, token)

    return link


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
            unsubscribe_link=unfollow_link(report),
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


# --- Alerts ------------------------------------------------------------------------------------


def _alert_language(alert: Alert) -> str:
    return alert.language or first_language(alert.jurisdiction)


def _alert_unsubscribe_link(alert: Alert) -> Any:
    def link(_address: str) -> str:
        return absolute_url("cps_alert_unsubscribe", alert.jurisdiction.slug, alert.token)

    return link


def _place_of(alert: Alert) -> str:
    if alert.kind == Alert.Kind.AREA:
        return _("area %(label)s of the map grid") % {"label": alert.area_label}
    return _("%(radius)s m around %(latitude)s, %(longitude)s") % {
        "radius": alert.radius_m,
        "latitude": alert.latitude,
        "longitude": alert.longitude,
    }


@task()
def send_alert_confirmation(alert_id: int) -> int:
    """Mail the link that confirms an alert (double opt-in): nothing else goes to the address
    until it is followed. Mail the address asked for, so it has no kind to decline; 0 when
    the alert is gone or already confirmed."""
    alert = Alert.objects.select_related("jurisdiction").filter(pk=alert_id).first()
    if alert is None or alert.confirmed_at is not None:
        return 0

    def context() -> dict[str, Any]:
        values = {
            "city": alert.jurisdiction.name,
            "place": _place_of(alert),
            "url": absolute_url("cps_alert_confirm", alert.jurisdiction.slug, alert.token),
        }
        return {
            "subject": _("%(city)s: confirm your alert of new reports") % values,
            "paragraphs": [
                _(
                    "Someone, we hope you, asked for an e-mail about each new report to "
                    "%(city)s in %(place)s. Nothing is sent until the alert is confirmed; if "
                    "it was not you, ignore this e-mail."
                )
                % values
            ],
            "link_line": _("Confirm the alert: %(url)s") % values,
        }

    with content_languages(alert.jurisdiction):
        sent = mail.send(
            TEMPLATE, context, [alert.email], kind=None, language=_alert_language(alert)
        )
    return len(sent.to)


@task()
def match_alerts(report_id: int) -> int:
    """Find the confirmed alerts a new report is for and queue one mail to each (once per
    alert and report, however often this runs); the number queued."""
    report = Report.objects.select_related("jurisdiction").filter(pk=report_id).first()
    if report is None:
        return 0  # deleted before the worker came to it
    pending = alerts.queue_mails(report)
    for alert_mail_id in pending:
        send_alert.enqueue(alert_mail_id)
    return len(pending)


@task()
def send_alert(alert_mail_id: int) -> int:
    """Mail one alert about one new report: what the public page shows (its service, place,
    description and link), nothing of who filed it. Claimed like `send_notification`; 0 when
    already sent, the alert was unsubscribed meanwhile, or the report is now hidden."""
    with transaction.atomic():
        claimed = AlertMail.objects.filter(pk=alert_mail_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return 0
    alert_mail = (
        AlertMail.objects.select_related("alert__jurisdiction", "report__service")
        .filter(pk=alert_mail_id)
        .first()
    )
    if alert_mail is None or alert_mail.report.hidden or alert_mail.alert.confirmed_at is None:
        return 0
    alert, report = alert_mail.alert, alert_mail.report
    report.jurisdiction = alert.jurisdiction

    def context() -> dict[str, Any]:
        values = {
            "city": alert.jurisdiction.name,
            "id": report.public_id,
            "service": report.service.name,
            "place": _place_of(alert),
            "where": report.address or f"{report.latitude}, {report.longitude}",
            "url": tracking_url(report),
        }
        return {
            "subject": _("%(city)s: new report %(id)s (%(service)s) in your alert area") % values,
            "paragraphs": [
                _("A new report (%(service)s) at %(where)s, in %(place)s.") % values,
                report.description,
            ],
            "link_line": _("Follow it at %(url)s") % values,
        }

    try:
        with content_languages(alert.jurisdiction):
            sent = mail.send(
                TEMPLATE,
                context,
                [alert.email],
                kind=None,
                language=_alert_language(alert),
                unsubscribe_link=_alert_unsubscribe_link(alert),
            )
    except Exception:
        AlertMail.objects.filter(pk=alert_mail_id).update(sent_at=None)
        raise
    return len(sent.to)
