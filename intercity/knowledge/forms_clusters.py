"""Forms of the clusters' pages: plain fields the services check again (they hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.knowledge.models import ClusterMember
from intercity.knowledge.services import clusters as services


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class StakeholderForm(forms.Form):
    stakeholder_name = forms.CharField(label=_("Stakeholder's name"), max_length=200)
    stakeholder_kind = forms.ChoiceField(
        label=_("Kind of stakeholder"), choices=ClusterMember.StakeholderKind.choices
    )


class CityForm(forms.Form):
    """A member city of the cluster's network, chosen from those the service offers."""

    organisation = forms.TypedChoiceField(label=_("Member city"), coerce=int)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label=_("Description of the cluster"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
    )


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = BoundedDateField(label=_("Starts on"), widget=DateInput())
    ends_on = BoundedDateField(label=_("Ends on"), widget=DateInput(), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    url = forms.URLField(label=_("Web page"), max_length=200, required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("An event ends on or after the day it starts."))
        return data


class NewsForm(forms.Form):
    text = forms.CharField(
        label=_("News"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.NEWS_MAX,
        help_text=_("A few sentences for the cluster's members; shown in its activity feed."),
    )


class ActivityFilterForm(forms.Form):
    cluster = forms.TypedChoiceField(label=_("Cluster"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, clusters: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [("", _("All clusters")), *clusters]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("Every kind")),
            *services.Kind.choices,
        ]
