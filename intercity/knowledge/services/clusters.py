"""Thematic clusters: their members, events, news and activity feed (seed 002, "Introduction
of WeGO Thematic Clusters"; seed 003, Goal 2).

Who does what:
- a city officer joins a cluster for their city, if the city is a current member of the
  cluster's network, and leaves it (the period ends; joining again opens a new one);
- the Secretariat brings in an outside stakeholder (a company, a university ...) or any member
  city, ends anyone's membership, sets or changes the lead city, opens a proposed cluster and
  closes one;
- the lead city's officers (and the Secretariat) keep the cluster's page: its description, its
  events and its news.

Each action runs in one transaction, writes its audit event and one line of the cluster's
activity feed. The database holds the two rules a race could break: one open membership per
city and one lead city per cluster (`ClusterMember`'s constraints); a request that loses the
race is refused with a message, never half-saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit, translated
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.knowledge.models import (
    Cluster,
    ClusterActivity,
    ClusterEvent,
    ClusterMember,
    Project,
)
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation

FEED_PAGE = 20
# A "page" line says what changed on the page: nothing (the description), its event (an
# event edited), or one of these marks and a value (the status it moved to; the title of an
# event removed). `describe` words each line in the reader's language.
STATUS_MARK = "status:"
REMOVED_MARK = "event-removed:"
NEWS_MAX = 1000
Kind = ClusterActivity.Kind


def note_project_published(project: Project, actor: Any) -> int:
    """A line in the feed of every cluster whose theme the newly published project carries;
    called by the catalog's publishing action, inside its transaction. Returns the lines
    written."""
    now = timezone.now()
    lines = [
        ClusterActivity(
            cluster=theme,
            at=now,
            kind=ClusterActivity.Kind.PROJECT,
            actor=permissions.user_or_none(actor),
            project=project,
        )
        for theme in project.themes.all()
    ]
    ClusterActivity.objects.bulk_create(lines)
    return len(lines)


# --- Reading ---------------------------------------------------------------------------------


def clusters() -> QuerySet[Cluster]:
    """Every cluster with its network and its current member count (cities and stakeholders)."""
    return (
        Cluster.objects.select_related("network", "proposed_by")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True)
        )
        .order_by("network__slug", "position", "slug")
    )


def get_cluster(cluster_id: int) -> Cluster:
    cluster = clusters().filter(pk=cluster_id).first()
    if cluster is None:
        raise NotFound(_("No thematic cluster %(id)s.") % {"id": cluster_id})
    return cluster


def current_members(cluster: Cluster) -> QuerySet[ClusterMember]:
    """The members today: the lead city first, then by the day they joined."""
    return (
        ClusterMember.objects.filter(cluster=cluster, left_on__isnull=True)
        .select_related("organisation")
        .order_by("role", "joined_on", "pk")  # "lead" sorts before "member"
    )


def former_members(cluster: Cluster) -> QuerySet[ClusterMember]:
    return (
        ClusterMember.objects.filter(cluster=cluster, left_on__isnull=False)
        .select_related("organisation")
        .order_by("-left_on", "-pk")
    )


def leads(cluster_ids: list[int]) -> dict[int, Organisation]:
    """The lead city of each cluster that has one, by cluster id (one query)."""
    found = ClusterMember.objects.filter(
        cluster_id__in=cluster_ids, role=ClusterMember.Role.LEAD, left_on__isnull=True
    ).select_related("organisation")
    return {m.cluster_id: m.organisation for m in found if m.organisation is not None}


def lead_of(cluster: Cluster) -> Organisation | None:
    return leads([cluster.pk]).get(cluster.pk)


def projects(cluster: Cluster) -> QuerySet[Project]:
    """The published catalog projects that carry the cluster's theme."""
    return (
        Project.objects.filter(themes=cluster, state=Project.State.PUBLISHED)
        .select_related("organisation")
        .order_by("-published_at", "-pk")
    )


def events(cluster: Cluster, today: dt.date) -> tuple[list[ClusterEvent], list[ClusterEvent]]:
    """(upcoming, past): an event is upcoming until its last day has passed; the upcoming
    soonest first, the past latest first."""
    upcoming: list[ClusterEvent] = []
    past: list[ClusterEvent] = []
    for event in ClusterEvent.objects.filter(cluster=cluster).order_by("starts_on", "pk"):
        (upcoming if (event.ends_on or event.starts_on) >= today else past).append(event)
    past.reverse()
    return upcoming, past


def feed(cluster: Cluster, limit: int = FEED_PAGE) -> list[ClusterActivity]:
    """The cluster's activity, newest first; `limit` + 1 lines are read so a caller can tell
    whether there is more."""
    return list(
        ClusterActivity.objects.filter(cluster=cluster)
        .select_related("actor", "member__organisation", "project", "event")
        .order_by("-at", "-pk")[: limit + 1]
    )


def may_edit_page(user: Any, cluster: Cluster) -> bool:
    """The Secretariat, and the officers of the cluster's lead city today."""
    if permissions.is_secretariat(user):
        return True
    mine = permissions.officer_organisation_ids(user)
    if not mine:
        return False
    return ClusterMember.objects.filter(
        cluster=cluster,
        role=ClusterMember.Role.LEAD,
        left_on__isnull=True,
        organisation_id__in=mine,
    ).exists()


def is_network_member(network: Network, organisation: Organisation, today: dt.date) -> bool:
    """A current member of the network that day (active or suspended: network.services)."""
    period = network_services.period_on(network, organisation, today)
    return period is not None and network_services.is_current(period.status)


@dataclass(frozen=True)
class JoinChoice:
    """One of an officer's cities on a cluster's page: may it join, is it in already."""

    organisation: Organisation
    member: ClusterMember | None
    eligible: bool


def join_choices(user: Any, cluster: Cluster, today: dt.date) -> list[JoinChoice]:
    """The cities the person is an officer of, each with its open membership of the cluster
    (if any) and whether it may join (a current member of the cluster's network)."""
    ids = permissions.officer_organisation_ids(user)
    if not ids:
        return []
    open_rows = {
        m.organisation_id: m
        for m in ClusterMember.objects.filter(
            cluster=cluster, organisation_id__in=ids, left_on__isnull=True
        )
    }
    return [
        JoinChoice(
            organisation=organisation,
            member=open_rows.get(organisation.pk),
            eligible=is_network_member(cluster.network, organisation, today),
        )
        for organisation in Organisation.objects.filter(pk__in=ids).order_by("name")
    ]


def _member_cities(network: Network, today: dt.date) -> list[tuple[int, str]]:
    """The network's current member cities that day, by name (one query)."""
    wanted = network_services.MemberFilter(on=today, status=network_services.CURRENT)
    return [
        (period.membership.organisation_id, period.membership.organisation.name)
        for period in network_services.members(network, wanted)
        if period.membership.organisation.kind == Organisation.Kind.CITY
    ]


def member_city_choices(cluster: Cluster, today: dt.date) -> list[tuple[int, str]]:
    """The network's current member cities not in the cluster today: whom the Secretariat may
    add."""
    inside = set(
        ClusterMember.objects.filter(
            cluster=cluster, left_on__isnull=True, organisation__isnull=False
        ).values_list("organisation_id", flat=True)
    )
    return [(pk, name) for pk, name in _member_cities(cluster.network, today) if pk not in inside]


def lead_choices(cluster: Cluster, today: dt.date) -> list[tuple[int, str]]:
    """The network's current member cities the Secretariat may make the lead city."""
    return _member_cities(cluster.network, today)


# --- Helpers of the actions -----------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _lock(cluster: Cluster) -> Cluster:
    """Re-read the cluster under a row lock inside the caller's transaction: the changes of
    one cluster's members and lead are judged one after the other."""
    locked = Cluster.objects.select_for_update().filter(pk=cluster.pk).first()
    if locked is None:
        raise NotFound(_("This thematic cluster no longer exists."))
    return locked


def _line(
    cluster: Cluster,
    kind: str,
    actor: Any,
    *,
    member: ClusterMember | None = None,
    event: ClusterEvent | None = None,
    text: str = "",
) -> ClusterActivity:
    return ClusterActivity.objects.create(
        cluster=cluster,
        at=timezone.now(),
        kind=kind,
        actor=permissions.user_or_none(actor),
        member=member,
        event=event,
        text=text,
    )


def _require_open(cluster: Cluster) -> None:
    if cluster.status == Cluster.Status.CLOSED:
        raise DomainError(_("This thematic cluster is closed."), status=409)


def _require_editor(actor: Any, cluster: Cluster) -> None:
    if not may_edit_page(actor, cluster):
        raise PermissionDenied(
            _("Only the lead city's officers and the Secretariat may change this cluster's page.")
        )


def _require_secretariat(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may manage the thematic clusters.")
    )


def _require_network_member(cluster: Cluster, organisation: Organisation, today: dt.date) -> None:
    if organisation.kind != Organisation.Kind.CITY or not is_network_member(
        cluster.network, organisation, today
    ):
        raise DomainError(
            _("%(city)s is not a member city of %(network)s; only member cities join its clusters.")
            % {"city": organisation.name, "network": cluster.network.short_name}
        )


def _already_member(organisation: Organisation) -> DomainError:
    return DomainError(
        _("%(city)s is already a member of this cluster.") % {"city": organisation.name},
        status=409,
    )


def _open_membership(cluster: Cluster, organisation: Organisation) -> ClusterMember | None:
    return ClusterMember.objects.filter(
        cluster=cluster, organisation=organisation, left_on__isnull=True
    ).first()


def _member_snapshot(member: ClusterMember) -> dict[str, Any]:
    return audit.snapshot(
        member,
        [
            "cluster",
            "organisation",
            "stakeholder_name",
            "stakeholder_kind",
            "role",
            "joined_on",
            "left_on",
        ],
    )


def _add_city(
    actor: Any, cluster: Cluster, organisation: Organisation, role: str, verb: str
) -> ClusterMember:
    """Open a membership for a city; the unique constraint refuses a second open one, even
    from a request that checked at the same moment."""
    today = _today()
    try:
        with transaction.atomic():
            locked = _lock(cluster)
            if _open_membership(locked, organisation) is not None:
                raise _already_member(organisation)
            member = ClusterMember.objects.create(
                cluster=locked, organisation=organisation, role=role, joined_on=today
            )
            audit.record(actor, verb, member, after=_member_snapshot(member))
            _line(locked, Kind.JOINED, actor, member=member)
    except IntegrityError:
        raise _already_member(organisation) from None
    return member


# --- Members ---------------------------------------------------------------------------------


def join(actor: Any, cluster: Cluster, organisation: Organisation) -> ClusterMember:
    """A city officer joins an active cluster for their city, a current member city of the
    cluster's network."""
    if organisation.pk not in permissions.officer_organisation_ids(actor):
        raise PermissionDenied(_("Only an officer of the city may join a cluster for it."))
    if cluster.status != Cluster.Status.ACTIVE:
        raise DomainError(_("Only an active cluster takes new members."), status=409)
    _require_network_member(cluster, organisation, _today())
    return _add_city(actor, cluster, organisation, ClusterMember.Role.MEMBER, "join_cluster")


def add_member_city(actor: Any, cluster: Cluster, organisation: Organisation) -> ClusterMember:
    """The Secretariat adds a member city to a cluster (active or still proposed)."""
    _require_secretariat(actor)
    _require_open(cluster)
    _require_network_member(cluster, organisation, _today())
    return _add_city(actor, cluster, organisation, ClusterMember.Role.MEMBER, "add_cluster_member")


def add_stakeholder(actor: Any, cluster: Cluster, name: str, kind: str) -> ClusterMember:
    """The Secretariat brings in an outside stakeholder: a company, a university, an
    international or civil-society organisation, an expert (seed 003, Goal 2)."""
    _require_secretariat(actor)
    _require_open(cluster)
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the stakeholder's name."))
    if len(name) > 200:
        raise DomainError(_("A stakeholder's name has at most 200 characters."))
    if kind not in ClusterMember.StakeholderKind.values:
        raise DomainError(_("Choose what kind of stakeholder this is."))
    with transaction.atomic():
        locked = _lock(cluster)
        if ClusterMember.objects.filter(
            cluster=locked,
            organisation__isnull=True,
            left_on__isnull=True,
            stakeholder_name__iexact=name,
        ).exists():
            raise DomainError(
                _("%(name)s is already a member of this cluster.") % {"name": name}, status=409
            )
        member = ClusterMember.objects.create(
            cluster=locked, stakeholder_name=name, stakeholder_kind=kind, joined_on=_today()
        )
        audit.record(actor, "add_cluster_stakeholder", member, after=_member_snapshot(member))
        _line(locked, Kind.JOINED, actor, member=member)
    return member


def _end(actor: Any, member: ClusterMember, verb: str) -> ClusterMember:
    """End an open membership once: the conditional update makes a second click a refusal."""
    today = _today()
    with transaction.atomic():
        ended = ClusterMember.objects.filter(pk=member.pk, left_on__isnull=True).update(
            left_on=today
        )
        if not ended:
            raise DomainError(_("This membership has already ended."), status=409)
        before = _member_snapshot(member)
        member.refresh_from_db()
        audit.record(actor, verb, member, before=before, after=_member_snapshot(member))
        _line(member.cluster, Kind.LEFT, actor, member=member)
    return member


def leave(actor: Any, cluster: Cluster, organisation: Organisation) -> ClusterMember:
    """A city officer takes their city out of the cluster: its period ends today (the lead
    city leaving leaves the cluster without a lead until the Secretariat names one)."""
    if organisation.pk not in permissions.officer_organisation_ids(actor):
        raise PermissionDenied(_("Only an officer of the city may take it out of a cluster."))
    member = _open_membership(cluster, organisation)
    if member is None:
        raise DomainError(
            _("%(city)s is not a member of this cluster.") % {"city": organisation.name},
            status=409,
        )
    return _end(actor, member, "leave_cluster")


def remove_member(actor: Any, member: ClusterMember) -> ClusterMember:
    """The Secretariat ends a member's period (a city or a stakeholder)."""
    _require_secretariat(actor)
    return _end(actor, member, "remove_cluster_member")


def get_member(cluster: Cluster, member_id: int) -> ClusterMember:
    member = (
        ClusterMember.objects.filter(cluster=cluster, pk=member_id)
        .select_related("organisation", "cluster")
        .first()
    )
    if member is None:
        raise NotFound(_("No such member of this cluster."))
    return member


def set_lead(actor: Any, cluster: Cluster, organisation: Organisation) -> ClusterMember:
    """The Secretariat makes a member city the cluster's lead city. The lead before stays a
    member; a city not yet in the cluster joins it as its lead. One lead at a time: the row
    lock orders two changes sent together, and the database's constraint refuses a second
    open lead whatever happens."""
    _require_secretariat(actor)
    _require_open(cluster)
    today = _today()
    _require_network_member(cluster, organisation, today)
    try:
        with transaction.atomic():
            locked = _lock(cluster)
            current = ClusterMember.objects.filter(
                cluster=locked, role=ClusterMember.Role.LEAD, left_on__isnull=True
            ).first()
            if current is not None and current.organisation_id == organisation.pk:
                raise DomainError(
                    _("%(city)s is already the lead city of this cluster.")
                    % {"city": organisation.name},
                    status=409,
                )
            before = {"lead": current.organisation_id if current else None}
            if current is not None:
                ClusterMember.objects.filter(pk=current.pk).update(role=ClusterMember.Role.MEMBER)
            member = _open_membership(locked, organisation)
            if member is None:
                member = ClusterMember.objects.create(
                    cluster=locked,
                    organisation=organisation,
                    role=ClusterMember.Role.LEAD,
                    joined_on=today,
                )
            else:
                ClusterMember.objects.filter(pk=member.pk).update(role=ClusterMember.Role.LEAD)
                member.role = ClusterMember.Role.LEAD
            audit.record(
                actor, "set_cluster_lead", locked, before=before, after={"lead": organisation.pk}
            )
            _line(locked, Kind.LEAD, actor, member=member)
    except IntegrityError:
        raise DomainError(
            _("The lead city changed at the same moment; reload the page and try again."),
            status=409,
        ) from None
    return member


# --- The cluster's page: description, events, news -------------------------------------------


def edit_description(actor: Any, cluster: Cluster, description: str) -> Cluster:
    """The lead city's officer (or the Secretariat) rewrites the cluster's description (the
    English text; its translations are written in the admin)."""
    _require_editor(actor, cluster)
    description = (description or "").strip()
    if len(description) > 5000:
        raise DomainError(_("The description has at most 5000 characters."))
    with transaction.atomic():
        locked = _lock(cluster)
        with_english = translated.translated_field_names("description")[0]
        before = getattr(locked, with_english) or ""
        if before == description:
            return locked
        Cluster.objects.filter(pk=locked.pk).update(
            description=description, **{with_english: description}, updated_at=timezone.now()
        )
        audit.record(
            actor,
            "edit_cluster_page",
            locked,
            before={"description": before},
            after={"description": description},
        )
        _line(locked, Kind.PAGE, actor)
    locked.refresh_from_db()
    return locked


EVENT_FIELDS = ("title", "starts_on", "ends_on", "place", "url", "description")


def _event_problems(values: dict[str, Any]) -> list[str]:
    problems = []
    if not str(values.get("title") or "").strip():
        problems.append(_("Give the event a title."))
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if not isinstance(starts, dt.date):
        problems.append(_("Give the day the event starts."))
    elif ends is not None and ends < starts:
        problems.append(_("An event ends on or after the day it starts."))
    return problems


def _clean_event(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    problems = _event_problems(cleaned)
    if problems:
        raise DomainError(" ".join(problems))
    return cleaned


def add_event(actor: Any, cluster: Cluster, **values: Any) -> ClusterEvent:
    _require_editor(actor, cluster)
    _require_open(cluster)
    cleaned = _clean_event(values)
    with transaction.atomic():
        locked = _lock(cluster)
        event = ClusterEvent(cluster=locked, created_by=permissions.user_or_none(actor), **cleaned)
        full_clean_or_refuse(event)
        event.save()
        audit.record(actor, "add_cluster_event", event, after=audit.snapshot(event, [*cleaned]))
        _line(locked, Kind.EVENT, actor, event=event)
    return event


def get_event(cluster: Cluster, event_id: int) -> ClusterEvent:
    event = ClusterEvent.objects.filter(cluster=cluster, pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event of this cluster."))
    return event


def edit_event(actor: Any, event: ClusterEvent, **values: Any) -> ClusterEvent:
    cluster = event.cluster
    _require_editor(actor, cluster)
    cleaned = _clean_event({**{f: getattr(event, f) for f in EVENT_FIELDS}, **values})
    with transaction.atomic():
        locked = ClusterEvent.objects.select_for_update().filter(pk=event.pk).first()
        if locked is None:
            raise NotFound(_("This event no longer exists."))
        changed = {k: v for k, v in cleaned.items() if getattr(locked, k) != v}
        if not changed:
            return locked
        before = audit.snapshot(locked, sorted(changed))
        for name, value in changed.items():
            setattr(locked, name, value)
        full_clean_or_refuse(locked)
        locked.save()
        audit.record(
            actor,
            "edit_cluster_event",
            locked,
            before=before,
            after=audit.snapshot(locked, sorted(changed)),
        )
        _line(cluster, Kind.PAGE, actor, event=locked)
    return locked


def remove_event(actor: Any, event: ClusterEvent) -> None:
    cluster = event.cluster
    _require_editor(actor, cluster)
    with transaction.atomic():
        before = audit.snapshot(event, ["title", "starts_on", "ends_on", "place"])
        deleted, _rows = ClusterEvent.objects.filter(pk=event.pk).delete()
        if not deleted:
            raise NotFound(_("This event no longer exists."))
        audit.record(actor, "remove_cluster_event", cluster, before={"event": before})
        _line(cluster, Kind.PAGE, actor, text=f"{REMOVED_MARK}{before['title']}")


def post_news(actor: Any, cluster: Cluster, text: str) -> ClusterActivity:
    """A short piece of news in the cluster's feed, from the lead city or the Secretariat."""
    _require_editor(actor, cluster)
    _require_open(cluster)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the news first."))
    if len(text) > NEWS_MAX:
        raise DomainError(
            _("News has at most %(count)s characters; this has %(given)s.")
            % {"count": NEWS_MAX, "given": len(text)}
        )
    with transaction.atomic():
        locked = _lock(cluster)
        line = _line(locked, Kind.POST, actor, text=text)
        audit.record(actor, "post_cluster_news", locked, after={"text": text})
    return line


# --- The cluster's status --------------------------------------------------------------------


def _move(actor: Any, cluster: Cluster, source: str, target: str, verb: str) -> Cluster:
    with transaction.atomic():
        moved = Cluster.objects.filter(pk=cluster.pk, status=source).update(
            status=target, updated_at=timezone.now()
        )
        if not moved:
            cluster.refresh_from_db()
            raise DomainError(
                _("This cluster's status is: %(status)s; it cannot move so.")
                % {"status": cluster.get_status_display()},
                status=409,
            )
        cluster.refresh_from_db()
        audit.record(actor, verb, cluster, before={"status": source}, after={"status": target})
        _line(cluster, Kind.PAGE, actor, text=f"{STATUS_MARK}{target}")
    return cluster


def open_cluster(actor: Any, cluster: Cluster) -> Cluster:
    """A proposed cluster becomes active (the Secretariat)."""
    _require_secretariat(actor)
    return _move(actor, cluster, Cluster.Status.PROPOSED, Cluster.Status.ACTIVE, "open_cluster")


def close_cluster(actor: Any, cluster: Cluster) -> Cluster:
    """An active or proposed cluster is closed (the Secretariat); its history stays."""
    _require_secretariat(actor)
    source = cluster.status
    if source == Cluster.Status.CLOSED:
        raise DomainError(_("This thematic cluster is closed."), status=409)
    return _move(actor, cluster, source, Cluster.Status.CLOSED, "close_cluster")


def translate(actor: Any, part: Cluster | Any, changed: list[str]) -> None:
    """Save the translations the Secretariat wrote in the admin for a cluster's name and
    description or an SDG's name; only the columns of languages other than English change."""
    _require_secretariat(actor)
    with transaction.atomic():
        translated.save_translations(part)
        audit.record(
            actor,
            "translate_knowledge_content",
            part,
            after={"part": f"{part._meta.model_name} {part}", "changed": sorted(changed)},
        )


# --- The Secretariat's view across clusters --------------------------------------------------


@dataclass(frozen=True)
class ClusterCount:
    cluster: Cluster
    last_30: int
    last_90: int


def activity_across(
    actor: Any, *, cluster_id: int | None = None, kind: str = "", limit: int = 100
) -> list[ClusterActivity]:
    """Every cluster's recent lines, newest first, optionally of one cluster or one kind."""
    _require_secretariat(actor)
    found = ClusterActivity.objects.select_related(
        "cluster", "actor", "member__organisation", "project", "event"
    ).order_by("-at", "-pk")
    if cluster_id:
        found = found.filter(cluster_id=cluster_id)
    if kind:
        if kind not in Kind.values:
            raise DomainError(_("Unknown kind of activity: %(kind)s.") % {"kind": kind})
        found = found.filter(kind=kind)
    return list(found[:limit])


def counts_per_cluster(actor: Any, now: dt.datetime) -> list[ClusterCount]:
    """Each cluster's lines over the last 30 and 90 days before `now` (two counts in one
    query)."""
    _require_secretariat(actor)
    since_30 = now - dt.timedelta(days=30)
    since_90 = now - dt.timedelta(days=90)
    rows = (
        Cluster.objects.select_related("network")
        .annotate(
            last_30=Count("activity", filter=Q(activity__at__gte=since_30, activity__at__lte=now)),
            last_90=Count("activity", filter=Q(activity__at__gte=since_90, activity__at__lte=now)),
        )
        .order_by("network__slug", "position", "slug")
    )
    return [ClusterCount(c, c.last_30, c.last_90) for c in rows]


def clusters_of_organisation(organisation: Organisation) -> QuerySet[ClusterMember]:
    """The clusters a city is a member of today."""
    return (
        ClusterMember.objects.filter(organisation=organisation, left_on__isnull=True)
        .select_related("cluster", "cluster__network")
        .order_by("cluster__network__slug", "cluster__position")
    )


def latest_activity(limit: int = 5) -> list[ClusterActivity]:
    return list(
        ClusterActivity.objects.select_related(
            "cluster", "member__organisation", "project"
        ).order_by("-at", "-pk")[:limit]
    )


def describe(line: ClusterActivity) -> str:
    """One feed line in words, in the active language (the news is the lead city's own)."""
    who = str(line.member) if line.member_id else _("A former member")
    if line.kind == Kind.JOINED:
        return _("%(who)s joined the cluster.") % {"who": who}
    if line.kind == Kind.LEFT:
        return _("%(who)s left the cluster.") % {"who": who}
    if line.kind == Kind.LEAD:
        return _("%(who)s is now the lead city.") % {"who": who}
    if line.kind == Kind.PROJECT:
        project = line.project
        shown = project is not None and project.state == Project.State.PUBLISHED
        title = project.title if shown and project else _("a project no longer published")
        return _("Project published: %(title)s") % {"title": title}
    if line.kind == Kind.EVENT:
        title = line.event.title if line.event else _("an event since removed")
        return _("Event added: %(title)s") % {"title": title}
    if line.kind == Kind.POST:
        return line.text
    if line.text.startswith(STATUS_MARK):
        status = line.text.removeprefix(STATUS_MARK)
        label = dict(Cluster.Status.choices).get(status, status)
        return _("The cluster's status is now: %(status)s.") % {"status": label}
    if line.text.startswith(REMOVED_MARK):
        return _("Event removed: %(title)s") % {"title": line.text.removeprefix(REMOVED_MARK)}
    if line.event:
        return _("Event changed: %(title)s") % {"title": line.event.title}
    return _("The cluster's description was updated.")
