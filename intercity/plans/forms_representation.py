"""Forms of the representation page (the ASEAN Secretariat's): plain fields the services
check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import LATEST_YEAR, BoundedDateField
from intercity.plans.models_representation import MOST_CITIES_PER_STATE, Designation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class NominationForm(forms.Form):
    state = forms.ChoiceField(label=_("ASEAN Member State"))
    organisation = forms.TypedChoiceField(label=_("City"), coerce=int)
    nominated_on = BoundedDateField(label=_("Nominated on"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        states: list[tuple[str, str]],
        cities: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = states  # type: ignore[attr-defined]
        self.fields["organisation"].choices = cities  # type: ignore[attr-defined]


class DesignationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Designation.Role.choices)
    person_name = forms.CharField(label=_("Name"), max_length=200)
    state = forms.ChoiceField(
        label=_("ASEAN Member State (for a National Representative)"), required=False
    )
    organisation = forms.TypedChoiceField(
        label=_("Pilot city (for a Chief Smart City Officer)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    username = forms.CharField(label=_("Login (optional)"), max_length=150, required=False)
    start = BoundedDateField(label=_("In office from"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        states: list[tuple[str, str]],
        cities: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—"), *states]  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [("", "—"), *cities]  # type: ignore[attr-defined]


class RuleForm(forms.Form):
    effective_from = BoundedDateField(label=_("In force from"), widget=DateInput())
    max_cities_per_state = forms.IntegerField(
        label=_("Pilot cities per Member State, at most"),
        min_value=1,
        max_value=MOST_CITIES_PER_STATE,
    )
    capital_included = forms.BooleanField(
        label=_("The capital is one of them"), required=False, initial=True
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("The document or decision the rule comes from."),
    )
    scope = forms.CharField(label=_("How long it holds"), max_length=200, required=False)
    quote = forms.CharField(
        label=_("The document's words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class ChairForm(forms.Form):
    """`first_year` is the earliest year the network can have had a Chair
    (`services.representation.earliest_chair_year`)."""

    year = forms.IntegerField(label=_("Year"), max_value=LATEST_YEAR)
    state = forms.ChoiceField(label=_("Member State holding the chairmanship"))
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(
        self, *args: Any, states: list[tuple[str, str]], first_year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = states  # type: ignore[attr-defined]
        year = self.fields["year"]
        year.min_value = first_year  # type: ignore[attr-defined]
        year.validators.append(MinValueValidator(first_year))
        year.widget.attrs["min"] = str(first_year)
