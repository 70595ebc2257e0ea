"""The milestone form: plain fields; the timeline's service checks them again (it holds the
rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.plans.models_timeline import NetworkDocument, NetworkMilestone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkMilestone.Kind.choices)
    on = BoundedDateField(
        label=_("Date"),
        widget=DateInput(),
        help_text=_("For a month, any day of it: the month alone is kept."),
    )
    precision = forms.ChoiceField(
        label=_("The date is"),
        choices=[
            (NetworkMilestone.Precision.DAY, _("a day")),
            (NetworkMilestone.Precision.MONTH, _("a month")),
        ],
    )
    status = forms.ChoiceField(label=_("Status"), choices=NetworkMilestone.Status.choices)
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("For a meeting: what it decided or noted. The annual report quotes it."),
    )
    document = forms.ModelChoiceField(
        label=_("Document it concerns"),
        queryset=NetworkDocument.objects.none(),
        required=False,
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    revision = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    def __init__(self, *args: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = NetworkDocument.objects.filter(  # type: ignore[attr-defined]
            network=network
        )
