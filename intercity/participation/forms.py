"""Forms of the Civic Participation System's pages: they validate input before a service
runs. The rules themselves (bounds, workflow moves, photo checks) stay in the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from intercity.accounts.models import User
from intercity.core.bounds import MAX_DB_ID, BoundedDateTimeField, BoundedDecimalField
from intercity.participation import rules, services, tenancy
from intercity.participation.models import (
    Department,
    Jurisdiction,
    Service,
    ServiceAttribute,
    Status,
)

TEXTAREA = {"rows": 4}


def honeypot() -> forms.CharField:
    """A field people never see (hidden by CSS, from screen readers and from the tab order);
    bots that fill every input fill it in, and what they send is dropped."""
    return forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>`, cleaned one by one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data if item]
        return [one(data, initial)] if data else []


def attribute_key(service: Service, attribute: ServiceAttribute) -> str:
    return f"attr__{service.code}__{attribute.code}"


def attribute_field(attribute: ServiceAttribute) -> forms.Field:
    """The form field of an Open311 service attribute (ReportForm decides whether it is
    required: only when its service is the one chosen)."""
    label = attribute.description
    help_text = attribute.datatype_description
    choices = [(str(v.get("key")), str(v.get("name", v.get("key")))) for v in attribute.values]
    kinds = ServiceAttribute.Datatype
    common: dict[str, Any] = {"label": label, "help_text": help_text}
    if attribute.datatype == kinds.SINGLE:
        return forms.ChoiceField(choices=[("", _("Choose…")), *choices], **common)
    if attribute.datatype == kinds.MULTI:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if attribute.datatype == kinds.NUMBER:
        # Bounded as the service checks it (core.bounds): '1e999999' is finite but no number
        # a city can use.
        return BoundedDecimalField(
            max_digits=18,
            decimal_places=6,
            widget=forms.NumberInput(attrs={"step": "any"}),
            **common,
        )
    if attribute.datatype == kinds.DATETIME:
        return BoundedDateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common
        )
    if attribute.datatype == kinds.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs=TEXTAREA), max_length=5000, **common)
    return forms.CharField(max_length=300, **common)


def _attribute_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class ReportForm(forms.Form):
    """A citizen's report. Every service's extra questions are on the page (grouped under
    their service, and shown only for the chosen one when JavaScript runs); only the chosen
    service's answers are sent."""

    service = forms.ChoiceField(
        label=_("What is the problem?"),
        error_messages={"required": _("Choose the kind of problem.")},
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the problem.")},
        help_text=_("What is wrong, and anything that helps the city find it."),
    )
    address = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        help_text=_("A street address, a crossing or a landmark."),
    )
    zipcode = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    latitude = forms.CharField(
        label=_("Latitude"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("e.g. 37.5665"),
    )
    longitude = forms.CharField(
        label=_("Longitude"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("e.g. 126.9780"),
    )
    photos = MultipleFileField(label=_("Photos"), required=False)
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We write to you when the city changes the report's status."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous"),
        required=False,
        help_text=_(
            "Your name, e-mail and phone are not stored. You get no e-mails, but you can "
            "still follow the report with its tracking id."
        ),
    )
    homepage = honeypot()

    def __init__(
        self, jurisdiction: Jurisdiction, services_: Sequence[Service], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        self.services = {s.code: s for s in services_}
        groups: dict[str, list[tuple[str, str]]] = {}
        for service in services_:
            groups.setdefault(service.group or str(_("Other")), []).append(
                (service.code, service.name)
            )
        service_field = cast(forms.ChoiceField, self.fields["service"])
        service_field.choices = [("", _("Choose a kind of problem…")), *groups.items()]
        photos_field = self.fields["photos"]
        photos_field.widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        photos_field.help_text = _(
            "Up to %(count)s, each at most %(megabytes)s MB: JPEG, PNG, WebP or GIF. "
            "The position your camera recorded in the file is removed."
        ) % {
            "count": jurisdiction.max_photos,
            "megabytes": jurisdiction.max_photo_bytes // (1024 * 1024),
        }
        # A required question is required only of the service chosen in a sent form; on an
        # empty form each is marked as its service asks.
        chosen = self.data.get("service") if self.is_bound else None
        self.attribute_keys: dict[str, list[str]] = {}
        for service in services_:
            keys = []
            for attribute in service.attributes.all():
                key = attribute_key(service, attribute)
                self.fields[key] = attribute_field(attribute)
                self.fields[key].required = attribute.required and chosen in (None, service.code)
                keys.append(key)
            if keys:
                self.attribute_keys[service.code] = keys

    def attribute_groups(self) -> list[tuple[Service, list[forms.BoundField]]]:
        """The extra questions of each service that has some, for the template."""
        return [
            (self.services[code], [self[key] for key in keys])
            for code, keys in self.attribute_keys.items()
        ]

    def clean_photos(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("photos") or []
        limit = self.jurisdiction.max_photos
        if len(files) > limit:
            raise forms.ValidationError(_("Choose at most %(limit)s photos.") % {"limit": limit})
        too_big = [f for f in files if (f.size or 0) > self.jurisdiction.max_photo_bytes]
        if too_big:
            # Refused before reading it: a huge upload never reaches memory.
            raise forms.ValidationError(
                _("%(name)s is %(size)s bytes; the limit is %(limit)s bytes.")
                % {
                    "name": too_big[0].name,
                    "size": f"{too_big[0].size:,}",
                    "limit": f"{self.jurisdiction.max_photo_bytes:,}",
                }
            )
        return files

    def clean(self) -> dict[str, Any]:
        """Place the report before anything is sent to the service, so that a wrong position
        is shown by the location fields together with the other mistakes (the service checks
        again with the same rule)."""
        data = super().clean() or {}
        points: list[Decimal | None] = []
        for name in ("latitude", "longitude"):
            raw = (data.get(name) or "").strip()
            try:
                point = Decimal(raw) if raw else None
            except InvalidOperation:
                point = Decimal("NaN")
            if point is not None and not point.is_finite():
                self.add_error(
                    name, _("%(field)s must be a number.") % {"field": self.fields[name].label}
                )
                return data
            points.append(point)
        j = self.jurisdiction
        bounds = rules.Bounds(j.min_latitude, j.max_latitude, j.min_longitude, j.max_longitude)
        problem = rules.location_problem(bounds, points[0], points[1], data.get("address", ""))
        if problem:
            self.add_error("latitude" if any(p is not None for p in points) else "address", problem)
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))

    def submission(self) -> services.Submission:
        data = self.cleaned_data
        service = self.services[data["service"]]
        attributes = {
            attribute.code: _attribute_value(data.get(attribute_key(service, attribute)))
            for attribute in service.attributes.all()
        }
        anonymous = data.get("anonymous")
        return services.Submission(
            service_code=service.code,
            description=data["description"],
            latitude=data.get("latitude") or None,
            longitude=data.get("longitude") or None,
            address=data.get("address", ""),
            zipcode=data.get("zipcode", ""),
            # One name field: names do not split into first and last the same way in every
            # country. Open311 clients read it as first_name.
            first_name="" if anonymous else data.get("name", ""),
            email="" if anonymous else data.get("email", ""),
            phone="" if anonymous else data.get("phone", ""),
            attributes={k: v for k, v in attributes.items() if v not in (None, "", [])},
            photos=[(f.name or "photo", f.read()) for f in data.get("photos", [])],
        )


class LookupForm(forms.Form):
    tracking_id = forms.CharField(
        label=_("Tracking id"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Type the tracking id you were given.")},
        help_text=_("The 10 letters and digits you got when you reported."),
    )

    def clean_tracking_id(self) -> str:
        raw: str = self.cleaned_data["tracking_id"]
        return "".join(ch for ch in raw.upper() if ch.isalnum())


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Write a comment.")},
        help_text=_("Shown publicly with the report. Do not write personal details."),
    )
    homepage = honeypot()

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


class SupportForm(forms.Form):
    """ "This is my problem too", sent by the report form's own fields (its button posts the
    form elsewhere): the e-mail to follow the report with, unless the citizen stays
    anonymous."""

    email = forms.EmailField(required=False)
    anonymous = forms.BooleanField(required=False)

    def email_to_follow(self) -> str:
        return "" if self.cleaned_data.get("anonymous") else self.cleaned_data.get("email", "")


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("You get an e-mail at each public change of this report."),
    )


class PublicFilterForm(forms.Form):
    service = forms.ChoiceField(label=_("Kind of problem"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        services_: Iterable[Service],
        statuses: Iterable[Status],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", _("Any kind")),
            *((s.code, s.name) for s in services_),
        ]
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("Any status")),
            *((s.code, s.name) for s in statuses),
        ]


class PublicListForm(PublicFilterForm):
    """The public list's filters, and "near me": a point and a radius in metres
    (`rules.near_point` checks them; the page's "Use my location" fills the point)."""

    lat = forms.CharField(label=_("Latitude"), required=False, max_length=40)
    long = forms.CharField(label=_("Longitude"), required=False, max_length=40)
    radius = forms.CharField(
        label=_("Within (metres)"),
        required=False,
        max_length=10,
        widget=forms.NumberInput(
            attrs={"min": rules.NEAR_MIN_RADIUS_M, "max": rules.NEAR_MAX_RADIUS_M}
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["near"] = rules.near_point(
                data.get("lat") or "", data.get("long") or "", data.get("radius") or ""
            )
        except ValueError as exc:
            data["near"] = None
            self.add_error(None, str(exc))
        return data


# --- Staff -------------------------------------------------------------------------------------


def staff_users(jurisdiction: Jurisdiction) -> Any:
    """The logins that work this city's reports (the grants tenancy.is_staff_of reads)."""
    return (
        User.objects.filter(
            role_grants__role__in=tenancy.STAFF_ROLES,
            role_grants__organisation_id=jurisdiction.organisation_id,
        )
        .distinct()
        .order_by("username")
    )


class QueueFilterForm(PublicFilterForm):
    """The staff queue's filters. Its status starts at the open work (what staff come to do);
    "All statuses" and each status, open or closed, are one choice away."""

    OPEN_WORK = ""
    ALL_STATUSES = "all"

    department = forms.ChoiceField(label=_("Department"), required=False)
    zipcode = forms.CharField(
        label=_("Area (postal code starts with)"), required=False, max_length=20
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    field_order = ["service", "department", "status", "zipcode", "overdue", "mine"]

    def __init__(
        self,
        services_: Iterable[Service],
        statuses: Iterable[Status],
        departments: Iterable[Department],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        statuses = list(statuses)
        super().__init__(services_, statuses, *args, **kwargs)
        self.fields["service"].label = _("Service")
        cast(forms.ChoiceField, self.fields["department"]).choices = [
            ("", _("Any department")),
            *((str(d.pk), d.name) for d in departments),
        ]
        # A city's status coded "all" would be hidden behind "All statuses": workflow codes
        # are verbs and states (submitted, resolved...), never that word.
        open_ones = [(s.code, s.name) for s in statuses if s.open311 == "open"]
        closed_ones = [(s.code, s.name) for s in statuses if s.open311 != "open"]
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (self.OPEN_WORK, _("Open work (not resolved or closed)")),
            (self.ALL_STATUSES, _("All statuses, resolved and closed too")),
            *([(_("Open"), open_ones)] if open_ones else []),
            *([(_("Resolved or closed"), closed_ones)] if closed_ones else []),
        ]

    def queue_filter(self, user_id: int | None) -> services.QueueFilter:
        """The filter the service reads: what was asked, or the open work when nothing (or
        nothing valid) was."""
        if not self.is_bound or not self.is_valid():
            return services.QueueFilter()
        data = self.cleaned_data
        status = data.get("status") or self.OPEN_WORK
        return services.QueueFilter(
            service=data.get("service") or "",
            status="" if status == self.ALL_STATUSES else status,
            department=int(data["department"]) if data.get("department") else None,
            zipcode=data.get("zipcode") or "",
            overdue=bool(data.get("overdue")),
            assigned_to=user_id if data.get("mine") else None,
            open_only=status == self.OPEN_WORK,
        )


class IdListField(forms.Field):
    """Row ids from checkboxes; whether each is a report of this city is the service's check
    (tenancy.report_of), not the form's."""

    widget = forms.MultipleHiddenInput
    MAX = 500

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        try:
            ids = [int(v) for v in values]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Those are not report rows.")) from None
        if not all(1 <= pk <= MAX_DB_ID for pk in ids):
            raise forms.ValidationError(_("Those are not report rows."))
        if len(ids) > self.MAX:
            raise forms.ValidationError(
                _("Select at most %(limit)s reports at a time.") % {"limit": self.MAX}
            )
        return list(dict.fromkeys(ids))

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class BulkForm(forms.Form):
    reports = IdListField(error_messages={"required": _("Select at least one report.")})
    target = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=2000,
        help_text=_("Sent to each report's followers."),
    )

    def __init__(self, statuses: Iterable[Status], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            ("", _("Choose a status…")),
            *((s.code, s.name) for s in statuses),
        ]


class StatusForm(forms.Form):
    # Any code: the workflow (rules.transition_problem) says, in its words, if it is not a move
    # the report can make; the page offers only the moves it can.
    target = forms.CharField(max_length=40, error_messages={"required": _("Choose a new status.")})
    # The status the page showed: a report moved by someone else since is not moved again.
    expected = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    # A response template of the city (setup_workflow.templates_for): its text, for this
    # report, is the note when the note is left empty (a script fills the note on choosing).
    template = forms.IntegerField(
        label=_("Response template"), required=False, min_value=1, max_value=MAX_DB_ID
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(
        label=_("Who sees the note"),
        choices=[
            ("public", _("Public: on the tracking page, e-mailed to followers")),
            ("internal", _("Internal: staff only")),
        ],
        initial="public",
        widget=forms.RadioSelect,
    )


class AssignForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    user = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, jurisdiction: Jurisdiction, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        self.departments = {str(d.pk): d for d in jurisdiction.departments.all()}
        self.users = {str(u.pk): u for u in staff_users(jurisdiction)}
        cast(forms.ChoiceField, self.fields["department"]).choices = [
            ("", _("Keep the department")),
            *((pk, d.name) for pk, d in self.departments.items()),
        ]
        cast(forms.ChoiceField, self.fields["user"]).choices = [
            ("", _("Nobody")),
            *((pk, u.get_full_name() or u.username) for pk, u in self.users.items()),
        ]

    def chosen(self) -> tuple[Any, Any]:
        data = self.cleaned_data
        return self.departments.get(data.get("department", "")), self.users.get(
            data.get("user", "")
        )


class MergeForm(forms.Form):
    into = forms.CharField(max_length=12)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ModerateForm(forms.Form):
    hidden = forms.TypedChoiceField(
        choices=[("1", _("hide")), ("0", _("show"))], coerce=lambda v: v == "1"
    )
    comment = forms.IntegerField(required=False, min_value=1, max_value=MAX_DB_ID)


class AlertForm(forms.Form):
    """ "Get alerts": an address and a place, either a point and a distance (typed, or the
    browser's location) or an area of the map grid; optionally one kind of problem."""

    PLACES = (
        ("radius", _("Within a distance of a point")),
        ("area", _("In an area of the map grid")),
    )

    email = forms.EmailField(
        label=_("Your e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    place = forms.ChoiceField(
        label=_("Where"), choices=PLACES, initial="radius", widget=forms.RadioSelect
    )
    lat = forms.CharField(label=_("Latitude"), required=False, max_length=40)
    long = forms.CharField(label=_("Longitude"), required=False, max_length=40)
    radius = forms.CharField(
        label=_("Within (metres)"),
        required=False,
        max_length=10,
        initial="500",
        widget=forms.NumberInput(
            attrs={"min": rules.NEAR_MIN_RADIUS_M, "max": rules.NEAR_MAX_RADIUS_M}
        ),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    service = forms.ChoiceField(label=_("Kind of problem"), required=False)

    def __init__(
        self, services_: Iterable[Service], areas: Sequence[str], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            ("", "–"),
            *((label, label) for label in areas),
        ]
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", _("Any kind")),
            *((s.code, s.name) for s in services_),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["near"] = None
        if data.get("place") == "area":
            if not data.get("area"):
                self.add_error("area", _("Choose an area of the map grid."))
            return data
        try:
            data["near"] = rules.near_point(
                data.get("lat") or "", data.get("long") or "", data.get("radius") or ""
            )
        except ValueError as exc:
            self.add_error(None, str(exc))
            return data
        if data["near"] is None:
            self.add_error(None, _("Give lat, long and radius together to search near a point."))
        return data


# --- Citizens close the loop ---------------------------------------------------------------------


class NotFixedForm(forms.Form):
    """The reporter says a closed report is not fixed; the token is the one of their own page
    (empty for a signed-in reporter)."""

    reason = forms.CharField(
        label=_("What is still wrong?"),
        max_length=rules.MAX_REOPEN_REASON,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The city's staff read this; the report's page shows it."),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("How did the city respond?"),
        choices=[
            (5, _("5: very well")),
            (4, _("4: well")),
            (3, _("3: fairly")),
            (2, _("2: badly")),
            (1, _("1: very badly")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Your comment on the response"),
        required=False,
        max_length=rules.MAX_RATING_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the city's staff read it."),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)


class CitizensSetupForm(forms.Form):
    reopen_days = forms.IntegerField(
        label=_('Days to say "not fixed"'),
        min_value=0,
        max_value=rules.MAX_REOPEN_DAYS,
        help_text=_(
            "For how many days after a report is resolved its reporter may say it is not "
            "fixed (the report reopens) or rate the response; 0: never."
        ),
    )
