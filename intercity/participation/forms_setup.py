"""Forms of a city's set-up pages (services, their questions, departments). They check the
shape of the input; the rules (codes, bounds, one code per city) are `setup`'s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intercity.participation import languages, rules, setup
from intercity.participation.models import Department, Jurisdiction, Service, ServiceAttribute


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _per_language(
    form: forms.Form,
    jurisdiction: Jurisdiction,
    name: str,
    label: Any,
    *,
    max_length: int,
    required_main: bool,
    textarea: bool = False,
) -> list[str]:
    """One field per language of the city (`name__ko`, `name__en`), its main one first."""
    made = []
    for position, code in enumerate(languages.offered(jurisdiction)):
        key = f"{name}__{code}"
        widget: forms.Widget = (
            forms.Textarea(attrs={"rows": 3, "lang": code})
            if textarea
            else forms.TextInput(attrs={"lang": code})
        )
        form.fields[key] = forms.CharField(
            label=_("%(field)s (%(language)s)")
            % {"field": label, "language": _language_name(code)},
            max_length=max_length,
            required=required_main and position == 0,
            widget=widget,
        )
        made.append(key)
    return made


def _texts(form: forms.Form, name: str, jurisdiction: Jurisdiction) -> dict[str, str]:
    return {
        code: form.cleaned_data.get(f"{name}__{code}", "")
        for code in languages.offered(jurisdiction)
    }


def _initial_texts(instance: Any, name: str, jurisdiction: Jurisdiction) -> dict[str, str]:
    written = setup.texts_of(instance, name)
    return {f"{name}__{code}": written.get(code, "") for code in languages.offered(jurisdiction)}


class ServiceForm(forms.Form):
    code = forms.SlugField(
        label=_("Service code"),
        max_length=60,
        help_text=_("Open311's service_code: letters, digits, '-' and '_'. Fixed once reported."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=1100,
        help_text=_("Words a search finds the service by, separated by commas."),
    )
    department = forms.TypedChoiceField(
        label=_("Routed to the department"), required=False, coerce=int, empty_value=None
    )
    target_hours = forms.IntegerField(
        label=_("Target time, in hours"),
        required=False,
        min_value=1,
        max_value=rules.MAX_TARGET_HOURS,
    )
    active = forms.BooleanField(
        label=_("Offered to citizens"),
        required=False,
        initial=True,
        help_text=_("A withdrawn service takes no new report; its reports stay."),
    )

    def __init__(
        self, jurisdiction: Jurisdiction, *args: Any, service: Service | None = None, **kwargs: Any
    ) -> None:
        if service is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "code": service.code,
                "keywords": ", ".join(service.keywords),
                "department": service.department_id or "",
                "target_hours": service.target_hours,
                "active": service.active,
                **_initial_texts(service, "name", jurisdiction),
                **_initial_texts(service, "group", jurisdiction),
                **_initial_texts(service, "description", jurisdiction),
            }
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        self.name_fields = _per_language(
            self, jurisdiction, "name", _("Name"), max_length=200, required_main=True
        )
        self.group_fields = _per_language(
            self, jurisdiction, "group", _("Group"), max_length=100, required_main=False
        )
        self.description_fields = _per_language(
            self,
            jurisdiction,
            "description",
            _("Description"),
            max_length=2000,
            required_main=False,
            textarea=True,
        )
        department = self.fields["department"]
        assert isinstance(department, forms.TypedChoiceField)
        department.choices = [("", _("No department"))] + [
            (d.pk, d.name) for d in setup.departments_of(jurisdiction)
        ]
        self.order_fields(["code", *self.name_fields, *self.group_fields, *self.description_fields])

    def fields_for_service(self) -> setup.ServiceFields:
        data = self.cleaned_data
        return setup.ServiceFields(
            code=data["code"],
            names=_texts(self, "name", self.jurisdiction),
            groups=_texts(self, "group", self.jurisdiction),
            descriptions=_texts(self, "description", self.jurisdiction),
            keywords=data["keywords"].split(","),
            department_id=data["department"],
            target_hours=data["target_hours"],
            active=data["active"],
        )

    def changes(self) -> dict[str, Any]:
        fields = self.fields_for_service()
        return {
            "code": fields.code,
            "names": fields.names,
            "groups": fields.groups,
            "descriptions": fields.descriptions,
            "keywords": fields.keywords,
            "department_id": fields.department_id,
            "target_hours": fields.target_hours,
            "active": fields.active,
        }


class AttributeForm(forms.Form):
    code = forms.SlugField(label=_("Question code"), max_length=60)
    description = forms.CharField(label=_("Question"), max_length=300)
    datatype = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[
            ("string", _("A short text")),
            ("text", _("A longer text")),
            ("number", _("A number")),
            ("datetime", _("A date and time")),
            ("singlevaluelist", _("One choice of a list")),
            ("multivaluelist", _("Several choices of a list")),
        ],
    )
    required = forms.BooleanField(label=_("An answer is needed"), required=False)
    datatype_description = forms.CharField(label=_("Help"), max_length=300, required=False)
    values = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For a list: one choice a line, as key: name (for example big: Bigger than a hand)."
        ),
    )

    def __init__(
        self,
        *args: Any,
        attribute: ServiceAttribute | None = None,
        prefix: str = "q",
        **kwargs: Any,
    ) -> None:
        if attribute is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "code": attribute.code,
                "description": attribute.description,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description,
                "values": "\n".join(f"{v.get('key')}: {v.get('name')}" for v in attribute.values),
            }
        kwargs["prefix"] = prefix
        super().__init__(*args, **kwargs)

    def clean_values(self) -> list[dict[str, str]]:
        found = []
        for line in self.cleaned_data["values"].splitlines():
            if not line.strip():
                continue
            key, colon, name = line.partition(":")
            if not colon:
                raise forms.ValidationError(
                    _("Write each choice as key: name (“%(line)s” has no colon).")
                    % {"line": line.strip()[:60]}
                )
            found.append({"key": key.strip(), "name": name.strip()})
        return found

    def attribute_fields(self) -> setup.AttributeFields:
        data = self.cleaned_data
        return setup.AttributeFields(
            code=data["code"],
            description=data["description"],
            datatype=data["datatype"],
            required=data["required"],
            datatype_description=data["datatype_description"],
            values=data["values"],
        )


class DepartmentForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Where the department is told of the reports routed to it."),
    )

    def __init__(
        self,
        jurisdiction: Jurisdiction,
        *args: Any,
        department: Department | None = None,
        **kwargs: Any,
    ) -> None:
        if department is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "email": department.email,
                **_initial_texts(department, "name", jurisdiction),
            }
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        self.name_fields = _per_language(
            self, jurisdiction, "name", _("Name"), max_length=200, required_main=True
        )
        self.order_fields([*self.name_fields, "email"])

    def names(self) -> dict[str, str]:
        return _texts(self, "name", self.jurisdiction)
