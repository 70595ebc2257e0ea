"""Forms of the plans pages: plain fields the services check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.plans.models import Indicator, LineStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ProgressForm(forms.Form):
    """Where an action line stands: its status, how far along it is, each indicator's value
    against its target, and the evidence. For a correction, `version` is the one read (the
    service refuses the correction if another landed since) and the day stays as reported."""

    as_of = BoundedDateField(label=_("As of"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=LineStatus.choices)
    percent = forms.DecimalField(
        label=_("Percentage done"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        help_text=_("What shows the progress: a site visit, a report, figures."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    evidence_link = forms.URLField(label=_("Link to the evidence"), max_length=200, required=False)
    evidence_file = forms.FileField(
        label=_("Evidence file (PDF)"), required=False, widget=forms.ClearableFileInput()
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False, min_value=1)

    def __init__(
        self, *args: Any, indicators: list[Indicator], correcting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=_("%(name)s (%(unit)s): target %(target)s by %(year)s")
                % {
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "target": format(indicator.target.normalize(), "f"),
                    "year": indicator.target_year,
                },
                max_digits=16,
                decimal_places=4,
                min_value=-(10**11),
                max_value=10**11,
                required=False,
            )
        if correcting:
            del self.fields["as_of"]
            del self.fields["evidence_file"]
            self.fields["version"].required = True

    def values(self) -> dict[int, Any]:
        """The indicator values typed, by indicator id (blank ones left out)."""
        found = {}
        for indicator in self.indicators:
            value = self.cleaned_data.get(f"indicator_{indicator.pk}")
            if value is not None:
                found[indicator.pk] = value
        return found
