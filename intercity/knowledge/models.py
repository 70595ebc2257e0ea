"""Knowledge: the network's Smart Sustainable City Projects Catalog, the Best Practices Journal
that gathers catalog projects under an editorial, and the thematic clusters cities lead and
join (SPEC module 7; seed 002 "Introduction of WeGO Thematic Clusters", seed 003 Goals 2 and 3,
seed 001 "64 practices are posted online").

A project is written by its city in one language, in the catalog's one unified format (seed
003, Goal 3): background, main features, technical details, challenges, figures and impact,
budget and financing, partners. It moves draft -> in review -> published (`rules.py` says which
moves are allowed, and by whom). Only `knowledge.services` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.translated import TranslatedContent


class Sdg(TranslatedContent):
    """One of the 17 Sustainable Development Goals of the United Nations (2015)."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    name = models.CharField(max_length=120)

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name}"


class Cluster(TranslatedContent):
    """A thematic cluster: members around one core area of interest (seed 002, seed 003 Goal
    2). A cluster's theme is also a theme a catalog project can carry."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="clusters"
    )
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    announced_on = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member that proposed the cluster, when a member did."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thematic cluster")
        verbose_name_plural = _("thematic clusters")
        ordering = ["network", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="knowledge_cluster_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ClusterMember(models.Model):
    """A member of a cluster for a period: a member organisation of the network, or an outside
    stakeholder the Secretariat brings in (a company, a university, an expert body: seed 003,
    "bring in more stakeholders from the private sector, academia"). Leaving ends the period;
    joining again opens a new one, so the history stays."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead city")
        MEMBER = "member", _("Member")

    class StakeholderKind(models.TextChoices):
        COMPANY = "company", _("Company")
        UNIVERSITY = "university", _("University or research institute")
        ORGANISATION = "organisation", _("International or civil-society organisation")
        EXPERT = "expert", _("Expert")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cluster_memberships",
    )
    stakeholder_name = models.CharField(max_length=200, blank=True)
    stakeholder_kind = models.CharField(max_length=20, choices=StakeholderKind.choices, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        ordering = ["cluster", "-role", "joined_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(stakeholder_name=""),
                name="knowledge_member_is_someone",
            ),
            models.UniqueConstraint(
                fields=["cluster", "organisation"],
                condition=Q(left_on__isnull=True, organisation__isnull=False),
                name="knowledge_one_open_membership",
            ),
            models.UniqueConstraint(
                fields=["cluster"],
                condition=Q(left_on__isnull=True, role="lead"),
                name="knowledge_one_lead_city",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation_id else self.stakeholder_name


class ClusterEvent(models.Model):
    """Something the cluster's members meet for: a webinar, a workshop, a session at a
    General Assembly. The lead city's officer keeps the list."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cluster event")
        verbose_name_plural = _("cluster events")
        ordering = ["cluster", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="knowledge_event_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ClusterActivity(models.Model):
    """One line of a cluster's activity feed, written by the service that made the change
    (a member joined or left, a project tagged with the theme was published, an event was
    added, the lead city posted news)."""

    class Kind(models.TextChoices):
        JOINED = "joined", _("Joined")
        LEFT = "left", _("Left")
        LEAD = "lead", _("Lead changed")
        PROJECT = "project", _("Project published")
        EVENT = "event", _("Event added")
        POST = "post", _("News")
        PAGE = "page", _("Page updated")

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="activity")
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        ClusterMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        "knowledge.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        ClusterEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("cluster activity")
        verbose_name_plural = _("cluster activity")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["cluster", "-at"], name="knowledge_activity_feed")]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.kind}"


class Project(models.Model):
    """A project in the catalog, in the unified format (seed 003, Goal 3)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Completed")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="catalog_projects"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="catalog_projects"
    )
    title = models.CharField(max_length=250)
    # The language the city wrote the project in (a code of settings.LANGUAGES): the search
    # uses the matching text configuration.
    language = models.CharField(max_length=10, default="en")
    summary = models.TextField(blank=True)
    background = models.TextField(blank=True)
    main_features = models.TextField(blank=True)
    technical_details = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    figures_and_impact = models.TextField(blank=True)
    budget_and_financing = models.TextField(blank=True)
    # The budget as one figure in US dollars, for the budget-range filter; the text above
    # says what the city said (currency, phases, who paid).
    budget_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Cluster, blank=True, related_name="projects")
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="projects")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    # The award placement the project won (awards.Placement's id), read through the awards
    # module's services so the catalog stands without that module.
    award_placement_ref = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    source = models.CharField(max_length=500, blank=True)
    demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every edit: an edit made from an older copy is refused, not lost.
    version = models.PositiveIntegerField(default=1)
    # Every text of the project folded (lower case, accents off), kept by the services: the
    # search's accent- and case-insensitive text on both databases.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("catalog project")
        verbose_name_plural = _("catalog projects")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["network", "state", "-published_at"], name="knowledge_published"),
            models.Index(fields=["organisation", "state"], name="knowledge_city_projects"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="knowledge_project_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(budget_usd__isnull=True) | Q(budget_usd__gte=0),
                name="knowledge_budget_not_negative",
            ),
            # A winner is in the catalog once (services.catalog.add_winner also checks under a
            # lock, to say so in words).
            models.UniqueConstraint(
                fields=["award_placement_ref"],
                condition=Q(award_placement_ref__isnull=False),
                name="knowledge_one_project_per_placement",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def published(self) -> bool:
        return self.state == self.State.PUBLISHED


class ProjectPartner(models.Model):
    """A company or organisation the project worked with (e.g. Goyang's waste collection and
    its partner company, seed 002)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class ProjectLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class ProjectFile(models.Model):
    """An image or a document of a project; its type is checked by content and its size is
    bounded when uploaded; served only where the project may be seen."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="knowledge/%Y/%m/")
    name = models.CharField(max_length=200)
    caption = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class JournalIssue(TranslatedContent):
    """An issue of the Best Practices Journal (seed 003, Goal 3): catalog projects gathered
    under an editorial, published as a page, a PDF and an entry of the Atom feed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="journal_issues"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    editorial = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("journal issue")
        verbose_name_plural = _("journal issues")
        ordering = ["network", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="knowledge_issue_number"),
        ]

    def __str__(self) -> str:
        return self.title


class JournalEntry(models.Model):
    """A catalog project in an issue, in the editors' order, with their note on why."""

    issue = models.ForeignKey(JournalIssue, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="journal_entries")
    position = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["issue", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "project"], name="knowledge_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.project}"
