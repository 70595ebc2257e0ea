"""Forms of the needs pages: plain fields the services check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.exchange.models_needs import ExchangeForm
from intercity.exchange.services import needs as services


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PostingForm(forms.Form):
    """A need or, with `offer=True`, an offer (which adds its capacity)."""

    organisation = forms.TypedChoiceField(label=_("City"), coerce=int)
    network = forms.TypedChoiceField(label=_("Network"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=services.DESCRIPTION_MAX,
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=services.themes())
    module = forms.ModelChoiceField(
        label=_("Sectoral module of the self-assessment"),
        queryset=services.modules(),
        required=False,
        help_text=_("Optional: the module of the assessment this is about."),
    )
    exchange_forms = forms.MultipleChoiceField(
        label=_("Forms of exchange"),
        choices=ExchangeForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[
            (code, name) for name, code in sorted((n, c) for c, n in services.LANGUAGES.items())
        ],
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    available_from = BoundedDateField(label=_("From"), widget=DateInput(), required=False)
    available_to = BoundedDateField(label=_("To"), widget=DateInput(), required=False)
    from_assessment = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        cities: list[tuple[int, str]],
        networks: list[tuple[int, str]],
        offer: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = cities  # type: ignore[attr-defined]
        self.fields["network"].choices = networks  # type: ignore[attr-defined]
        self.fields["theme"].queryset = services.themes()  # type: ignore[attr-defined]
        if offer:
            self.fields["capacity"] = forms.IntegerField(
                label=_("Capacity"),
                min_value=1,
                max_value=services.CAPACITY_MAX,
                initial=1,
                help_text=_("How many cities this offer can help."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("available_from"), data.get("available_to")
        if start and end and end < start:
            self.add_error("available_to", _("The period ends on or after the day it starts."))
        return data


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), max_length=500, required=False)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=services.REPORT_MAX,
        help_text=_("A few sentences: what was done, by whom, and what changed."),
    )


class RunForm(forms.Form):
    network = forms.TypedChoiceField(label=_("Network"), coerce=int)

    def __init__(self, *args: Any, networks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = networks  # type: ignore[attr-defined]
