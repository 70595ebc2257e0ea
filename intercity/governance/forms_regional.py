"""Forms of the regional offices page: a bid, an annual report, an assessment, and putting
the bids for a region to the Executive Committee. They check the input's shape; the rules
(membership, terms, one report a year) are the services'."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.governance.forms import DATE
from intercity.governance.models import AssessmentCriterion, RegionalOfficeAssessment

# The years a report or an assessment is for; the office's term narrows them further.
FIRST_YEAR, LAST_YEAR = 1900, 2999
Choices = list[tuple[Any, str]]


def _choices(form: forms.Form, name: str, choices: Choices) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class BidForm(forms.Form):
    """A member city bids to host the regional office of a region (Art. 13.5)."""

    region = forms.ChoiceField(
        label=_("Region"),
    )
    organisation = forms.TypedChoiceField(label=_("Member city"), coerce=int)
    submitted_on = BoundedDateField(label=_("Bid submitted on"), widget=DATE)

    def __init__(self, *args: Any, regions: Choices, organisations: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "region", regions)
        _choices(self, "organisation", organisations)


class AnnualReportForm(forms.Form):
    """A regional office's annual report on its operational progress (Art. 13.7)."""

    office = forms.TypedChoiceField(label=_("Regional office"), coerce=int)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("The year of the Executive Committee meeting it reports to."),
    )
    submitted_on = BoundedDateField(label=_("Submitted on"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("The summary, a link or both."),
    )

    def __init__(self, *args: Any, offices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "office", offices)


class AssessmentForm(forms.Form):
    """The Executive Committee's yearly assessment of an office: one finding per criterion of
    the network (seed 003, Agenda 1) and a recommendation (Art. 13.6(b)). Only the network's
    criteria are fields, so a finding on any other criterion cannot be posted."""

    office = forms.TypedChoiceField(label=_("Regional office"), coerce=int)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=RegionalOfficeAssessment.Recommendation.choices
    )
    note = forms.CharField(
        label=_("Note (the outcome, in words)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, offices: Choices, criteria: list[AssessmentCriterion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "office", offices)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[self.field_name(criterion)] = forms.CharField(
                label=criterion.name,
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(
            ["office", "year", *(self.field_name(c) for c in criteria), "recommendation"]
        )

    @staticmethod
    def field_name(criterion: AssessmentCriterion) -> str:
        return f"finding_{criterion.key}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.criteria and not self.findings():
            raise forms.ValidationError(
                _(
                    "Write the finding for at least one criterion: an assessment with no finding "
                    "is not recorded."
                )
            )
        return data

    def findings(self) -> dict[str, str]:
        """The findings given, by criterion key; a criterion left empty has none."""
        found = {}
        for criterion in self.criteria:
            text = (self.cleaned_data.get(self.field_name(criterion)) or "").strip()
            if text:
                found[criterion.key] = text
        return found


class BidElectionForm(forms.Form):
    """Put the bids awaiting a decision for a region to an Executive Committee meeting, as an
    election under one of its agenda items (Art. 13.6(a): most votes wins)."""

    region = forms.ChoiceField(
        label=_("Region"), help_text=_("Regions with a bid awaiting the Executive Committee.")
    )
    item = forms.TypedChoiceField(label=_("Meeting and agenda item"), coerce=int)

    def __init__(self, *args: Any, regions: Choices, items: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "region", regions)
        _choices(self, "item", items)
