"""Forms of the project and secondment pages: plain fields; the services check them again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.learning.models_projects import ConsultationProject


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ConsultationProject.Status.choices)


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=300)
    report = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )
    delivered = forms.BooleanField(label=_("Delivered"), required=False)


class SecondmentApplyForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("City"), coerce=int)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def __init__(self, *args: Any, cities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(c.pk, c.name) for c in cities]  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    selected = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Select")), ("no", _("Do not select"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    starts_on = BoundedDateField(label=_("Term starts on"), widget=DateInput(), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason of the withdrawal"), max_length=300)


class SecondmentCallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=100)
    term_months = forms.IntegerField(label=_("Term in months"), min_value=1, max_value=60)
    opens_on = BoundedDateField(label=_("Opens on"), widget=DateInput())
    closes_on = BoundedDateField(label=_("Closes on"), widget=DateInput())
