"""Forms of the plans pages: plain fields the services check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.plans.models import Indicator, LineStatus, Partner


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
    evidence_link = forms.URLField(
        label=_("Link to the evidence"), max_length=200, required=False, assume_scheme="https"
    )
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


YEARS = [(y, str(y)) for y in range(2018, 2026)]


class ProjectForm(forms.Form):
    """A project of the plan, in one of the plan's network's focus areas."""

    title = forms.CharField(label=_("Project title"), max_length=200)
    # What the page showed of the row (services.plans.project_seen / line_seen), on an edit.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    focus_area = forms.ChoiceField(label=_("Focus area"))
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].choices = areas  # type: ignore[attr-defined]


class LineForm(forms.Form):
    """An action line: its years, budget and currency; on an edit, the project it belongs to
    (and so its focus area)."""

    title = forms.CharField(label=_("Action line title"), max_length=200)
    # What the page showed of the row (services.plans.project_seen / line_seen), on an edit.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    project = forms.TypedChoiceField(label=_("Project (and its focus area)"), coerce=int)
    first_year = forms.TypedChoiceField(
        label=_("First year"), choices=YEARS, coerce=int, initial=2018
    )
    last_year = forms.TypedChoiceField(
        label=_("Last year"), choices=YEARS, coerce=int, initial=2025
    )
    budget = forms.DecimalField(
        label=_("Budget"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    currency = forms.CharField(
        label=_("Currency"),
        help_text=_("Three letters, as THB, SGD or USD."),
        min_length=3,
        max_length=3,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, projects: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = projects  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None and last < first:
            self.add_error("last_year", _("The last year cannot come before the first."))
        if data.get("budget") is not None and not data.get("currency"):
            self.add_error("currency", _("A budget needs its currency."))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40)
    baseline = forms.DecimalField(
        label=_("Baseline"), max_digits=16, decimal_places=4, min_value=-(10**11), max_value=10**11
    )
    baseline_year = forms.TypedChoiceField(label=_("Baseline year"), choices=YEARS, coerce=int)
    target = forms.DecimalField(
        label=_("Target"), max_digits=16, decimal_places=4, min_value=-(10**11), max_value=10**11
    )
    target_year = forms.TypedChoiceField(
        label=_("Target year"), choices=YEARS, coerce=int, initial=2025
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("baseline_year"), data.get("target_year")
        if first is not None and last is not None and last < first:
            self.add_error(
                "target_year", _("The target year cannot come before the baseline year.")
            )
        return data


class PartnerForm(forms.Form):
    """A partner of an action line: an organisation of the registry, one of the city's
    published twinning pairs, or a name. The registry's list is long, so the plan page's short
    form leaves it out (`organisations=None`) and links to the full form that has it."""

    kind = forms.ChoiceField(label=_("Kind of partner"), choices=Partner.Kind.choices)
    organisation = forms.TypedChoiceField(
        label=_("An organisation of the registry"), coerce=int, required=False, empty_value=None
    )
    twinning_pair = forms.TypedChoiceField(
        label=_("A twinning partner of this city"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("Partner's name"),
        max_length=200,
        required=False,
        help_text=_("When the partner is not in the registry."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[int, str]] | None = None,
        pairs: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", "—"), *organisations]  # type: ignore[attr-defined]
        if not pairs:
            del self.fields["twinning_pair"]
        else:
            self.fields["twinning_pair"].choices = [("", "—"), *pairs]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [key for key in ("organisation", "twinning_pair") if cleaned.get(key) is not None]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose an organisation of the registry or a twinning partner, not both.")
            )
        if not chosen and not cleaned.get("name", "").strip():
            raise forms.ValidationError(
                _("Name the partner, or choose it from the registry or the twinning pairs.")
            )
        if cleaned.get("twinning_pair") is not None:
            cleaned["kind"] = Partner.Kind.TWINNING
        return cleaned


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = BoundedDateField(label=_("Due on"), widget=DateInput())


class RevisionForm(forms.Form):
    """The plan revised (from its workshop draft): what it says, its areas, and why it changed.
    `version` is the one read: the service refuses the revision if another landed since."""

    title = forms.CharField(label=_("Plan title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    areas = forms.MultipleChoiceField(
        label=_("Focus areas"), widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        label=_("What the revision changes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), min_value=1)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = areas  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    """A National Representative's review of the plan for a year."""

    year = forms.TypedChoiceField(label=_("Year reviewed"), choices=YEARS, coerce=int)
    comment = forms.CharField(
        label=_("Review note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    mark_reviewed = forms.BooleanField(label=_("Mark the year reviewed"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("comment") or "").strip() and not data.get("mark_reviewed"):
            raise forms.ValidationError(_("Write a note or mark the year reviewed."))
        return data
