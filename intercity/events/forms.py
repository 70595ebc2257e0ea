"""The registration form and the organiser's forms (event, room, track, session, registration
category): plain fields; the services hold the rules and check again."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import MAX_DB_INT, BoundedDateField
from intercity.events.models import (
    Event,
    RegistrationCategory,
    Room,
    Session,
    SessionKind,
    SessionRole,
    Track,
)
from intercity.network.models import Network

DATE = {"type": "date"}
TIME = {"type": "time"}


class RegistrationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Register as"),
        queryset=RegistrationCategory.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The link to your registration is sent to this address."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RegistrationCategory.objects.filter(event=event)
        field.label_from_instance = lambda c: (  # type: ignore[method-assign,assignment]
            f"{c.name} – {c.description}" if c.description else c.name
        )


# --- The organiser's forms ---------------------------------------------------------------


class PlacesField(forms.IntegerField):
    """A number of places or seats: optional, at least 1, within the column."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_DB_INT, required=False, **kwargs)


def _zone_names() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class EventForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_on = BoundedDateField(
        label=_("First day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    ends_on = BoundedDateField(
        label=_("Last day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The city's: the programme's times are read and shown in it."),
    )
    capacity = PlacesField(label=_("Places"), help_text=_("Empty: no limit on registrations."))
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = networks
        zones = self.fields["time_zone"]
        assert isinstance(zones, forms.ChoiceField)
        zones.choices = _zone_names()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day comes before the first day."))
        return data


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    capacity = PlacesField(label=_("Seats"), help_text=_("Empty: not recorded, no limit."))
    interpretation = forms.CharField(
        label=_("Interpretation"),
        max_length=200,
        required=False,
        help_text=_("The languages interpreted in this room, e.g. English, Russian."),
    )


class TrackForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)


PEOPLE_HELP = _("One a line: name; affiliation (the affiliation may be left out).")


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    day = BoundedDateField(label=_("Day"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    ends = forms.TimeField(
        label=_("Ends"),
        required=False,
        widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
        help_text=_("Empty: no end given (a dinner, a transfer)."),
    )
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("No room")
    )
    track = forms.ModelChoiceField(
        label=_("Track"), queryset=Track.objects.none(), required=False, empty_label=_("No track")
    )
    capacity = PlacesField(label=_("Places"), help_text=_("Empty: the room's seats, if known."))
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea
    )
    chairs = forms.CharField(
        label=_("Chairs"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PEOPLE_HELP,
    )
    moderators = forms.CharField(
        label=_("Moderators"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PEOPLE_HELP,
    )
    speakers = forms.CharField(
        label=_("Speakers"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PEOPLE_HELP,
    )

    ROLES = (
        ("chairs", SessionRole.Role.CHAIR),
        ("moderators", SessionRole.Role.MODERATOR),
        ("speakers", SessionRole.Role.SPEAKER),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        room = self.fields["room"]
        track = self.fields["track"]
        assert isinstance(room, forms.ModelChoiceField)
        assert isinstance(track, forms.ModelChoiceField)
        room.queryset = Room.objects.filter(event=event)
        track.queryset = Track.objects.filter(event=event)

    @classmethod
    def initial_of(cls, session: Session) -> dict[str, Any]:
        zone = session.event.zone
        starts = timezone.localtime(session.starts_at, zone)
        people = list(session.people.all())
        initial: dict[str, Any] = {
            "title": session.title,
            "kind": session.kind,
            "day": starts.date(),
            "starts": starts.time().replace(second=0, microsecond=0),
            "ends": timezone.localtime(session.ends_at, zone).time() if session.ends_at else None,
            "room": session.room_id,
            "track": session.track_id,
            "capacity": session.capacity,
            "description": session.description,
        }
        for field, role in cls.ROLES:
            initial[field] = "\n".join(
                f"{p.name}; {p.affiliation}" if p.affiliation else p.name
                for p in people
                if p.role == role
            )
        return initial

    def times(self) -> tuple[dt.datetime, dt.datetime | None]:
        """The start and end the organiser typed, read in the event's time zone (an end
        earlier than the start is the next morning's)."""
        day, zone = self.cleaned_data["day"], self.event.zone
        starts = dt.datetime.combine(day, self.cleaned_data["starts"], tzinfo=zone)
        ends_time = self.cleaned_data.get("ends")
        if ends_time is None:
            return starts, None
        ends = dt.datetime.combine(day, ends_time, tzinfo=zone)
        if ends <= starts:
            ends += dt.timedelta(days=1)
        return starts, ends

    def people(self) -> list[tuple[str, str, str]]:
        found = []
        for field, role in self.ROLES:
            for line in self.cleaned_data.get(field, "").splitlines():
                name, _sep, affiliation = line.partition(";")
                if name.strip():
                    found.append((str(role), name.strip(), affiliation.strip()))
        return found


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Short, for the badges and lists: letters, digits and hyphens."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of session it may attend"),
        choices=SessionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
