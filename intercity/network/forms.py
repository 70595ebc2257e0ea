"""Forms of the registry pages: they validate input before a service runs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intercity.core.bounds import BoundedDateField
from intercity.network.models import MembershipStatus, Network, Organisation

# The directory's status choices: empty (the default) lists current members, "all" adds the
# former ones; the service's own vocabulary is in services.MemberFilter.
ALL_STATUSES = "all"


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or country"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Current members")),
            (MembershipStatus.ACTIVE, _("Active")),
            (MembershipStatus.SUSPENDED, _("Suspended")),
            (MembershipStatus.WITHDRAWN, _("Former members (withdrawn)")),
            (ALL_STATUSES, _("Current and former members")),
        ],
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    on = BoundedDateField(
        label=_("Members on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    def __init__(self, network: Network, *args: Any, country_codes: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Any category")),
            *network.categories.values_list("slug", "name"),
        ]
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("Any region")),
            *network.regions.values_list("slug", "name"),
        ]
        names = dict(countries)
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Any country")),
            *sorted(((c, str(names.get(c, c))) for c in country_codes), key=lambda x: x[1]),
        ]

    def service_status(self) -> str:
        """The status as services.MemberFilter takes it: current members by default."""
        chosen = self.cleaned_data.get("status", "") if self.is_valid() else ""
        if chosen == ALL_STATUSES:
            return ""
        return chosen or "current"

    def on_date(self) -> dt.date:
        value = self.cleaned_data.get("on") if self.is_valid() else None
        return value or timezone.localdate()


LOCATION_FIELDS = ("latitude", "longitude", "coordinates_source")


class OrganisationProfileForm(forms.ModelForm[Organisation]):
    official_languages_text = forms.CharField(
        label=_("Official languages"),
        required=False,
        max_length=300,
        help_text=_("Separate languages with commas."),
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
            "latitude",
            "longitude",
            "coordinates_source",
        ]
        labels = {
            "name": _("Name"),
            "official_name": _("Official name"),
            "administering_body": _("Administering body"),
            "leader_name": _("Leader's name"),
            "leader_title": _("Leader's title"),
            "incumbent_term_start": _("Incumbent term from (year)"),
            "incumbent_term_end": _("Incumbent term to (year)"),
            "area_km2": _("Area (km²)"),
            "population": _("Population"),
            "population_year": _("Year of the population figure"),
            "website": _("Website"),
            "employees": _("Employees"),
            "description": _("Description"),
            "coordinates_source": _("Source of the coordinates"),
            "latitude": _("Latitude (decimal degrees, north positive)"),
            "longitude": _("Longitude (decimal degrees, east positive)"),
        }
        help_texts = {
            "coordinates_source": _("Where the coordinates come from, e.g. GeoNames 1835848."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            # Where a member sits on the map is the Secretariat's record (services refuse it too).
            for name in LOCATION_FIELDS:
                del self.fields[name]
        self.fields["official_languages_text"].initial = ", ".join(
            self.instance.official_languages or []
        )
        if self.instance.kind != Organisation.Kind.COMPANY:
            del self.fields["employees"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("incumbent_term_start"), data.get("incumbent_term_end")
        if start and end and end < start:
            self.add_error("incumbent_term_end", _("The term cannot end before it starts."))
        if data.get("population") and not data.get("population_year"):
            self.add_error("population_year", _("Say which year the population figure is for."))
        if "latitude" in self.fields and (data.get("latitude") is None) != (
            data.get("longitude") is None
        ):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
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
