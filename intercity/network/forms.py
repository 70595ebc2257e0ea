"""Forms of the registry pages: they validate input before a service runs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django_countries import countries

from intercity.core.bounds import BoundedDateField
from intercity.network.models import MembershipStatus, Network, Organisation


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    category = forms.ChoiceField(label="Category", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *MembershipStatus.choices],
    )
    region = forms.ChoiceField(label="Region", required=False)
    country = forms.ChoiceField(label="Country", required=False)
    on = BoundedDateField(
        label="Members on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for today.",
    )

    def __init__(self, network: Network, *args: Any, country_codes: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", "Any category"),
            *network.categories.values_list("slug", "name"),
        ]
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", "Any region"),
            *network.regions.values_list("slug", "name"),
        ]
        names = dict(countries)
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", "Any country"),
            *sorted(((c, str(names.get(c, c))) for c in country_codes), key=lambda x: x[1]),
        ]

    def on_date(self) -> dt.date:
        value = self.cleaned_data.get("on") if self.is_valid() else None
        return value or timezone.localdate()


class OrganisationProfileForm(forms.ModelForm[Organisation]):
    official_languages_text = forms.CharField(
        label="Official languages",
        required=False,
        max_length=300,
        help_text="Separate languages with commas.",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "official_name",
            "administering_body",
            "leader_name",
            "leader_title",
            "incumbent_term_start",
            "incumbent_term_end",
            "area_km2",
            "population",
            "population_year",
            "website",
            "employees",
            "description",
        ]
        labels = {
            "incumbent_term_start": "Incumbent term from (year)",
            "incumbent_term_end": "Incumbent term to (year)",
            "population_year": "Year of the population figure",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official_languages_text"].initial = ", ".join(
            self.instance.official_languages or []
        )
        if self.instance.kind != Organisation.Kind.COMPANY:
            del self.fields["employees"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("incumbent_term_start"), data.get("incumbent_term_end")
        if start and end and end < start:
            self.add_error("incumbent_term_end", "The term cannot end before it starts.")
        if data.get("population") and not data.get("population_year"):
            self.add_error("population_year", "Say which year the population figure is for.")
        return data

    def changes(self) -> dict[str, Any]:
        """The cleaned values as the service expects them."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        values["official_languages"] = [
            part.strip()
            for part in self.cleaned_data.get("official_languages_text", "").split(",")
            if part.strip()
        ]
        return values
