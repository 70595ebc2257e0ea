"""The CPS's e-mails: a citizen's confirmation with the tracking link, a department told of a
report routed to it, a follower's notification; all with links from SITE_URL, text and HTML,
an unsubscribe link, and an address that declined a kind left out."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core import mail as outbox
from django.urls import reverse

from intercity.core import mail
from intercity.core.models import MailKind
from intercity.core.tests.queued import queued, run_queued
from intercity.participation import services
from intercity.participation.models import Department, Notification, Report
from intercity.participation.tasks import (
    send_confirmation,
    send_department_notice,
    send_notification,
)
from intercity.participation.tests.factories import IN_SEOUL

SITE = "https://cities.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def filed(seoul, **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole outside exit 3",
        "latitude": IN_SEOUL[0],
        "longitude": IN_SEOUL[1],
        "email": "minjun@example.org",
        **overrides,
    }
    return services.submit_report(seoul, services.Submission(**data))


def html_of(message):
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return html


def test_a_citizen_filing_on_the_web_gets_a_confirmation_with_the_absolute_tracking_link(
    client, seoul, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cps_report_new", args=["seoul"]),
            {
                "service": "pothole",
                "description": "Deep pothole in the bus lane",
                "latitude": str(IN_SEOUL[0]),
                "longitude": str(IN_SEOUL[1]),
                "email": "minjun@example.org",
            },
        )
    assert response.status_code == 302
    report = Report.objects.get(description="Deep pothole in the bus lane")
    assert mailoutbox == []  # not in the request: queued for the worker
    assert queued(send_confirmation) == [[report.pk]]

    assert send_confirmation.call(report.pk) == 1
    (message,) = mailoutbox
    link = f"{SITE}/cps/seoul/reports/{report.public_id}/"
    assert message.to == ["minjun@example.org"]
    assert report.public_id in message.subject
    assert link in message.body
    assert f'href="{link}"' in html_of(message)
    assert "/cps/" not in message.body.replace(SITE + "/cps/", "")  # no relative link


def test_an_open311_request_with_an_email_queues_a_confirmation(
    client, seoul, api_key, django_capture_on_commit_callbacks
):
    data = {
        "api_key": api_key,
        "service_code": "pothole",
        "lat": "37.5665",
        "long": "126.978",
        "description": "A large pothole in the right lane",
        "email": "minji@example.org",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/open311/v2/seoul/requests.json",
            urlencode(data),
            "application/x-www-form-urlencoded",
        )
    assert response.status_code == 200, response.content
    report = Report.objects.get(email="minji@example.org")
    assert queued(send_confirmation) == [[report.pk]]


def test_a_report_without_an_email_queues_no_confirmation(
    seoul, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed(seoul, email="")
    assert queued(send_confirmation) == []


def test_the_department_a_new_report_is_routed_to_is_told_with_the_staff_link(
    seoul, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = filed(seoul)
    roads = Department.objects.get(jurisdiction=seoul, name="Road Management")
    assert report.department_id == roads.pk
    assert queued(send_department_notice) == [[report.pk, roads.pk]]

    assert run_queued() == 2  # the confirmation and the department's notice
    (notice,) = [m for m in mailoutbox if m.to == [roads.email]]
    staff_link = f"{SITE}/cps/seoul/staff/reports/{report.public_id}/"
    assert staff_link in notice.body
    assert "도로관리과" in notice.subject  # in Seoul's first language, Korean
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_report_routed_to_another_department_tells_that_department(
    seoul, jiwoo, mailoutbox, django_capture_on_commit_callbacks
):
    report = filed(seoul, email="")
    parks = Department.objects.get(jurisdiction=seoul, name="Parks and Greenery")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(jiwoo, report, department=parks)
    assert queued(send_department_notice) == [[report.pk, parks.pk]]
    assert send_department_notice.call(report.pk, parks.pk) == 1
    assert mailoutbox[0].to == [parks.email]


def test_a_department_without_an_address_is_not_mailed(seoul, jiwoo, mailoutbox):
    report = filed(seoul, email="")
    Department.objects.filter(jurisdiction=seoul, name="Road Management").update(email="")
    assert send_department_notice.call(report.pk, report.department_id) == 0
    assert mailoutbox == []


def test_a_department_that_declined_new_reports_is_not_mailed(seoul, mailoutbox):
    report = filed(seoul, email="")
    roads = Department.objects.get(pk=report.department_id)
    mail.unsubscribe(roads.email, MailKind.DEPARTMENT_REPORTS)
    assert send_department_notice.call(report.pk, roads.pk) == 0
    assert mailoutbox == []


def test_a_followers_notification_links_to_the_report_on_site_url_and_can_be_unsubscribed(
    seoul, jiwoo, mailoutbox
):
    report = filed(seoul)
    services.change_status(jiwoo, report, "acknowledged", note="A crew comes Monday")
    notification = Notification.objects.get(event__report=report)
    assert send_notification.call(notification.pk) == 1
    (message,) = mailoutbox
    assert f"{SITE}/cps/seoul/reports/{report.public_id}/" in message.body
    assert "A crew comes Monday" in message.body
    # The one-click link stops this follow (alerts.unfollow); the footer keeps the link to
    # the address's preferences for report updates as a whole.
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{SITE}/cps/seoul/follow/stop/")
    assert header.endswith("/>")
    assert header[1:-1] in html_of(message)
    assert f"{SITE}/mail/preferences/" in html_of(message)


def test_a_follower_who_declined_report_updates_is_not_mailed(seoul, jiwoo, mailoutbox):
    report = filed(seoul)
    mail.unsubscribe("MinJun@example.org", MailKind.REPORT_UPDATES)  # any case
    services.change_status(jiwoo, report, "acknowledged")
    assert send_notification.call(Notification.objects.get(event__report=report).pk) == 0
    assert send_confirmation.call(report.pk) == 0
    assert outbox.outbox == []


def test_filing_for_a_department_without_an_address_queues_no_notice(
    seoul, django_capture_on_commit_callbacks
):
    Department.objects.filter(jurisdiction=seoul, name="Road Management").update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        filed(seoul, email="")
    assert queued(send_department_notice) == []


def test_what_a_citizen_wrote_is_escaped_in_the_html_part_and_plain_in_the_text(seoul, mailoutbox):
    report = filed(seoul, description='Pothole <img src=x onerror="alert(1)"> & more')
    assert send_confirmation.call(report.pk) == 1
    (message,) = mailoutbox
    assert 'Pothole <img src=x onerror="alert(1)"> & more' in message.body
    html = html_of(message)
    assert "<img" not in html
    assert "Pothole &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more" in html
