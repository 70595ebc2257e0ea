"""The clusters' named actions: who may join, leave, keep a page and manage members; each
action audited and written to the cluster's feed; a membership's history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.knowledge.models import Cluster, ClusterActivity, ClusterEvent, ClusterMember
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def living_labs(wego) -> Cluster:
    return Cluster.objects.get(network=wego, slug="living-labs-for-open-innovation")


@pytest.fixture
def mobility(wego) -> Cluster:
    return Cluster.objects.get(network=wego, slug="smart-mobility")


@pytest.fixture
def infrastructure(wego) -> Cluster:
    return Cluster.objects.get(network=wego, slug="smart-infrastructure")


def city(key: str) -> Organisation:
    return Organisation.objects.get(key=key)


def kinds(cluster: Cluster) -> list[str]:
    return [line.kind for line in services.feed(cluster)]


# --- Joining and leaving ---------------------------------------------------------------------


def test_an_officer_joins_for_their_city_and_the_feed_says_so(makati_officer, mobility):
    member = services.join(makati_officer, mobility, city("makati"))
    assert member.role == ClusterMember.Role.MEMBER
    assert member.joined_on == timezone.localdate()
    assert member.left_on is None
    line = services.feed(mobility)[0]
    assert line.kind == ClusterActivity.Kind.JOINED
    assert line.member == member
    assert services.describe(line) == "Makati joined the cluster."
    assert AuditEvent.objects.filter(verb="join_cluster", object_id=str(member.pk)).exists()


def test_a_citizen_cannot_join(citizen, mobility):
    with pytest.raises(PermissionDenied):
        services.join(citizen, mobility, city("makati"))
    assert not mobility.members.exists()


def test_an_officer_cannot_join_for_another_city(makati_officer, mobility):
    with pytest.raises(PermissionDenied):
        services.join(makati_officer, mobility, city("seoul"))


def test_a_city_that_is_not_a_member_of_the_network_cannot_join(mobility):
    taipei_officer = person("lin", Role.CITY_OFFICER, "taipei")
    with pytest.raises(DomainError, match="not a member city of WeGO"):
        services.join(taipei_officer, mobility, city("taipei"))
    assert not mobility.members.exists()


def test_joining_twice_is_refused_with_one_membership_left(makati_officer, mobility):
    services.join(makati_officer, mobility, city("makati"))
    with pytest.raises(DomainError, match="already a member") as refused:
        services.join(makati_officer, mobility, city("makati"))
    assert refused.value.status_code == 409
    assert mobility.members.count() == 1


def test_a_proposed_or_closed_cluster_takes_no_officer(makati_officer, infrastructure, mobility):
    with pytest.raises(DomainError, match="active"):
        services.join(makati_officer, infrastructure, city("makati"))
    Cluster.objects.filter(pk=mobility.pk).update(status=Cluster.Status.CLOSED)
    mobility.refresh_from_db()
    with pytest.raises(DomainError, match="active"):
        services.join(makati_officer, mobility, city("makati"))


def test_leaving_ends_the_period_and_joining_again_opens_a_new_one(makati_officer, mobility):
    first = services.join(makati_officer, mobility, city("makati"))
    services.leave(makati_officer, mobility, city("makati"))
    first.refresh_from_db()
    assert first.left_on == timezone.localdate()
    assert list(services.current_members(mobility)) == []
    assert list(services.former_members(mobility)) == [first]
    again = services.join(makati_officer, mobility, city("makati"))
    assert again.pk != first.pk
    assert kinds(mobility)[:3] == ["joined", "left", "joined"]
    assert services.describe(services.feed(mobility)[1]) == "Makati left the cluster."


def test_leaving_when_not_a_member_is_refused(makati_officer, mobility):
    with pytest.raises(DomainError, match="not a member"):
        services.leave(makati_officer, mobility, city("makati"))


def test_a_citizen_cannot_take_a_city_out(citizen, makati_officer, mobility):
    services.join(makati_officer, mobility, city("makati"))
    with pytest.raises(PermissionDenied):
        services.leave(citizen, mobility, city("makati"))


# --- The Secretariat's members and lead ------------------------------------------------------


def test_the_secretariat_adds_a_stakeholder_and_ends_its_membership(secretariat, mobility):
    member = services.add_stakeholder(secretariat, mobility, "  Ecube  Labs ", "company")
    assert member.stakeholder_name == "Ecube Labs"
    assert member.organisation is None
    with pytest.raises(DomainError, match="already a member"):
        services.add_stakeholder(secretariat, mobility, "ecube labs", "company")
    services.remove_member(secretariat, member)
    member.refresh_from_db()
    assert member.left_on is not None
    with pytest.raises(DomainError, match="already ended"):
        services.remove_member(secretariat, member)
    assert kinds(mobility)[:2] == ["left", "joined"]


@pytest.mark.parametrize(
    ("name", "kind", "problem"),
    [("", "company", "name"), ("X" * 201, "company", "200"), ("Acme", "pirate", "kind")],
)
def test_a_stakeholder_needs_a_name_and_a_kind(secretariat, mobility, name, kind, problem):
    with pytest.raises(DomainError, match=problem):
        services.add_stakeholder(secretariat, mobility, name, kind)
    assert not mobility.members.exists()


def test_only_the_secretariat_adds_members(seoul_officer, living_labs):
    with pytest.raises(PermissionDenied):
        services.add_stakeholder(seoul_officer, living_labs, "Acme", "company")
    with pytest.raises(PermissionDenied):
        services.add_member_city(seoul_officer, living_labs, city("makati"))
    with pytest.raises(PermissionDenied):
        services.set_lead(seoul_officer, living_labs, city("makati"))


def test_the_secretariat_adds_a_member_city_to_a_proposed_cluster(secretariat, infrastructure):
    member = services.add_member_city(secretariat, infrastructure, city("kabul"))
    assert member.organisation == city("kabul")


def test_changing_the_lead_keeps_the_former_lead_as_a_member(secretariat, living_labs):
    services.set_lead(secretariat, living_labs, city("makati"))
    rows = {m.organisation.key: m.role for m in services.current_members(living_labs)}
    assert rows == {"makati": "lead", "seoul": "member"}
    assert services.lead_of(living_labs) == city("makati")
    assert services.describe(services.feed(living_labs)[0]) == "Makati is now the lead city."
    event = AuditEvent.objects.get(verb="set_cluster_lead")
    assert event.before == {"lead": city("seoul").pk}
    assert event.after == {"lead": city("makati").pk}


def test_a_member_city_becomes_lead_in_its_own_membership(secretariat, makati_officer, mobility):
    joined = services.join(makati_officer, mobility, city("makati"))
    lead = services.set_lead(secretariat, mobility, city("makati"))
    assert lead.pk == joined.pk
    assert mobility.members.count() == 1
    with pytest.raises(DomainError, match="already the lead"):
        services.set_lead(secretariat, mobility, city("makati"))


def test_the_lead_must_be_a_member_city_of_the_network(secretariat, mobility):
    with pytest.raises(DomainError, match="not a member city"):
        services.set_lead(secretariat, mobility, city("taipei"))


def test_the_secretariat_opens_a_proposed_cluster_and_closes_it(secretariat, infrastructure):
    services.open_cluster(secretariat, infrastructure)
    assert infrastructure.status == Cluster.Status.ACTIVE
    with pytest.raises(DomainError, match="cannot move"):
        services.open_cluster(secretariat, infrastructure)
    services.close_cluster(secretariat, infrastructure)
    assert infrastructure.status == Cluster.Status.CLOSED
    with pytest.raises(DomainError, match="closed"):
        services.close_cluster(secretariat, infrastructure)
    words = [services.describe(line) for line in services.feed(infrastructure)[:2]]
    assert words == [
        "The cluster's status is now: Closed.",
        "The cluster's status is now: Active.",
    ]


def test_an_officer_cannot_open_or_close(seoul_officer, living_labs, infrastructure):
    with pytest.raises(PermissionDenied):
        services.open_cluster(seoul_officer, infrastructure)
    with pytest.raises(PermissionDenied):
        services.close_cluster(seoul_officer, living_labs)


# --- The lead city keeps the page ------------------------------------------------------------


def test_the_lead_citys_officer_edits_the_description(seoul_officer, living_labs):
    services.edit_description(seoul_officer, living_labs, "Bukchon as a living lab.")
    living_labs.refresh_from_db()
    assert living_labs.description == "Bukchon as a living lab."
    assert kinds(living_labs)[0] == "page"
    assert AuditEvent.objects.filter(verb="edit_cluster_page").count() == 1
    services.edit_description(seoul_officer, living_labs, "Bukchon as a living lab.")
    assert AuditEvent.objects.filter(verb="edit_cluster_page").count() == 1


def test_a_makati_officer_cannot_edit_seouls_cluster_page(makati_officer, living_labs):
    with pytest.raises(PermissionDenied):
        services.edit_description(makati_officer, living_labs, "Ours now.")
    with pytest.raises(PermissionDenied):
        services.post_news(makati_officer, living_labs, "Hello")
    with pytest.raises(PermissionDenied):
        services.add_event(
            makati_officer, living_labs, title="Webinar", starts_on=dt.date(2030, 1, 1)
        )
    living_labs.refresh_from_db()
    assert living_labs.description == ""


def test_a_member_that_is_not_the_lead_cannot_edit(makati_officer, living_labs):
    services.join(makati_officer, living_labs, city("makati"))
    assert not services.may_edit_page(makati_officer, living_labs)


def test_the_former_lead_can_no_longer_edit(secretariat, seoul_officer, living_labs):
    services.set_lead(secretariat, living_labs, city("makati"))
    with pytest.raises(PermissionDenied):
        services.post_news(seoul_officer, living_labs, "Still here")


def test_the_lead_posts_news_to_the_feed(seoul_officer, living_labs):
    line = services.post_news(seoul_officer, living_labs, "  Bukchon tour on Friday.  ")
    assert line.text == "Bukchon tour on Friday."
    assert services.feed(living_labs)[0] == line
    assert services.describe(line) == "Bukchon tour on Friday."


@pytest.mark.parametrize(("text", "problem"), [("   ", "Write"), ("x" * 1001, "at most 1000")])
def test_empty_or_long_news_is_refused(seoul_officer, living_labs, text, problem):
    before = ClusterActivity.objects.count()
    with pytest.raises(DomainError, match=problem):
        services.post_news(seoul_officer, living_labs, text)
    assert ClusterActivity.objects.count() == before


def test_events_are_added_edited_removed_and_split_upcoming_and_past(seoul_officer, living_labs):
    today = timezone.localdate()
    soon = services.add_event(
        seoul_officer,
        living_labs,
        title="Living lab webinar",
        starts_on=today + dt.timedelta(days=7),
        place="Online",
    )
    gone = services.add_event(
        seoul_officer, living_labs, title="Bukchon visit", starts_on=dt.date(2017, 6, 30)
    )
    running = services.add_event(
        seoul_officer,
        living_labs,
        title="Week of labs",
        starts_on=today - dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=2),
    )
    upcoming, past = services.events(living_labs, today)
    assert upcoming == [running, soon]
    assert past == [gone]
    assert services.describe(services.feed(living_labs)[0]) == "Event added: Week of labs"
    services.edit_event(seoul_officer, soon, title="Living lab webinar, part 1")
    assert services.describe(services.feed(living_labs)[0]).startswith("Event changed")
    services.remove_event(seoul_officer, gone)
    assert not ClusterEvent.objects.filter(pk=gone.pk).exists()
    assert services.describe(services.feed(living_labs)[0]) == "Event removed: Bukchon visit"


def test_an_event_that_ends_before_it_starts_is_refused(seoul_officer, living_labs):
    with pytest.raises(DomainError, match="ends on or after"):
        services.add_event(
            seoul_officer,
            living_labs,
            title="Backwards",
            starts_on=dt.date(2030, 2, 2),
            ends_on=dt.date(2030, 2, 1),
        )
    assert not living_labs.events.exists()


# --- The Secretariat's view across clusters --------------------------------------------------


def test_the_secretariat_sees_activity_across_clusters_by_cluster_and_kind(
    secretariat, makati_officer, seoul_officer, living_labs, mobility
):
    services.join(makati_officer, mobility, city("makati"))
    services.post_news(seoul_officer, living_labs, "News")
    lines = services.activity_across(secretariat)
    assert {line.cluster_id for line in lines[:2]} == {mobility.pk, living_labs.pk}
    only = services.activity_across(secretariat, cluster_id=mobility.pk)
    assert [line.kind for line in only] == ["joined"]
    posts = services.activity_across(secretariat, kind="post")
    assert {line.cluster_id for line in posts} == {living_labs.pk}  # news and the Taipei note
    with pytest.raises(DomainError):
        services.activity_across(secretariat, kind="gossip")
    counts = {
        row.cluster.slug: row for row in services.counts_per_cluster(secretariat, timezone.now())
    }
    assert (counts["smart-mobility"].last_30, counts["smart-mobility"].last_90) == (1, 1)
    # the seed's lines are from 2017: outside both windows
    assert counts["living-labs-for-open-innovation"].last_90 == 1


def test_only_the_secretariat_sees_activity_across_clusters(seoul_officer):
    with pytest.raises(PermissionDenied):
        services.activity_across(seoul_officer)
    with pytest.raises(PermissionDenied):
        services.counts_per_cluster(seoul_officer, timezone.now())


def test_the_secretariat_translates_a_clusters_name(secretariat, seoul_officer, mobility):
    mobility.name_ko = "스마트 이동"
    services.translate(secretariat, mobility, ["name_ko"])
    mobility.refresh_from_db()
    assert mobility.name_ko == "스마트 이동"
    assert AuditEvent.objects.filter(verb="translate_knowledge_content").count() == 1
    with pytest.raises(PermissionDenied):
        services.translate(seoul_officer, mobility, ["name_ko"])
    mobility.status = Cluster.Status.CLOSED
    with pytest.raises(DomainError, match="Only the translations"):
        services.translate(secretariat, mobility, ["status"])
