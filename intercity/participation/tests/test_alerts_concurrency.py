"""Alerts under concurrent requests: two identical subscriptions at once make one alert, two
clicks of a confirmation link confirm once, and two workers matching one report queue one
mail per alert (threads on their own connections, committed rows: SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.participation import alerts, rules, services
from intercity.participation.models import Alert, AlertMail, Jurisdiction
from intercity.participation.tests.factories import IN_SEOUL

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4
PLACE = alerts.Place(near=rules.Near(IN_SEOUL[0], IN_SEOUL[1], 500))


@pytest.fixture
def seoul(committed_seed):
    return Jurisdiction.objects.get(slug="seoul")


def test_two_identical_subscriptions_at_once_make_one_alert(seoul):
    outcomes = run_concurrently(
        lambda i: alerts.subscribe(seoul, email="sora@example.org", place=PLACE), times=THREADS
    )
    assert outcomes.errors == []
    assert Alert.objects.count() == 1
    assert sorted(created for _alert, created in outcomes.results) == [False] * (THREADS - 1) + [
        True
    ]
    assert len({alert.pk for alert, _created in outcomes.results}) == 1
    assert AuditEvent.objects.filter(verb="alert_subscribe").count() == 1


def test_a_confirmation_clicked_twice_at_once_confirms_once(seoul):
    alert, _ = alerts.subscribe(seoul, email="sora@example.org", place=PLACE)
    outcomes = run_concurrently(lambda i: alerts.confirm(seoul, alert.token), times=THREADS)
    assert outcomes.errors == []
    assert sum(changed for _alert, changed in outcomes.results) == 1
    assert AuditEvent.objects.filter(verb="alert_confirm").count() == 1


def test_two_workers_matching_one_report_queue_one_mail_per_alert(seoul):
    alert, _ = alerts.subscribe(seoul, email="sora@example.org", place=PLACE)
    alerts.confirm(seoul, alert.token)
    report = services.submit_report(
        seoul,
        services.Submission("pothole", "Deep pothole by the bus stop", IN_SEOUL[0], IN_SEOUL[1]),
    )
    outcomes = run_concurrently(lambda i: alerts.queue_mails(report), times=THREADS)
    assert outcomes.errors == []
    assert AlertMail.objects.filter(report=report).count() == 1
