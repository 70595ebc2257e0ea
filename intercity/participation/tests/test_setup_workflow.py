"""Seoul's CPS administrator, Hye-jin, sets up the city's workflow, response templates and
staff; Makati's administrator and Seoul's own staff are refused; changes reach intake at once."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from intercity.accounts import services as accounts
from intercity.accounts.models import Invitation, Role, User
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.participation import catalogue, services, setup_workflow, tenancy
from intercity.participation.models import (
    Jurisdiction,
    ResponseTemplate,
    StaffDepartment,
    Transition,
)
from intercity.participation.setup_workflow import TemplateText
from intercity.participation.tests.factories import IN_SEOUL, makati_jurisdiction, staff_of

EN = "en"


@pytest.fixture
def hyejin(db: None) -> User:
    """Hye-jin administers Seoul's Civic Participation System."""
    return person("hyejin", Role.CPS_ADMIN, "seoul")


@pytest.fixture
def makati(db: None) -> Jurisdiction:
    return makati_jurisdiction()


@pytest.fixture
def makati_admin(makati: Jurisdiction) -> User:
    return person("makati-admin", Role.CPS_ADMIN, "makati")


def file(jurisdiction: Jurisdiction, department=None):
    report = services.submit_report(
        jurisdiction,
        services.Submission(
            service_code="pothole",
            description="Deep pothole in the bus lane outside the station exit 3",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            email="minjun@example.org",
        ),
    )
    if department is not None:
        report.department = department
        report.save(update_fields=["department"])
    return report


def codes(jurisdiction: Jurisdiction) -> list[str]:
    return list(jurisdiction.statuses.order_by("position").values_list("code", flat=True))


def url(name: str, *args, slug: str = "seoul") -> str:
    return reverse(name, args=[slug, *args])


# --- Workflow actions ------------------------------------------------------------------------


def test_the_administrator_adds_a_status_reached_by_a_new_move(seoul, hyejin):
    status = setup_workflow.add_status(
        hyejin,
        seoul,
        code="waiting_parts",
        names={EN: "Waiting for parts", "ko": "부품 대기"},
        open311="open",
        after="in_progress",
        move={EN: "Wait for parts"},
    )
    assert status.name_ko == "부품 대기"
    assert codes(seoul)[-1] == "waiting_parts"
    assert seoul.transitions.filter(source__code="in_progress", target=status).exists()
    event = AuditEvent.objects.get(verb="add_status")
    assert event.after["code"] == "waiting_parts"


def test_a_new_initial_status_takes_effect_for_intake_at_once(seoul, hyejin):
    assert catalogue.of(seoul).initial.code == "submitted"
    setup_workflow.add_status(
        hyejin,
        seoul,
        code="received",
        names={EN: "Received"},
        open311="open",
        after="submitted",
        move={EN: "Receive"},
    )
    setup_workflow.add_transition(hyejin, seoul, "received", "submitted", {EN: "Register"})
    setup_workflow.set_initial(hyejin, seoul, "received")
    # The intake catalogue this process holds was told to reload (and every other process,
    # through the shared mark): the next report starts in the new initial status.
    assert catalogue.of(seoul).initial.code == "received"
    assert file(seoul).status.code == "received"


def test_making_a_status_initial_that_cannot_reach_every_other_is_refused(seoul, hyejin):
    with pytest.raises(DomainError, match="every status reachable"):
        setup_workflow.set_initial(hyejin, seoul, "resolved")
    assert seoul.statuses.get(initial=True).code == "submitted"


def test_removing_the_only_move_to_a_status_is_refused_naming_the_rule(seoul, hyejin):
    setup_workflow.add_status(
        hyejin,
        seoul,
        code="waiting_parts",
        names={EN: "Waiting for parts"},
        open311="open",
        after="in_progress",
        move={EN: "Wait for parts"},
    )
    with pytest.raises(DomainError, match="every status reachable"):
        setup_workflow.remove_transition(hyejin, seoul, "in_progress", "waiting_parts")
    assert seoul.transitions.filter(target__code="waiting_parts").count() == 1


def test_a_move_with_another_way_round_is_removed(seoul, hyejin):
    setup_workflow.remove_transition(hyejin, seoul, "submitted", "in_progress")
    assert ("submitted", "in_progress") not in services.allowed_moves(seoul)
    assert AuditEvent.objects.filter(verb="remove_transition").count() == 1
    with pytest.raises(NotFound):
        setup_workflow.remove_transition(hyejin, seoul, "submitted", "in_progress")


def test_a_status_with_reports_cannot_be_removed_only_renamed(seoul, hyejin):
    file(seoul)
    with pytest.raises(DomainError, match="rename it instead"):
        setup_workflow.remove_status(hyejin, seoul, "submitted")
    renamed = setup_workflow.rename_status(
        hyejin, seoul, "submitted", {EN: "Received", "ko": "접수됨"}
    )
    assert renamed.name_en == "Received"
    assert renamed.name_ko == "접수됨"


def test_a_status_without_reports_is_removed_with_its_moves(seoul, hyejin):
    setup_workflow.add_status(
        hyejin,
        seoul,
        code="waiting_parts",
        names={EN: "Waiting for parts"},
        open311="open",
        after="in_progress",
        move={EN: "Wait for parts"},
    )
    setup_workflow.remove_status(hyejin, seoul, "waiting_parts")
    assert not seoul.statuses.filter(code="waiting_parts").exists()
    assert not Transition.objects.filter(target__code="waiting_parts", jurisdiction=seoul).exists()


def test_removing_the_last_closed_status_reachable_is_refused(seoul, hyejin):
    for code in ("rejected", "duplicate"):
        setup_workflow.set_open311(hyejin, seoul, code, "open")
    with pytest.raises(DomainError, match="a closed status is reachable"):
        setup_workflow.set_open311(hyejin, seoul, "resolved", "open")
    assert seoul.statuses.get(code="resolved").open311 == "closed"


def test_statuses_move_up_and_down(seoul, hyejin):
    before = codes(seoul)
    setup_workflow.move_status(hyejin, seoul, before[1], -1)
    assert codes(seoul)[:2] == [before[1], before[0]]
    with pytest.raises(DomainError, match="already first"):
        setup_workflow.move_status(hyejin, seoul, before[1], -1)


def test_a_new_status_needs_an_english_name_and_a_new_code(seoul, hyejin):
    with pytest.raises(DomainError, match="in English"):
        setup_workflow.add_status(
            hyejin,
            seoul,
            code="x",
            names={"ko": "엑스"},
            open311="open",
            after="submitted",
            move={EN: "X"},
        )
    with pytest.raises(DomainError, match="already has a status"):
        setup_workflow.add_status(
            hyejin,
            seoul,
            code="resolved",
            names={EN: "Again"},
            open311="open",
            after="submitted",
            move={EN: "X"},
        )
    assert not seoul.statuses.filter(code="x").exists()


def test_only_the_citys_administrator_changes_its_workflow(seoul, jiwoo, makati_admin):
    for someone in (jiwoo, makati_admin, None):
        with pytest.raises(PermissionDenied):
            setup_workflow.remove_transition(someone, seoul, "submitted", "in_progress")
    assert ("submitted", "in_progress") in services.allowed_moves(seoul)


# --- Response templates --------------------------------------------------------------------------


def closed_template(seoul, hyejin, **kwargs):
    return setup_workflow.save_template(
        hyejin,
        seoul,
        texts={
            EN: TemplateText(
                "Fixed", "Report {report_id} ({service}) is fixed. {city} thanks you."
            ),
            "ko": TemplateText("수리 완료", "{city}: 신고 {report_id} 처리 완료."),
        },
        status="resolved",
        **kwargs,
    )


def test_a_template_with_an_unknown_placeholder_is_refused(seoul, hyejin):
    with pytest.raises(DomainError, match=r"\{name\}"):
        setup_workflow.save_template(
            hyejin, seoul, texts={EN: TemplateText("Hi", "Dear {name}")}, status="resolved"
        )
    assert not ResponseTemplate.objects.exists()


def test_a_template_fits_its_status_and_service(seoul, hyejin):
    template = closed_template(seoul, hyejin)
    report = file(seoul)
    resolved = seoul.statuses.get(code="resolved")
    rejected = seoul.statuses.get(code="rejected")
    offered = setup_workflow.templates_for(report, [resolved, rejected])
    assert offered == [(resolved, [template])]
    text = setup_workflow.response_text(report, template)
    assert text == f"Report {report.public_id} ({report.service.name}) is fixed. Seoul thanks you."
    with pytest.raises(DomainError, match="does not fit"):
        setup_workflow.chosen_template(report, template.pk, "rejected")
    other = setup_workflow.save_template(
        hyejin, seoul, texts={EN: TemplateText("Lights", "Lamp")}, service="streetlight"
    )
    assert other not in dict(setup_workflow.templates_for(report, [resolved]))[resolved]


def test_another_citys_template_is_not_found(seoul, hyejin, makati, makati_admin):
    theirs = setup_workflow.save_template(
        makati_admin, makati, texts={EN: TemplateText("Done", "Done {city}")}
    )
    with pytest.raises(NotFound):
        setup_workflow.template_of(seoul, theirs.pk)
    with pytest.raises(PermissionDenied):
        setup_workflow.save_template(hyejin, makati, theirs, active=False)


def test_a_staff_member_picks_a_template_and_the_citizen_reads_its_text(client, seoul, hyejin):
    template = closed_template(seoul, hyejin)
    report = file(seoul)
    services.change_status(staff_of("jiwoo", "seoul"), report, "acknowledged")
    client.force_login(User.objects.get(username="jiwoo"))
    page = client.get(url("cps_staff_report", report.public_id))
    assert 'name="template"' in page.content.decode()
    assert "Fixed" in page.content.decode()
    response = client.post(
        url("cps_staff_status", report.public_id),
        {
            "target": "resolved",
            "expected": "acknowledged",
            "template": template.pk,
            "note": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    event = report.events.get(verb="status", target__code="resolved")
    assert (
        event.note
        == f"Report {report.public_id} ({report.service.name}) is fixed. Seoul thanks you."
    )
    tracking = client.get(url("cps_report", report.public_id)).content.decode()
    assert event.note in tracking


def test_a_note_written_wins_over_the_template(client, seoul, hyejin, jiwoo):
    template = closed_template(seoul, hyejin)
    report = file(seoul)
    services.change_status(jiwoo, report, "acknowledged")
    client.force_login(jiwoo)
    client.post(
        url("cps_staff_status", report.public_id),
        {
            "target": "resolved",
            "expected": "acknowledged",
            "template": template.pk,
            "note": "Patched by the night crew",
            "visibility": "public",
        },
    )
    assert report.events.get(target__code="resolved").note == "Patched by the night crew"


def test_a_template_for_another_status_is_refused_and_nothing_moves(client, seoul, hyejin, jiwoo):
    template = closed_template(seoul, hyejin)
    report = file(seoul)
    client.force_login(jiwoo)
    response = client.post(
        url("cps_staff_status", report.public_id),
        {
            "target": "rejected",
            "expected": "submitted",
            "template": template.pk,
            "note": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    assert "does not fit" in response.content.decode()
    report.refresh_from_db()
    assert report.status.code == "submitted"


# --- Staff ---------------------------------------------------------------------------------------


def test_the_administrator_invites_department_staff_for_a_department(seoul, hyejin):
    roads = seoul.departments.first()
    issued = setup_workflow.invite_staff(
        hyejin, seoul, "sumin@example.org", Role.DEPARTMENT_STAFF, department=roads
    )
    assert issued.invitation.organisation == seoul.organisation
    assert StaffDepartment.objects.get(invitation=issued.invitation).department == roads
    sumin = accounts.accept_invitation(issued.token, "sumin", "a long pass phrase 42!")
    assert tenancy.departments_first(sumin, seoul) == [roads.pk]
    assert tenancy.is_staff_of(sumin, seoul)


def test_department_staff_are_invited_with_a_department(seoul, hyejin):
    with pytest.raises(DomainError, match="choose one"):
        setup_workflow.invite_staff(hyejin, seoul, "sumin@example.org", Role.DEPARTMENT_STAFF)
    with pytest.raises(DomainError, match="one of these roles"):
        setup_workflow.invite_staff(hyejin, seoul, "sumin@example.org", Role.SECRETARIAT)
    assert not Invitation.objects.exists()


def test_an_administrator_invites_only_for_their_own_city(seoul, makati, makati_admin):
    with pytest.raises(PermissionDenied):
        setup_workflow.invite_staff(makati_admin, seoul, "x@example.org", Role.CPS_SUPERVISOR)
    with pytest.raises(PermissionDenied):
        accounts.invite(makati_admin, "x@example.org", Role.CPS_SUPERVISOR, seoul.organisation)
    assert not Invitation.objects.exists()


def test_the_administrator_revokes_an_unanswered_invitation_and_its_link_stops_working(
    client, seoul, hyejin
):
    issued = setup_workflow.invite_staff(hyejin, seoul, "sumin@example.org", Role.CPS_SUPERVISOR)
    client.force_login(hyejin)
    response = client.post(
        url("cps_setup_staff"), {"action": "revoke", "invitation": issued.invitation.pk}
    )
    assert response.status_code == 302
    issued.invitation.refresh_from_db()
    assert issued.invitation.revoked_at is not None
    assert AuditEvent.objects.filter(verb="revoke_invitation", actor=hyejin).count() == 1
    page = client.get(url("cps_setup_staff")).content.decode()
    assert "is revoked; its link no longer works" in page
    assert "Invited, not yet answered" not in page
    with pytest.raises(DomainError):
        accounts.accept_invitation(issued.token, "sumin", "a long pass phrase 42!")
    again = client.post(
        url("cps_setup_staff"), {"action": "revoke", "invitation": issued.invitation.pk}
    )
    assert again.status_code == 400
    assert "No open invitation" in again.content.decode()


def test_an_administrator_cannot_revoke_another_citys_invitation(seoul, makati_admin, hyejin):
    issued = setup_workflow.invite_staff(hyejin, seoul, "sumin@example.org", Role.CPS_SUPERVISOR)
    with pytest.raises(PermissionDenied):
        setup_workflow.revoke_staff_invitation(makati_admin, seoul, issued.invitation.pk)
    with pytest.raises(PermissionDenied):
        accounts.revoke_invitation(makati_admin, issued.invitation)
    issued.invitation.refresh_from_db()
    assert issued.invitation.revoked_at is None


def test_department_staff_see_their_departments_reports_first(client, seoul, hyejin, jiwoo):
    roads, other = list(seoul.departments.all())[:2]
    theirs = file(seoul, department=roads)
    newer = file(seoul, department=other)
    setup_workflow.set_member_role(hyejin, seoul, jiwoo, Role.DEPARTMENT_STAFF, roads)
    client.force_login(jiwoo)
    page = client.get(url("cps_queue")).content.decode()
    assert page.index(theirs.public_id) < page.index(newer.public_id)
    supervisor = person("sora", Role.CPS_SUPERVISOR, "seoul")
    client.force_login(supervisor)
    page = client.get(url("cps_queue")).content.decode()
    assert page.index(newer.public_id) < page.index(theirs.public_id)


def test_a_members_role_changes_and_the_last_administrator_stays(seoul, hyejin, jiwoo):
    setup_workflow.set_member_role(hyejin, seoul, jiwoo, Role.CPS_SUPERVISOR)
    assert set(jiwoo.role_grants.values_list("role", flat=True)) == {Role.CPS_SUPERVISOR}
    with pytest.raises(DomainError, match="keeps an administrator"):
        setup_workflow.set_member_role(hyejin, seoul, hyejin, Role.CPS_SUPERVISOR)
    with pytest.raises(DomainError, match="keeps an administrator"):
        setup_workflow.remove_member(hyejin, seoul, hyejin)
    setup_workflow.set_member_role(hyejin, seoul, jiwoo, Role.CPS_ADMIN)
    setup_workflow.remove_member(jiwoo, seoul, hyejin)
    assert not tenancy.is_staff_of(hyejin, seoul)
    assert AuditEvent.objects.filter(verb="remove_staff_member").count() == 1


def test_a_member_of_another_city_is_not_found(seoul, hyejin, makati, makati_admin):
    with pytest.raises(NotFound):
        setup_workflow.remove_member(hyejin, seoul, makati_admin)


# --- Pages ---------------------------------------------------------------------------------------

PAGES = ["cps_setup_workflow", "cps_setup_templates", "cps_setup_staff"]


@pytest.mark.parametrize("name", PAGES)
def test_setup_pages_are_for_the_citys_administrator_only(
    client, seoul, hyejin, jiwoo, name, makati_admin
):
    response = client.get(url(name))
    assert response.status_code == 302
    assert "login" in response["Location"]
    for refused in (jiwoo, makati_admin):
        client.force_login(refused)
        assert client.get(url(name)).status_code == 403
        assert client.post(url(name), {"action": "remove", "member": hyejin.pk}).status_code == 403
    client.force_login(hyejin)
    assert client.get(url(name)).status_code == 200


def test_a_template_page_is_for_its_citys_administrator_only(client, seoul, hyejin, jiwoo):
    template = setup_workflow.save_template(hyejin, seoul, texts={EN: TemplateText("Done", "Done")})
    page = url("cps_setup_template", template.pk)
    assert "login" in client.get(page)["Location"]
    client.force_login(jiwoo)
    assert client.get(page).status_code == 403
    assert client.post(page, {"title_en": "Mine", "body_en": "Mine"}).status_code == 403
    client.force_login(hyejin)
    response = client.post(
        page, {"title_en": "Fixed", "body_en": "Fixed {city}", "position": "1", "status": ""}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.title_en == "Fixed"
    assert template.active is False  # an unticked box is "not offered"


def test_the_template_page_of_another_city_is_not_found(
    client, seoul, hyejin, makati, makati_admin
):
    theirs = setup_workflow.save_template(
        makati_admin, makati, texts={EN: TemplateText("Done", "Done")}
    )
    client.force_login(hyejin)
    assert client.get(url("cps_setup_template", theirs.pk)).status_code == 404
    client.force_login(makati_admin)
    assert client.get(url("cps_setup_template", theirs.pk, slug="makati")).status_code == 200


def test_the_workflow_page_removes_a_move_and_explains_a_refusal(client, seoul, hyejin):
    client.force_login(hyejin)
    ok = client.post(
        url("cps_setup_workflow"),
        {"action": "remove_move", "source": "submitted", "target": "in_progress"},
    )
    assert ok.status_code == 302
    refused = client.post(
        url("cps_setup_workflow"), {"action": "remove_status", "code": "submitted"}
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Nothing was saved." in body
    assert "exactly one initial status" in body or "every status reachable" in body


def test_the_workflow_page_adds_a_status(client, seoul, hyejin):
    client.force_login(hyejin)
    response = client.post(
        url("cps_setup_workflow"),
        {
            "action": "add_status",
            "new-code": "waiting_parts",
            "new-open311": "open",
            "new-after": "in_progress",
            "new-move": "Wait for parts",
            "new-name_en": "Waiting for parts",
            "new-name_ko": "부품 대기",
        },
    )
    assert response.status_code == 302
    assert seoul.statuses.get(code="waiting_parts").name_ko == "부품 대기"
    bad = client.post(url("cps_setup_workflow"), {"action": "add_status", "new-code": "Bad code!"})
    assert bad.status_code == 400


def test_the_templates_page_adds_one_and_refuses_an_unknown_placeholder(client, seoul, hyejin):
    client.force_login(hyejin)
    data = {
        "status": "resolved",
        "service": "",
        "active": "on",
        "position": "0",
        "title_en": "Fixed",
        "body_en": "Fixed, {city}",
    }
    assert client.post(url("cps_setup_templates"), data).status_code == 302
    bad = client.post(url("cps_setup_templates"), {**data, "body_en": "Dear {name}"})
    assert bad.status_code == 400
    assert "{name}" in bad.content.decode()
    assert ResponseTemplate.objects.count() == 1


def test_the_staff_page_invites_and_changes_a_role(
    client, seoul, hyejin, jiwoo, django_capture_on_commit_callbacks
):
    client.force_login(hyejin)
    roads = seoul.departments.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("cps_setup_staff"),
            {
                "action": "invite",
                "invite-email": "sumin@example.org",
                "invite-role": Role.DEPARTMENT_STAFF,
                "invite-department": roads.pk,
                "invite-language": "",
            },
        )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "sumin@example.org"
    assert len(mail.outbox) == 1
    page = client.get(url("cps_setup_staff")).content.decode()
    assert "Invited, not yet answered" in page
    assert (
        f"sumin@example.org: City department staff (Civic Participation System) · {roads.name}"
        in page
    )
    response = client.post(
        url("cps_setup_staff"),
        {
            "action": "role",
            "member": jiwoo.pk,
            f"member-{jiwoo.pk}-role": Role.CPS_SUPERVISOR,
            f"member-{jiwoo.pk}-department": "",
        },
    )
    assert response.status_code == 302
    page = client.get(url("cps_setup_staff")).content.decode()
    assert "City-wide supervisor" in page


# --- API -----------------------------------------------------------------------------------------


def api(client, method, path, body=None):
    call = getattr(client, method)
    if body is None:
        return call(f"/api/v1/cps/{path}")
    return call(f"/api/v1/cps/{path}", json.dumps(body), content_type="application/json")


def test_the_api_adds_reads_and_changes_a_template(client, seoul, hyejin):
    client.force_login(hyejin)
    made = api(
        client,
        "post",
        "seoul/templates",
        {
            "title": "Fixed",
            "body": "Report {report_id} is fixed.",
            "status_code": "resolved",
            "translations": {"ko": {"title": "수리 완료", "body": "신고 {report_id} 처리 완료."}},
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status_code"] == "resolved"
    assert body["service_code"] is None
    assert body["translations"]["ko"]["title"] == "수리 완료"
    listed = api(client, "get", "seoul/templates").json()
    assert [t["id"] for t in listed] == [body["id"]]
    changed = api(
        client, "patch", f"seoul/templates/{body['id']}", {"active": False, "status_code": None}
    )
    assert changed.status_code == 200
    assert changed.json()["active"] is False
    assert changed.json()["status_code"] is None
    assert changed.json()["title"] == "Fixed"
    renamed = api(client, "patch", f"seoul/templates/{body['id']}", {"title": "Repaired"})
    assert renamed.json()["title"] == "Repaired"
    assert renamed.json()["translations"]["ko"]["title"] == "수리 완료"
    assert api(client, "get", f"seoul/templates/{body['id']}").json()["title"] == "Repaired"


def test_the_api_refuses_with_a_detail(client, seoul, hyejin, jiwoo, makati, makati_admin):
    assert api(client, "get", "seoul/templates").status_code == 401
    client.force_login(jiwoo)
    assert api(client, "get", "seoul/templates").status_code == 403
    client.force_login(hyejin)
    bad = api(client, "post", "seoul/templates", {"title": "Hi", "body": "Dear {name}"})
    assert bad.status_code == 400
    assert "{name}" in bad.json()["detail"]
    assert api(client, "post", "seoul/templates", {"title": 3}).status_code == 422
    assert api(client, "get", "nowhere/templates").status_code == 404
    theirs = setup_workflow.save_template(
        makati_admin, makati, texts={EN: TemplateText("Done", "Done")}
    )
    assert api(client, "get", f"seoul/templates/{theirs.pk}").status_code == 404
    assert api(client, "get", "makati/templates").status_code == 403
    assert (
        api(client, "patch", f"makati/templates/{theirs.pk}", {"active": False}).status_code == 403
    )
    theirs.refresh_from_db()
    assert theirs.active is True


def test_an_administrator_working_in_korean_writes_english_into_english_only(seoul, hyejin):
    from django.utils import translation

    with translation.override("ko"):
        move = setup_workflow.add_transition(
            hyejin, seoul, "in_progress", "acknowledged", {EN: "Back to acknowledged"}
        )
        template = setup_workflow.save_template(
            hyejin, seoul, texts={EN: TemplateText("Fixed", "Fixed {city}")}
        )
    move.refresh_from_db()
    template.refresh_from_db()
    assert move.name_en == "Back to acknowledged"
    assert not move.name_ko
    assert template.title_en == "Fixed"
    assert not template.title_ko
    with translation.override("ko"):
        # Read in Korean, the English text stands in for the missing Korean one.
        assert template.title == "Fixed"
