"""The Secretariat corrects or withdraws what it recorded for a consultation project (its
deliverables) and for the Secondment Staff Program (a call), with the reasons in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_projects import ConsultationProject, Deliverable
from intercity.learning.models_secondment import SecondmentCall
from intercity.learning.services import projects as services
from intercity.learning.services import secondment as secondment_services
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

BANK = "world-bank-urban-egov-framework"
TODAY = dt.date(2027, 2, 1)


def a_call(secretariat: Any, places: int = 2) -> SecondmentCall:
    return secondment_services.open_call(
        secretariat,
        Network.objects.get(slug="wego"),
        title="Programme officer",
        description="",
        places=places,
        term_months=12,
        opens_on=dt.date(2027, 1, 1),
        closes_on=dt.date(2027, 3, 31),
    )


def applies(user: Any, call: SecondmentCall, city: str) -> Any:
    return secondment_services.apply(
        user,
        call,
        Organisation.objects.get(key=city),
        full_name=user.username.title(),
        statement="I run the data office.",
        today=TODAY,
    )


def call_values(call: SecondmentCall, **changes: Any) -> dict[str, Any]:
    values = {name: getattr(call, name) for name in secondment_services.CALL_FIELDS}
    values.update(changes)
    return values


def test_the_secretariat_corrects_and_withdraws_a_deliverable(client, secretariat, seoul_officer):
    project = ConsultationProject.objects.get(slug=BANK)
    item = project.deliverables.get()
    services.edit_deliverable(secretariat, item, title=item.title, report="Sent.", delivered=True)
    item.refresh_from_db()
    assert item.delivered
    event = AuditEvent.objects.get(verb="learning.edit_deliverable")
    assert event.after["report"] == "Sent."
    with pytest.raises(PermissionDenied):
        services.withdraw_deliverable(seoul_officer, item, reason="Mine.")
    with pytest.raises(DomainError, match="reason"):
        services.withdraw_deliverable(secretariat, item, reason=" ")
    services.withdraw_deliverable(secretariat, item, reason="Recorded twice.")
    with pytest.raises(DomainError, match="already withdrawn"):
        services.withdraw_deliverable(secretariat, item, reason="Again.")
    with pytest.raises(DomainError, match="withdrawn deliverable"):
        services.edit_deliverable(secretariat, item, title="x", report="", delivered=False)
    text = client.get(reverse("learning_project", args=[BANK])).content.decode()
    assert "Withdrawn" in text
    assert "Recorded twice." in text


def test_the_deliverable_page_keeps_the_form_on_an_error(client, secretariat, seoul_officer):
    item = ConsultationProject.objects.get(slug=BANK).deliverables.get()
    url = reverse("learning_deliverable", args=[BANK, item.pk])
    client.force_login(seoul_officer)
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    assert (
        "Change or withdraw"
        in client.get(reverse("learning_project", args=[BANK])).content.decode()
    )
    response = client.post(url, {"action": "withdraw", "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"action": "save", "title": "Framework", "report": "Sent."})
    assert response.status_code == 302
    assert Deliverable.objects.get(pk=item.pk).title == "Framework"
    response = client.post(url, {"action": "withdraw", "reason": "Dropped."})
    assert response.status_code == 302
    assert Deliverable.objects.get(pk=item.pk).withdrawn_reason == "Dropped."


def test_a_secondment_call_is_corrected_never_below_the_officers_selected(
    secretariat, seoul_officer
):
    call = a_call(secretariat, places=2)
    for found in (
        applies(seoul_officer, call, "seoul"),
        applies(person("nia", Role.CITY_OFFICER, "nairobi"), call, "nairobi"),
    ):
        secondment_services.decide(secretariat, found, selected=True, reason="Experience.")
    with pytest.raises(DomainError, match="2 officers are already selected"):
        secondment_services.edit_call(secretariat, call, **call_values(call, places=1))
    with pytest.raises(DomainError, match="closes on or after"):
        secondment_services.edit_call(
            secretariat, call, **call_values(call, closes_on=dt.date(2026, 12, 1))
        )
    secondment_services.edit_call(secretariat, call, **call_values(call, places=3, term_months=6))
    call.refresh_from_db()
    assert (call.places, call.term_months) == (3, 6)
    event = AuditEvent.objects.get(verb="learning.edit_secondment_call")
    assert event.before["places"] == 2
    assert event.after["places"] == 3
    with pytest.raises(DomainError, match="already selected"):
        secondment_services.withdraw_call(secretariat, call, reason="Budget cut.")


def test_a_withdrawn_secondment_call_takes_no_application_nor_decision(secretariat):
    call = a_call(secretariat)
    ana = applies(person("ana", Role.CITY_OFFICER, "seoul"), call, "seoul")
    with pytest.raises(PermissionDenied):
        secondment_services.withdraw_call(ana.applicant, call, reason="Mine.")
    secondment_services.withdraw_call(secretariat, call, reason="Budget cut.")
    with pytest.raises(DomainError, match="withdrawn"):
        applies(person("ben", Role.CITY_OFFICER, "nairobi"), call, "nairobi")
    with pytest.raises(DomainError, match="withdrawn"):
        secondment_services.decide(secretariat, ana, selected=True, reason="Good.")
    with pytest.raises(DomainError, match="already withdrawn"):
        secondment_services.withdraw_call(secretariat, call, reason="Again.")
    with pytest.raises(DomainError, match="withdrawn call"):
        secondment_services.edit_call(secretariat, call, **call_values(call, places=3))
    assert AuditEvent.objects.get(verb="learning.withdraw_secondment_call").reason == "Budget cut."


def test_the_secondment_call_page_changes_and_withdraws_the_call(client, secretariat):
    call = a_call(secretariat)
    url = reverse("learning_edit_secondment_call", args=[call.pk])
    client.force_login(secretariat)
    body = client.get(reverse("learning_secondment_call", args=[call.pk])).content.decode()
    assert "Change or withdraw the call" in body
    form = {
        "action": "save",
        "title": "Programme officer",
        "description": "",
        "places": "3",
        "term_months": "12",
        "opens_on": "2027-01-01",
        "closes_on": "2026-12-01",
    }
    response = client.post(url, form)
    assert response.status_code == 400
    assert "closes on or after" in response.content.decode()
    assert response.context["form"].errors["closes_on"]
    form["closes_on"] = "2027-04-30"
    assert client.post(url, form).status_code == 302
    assert SecondmentCall.objects.get(pk=call.pk).places == 3
    response = client.post(url, {"action": "withdraw", "reason": "Budget cut."}, follow=True)
    body = response.content.decode()
    assert "The call is withdrawn." in body
    assert "Budget cut." in body
    listing = client.get(reverse("learning_secondments")).content.decode()
    assert "Withdrawn" in listing
