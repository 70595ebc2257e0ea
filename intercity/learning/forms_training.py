"""Forms of the training pages: plain fields; the training service checks them again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField

RATINGS = [(str(n), str(n)) for n in range(5, 0, -1)]


class ApplyForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("City"), coerce=int)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position_title = forms.CharField(label=_("Position"), max_length=200)
    motivation = forms.CharField(
        label=_("Why you wish to take part"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args: Any, cities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(c.pk, c.name) for c in cities]  # type: ignore[attr-defined]


class SurveyForm(forms.Form):
    lecture_contents = forms.TypedChoiceField(
        label=_("Lecture contents"), choices=RATINGS, coerce=int
    )
    lecturers = forms.TypedChoiceField(label=_("Lecturers"), choices=RATINGS, coerce=int)
    accommodation = forms.TypedChoiceField(
        label=_("Hotel accommodation and facilities"), choices=RATINGS, coerce=int
    )
    visits = forms.TypedChoiceField(
        label=_("Technical and cultural visits"), choices=RATINGS, coerce=int
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason of the revocation"), max_length=300)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = BoundedDateField(label=_("Starts on"), widget=DATE)
    ends_on = BoundedDateField(label=_("Ends on"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity (places)"), min_value=1, max_value=1000)


class EditSessionForm(forms.Form):
    """A session's correction; the end date is optional (a past session known only by its
    month has none)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = BoundedDateField(label=_("Starts on"), widget=DATE)
    ends_on = BoundedDateField(label=_("Ends on"), widget=DATE, required=False)
    precision = forms.ChoiceField(
        label=_("Dated by"),
        choices=[("day", _("Day")), ("month", _("Month only"))],
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Capacity (places)"), min_value=1, max_value=1000)


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the cancellation"),
        max_length=300,
        help_text=_("Each applicant receives it by e-mail."),
    )


class CallForm(forms.Form):
    opens_on = BoundedDateField(label=_("Opens on"), widget=DATE)
    closes_on = BoundedDateField(label=_("Closes on"), widget=DATE)
    per_city_limit = forms.IntegerField(
        label=_("Places per city at most"), min_value=1, max_value=100, initial=2
    )
    new_cities_first = forms.BooleanField(
        label=_("Cities new to the programme first"), required=False, initial=True
    )
    text = forms.CharField(
        label=_("Text of the call"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=600, initial=10)
