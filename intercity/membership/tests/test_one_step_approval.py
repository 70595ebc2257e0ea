"""The Secretariat accepts an application and approves the membership in one step, citing
the adopted decision that approved it; a same-day approval is refused with the date rule."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.governance.models import Decision
from intercity.membership import services
from intercity.membership.models import Application
from intercity.network.models import MembershipPeriod, Network, Organisation

APPLY = {
    "organisation_name": "Testburg",
    "kind": "city",
    "country": "DE",
    "requested_category": "full",
    "population": 450000,
    "contact_name": "Ada Lovelace",
    "contact_email": "ada@testburg.example",
    "motivation": "We want to learn.",
}


def apply(days_ago=10):
    application = services.submit_application(Network.objects.get(slug="wego"), APPLY)
    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    application.refresh_from_db()
    return application


def stages(name="Testburg"):
    return list(
        MembershipPeriod.objects.filter(membership__organisation__name=name)
        .order_by("valid_from")
        .values_list("category__slug", "valid_from", "valid_to", "decision_reference")
    )


@pytest.mark.django_db
def test_one_action_accepts_and_approves_from_the_decision_date(secretariat):
    application = apply(days_ago=10)
    applied = services.applied_on(application)
    on = applied + dt.timedelta(days=3)
    admission = services.admit_member(
        secretariat, application, category="full", on=on, decision_reference="ExCom 2026, Ag. 3"
    )
    assert admission.approved.category.slug == "full"
    assert stages() == [
        ("associate", applied, on, f"Application no. {application.pk} received"),
        ("full", on, None, "ExCom 2026, Ag. 3"),
    ]
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.decision_note == "ExCom 2026, Ag. 3"
    assert AuditEvent.objects.filter(verb="admit_member").count() == 1


@pytest.mark.django_db
def test_a_same_day_approval_is_refused_with_the_date_rule_and_nothing_is_saved(secretariat):
    application = apply(days_ago=0)
    today = services.applied_on(application)
    with pytest.raises(DomainError) as refused:
        services.admit_member(
            secretariat, application, category="full", on=today, decision_reference="ExCom"
        )
    message = refused.value.message
    assert f"the application was received on {date_format(today, 'DATE_FORMAT')}" in message
    assert "Statute 2017 Art. 5.1(b)" in message
    assert f"{date_format(today + dt.timedelta(days=1), 'DATE_FORMAT')} or later" in message
    assert not Organisation.objects.filter(name="Testburg").exists()
    assert Application.objects.get(pk=application.pk).status == Application.Status.RECEIVED


@pytest.mark.django_db
def test_an_ineligible_category_is_refused_and_nothing_is_saved(secretariat):
    application = apply()
    with pytest.raises(DomainError, match="cannot be a corporate member"):
        services.admit_member(
            secretariat,
            application,
            category="corporate",
            on=services.applied_on(application) + dt.timedelta(days=1),
            decision_reference="ExCom",
        )
    assert not Organisation.objects.filter(name="Testburg").exists()


@pytest.mark.django_db
def test_the_two_step_approval_says_which_date_rule_refuses_a_same_day_approval(secretariat):
    application = apply()
    day = dt.date(2026, 6, 1)
    organisation = services.accept_application(secretariat, application, day)
    with pytest.raises(DomainError) as refused:
        services.approve_membership(
            secretariat, application.network, organisation, "full", day, "X"
        )
    assert "began on 2026-06-01" in refused.value.message
    assert "2026-06-02 at the earliest" in refused.value.message
    assert "Art. 5.1(b)" in refused.value.message


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_make_one_membership(committed_seed, secretariat):
    application = apply()
    on = services.applied_on(application) + dt.timedelta(days=2)

    def approve(index):
        return services.admit_member(
            secretariat, application, category="full", on=on, decision_reference=f"ExCom {index}"
        ).organisation.pk

    outcomes = run_concurrently(approve, times=2)
    assert len(outcomes.results) == 1
    assert [str(e.message) for e in outcomes.errors] == [
        "This application was already accepted as associate member."
    ]
    assert Organisation.objects.filter(name="Testburg").count() == 1
    assert [s[0] for s in stages()] == ["associate", "full"]
    assert AuditEvent.objects.filter(verb="admit_member").count() == 1


# --- The pages --------------------------------------------------------------------------------


def adopted_decision(wego):
    return Decision.objects.filter(network=wego, outcome="adopted").first()


@pytest.mark.django_db
def test_the_decision_is_chosen_from_the_networks_adopted_decisions(client, secretariat, wego):
    application = apply()
    decision = adopted_decision(wego)
    client.force_login(secretariat)
    page = client.get(reverse("membership_applications", args=["wego"])).content.decode()
    assert decision.title in page
    prefix = f"approve-{application.pk}"
    on = services.applied_on(application) + dt.timedelta(days=1)
    response = client.post(
        reverse("membership_application", args=["wego", application.pk]),
        {
            f"{prefix}-category": "full",
            f"{prefix}-on": on.isoformat(),
            f"{prefix}-decision": decision.reference,
        },
        follow=True,
    )
    result = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "membership_application", args=["wego", application.pk]
    )
    assert "Testburg is now a Full member of WeGO." in result
    assert "Full member (Active)" in result
    assert "Associate member (Active)" in result
    assert stages()[-1][3] == decision.reference


@pytest.mark.django_db
def test_a_decision_must_be_named(client, secretariat):
    application = apply()
    client.force_login(secretariat)
    prefix = f"approve-{application.pk}"
    response = client.post(
        reverse("membership_application", args=["wego", application.pk]),
        {f"{prefix}-category": "full", f"{prefix}-on": "2026-11-30"},
    )
    assert response.status_code == 400
    assert "Name the decision that approved the membership." in response.content.decode()
    assert not Organisation.objects.filter(name="Testburg").exists()


@pytest.mark.django_db
def test_a_same_day_approval_from_the_page_explains_itself(client, secretariat):
    application = apply(days_ago=0)
    client.force_login(secretariat)
    prefix = f"approve-{application.pk}"
    response = client.post(
        reverse("membership_application", args=["wego", application.pk]),
        {
            f"{prefix}-category": "full",
            f"{prefix}-on": services.applied_on(application).isoformat(),
            f"{prefix}-decision_text": "ExCom today",
        },
    )
    assert response.status_code == 400
    assert "an applicant is an associate member from its application" in response.content.decode()


@pytest.mark.django_db
def test_without_a_module_contributing_decisions_the_decision_is_free_text(
    client, secretariat, monkeypatch
):
    monkeypatch.setattr("intercity.membership.views.contributions", lambda *args: [])
    application = apply()
    client.force_login(secretariat)
    prefix = f"approve-{application.pk}"
    page = client.get(reverse("membership_application", args=["wego", application.pk]))
    assert f'name="{prefix}-decision"' not in page.content.decode()
    assert f'name="{prefix}-decision_text"' in page.content.decode()
    client.post(
        reverse("membership_application", args=["wego", application.pk]),
        {
            f"{prefix}-category": "full",
            f"{prefix}-on": (services.applied_on(application) + dt.timedelta(days=1)).isoformat(),
            f"{prefix}-decision_text": "Executive Committee, 2026-11-30, Agenda 2",
        },
    )
    assert stages()[-1][3] == "Executive Committee, 2026-11-30, Agenda 2"


@pytest.mark.django_db
def test_governance_contributes_only_adopted_decisions(rf, secretariat, wego):
    from intercity.core.modules import contributions

    choices = contributions("decision_choices", rf.get("/"), wego)
    adopted = Decision.objects.filter(network=wego, outcome="adopted")
    assert len(choices) == adopted.count() > 0
    assert {reference for reference, _label in choices} == {d.reference for d in adopted}


@pytest.mark.django_db
def test_an_application_already_decided_is_not_approved_again(client, secretariat):
    application = apply()
    services.reject_application(secretariat, application, "Not a city.")
    client.force_login(secretariat)
    response = client.post(
        reverse("membership_application", args=["wego", application.pk]), {}, follow=True
    )
    assert "This application was already rejected." in response.content.decode()
    assert not Organisation.objects.filter(name="Testburg").exists()


@pytest.mark.django_db
def test_the_lists_of_applications_say_when_they_are_empty(client, secretariat):
    Application.objects.all().delete()
    client.force_login(secretariat)
    page = client.get(reverse("membership_applications", args=["wego"])).content.decode()
    assert "No application is waiting for a decision." in page
    assert "No application has been decided yet." in page
