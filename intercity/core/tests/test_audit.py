"""The audit trail keeps who acted, even after their login is deleted."""

import pytest

from intercity.accounts.models import Role
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_still_names_its_actor_after_the_login_is_deleted():
    staff = UserFactory(username="hana", first_name="Hana", last_name="Kim")
    citizen = UserFactory(username="newcomer")
    grant_role(staff, citizen, Role.CITIZEN)
    staff.delete()

    event = AuditEvent.objects.get(verb="grant_role", object_id=str(citizen.pk))
    assert event.actor is None
    assert event.actor_username == "hana"
    assert event.actor_name == "Hana Kim"
    assert event.actor_label == "Hana Kim (hana)"


def test_an_event_the_platform_wrote_names_no_one():
    citizen = UserFactory(username="newcomer")
    grant_role(None, citizen, Role.CITIZEN)

    event = AuditEvent.objects.get(verb="grant_role", object_id=str(citizen.pk))
    assert event.actor_username == ""
    assert event.actor_label == "the platform"


def test_the_admin_lists_the_name_of_a_deleted_actor(client, secretariat):
    secretariat.is_staff = True
    secretariat.is_superuser = True
    secretariat.save()
    staff = UserFactory(username="hana", first_name="Hana", last_name="Kim")
    grant_role(staff, UserFactory(username="newcomer"), Role.CITIZEN)
    staff.delete()
    client.force_login(secretariat)

    page = client.get("/admin/core/auditevent/")
    assert page.status_code == 200
    assert "Hana Kim (hana)" in page.content.decode()
