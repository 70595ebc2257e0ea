"""The ASEAN Secretariat keeps the focus areas in the admin: a new area and an edit each leave
an audit event; an area that leaves use before it comes into use is refused on the form; a
retired area is no longer offered; nobody else reaches them; the rest is read-only."""

import datetime as dt

import pytest
from django.test import Client

from intercity.core.models import AuditEvent
from intercity.network.models import Network
from intercity.plans.models import FocusArea, RepresentationRule
from intercity.plans.services import plans

pytestmark = pytest.mark.django_db

ADD = "/admin/plans/focusarea/add/"


def _form(network, **fields):
    data = {
        "network": network.pk,
        "slug": "tourism",
        "name": "Tourism",
        "description": "Visitors' services and their data.",
        "source": "ASCN annual meeting 2026",
        "valid_from": "2026-01-01",
        "valid_to": "",
        "position": "9",
    }
    data.update(fields)
    return data


def _staff_client(user):
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_adds_an_area_and_the_audit_says_so(secretariat, ascn):
    client = _staff_client(secretariat)
    network = Network.objects.get(slug="ascn")

    response = client.post(ADD, _form(network))

    assert response.status_code == 302, response.content.decode()[:2000]
    area = FocusArea.objects.get(network=network, slug="tourism")
    event = AuditEvent.objects.get(verb="plans.add_focus_area", object_id=str(area.pk))
    assert event.after["name"] == "Tourism"
    assert area in plans.focus_areas(network, dt.date(2026, 6, 1))
    assert area not in plans.focus_areas(network, dt.date(2025, 6, 1))


def test_retiring_a_seeded_area_keeps_the_before_in_the_audit_and_stops_offering_it(
    secretariat, ascn
):
    client = _staff_client(secretariat)
    network = Network.objects.get(slug="ascn")
    area = FocusArea.objects.get(network=network, slug="data")
    data = _form(
        network,
        slug=area.slug,
        name=area.name,
        description=area.description,
        source=area.source,
        valid_from=area.valid_from.isoformat(),
        valid_to="2026-01-01",
        position=str(area.position),
    )

    response = client.post(f"/admin/plans/focusarea/{area.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(verb="plans.edit_focus_area", object_id=str(area.pk))
    assert event.before["valid_to"] is None
    assert event.after["valid_to"] == "2026-01-01"
    assert area not in plans.focus_areas(network, dt.date(2026, 3, 1))


def test_an_area_that_leaves_use_before_it_comes_into_use_is_refused(secretariat, ascn):
    client = _staff_client(secretariat)
    network = Network.objects.get(slug="ascn")

    response = client.post(ADD, _form(network, valid_from="2026-06-01", valid_to="2026-01-01"))

    assert response.status_code == 200
    assert "cannot leave use before it comes into use" in response.content.decode()
    assert not FocusArea.objects.filter(slug="tourism").exists()
    assert not AuditEvent.objects.filter(verb="plans.add_focus_area").exists()


def test_a_city_officer_does_not_reach_the_areas_and_rules_are_read_only(
    seoul_officer, secretariat, ascn
):
    officer = _staff_client(seoul_officer)
    network = Network.objects.get(slug="ascn")
    assert officer.get("/admin/plans/focusarea/").status_code == 403
    assert officer.post(ADD, _form(network)).status_code == 403
    assert not FocusArea.objects.filter(slug="tourism").exists()
    staff = _staff_client(secretariat)
    rule = RepresentationRule.objects.get(network=network)
    assert staff.get("/admin/plans/representationrule/add/").status_code == 403
    assert (
        staff.post(
            f"/admin/plans/representationrule/{rule.pk}/change/", {"max_cities_per_state": 9}
        ).status_code
        == 403
    )
