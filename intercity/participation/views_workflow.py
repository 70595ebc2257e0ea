"""The CPS administrator's pages for the city's workflow, response templates and staff.

Thin views: `tenancy.admin_jurisdiction` lets in the city's administrator only (anyone else
403, anonymous visitors to the login page), a form checks the input's shape, one named action
of `setup_workflow` makes the change; a refusal comes back on the page, nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intercity.core.bounds import MAX_DB_ID
from intercity.core.errors import DomainError, PermissionDenied
from intercity.participation import forms_workflow as forms
from intercity.participation import setup_workflow, tenancy
from intercity.participation.models import Jurisdiction

View = Callable[..., HttpResponse]


def admin_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        jurisdiction = tenancy.admin_jurisdiction(request.user, slug)
        return view(request, jurisdiction, *args, **kwargs)

    return wrapped


def _base(jurisdiction: Jurisdiction) -> dict[str, Any]:
    return {"jurisdiction": jurisdiction, "is_staff": True, "languages": settings.LANGUAGES}


# --- Workflow ------------------------------------------------------------------------------------


def _workflow_action(
    request: HttpRequest, jurisdiction: Jurisdiction, statuses: list[Any], bound: dict[str, Any]
) -> str:
    """Run the action the pressed button names; the message to show when it is done."""
    user, post = request.user, request.POST
    action = post.get("action", "")
    code = post.get("code", "")
    if action == "add_status":
        form = forms.NewStatusForm(statuses, post)
        bound["new_status"] = form
        if not form.is_valid():
            raise DomainError(_("Correct the new status's fields below."))
        data = form.cleaned_data
        status = setup_workflow.add_status(
            user,
            jurisdiction,
            code=data["code"],
            names=forms.per_language(form, "name"),
            open311=data["open311"],
            after=data["after"],
            move={settings.LANGUAGE_CODE: data["move"]},
        )
        return _("Status %(status)s added.") % {"status": status.name}
    if action == "rename":
        named = next((s for s in statuses if s.code == code), None)
        if named is None:
            raise DomainError(_("No status '%(code)s'.") % {"code": code})
        rename = forms.RenameForm(named, post)
        bound[f"rename-{code}"] = rename
        if not rename.is_valid():
            raise DomainError(_("Give the name in English; the other languages are optional."))
        renamed = setup_workflow.rename_status(
            user, jurisdiction, code, forms.per_language(rename, "name")
        )
        return _("Status %(status)s renamed.") % {"status": renamed.name}
    if action in ("up", "down"):
        setup_workflow.move_status(user, jurisdiction, code, -1 if action == "up" else 1)
        return _("The statuses are in their new order.")
    if action == "initial":
        status = setup_workflow.set_initial(user, jurisdiction, code)
        return _("New reports now start as %(status)s.") % {"status": status.name}
    if action in ("open", "closed"):
        status = setup_workflow.set_open311(user, jurisdiction, code, action)
        if action == "open":
            return _("%(status)s now counts as open.") % {"status": status.name}
        return _("%(status)s now counts as closed.") % {"status": status.name}
    if action == "remove_status":
        setup_workflow.remove_status(user, jurisdiction, code)
        return _("Status %(code)s removed.") % {"code": code}
    if action == "add_move":
        new_move = forms.NewTransitionForm(statuses, post)
        bound["new_move"] = new_move
        if not new_move.is_valid():
            raise DomainError(_("Correct the new move's fields below."))
        data = new_move.cleaned_data
        setup_workflow.add_transition(
            user,
            jurisdiction,
            data["source"],
            data["target"],
            {settings.LANGUAGE_CODE: data["name"]},
        )
        return _("Move added.")
    if action == "remove_move":
        setup_workflow.remove_transition(
            user, jurisdiction, post.get("source", ""), post.get("target", "")
        )
        return _("Move removed.")
    raise DomainError(_("Unknown action."))


@admin_only
def workflow(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    statuses, moves = setup_workflow.workflow_of(jurisdiction)
    bound: dict[str, Any] = {}
    error = ""
    if request.method == "POST":
        try:
            messages.success(request, _workflow_action(request, jurisdiction, statuses, bound))
            return redirect("cps_setup_workflow", jurisdiction.slug)
        except PermissionDenied:
            raise
        except DomainError as exc:
            error = exc.message
    rows = [
        (status, bound.get(f"rename-{status.code}") or forms.RenameForm(status))
        for status in statuses
    ]
    return render(
        request,
        "participation/setup_workflow/workflow.html",
        {
            **_base(jurisdiction),
            "rows": rows,
            "moves": moves,
            "error": error,
            "new_status": bound.get("new_status") or forms.NewStatusForm(statuses),
            "new_move": bound.get("new_move") or forms.NewTransitionForm(statuses),
        },
        status=400 if error else 200,
    )


# --- Response templates ------------------------------------------------------------------------


def _template_form(jurisdiction: Jurisdiction, *args: Any, **kwargs: Any) -> forms.TemplateForm:
    return forms.TemplateForm(
        list(jurisdiction.statuses.all()), list(jurisdiction.services.all()), *args, **kwargs
    )


def _save_template(
    request: HttpRequest, jurisdiction: Jurisdiction, form: forms.TemplateForm, template: Any
) -> str:
    if not form.is_valid():
        return _("Correct the fields below.")
    data = form.cleaned_data
    try:
        setup_workflow.save_template(
            request.user,
            jurisdiction,
            template,
            texts=form.texts(),
            status=data["status"] or None,
            service=data["service"] or None,
            active=data["active"],
            position=data["position"],
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        return exc.message
    return ""


@admin_only
def templates(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    form = _template_form(jurisdiction, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        error = _save_template(request, jurisdiction, form, None)
        if not error:
            messages.success(request, _("Response template added."))
            return redirect("cps_setup_templates", jurisdiction.slug)
    return render(
        request,
        "participation/setup_workflow/templates.html",
        {
            **_base(jurisdiction),
            "templates": setup_workflow.templates_of(jurisdiction),
            "form": form,
            "error": error,
        },
        status=400 if error else 200,
    )


@admin_only
def template_edit(request: HttpRequest, jurisdiction: Jurisdiction, pk: int) -> HttpResponse:
    template = setup_workflow.template_of(jurisdiction, min(pk, MAX_DB_ID))
    initial = {
        "status": template.status.code if template.status else "",
        "service": template.service.code if template.service else "",
        "active": template.active,
        "position": template.position,
    }
    for code, _name in settings.LANGUAGES:
        for field in ("title", "body"):
            initial[setup_workflow.column(field, code)] = getattr(
                template, setup_workflow.column(field, code)
            )
    form = _template_form(
        jurisdiction, request.POST if request.method == "POST" else None, initial=initial
    )
    error = ""
    if request.method == "POST":
        error = _save_template(request, jurisdiction, form, template)
        if not error:
            messages.success(request, _("Response template saved."))
            return redirect("cps_setup_templates", jurisdiction.slug)
    return render(
        request,
        "participation/setup_workflow/template.html",
        {**_base(jurisdiction), "template": template, "form": form, "error": error},
        status=400 if error else 200,
    )


# --- Staff ---------------------------------------------------------------------------------------


def _staff_action(request: HttpRequest, jurisdiction: Jurisdiction, bound: dict[str, Any]) -> str:
    post = request.POST
    action = post.get("action", "")
    if action == "invite":
        form = forms.InviteForm(jurisdiction, post, prefix="invite")
        bound["invite"] = form
        if not form.is_valid():
            raise DomainError(_("Correct the invitation's fields below."))
        data = form.cleaned_data
        setup_workflow.invite_staff(
            request.user,
            jurisdiction,
            data["email"],
            data["role"],
            department=form.chosen_department(),
            language=data["language"],
        )
        return _("Invitation sent to %(email)s.") % {"email": data["email"]}
    if action == "revoke":
        try:
            invitation_id = int(post.get("invitation", ""))
        except ValueError:
            raise DomainError(_("Choose an invitation.")) from None
        email = setup_workflow.revoke_staff_invitation(
            request.user, jurisdiction, min(max(invitation_id, 0), MAX_DB_ID)
        )
        return _("The invitation to %(email)s is revoked; its link no longer works.") % {
            "email": email
        }
    try:
        user_id = int(post.get("member", ""))
    except ValueError:
        raise DomainError(_("Choose a staff member.")) from None
    member = setup_workflow.member_of(jurisdiction, min(max(user_id, 0), MAX_DB_ID))
    if action == "role":
        chosen = forms.StaffRoleForm(jurisdiction, post, prefix=f"member-{member.pk}")
        bound[f"member-{member.pk}"] = chosen
        if not chosen.is_valid():
            raise DomainError(_("Choose a role."))
        setup_workflow.set_member_role(
            request.user,
            jurisdiction,
            member,
            chosen.cleaned_data["role"],
            chosen.chosen_department(),
        )
        return _("%(user)s's role is changed.") % {"user": member}
    if action == "remove":
        setup_workflow.remove_member(request.user, jurisdiction, member)
        return _("%(user)s is no longer on the staff.") % {"user": member}
    raise DomainError(_("Unknown action."))


@admin_only
def staff(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    bound: dict[str, Any] = {}
    error = ""
    if request.method == "POST":
        try:
            messages.success(request, _staff_action(request, jurisdiction, bound))
            return redirect("cps_setup_staff", jurisdiction.slug)
        except PermissionDenied:
            raise
        except DomainError as exc:
            error = exc.message
    rows = []
    for member in setup_workflow.staff_members(jurisdiction):
        key = f"member-{member.user.pk}"
        form = bound.get(key) or forms.StaffRoleForm(
            jurisdiction,
            prefix=key,
            initial={
                "role": member.cps_role,
                "department": member.department.pk if member.department else "",
            },
        )
        rows.append((member, form))
    return render(
        request,
        "participation/setup_workflow/staff.html",
        {
            **_base(jurisdiction),
            "rows": rows,
            "invite": bound.get("invite") or forms.InviteForm(jurisdiction, prefix="invite"),
            "invited": setup_workflow.open_invitations(jurisdiction),
            "error": error,
        },
        status=400 if error else 200,
    )
