"""Forms of the matchmaking pages: plain fields; the services hold the rules and check again."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField
from intercity.exchange.models_matchmaking import MeetingRequest


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_on = BoundedDateField(label=_("First day"), widget=DateInput())
    ends_on = BoundedDateField(label=_("Last day"), widget=DateInput())
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=60,
        initial="Asia/Seoul",
        help_text=_("The event's own time zone, e.g. Asia/Seoul or Europe/Madrid."),
    )
    slot_minutes = forms.IntegerField(
        label=_("Length of a meeting (minutes)"), min_value=5, max_value=240, initial=30
    )

    def __init__(self, *args: Any, networks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"] = forms.TypedChoiceField(
            label=_("Network"), choices=networks, coerce=int
        )
        self.order_fields(["network"])

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"]).strip()
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(_("Give a time zone name such as Asia/Seoul.")) from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day must not come before the first day."))
        return data


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room"), max_length=100)


class ParticipantForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    delegation = forms.CharField(label=_("Head of the delegation"), max_length=200, required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]


class WindowForm(forms.Form):
    """An availability window in the event's local time: a day, from, until."""

    day = BoundedDateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())

    def window(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["day"]
        return (
            dt.datetime.combine(day, self.cleaned_data["start"]),
            dt.datetime.combine(day, self.cleaned_data["end"]),
        )


class RequestForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Meet with"), coerce=int)
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would like to talk about (500 characters at most)."),
    )

    def __init__(self, *args: Any, targets: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]
