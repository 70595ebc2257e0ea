"""The staff queue's filter as an object: what the page (and any other caller) asks of
`services.queue_reports`."""

import datetime as dt

import pytest
from django.utils import timezone

from intercity.core.errors import DomainError
from intercity.participation import forms, services
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import (
    IN_SEOUL,
    makati_jurisdiction,
    officer_of,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seoul():
    return Jurisdiction.objects.get(slug="seoul")


def filed(jurisdiction, now=None, **overrides):
    data = {
        "service_code": "pothole",
        "description": "Deep pothole in the bus lane outside exit 3 of City Hall station",
        "latitude": IN_SEOUL[0],
        "longitude": IN_SEOUL[1],
        "email": "minjun@example.org",
    }
    data.update(overrides)
    return services.submit_report(jurisdiction, services.Submission(**data), now=now)


def test_each_filter_narrows_the_queue_and_an_empty_filter_shows_everything(seoul):
    jiwoo = staff_of("jiwoo", "seoul")
    now = timezone.now()
    old = filed(seoul, zipcode="04524", now=now - dt.timedelta(days=5))
    fresh = filed(seoul, zipcode="06236")
    litter = filed(seoul, service_code="litter", zipcode="04520", description="Dumped sofa here")
    services.change_status(jiwoo, litter, "acknowledged")
    services.assign(jiwoo, fresh, user=jiwoo)
    sanitation = seoul.departments.get(name="Sanitation")

    def shown(**wanted):
        rows = services.queue_reports(seoul, services.QueueFilter(**wanted), now)
        return {report.pk for report in rows}

    assert shown() == {old.pk, fresh.pk, litter.pk}
    assert shown(service="litter") == {litter.pk}
    assert shown(status="submitted") == {old.pk, fresh.pk}
    assert shown(department=sanitation.pk) == {litter.pk}
    assert shown(zipcode=" 045 ") == {old.pk, litter.pk}
    assert shown(overdue=True) == {old.pk}
    assert shown(assigned_to=jiwoo.pk) == {fresh.pk}
    assert shown(service="pothole", zipcode="04") == {old.pk}


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ({"service": "dragons"}, "No service 'dragons'"),
        ({"status": "lost"}, "No status 'lost'"),
        ({"department": 999_999}, "No department 999999"),
    ],
)
def test_what_the_city_does_not_have_is_refused_not_answered_empty(seoul, wanted, message):
    with pytest.raises(DomainError, match=message):
        services.queue_reports(seoul, services.QueueFilter(**wanted), timezone.now())


def test_another_city_department_is_not_a_filter_of_this_queue(seoul):
    officer = officer_of("makati-officer", "makati")
    makati = makati_jurisdiction(officer)
    theirs = services.add_department(officer, makati, name="Flood control")
    with pytest.raises(DomainError, match="No department"):
        services.queue_reports(seoul, services.QueueFilter(department=theirs.pk), timezone.now())


# --- The open work by default (issue 14) ---------------------------------------------------------


def resolved(jurisdiction, jiwoo, **overrides):
    report = filed(jurisdiction, **overrides)
    services.change_status(jiwoo, report, "acknowledged")
    return services.change_status(jiwoo, report, "resolved")


def test_the_queue_is_the_open_work_unless_every_status_is_asked(seoul):
    jiwoo = staff_of("jiwoo", "seoul")
    waiting = filed(seoul)
    done = resolved(seoul, jiwoo)
    now = timezone.now()

    def shown(**wanted):
        return {r.pk for r in services.queue_reports(seoul, services.QueueFilter(**wanted), now)}

    assert services.QueueFilter().open_only
    assert shown() == {waiting.pk}
    assert shown(open_only=False) == {waiting.pk, done.pk}
    # A status named by its code is shown, closed or not: asking for "resolved" means them.
    assert shown(status="resolved") == {done.pk}
    assert shown(status="resolved", open_only=True) == {done.pk}
    assert not services.QueueFilter(status="resolved").only_open_work


def form(seoul, data=None):
    return forms.QueueFilterForm(
        seoul.services.all(), seoul.statuses.all(), seoul.departments.all(), data
    )


def test_the_queue_form_starts_at_the_open_work_and_says_so(seoul):
    empty = form(seoul)
    assert empty.queue_filter(user_id=None) == services.QueueFilter()
    assert empty.queue_filter(user_id=None).only_open_work
    choices = dict(empty.fields["status"].choices)
    assert choices[""] == "Open work (not resolved or closed)"
    assert choices["all"] == "All statuses, resolved and closed too"
    groups = {label: dict(options) for label, options in empty.fields["status"].choices[2:]}
    assert "resolved" in groups["Resolved or closed"]
    assert "submitted" in groups["Open"]


@pytest.mark.parametrize(
    ("data", "status", "open_only"),
    [
        ({}, "", True),
        ({"status": ""}, "", True),
        ({"status": "all"}, "", False),
        ({"status": "resolved"}, "resolved", False),
        ({"status": "submitted", "service": "pothole"}, "submitted", False),
        # Not one of the city's choices: the form says so and the queue stays the open work.
        ({"status": "lost"}, "", True),
    ],
)
def test_the_queue_form_builds_the_filter_the_service_reads(seoul, data, status, open_only):
    wanted = form(seoul, data).queue_filter(user_id=None)
    assert (wanted.status, wanted.open_only) == (status, open_only)


def test_an_unknown_status_is_a_form_error_naming_the_field(seoul):
    bad = form(seoul, {"status": "lost"})
    assert not bad.is_valid()
    assert "status" in bad.errors
