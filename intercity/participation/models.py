"""The Civic Participation System: each member city that enables it runs a jurisdiction
(a tenant) with its own services, departments, workflow and citizens' reports.

Every row below belongs to exactly one jurisdiction, directly or through its report, and
`participation.tenancy` is the one place that scopes queries to it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intercity.core.translated import TranslatedContent
from intercity.network.models import Organisation
from intercity.participation import rules


def new_public_id() -> str:
    """A tracking id a citizen can read out on the phone: 10 characters, no look-alikes."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Jurisdiction(TranslatedContent):
    """One member city's instance of the system (Open311 `jurisdiction_id` is its slug)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="jurisdiction"
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    time_zone = models.CharField(max_length=60, default="UTC")
    languages = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "The languages the city offers its content in, its main one first, as codes: "
            '["ko", "en"]. A reader whose language is not written gets the first.'
        ),
    )
    centre_latitude = models.DecimalField(max_digits=9, decimal_places=6)
    centre_longitude = models.DecimalField(max_digits=9, decimal_places=6)
    min_latitude = models.DecimalField(max_digits=9, decimal_places=6)
    max_latitude = models.DecimalField(max_digits=9, decimal_places=6)
    min_longitude = models.DecimalField(max_digits=9, decimal_places=6)
    max_longitude = models.DecimalField(max_digits=9, decimal_places=6)
    max_photos = models.PositiveSmallIntegerField(default=3)
    max_photo_bytes = models.PositiveIntegerField(default=8 * 1024 * 1024)
    enabled = models.BooleanField(default=True)
    # Closing the loop: how long after a report is resolved its reporter may still say "not
    # fixed" (the report reopens) or rate the response (rules.may_reopen).
    reopen_days = models.PositiveSmallIntegerField(
        _('days to say "not fixed"'),
        default=14,
        validators=[MaxValueValidator(rules.MAX_REOPEN_DAYS)],
        help_text=_(
            "For how many days after a report is resolved its reporter may say it is not "
            "fixed (the report reopens) or rate the response; 0: never."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_latitude__lt=models.F("max_latitude"))
                & Q(min_longitude__lt=models.F("max_longitude")),
                name="jurisdiction_bounds_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Department(TranslatedContent):
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["jurisdiction", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="unique_department")
        ]

    def __str__(self) -> str:
        return self.name


class Service(TranslatedContent):
    """A category of concern citizens can report (Open311 `service`)."""

    class Kind(models.TextChoices):
        REALTIME = "realtime", "realtime"
        BATCH = "batch", "batch"
        BLACKBOX = "blackbox", "blackbox"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="services"
    )
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=100, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REALTIME)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    target_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Target time to resolve, in hours.")
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["jurisdiction", "group", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="unique_service_code")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceAttribute(TranslatedContent):
    """An extra question of a service (Open311 service definition attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", "string"
        NUMBER = "number", "number"
        DATETIME = "datetime", "datetime"
        TEXT = "text", "text"
        SINGLE = "singlevaluelist", "singlevaluelist"
        MULTI = "multivaluelist", "multivaluelist"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(max_length=60)
    description = models.CharField(max_length=300)
    datatype = models.CharField(max_length=20, choices=Datatype.choices)
    required = models.BooleanField(default=False)
    variable = models.BooleanField(default=True)
    datatype_description = models.CharField(max_length=300, blank=True)
    values = models.JSONField(default=list, blank=True, help_text=_("[{key, name}] for lists"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["service", "order"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="unique_attribute_code")
        ]

    def __str__(self) -> str:
        return self.code


class Status(TranslatedContent):
    """A state of the jurisdiction's workflow, mapped to Open311's open/closed."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="statuses"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=80)
    open311 = models.CharField(max_length=10, choices=[("open", "open"), ("closed", "closed")])
    initial = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["jurisdiction", "position"]
        verbose_name_plural = _("statuses")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="unique_status_code")
        ]

    def __str__(self) -> str:
        return self.name


class Transition(TranslatedContent):
    """A move the workflow allows, e.g. acknowledged -> in progress."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="transitions"
    )
    source = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["jurisdiction", "source__position", "target__position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_transition")
        ]

    def __str__(self) -> str:
        return f"{self.source.code} -> {self.target.code}"


class APIClient(models.Model):
    """An application allowed to POST requests through Open311 (its `api_key`), issued by
    staff; only a hash of the key is kept."""

    name = models.CharField(max_length=200)
    key_hash = models.CharField(max_length=128, unique=True)
    key_prefix = models.CharField(max_length=8)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.CASCADE, related_name="clients"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class Report(models.Model):
    """A citizen's concern (Open311 `service request`)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="reports")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="reports")
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="reports")
    description = models.TextField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    zipcode = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    client = models.ForeignKey(
        APIClient, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    hidden = models.BooleanField(
        default=False, help_text=_("Moderated: the public text is hidden.")
    )
    language = models.CharField(
        max_length=10,
        blank=True,
        default="",
        help_text=_("The language the report was filed in; its e-mails go out in it."),
    )
    requested_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    expected_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # When the report, still open past its expected time, was escalated to its department
    # (the scheduled job `participation.overdue-escalation`): once per report.
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        # The queue, the public list and the dashboards filter one jurisdiction by status,
        # service or department and order by time; each index serves one of them
        # (docs/participation-scale.md has the plans).
        indexes = [
            models.Index(fields=["jurisdiction", "-requested_at"], name="report_recent"),
            models.Index(fields=["jurisdiction", "status", "-requested_at"], name="report_status"),
            models.Index(
                fields=["jurisdiction", "service", "-requested_at"], name="report_service"
            ),
            models.Index(
                fields=["jurisdiction", "department", "-requested_at"], name="report_department"
            ),
            models.Index(fields=["jurisdiction", "updated_at"], name="report_updated"),
            # "Near me" and duplicates before submitting: a latitude range within the city
            # (then the longitude range on the index's rows), rules.box_around.
            models.Index(fields=["jurisdiction", "latitude", "longitude"], name="report_place"),
            # The dashboard's backlog: open reports per department and those past their time,
            # from the index alone (at 1,000,000 reports, 23,000 open: 217 ms with a heap fetch
            # per open report, 26 ms index-only).
            models.Index(
                fields=["jurisdiction", "status", "department", "expected_at"],
                name="report_backlog",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id}: {self.service}"


class Photo(models.Model):
    """A photo of a report, re-encoded as JPEG without its metadata (EXIF, GPS)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="participation/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"Photo {self.pk} of {self.report_id}"


class Event(models.Model):
    """One step of a report's history: a change of status, an assignment, a note, a merge."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=40)
    source = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report.public_id} {self.verb}"

    @property
    def verb_label(self) -> str:
        """The step as a reader sees it, in the reader's language."""
        labels = {
            "submitted": pgettext_lazy("workflow of a citizen's report", "Submitted"),
            "assigned": _("Assigned"),
            "merged": _("Merged"),
            "commented": _("Comment"),
            "escalated": _("Escalated: past its expected time"),
            "reopened": _("Reopened: its reporter says it is not fixed"),
        }
        label = labels.get(self.verb)
        return str(label) if label is not None else self.verb.capitalize()


class Comment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.report_id}"


class Follower(models.Model):
    """Someone told of each public change of a report (its author, or a merged duplicate's)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], name="one_follow_per_email")
        ]

    def __str__(self) -> str:
        return self.email


class Supporter(models.Model):
    """Someone who has the same problem as a report and said so ("This is my problem too")
    instead of filing another: one per e-mail address and one per browser session, so a
    double click counts once. The e-mail, when given, also follows the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="supporters")
    email = models.EmailField(blank=True)
    session_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "email"],
                condition=~Q(email=""),
                name="one_supporter_per_email",
            ),
            models.UniqueConstraint(
                fields=["report", "session_key"],
                condition=~Q(session_key=""),
                name="one_supporter_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"Supporter {self.pk} of {self.report_id}"


class Rating(models.Model):
    """The reporter's rating of the city's response to their resolved report: 1 to 5 with an
    optional comment, once per report (a second is refused, the constraint holds it even
    for two at once), within the city's `reopen_days`. Staff see it on the report's page;
    the public sees only a city's average and count, never who rated."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(rules.MIN_STARS),
            MaxValueValidator(rules.MAX_STARS),
        ]
    )
    comment = models.TextField(blank=True, max_length=rules.MAX_RATING_COMMENT)
    at = models.DateTimeField()

    class Meta:
        ordering = ["report", "at"]
        constraints = [
            models.UniqueConstraint(fields=["report"], name="one_rating_per_report"),
            models.CheckConstraint(
                condition=Q(stars__gte=1) & Q(stars__lte=5), name="rating_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}/5 for {self.report_id}"


class Notification(models.Model):
    """An e-mail to a follower about a public change, queued for the task worker."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    email = models.EmailField()
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"To {self.email} about {self.event_id}"


class PerformanceSharing(models.Model):
    """A city's consent to show its CPS performance beside other cities' (reports per 1,000
    residents, time to resolve, share within target, top services): aggregates only, never a
    report or a person. The row is the consent: stopping deletes it, so a city that stops
    leaves every comparison at once."""

    jurisdiction = models.OneToOneField(
        Jurisdiction, on_delete=models.CASCADE, related_name="performance_sharing"
    )
    shared_since = models.DateTimeField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("performance sharing")
        verbose_name_plural = _("performance sharing")

    def __str__(self) -> str:
        return f"{self.jurisdiction} shares its performance"


class ResponseTemplate(TranslatedContent):
    """A city's ready answer to a citizen: offered to staff changing a report's status, for
    one status (or any) and one service (or any). Its body may name {report_id}, {service}
    and {city}, filled in by `rules.fill_response` for the report at hand."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="response_templates"
    )
    status = models.ForeignKey(
        Status,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response_templates",
        help_text=_("The status it answers a move to; empty for any."),
    )
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="response_templates",
        help_text=_("The service it fits; empty for any."),
    )
    title = models.CharField(max_length=200)
    body = models.TextField()
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["jurisdiction", "position", "id"]

    def __str__(self) -> str:
        return self.title


class StaffDepartment(models.Model):
    """The department a city's department staff member works for, whose reports their queue
    shows first. Set when the administrator invites them (the row then names the invitation,
    and whoever accepts it is the member) or later for a member (the row names the user):
    the invitation itself belongs to the accounts app and knows nothing of departments."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="staff_departments"
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="staff_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cps_departments",
    )
    invitation = models.OneToOneField(
        "accounts.Invitation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cps_department",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "user"],
                condition=Q(user__isnull=False),
                name="one_department_per_staff_member",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(invitation__isnull=False),
                name="staff_department_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or self.invitation_id} · {self.department_id}"


class Alert(models.Model):
    """A citizen's e-mail alert of new reports within a radius of a point, or in one cell of
    the dashboards' area grid (docs/decisions/0033-alerts-and-feeds.md).

    Double opt-in: the subscription mails a confirmation link, and only a confirmed alert is
    mailed, so no one can subscribe someone else's address. The place is stored as a box
    (a circle's bounding box, or the cell's bounds as they were when subscribing) that the
    database matches a new report's point against before the exact distance is measured.
    One alert per address and place: the constraints hold it, two clicks at once make one."""

    class Kind(models.TextChoices):
        RADIUS = "radius", _("Within a distance of a point")
        AREA = "area", _("In an area of the map grid")

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="alerts")
    email = models.EmailField()  # stored lower-cased
    kind = models.CharField(max_length=10, choices=Kind.choices)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    radius_m = models.PositiveIntegerField(null=True, blank=True)
    area_label = models.CharField(max_length=4, blank=True)
    # The box the place fits in: the circle's bounding box, or the cell's bounds.
    min_latitude = models.DecimalField(max_digits=9, decimal_places=6)
    max_latitude = models.DecimalField(max_digits=9, decimal_places=6)
    min_longitude = models.DecimalField(max_digits=9, decimal_places=6)
    max_longitude = models.DecimalField(max_digits=9, decimal_places=6)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    language = models.CharField(max_length=10, blank=True, default="")
    token = models.CharField(max_length=32, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["jurisdiction", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "email", "latitude", "longitude", "radius_m"],
                condition=Q(kind="radius"),
                name="one_radius_alert_per_place",
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "email", "area_label"],
                condition=Q(kind="area"),
                name="one_area_alert_per_place",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="radius",
                        latitude__isnull=False,
                        longitude__isnull=False,
                        radius_m__isnull=False,
                        area_label="",
                    )
                    | Q(kind="area", radius_m__isnull=True, latitude__isnull=True)
                    & ~Q(area_label="")
                ),
                name="alert_place_of_its_kind",
            ),
        ]
        # A new report looks for the confirmed alerts of its city whose box holds its point:
        # the box's southern edge in a band below the point (rules.alert_band), then the
        # other three edges on the index's rows (docs/decisions/0033-alerts-and-feeds.md).
        indexes = [
            models.Index(
                fields=["jurisdiction", "min_latitude", "max_latitude"], name="alert_place"
            ),
        ]

    def __str__(self) -> str:
        # No address: this is what the audit trail keeps of an alert.
        place = self.area_label or f"{self.latitude}, {self.longitude} ({self.radius_m} m)"
        return f"Alert {self.pk}: {place}"


class AlertMail(models.Model):
    """One e-mail of an alert about one new report, queued for the task worker: the
    constraint makes it one per alert and report, the claim (`sent_at`) sends it once."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="mails")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="alert_mails")
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "report"], name="one_alert_mail_per_report")
        ]

    def __str__(self) -> str:
        return f"Alert {self.alert_id} about {self.report_id}"


# --- Dashboard tallies (participation.tallies keeps them; docs/decisions/0035-...) -----------
#
# Counts of reports per day filed (in the city's time zone) and what the dashboard groups them
# by, kept by the services in the same transaction as each change, so that a year's panel reads
# a few thousand rows instead of a few hundred thousand reports. Every column is a function of
# the report's own columns (and, for the area, of the city's bounds): `rebuild_cps_tallies`
# recomputes them exactly. Department, service and status are plain ids, not foreign keys: a
# department's deletion leaves its reports without one (SET_NULL) and the readers count an id
# the city no longer has as "no department", as the reports now say; 0 means none (a NULL
# would never meet itself in the unique key an upsert needs).


class DailyTally(models.Model):
    """Reports filed on a day, by service, department and current status."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    service_id = models.BigIntegerField()
    department_id = models.BigIntegerField()  # 0: no department
    status_id = models.BigIntegerField()
    filed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "day", "service_id", "department_id", "status_id"],
                name="daily_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} service {self.service_id} status {self.status_id}: {self.filed}"


class DailyAreaTally(models.Model):
    """Reports filed on a day, by cell of the dashboard's grid over the city (`rules.area_cell`:
    row * GRID + column, rows from the south; -1 without a location)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    cell = models.SmallIntegerField()
    filed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "day", "cell"], name="daily_area_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} cell {self.cell}: {self.filed}"


class DailyResolution(models.Model):
    """Reports filed on a day and closed since, by service, closing status and bucket of their
    time to resolve (`rules.resolution_bucket`): the histogram the percentiles are read from."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    service_id = models.BigIntegerField()
    status_id = models.BigIntegerField()
    bucket = models.SmallIntegerField()
    resolved = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "day", "service_id", "status_id", "bucket"],
                name="daily_resolution_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} service {self.service_id} bucket {self.bucket}: {self.resolved}"


class MonthlyResolution(models.Model):
    """`DailyResolution` summed over a calendar month (`month` is its first day): a year's
    panel reads its whole months here and only the days of its partial first and last
    months from the daily rows (measured: 115,000 daily rows for 366 days, 150 ms)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    service_id = models.BigIntegerField()
    status_id = models.BigIntegerField()
    bucket = models.SmallIntegerField()
    resolved = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "month", "service_id", "status_id", "bucket"],
                name="monthly_resolution_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} service {self.service_id} bucket {self.bucket}: {self.resolved}"
