"""Forms of the awards pages: plain fields the services check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.awards.models import Application, Category, Edition
from intercity.core.bounds import BoundedDateField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class EditionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Edition
        fields = [
            "number",
            "year",
            "title",
            "terms",
            "applications_open_on",
            "applications_close_on",
            "round1_closes_on",
            "round2_closes_on",
            "ceremony_on",
            "score_min",
            "score_max",
            "finalists",
            "votes_per_judge",
            "special_mentions",
        ]
        labels = {
            "number": _("Edition number"),
            "year": _("Year"),
            "title": _("Title"),
            "applications_open_on": _("Applications open on"),
            "applications_close_on": _("Applications close on"),
            "round1_closes_on": _("Round 1 closes on"),
            "round2_closes_on": _("Round 2 closes on"),
            "ceremony_on": _("Ceremony on"),
            "score_min": _("Lowest score"),
            "score_max": _("Highest score"),
            "finalists": _("Finalists per category"),
            "votes_per_judge": _("Votes per judge in round 2"),
            "special_mentions": _("Special Mentions per category"),
        }
        # Every date a person types is bounded (core.bounds): no year 1 or 9999 reaches a rule.
        field_classes = dict.fromkeys(
            (
                "applications_open_on",
                "applications_close_on",
                "round1_closes_on",
                "round2_closes_on",
                "ceremony_on",
            ),
            BoundedDateField,
        )
        widgets = {
            "applications_open_on": DateInput(),
            "applications_close_on": DateInput(),
            "round1_closes_on": DateInput(),
            "round2_closes_on": DateInput(),
            "ceremony_on": DateInput(),
            "terms": forms.Textarea(attrs={"rows": 6}),
        }

    def _post_clean(self) -> None:
        """The service checks the numbers, the dates and the unique year, and says why in
        words; the form only reads the values."""


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        initial=1,
        max_digits=6,
        decimal_places=3,
        help_text=_("Above 0; equal weights when every criterion has 1."),
    )


class JudgeForm(forms.Form):
    name = forms.CharField(label=_("Name as shown"), max_length=200, required=False)
    country = forms.CharField(label=_("Country"), max_length=80, required=False)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=300, required=False)
    organisation = forms.TypedChoiceField(
        label=_("Their own city"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("A judge never sees their own city's applications."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories they judge"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every category."),
    )

    def __init__(
        self, edition: Edition, cities: list[tuple[int, str]], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("None")), *cities]  # type: ignore[attr-defined]
        self.fields["categories"].queryset = edition.categories.all()  # type: ignore[attr-defined]


class SeatJudgeForm(JudgeForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("The judge's login; they get the judge role for this network."),
    )
    field_order = ["username", "name", "country", "affiliation", "organisation", "categories"]


class ApplicationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Application
        fields = ["category", "title", "summary", "context", "impact", "budget", "website"]
        labels = {
            "category": _("Category"),
            "title": _("Project title"),
            "summary": _("Summary"),
            "context": _("How the project came about"),
            "impact": _("Impact"),
            "budget": _("Budget"),
            "website": _("Website"),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "impact": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, edition: Edition, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = edition.categories.all()  # type: ignore[attr-defined]
        self.fields["category"].empty_label = None  # type: ignore[attr-defined]
        self.fields["website"].help_text = _("A link starting with https://")

    def _post_clean(self) -> None:
        """The service checks the application (and which fields a submission needs)."""


class StartApplicationForm(ApplicationForm):
    organisation = forms.TypedChoiceField(label=_("City"), coerce=int)

    def __init__(
        self, edition: Edition, cities: list[tuple[int, str]], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(edition, *args, **kwargs)
        self.fields["organisation"].choices = cities  # type: ignore[attr-defined]
        self.order_fields(["organisation", "category", "title"])


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class ScreenForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Screening"),
        choices=[("eligible", _("Eligible")), ("ineligible", _("Ineligible"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for ineligible: which term the application does not meet."),
    )
