"""The governance admin changes nothing behind the services' backs: the record (meetings,
decisions, bids, reports, assessments, statute versions) is read-only there and never
deleted; what a service can change is offered as an action that calls it, with its audit
event."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from intercity.core.models import AuditEvent
from intercity.governance import services
from intercity.governance.models import (
    Decision,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    StatuteVersion,
)
from intercity.governance.tests.factories import MeetingFactory
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_client: Client) -> Client:
    return admin_client


@pytest.fixture
def meeting(wego, secretariat):
    return MeetingFactory(actor=secretariat, network=wego, title="EXCOM 2018")


def records(wego, meeting):
    """One row of each kind of record the admin shows."""
    bid = RegionalOfficeBid.objects.create(
        network=wego,
        region=wego.regions.get(slug="africa"),
        organisation=Organisation.objects.filter(kind="city").first(),
    )
    return [
        meeting,
        Decision.objects.filter(network=wego).first(),
        bid,
        RegionalOfficeAssessment.objects.first(),
        StatuteVersion.objects.filter(network=wego).first(),
    ]


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])


def test_the_record_is_shown_read_only_without_a_save_button(staff, wego, meeting):
    for obj in records(wego, meeting):
        assert obj is not None
        response = staff.get(change_url(obj))
        assert response.status_code == 200, obj
        assert b'name="_save"' not in response.content, obj


def test_posting_a_change_to_the_record_is_forbidden_and_changes_nothing(staff, wego, meeting):
    response = staff.post(change_url(meeting), {"title": "Renamed", "status": "closed"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("EXCOM 2018", "planned")
    version = StatuteVersion.objects.filter(network=wego).first()
    response = staff.post(change_url(version), {"name": "Renamed"})
    assert response.status_code == 403


def test_nothing_in_the_record_is_deleted_from_the_admin(staff, wego, meeting):
    for obj in records(wego, meeting):
        response = staff.post(delete_url(obj), {"post": "yes"})
        assert response.status_code == 403, obj
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_closing_a_meeting_from_the_admin_goes_through_the_service(staff, meeting):
    url = reverse("admin:governance_meeting_changelist")
    response = staff.post(url, {"action": "close_meeting", "_selected_action": [meeting.pk]})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    assert AuditEvent.objects.filter(verb="set_meeting_status", object_id=str(meeting.pk)).count()


def test_a_meeting_with_an_open_motion_is_not_closed_from_the_admin(staff, secretariat, meeting):
    item = services.add_agenda_item(secretariat, meeting, number="1", title="Work plan")
    services.propose_motion(secretariat, item, title="Adopt the work plan")
    url = reverse("admin:governance_meeting_changelist")
    response = staff.post(
        url, {"action": "close_meeting", "_selected_action": [meeting.pk]}, follow=True
    )
    assert "Decide or withdraw the open motions" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_closing_a_vote_from_the_admin_decides_it_once(staff, secretariat, meeting):
    item = services.add_agenda_item(secretariat, meeting, number="1", title="Work plan")
    motion = services.propose_motion(secretariat, item, title="Adopt", vote_mode="counts")
    url = reverse("admin:governance_decision_changelist")
    staff.post(url, {"action": "close_vote", "_selected_action": [motion.pk]})
    motion.refresh_from_db()
    assert motion.status == Decision.Status.OPEN  # no counts yet: the service refused
    services.record_counts(secretariat, motion, yes=0, no=0, abstain=0)
    for _ in range(2):
        staff.post(url, {"action": "close_vote", "_selected_action": [motion.pk]})
    motion.refresh_from_db()
    assert motion.status == Decision.Status.DECIDED
    assert AuditEvent.objects.filter(verb="close_motion", object_id=str(motion.pk)).count() == 1


def test_a_statute_version_with_unreadable_rules_is_a_form_error_not_a_500(staff, wego):
    url = reverse("admin:governance_statuteversion_add")
    response = staff.post(
        url,
        {
            "network": wego.pk,
            "name": "Broken amendment",
            "effective_from": "2030-01-01",
            "rules": '{"general-assembly": {"ordinary-motion": "nonsense"}}',
            "deadlines": "[]",
            "composition": "{}",
            "candidacy": "{}",
            "terms": "{}",
            "source": "",
        },
    )
    assert response.status_code == 200
    assert "The rules cannot be read" in response.content.decode()
    assert not StatuteVersion.objects.filter(name="Broken amendment").exists()
    assert not AuditEvent.objects.filter(verb="add_statute_version").exists()


def amendment(wego, name, effective_from):
    current = StatuteVersion.objects.filter(network=wego).order_by("-effective_from").first()
    return {
        "network": wego.pk,
        "name": name,
        "effective_from": effective_from,
        "rules": json.dumps(current.rules),
        "deadlines": json.dumps(current.deadlines),
        "composition": json.dumps(current.composition),
        "candidacy": json.dumps(current.candidacy),
        "terms": json.dumps(current.terms),
        "source": "",
    }


def test_an_amendment_added_in_the_admin_goes_through_the_service(staff, wego):
    url = reverse("admin:governance_statuteversion_add")
    response = staff.post(url, amendment(wego, "Statute amended 2030", "2030-01-01"))
    assert response.status_code == 302
    added = StatuteVersion.objects.get(network=wego, name="Statute amended 2030")
    assert AuditEvent.objects.filter(verb="add_statute_version", object_id=str(added.pk)).exists()


def test_an_amendment_on_a_date_already_taken_is_a_form_error(staff, wego):
    taken = StatuteVersion.objects.filter(network=wego).first().effective_from.isoformat()
    url = reverse("admin:governance_statuteversion_add")
    response = staff.post(url, amendment(wego, "Same day", taken))
    assert response.status_code == 200
    assert "already has a statute version from" in response.content.decode()
    assert not StatuteVersion.objects.filter(name="Same day").exists()
