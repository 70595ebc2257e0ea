"""Forms of the CPS administrator's setup pages: the workflow, response templates, staff.
They check the shape of the input; the named actions of `setup_workflow` judge the rest."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intercity.accounts.models import Role
from intercity.accounts.permissions import CPS_ROLES
from intercity.participation.models import Department, Jurisdiction, Service, Status
from intercity.participation.setup_workflow import TemplateText, column

OPEN311 = [("open", _("Open")), ("closed", _("Closed"))]


def language_fields(
    form: forms.Form, field: str, label: str, *, widget: Any = None, max_length: int = 80
) -> None:
    """One field per site language, `name_en`, `name_ko`...; English is required."""
    for code, name in settings.LANGUAGES:
        form.fields[column(field, code)] = forms.CharField(
            label=f"{label} ({name})",
            required=code == settings.LANGUAGE_CODE,
            max_length=max_length,
            widget=widget,
        )


def per_language(form: forms.Form, field: str) -> dict[str, str]:
    return {
        code: form.cleaned_data.get(column(field, code), "") or ""
        for code, _name in settings.LANGUAGES
    }


def _status_choices(statuses: Iterable[Status]) -> list[tuple[str, str]]:
    return [(s.code, str(s.name)) for s in statuses]


class NewStatusForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("e.g. waiting_parts"))
    open311 = forms.ChoiceField(label=_("Open or closed (Open311)"), choices=OPEN311)
    after = forms.ChoiceField(label=_("Reached from"))
    move = forms.CharField(
        label=_("Name of the move to it, in English"),
        max_length=80,
        help_text=_("e.g. Wait for parts"),
    )

    def __init__(self, statuses: list[Status], data: Any = None) -> None:
        super().__init__(data, prefix="new")
        language_fields(self, "name", str(_("Name")))
        cast(forms.ChoiceField, self.fields["after"]).choices = _status_choices(statuses)


class RenameForm(forms.Form):
    def __init__(self, status: Status, data: Any = None) -> None:
        initial = {
            column("name", code): getattr(status, column("name", code))
            for code, _n in settings.LANGUAGES
        }
        super().__init__(data, prefix=f"rename-{status.code}", initial=initial)
        language_fields(self, "name", str(_("Name")))


class NewTransitionForm(forms.Form):
    source = forms.ChoiceField(label=_("From"))
    target = forms.ChoiceField(label=_("To"))
    name = forms.CharField(label=_("Name of the move, in English"), max_length=80)

    def __init__(self, statuses: list[Status], data: Any = None) -> None:
        super().__init__(data, prefix="move")
        cast(forms.ChoiceField, self.fields["source"]).choices = _status_choices(statuses)
        cast(forms.ChoiceField, self.fields["target"]).choices = _status_choices(statuses)


class TemplateForm(forms.Form):
    status = forms.ChoiceField(label=_("For a move to"), required=False)
    service = forms.ChoiceField(label=_("For the service"), required=False)
    active = forms.BooleanField(label=_("Offered to staff"), required=False, initial=True)
    position = forms.IntegerField(
        label=_("Position in the list"), min_value=0, max_value=32767, initial=0
    )

    def __init__(
        self, statuses: list[Status], offered: list[Service], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[column("title", code)] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                required=code == settings.LANGUAGE_CODE,
                max_length=200,
            )
            self.fields[column("body", code)] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=code == settings.LANGUAGE_CODE,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("May use {report_id}, {service} and {city}."),
            )
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("Any status")),
            *_status_choices(statuses),
        ]
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", _("Any service")),
            *((s.code, str(s.name)) for s in offered),
        ]

    def texts(self) -> dict[str, TemplateText]:
        return {
            code: TemplateText(
                self.cleaned_data.get(column("title", code), "") or "",
                self.cleaned_data.get(column("body", code), "") or "",
            )
            for code, _name in settings.LANGUAGES
        }

    def language_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[column("title", code)], self[column("body", code)])
            for code, _n in settings.LANGUAGES
        ]


def _role_choices() -> list[tuple[str, str]]:
    return [(str(role), str(Role(role).label)) for role in CPS_ROLES]


def _department_choices(jurisdiction: Jurisdiction) -> list[tuple[str, Any]]:
    return [
        ("", _("No department")),
        *((str(d.pk), str(d.name)) for d in jurisdiction.departments.all()),
    ]


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    department = forms.ChoiceField(
        label=_("Department"),
        required=False,
        help_text=_("For department staff: their queue shows this department's reports first."),
    )

    def __init__(self, jurisdiction: Jurisdiction, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        cast(forms.ChoiceField, self.fields["role"]).choices = _role_choices()
        cast(forms.ChoiceField, self.fields["department"]).choices = _department_choices(
            jurisdiction
        )

    def chosen_department(self) -> Department | None:
        pk = self.cleaned_data.get("department")
        return self.jurisdiction.departments.filter(pk=int(pk)).first() if pk else None


class InviteForm(StaffRoleForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        required=False,
        choices=[("", _("The site's")), *settings.LANGUAGES],
    )

    field_order = ["email", "role", "department", "language"]
