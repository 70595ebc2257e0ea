"""Forms of the annual report's pages: plain fields; the services check them again (who may
act, a draft only, the lengths)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.plans import rules_report as rules
from intercity.plans.models_report import ReportSection


class NewReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=rules.FIRST_YEAR, max_value=rules.LAST_YEAR
    )
    chair = forms.CharField(
        label=_("The year's Chair (login name)"),
        required=False,
        max_length=150,
        help_text=_(
            "The National Representative of the ASEAN Chair, who edits and freezes the report "
            "with the Secretariat. Leave empty to name them later."
        ),
    )


class ChairForm(forms.Form):
    chair = forms.CharField(
        label=_("The year's Chair (login name)"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to name no Chair: the Secretariat alone then edits the report."),
    )


class ReportTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=rules.TITLE_LIMIT)

    def __init__(self, sections: list[ReportSection], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.heading,
                required=False,
                max_length=rules.BODY_LIMIT,
                widget=forms.Textarea(attrs={"rows": 6}),
                initial=section.body,
            )

    def bodies(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"section_{s.key}", "") for s in self.sections}
