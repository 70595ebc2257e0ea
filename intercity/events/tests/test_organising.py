"""The organiser enters an event: its details, rooms, tracks, sessions with their people and
registration categories; every rule refuses in words and saves nothing; only the organiser
may do it, and each change leaves an audit event."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.events import services
from intercity.events import services_organising as organising
from intercity.events.models import Event, Session, SessionKind, SessionRole
from intercity.events.tests import factories as f
from intercity.network.models import Network

pytestmark = pytest.mark.django_db


def forum_data(**values) -> organising.EventData:
    defaults = {
        "network": Network.objects.get(slug="wego"),
        "name": "Smart Cities Forum",
        "kind": Event.Kind.CONFERENCE,
        "place": "Seoul",
        "starts_on": f.FIRST_DAY,
        "ends_on": f.FIRST_DAY + dt.timedelta(days=1),
        "time_zone": "Asia/Seoul",
    }
    return organising.EventData(**{**defaults, **values})


def talk(title="Talk", start="10:00", end="11:00", day=1, **values) -> organising.SessionData:
    return organising.SessionData(
        title=title,
        kind=values.pop("kind", SessionKind.CONFERENCE),
        starts_at=f.at(day, start),
        ends_at=f.at(day, end) if end else None,
        **values,
    )


def test_the_secretariat_creates_an_event_and_it_is_audited(secretariat):
    event = organising.create_event(secretariat, forum_data())
    assert event.name == "Smart Cities Forum"
    assert not event.registration_open
    assert AuditEvent.objects.filter(verb="create_event", object_id=str(event.pk)).exists()


def test_a_city_officer_may_not_create_or_change_an_event(seoul_officer):
    with pytest.raises(PermissionDenied):
        organising.create_event(seoul_officer, forum_data())
    event = f.event()
    with pytest.raises(PermissionDenied):
        organising.change_event(seoul_officer, event, forum_data(name="Mine"))
    with pytest.raises(PermissionDenied):
        organising.save_room(seoul_officer, event, None, name="Hall", capacity=None)
    with pytest.raises(PermissionDenied):
        organising.save_session(seoul_officer, event, None, talk())
    assert Event.objects.get(pk=event.pk).name == "Test Forum"


def test_an_unknown_time_zone_and_days_out_of_order_are_refused(secretariat):
    with pytest.raises(DomainError, match="not a time zone"):
        organising.create_event(secretariat, forum_data(time_zone="Mars/Olympus"))
    with pytest.raises(DomainError, match="comes before the first day"):
        organising.create_event(secretariat, forum_data(ends_on=f.FIRST_DAY - dt.timedelta(1)))
    assert not Event.objects.filter(name="Smart Cities Forum").exists()


def test_a_session_with_its_speakers_and_moderator_is_added_and_changed(secretariat):
    event = f.event()
    hall = organising.save_room(secretariat, event, None, name="Hall", capacity=100)
    track = organising.save_track(secretariat, event, None, name="Data")
    people = [
        organising.Person(SessionRole.Role.MODERATOR, "Ana", "Madrid"),
        organising.Person(SessionRole.Role.SPEAKER, "Bo", ""),
    ]
    session = organising.save_session(
        secretariat, event, None, talk(room=hall, track=track, capacity=80, people=people)
    )
    assert [(p.role, p.name, p.affiliation) for p in session.people.all()] == [
        ("moderator", "Ana", "Madrid"),
        ("speaker", "Bo", ""),
    ]
    changed = organising.save_session(secretariat, event, session, talk(title="Keynote"))
    assert changed.title == "Keynote"
    assert changed.room is None
    assert not changed.people.exists()
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {
        "add_event_room",
        "add_event_track",
        "add_event_session",
        "change_event_session",
    } <= verbs


def test_a_session_outside_the_event_days_is_refused(secretariat):
    event = f.event()
    with pytest.raises(DomainError, match="falls outside the event's days"):
        organising.save_session(secretariat, event, None, talk(day=3))
    # 23:30 to 00:30 runs into a third day
    with pytest.raises(DomainError, match="falls outside"):
        organising.save_session(
            secretariat,
            event,
            None,
            organising.SessionData("Late", SessionKind.MEAL, f.at(2, "23:30"), f.at(3, "00:30")),
        )
    assert not Session.objects.filter(event=event).exists()


def test_the_days_are_read_in_the_events_time_zone(secretariat):
    # 08:00 in Seoul on the first day is 23:00 UTC the day before: still within the days.
    event = f.event()
    utc = dt.datetime.combine(f.FIRST_DAY - dt.timedelta(1), dt.time(23), tzinfo=dt.UTC)
    data = organising.SessionData("Breakfast", SessionKind.MEAL, utc, None)
    assert organising.save_session(secretariat, event, None, data).pk


def test_two_sessions_in_one_room_may_not_overlap_naming_the_other(secretariat):
    event = f.event()
    hall = organising.save_room(secretariat, event, None, name="Grand Hall", capacity=None)
    organising.save_session(secretariat, event, None, talk("Opening", room=hall))
    with pytest.raises(
        DomainError, match="Grand Hall is taken at that time by “Opening” \\(10:00\\)"
    ) as refusal:
        organising.save_session(
            secretariat, event, None, talk("Panel", "10:30", "11:30", room=hall)
        )
    assert refusal.value.status_code == 409
    # touching is fine, and so is another room
    organising.save_session(secretariat, event, None, talk("Panel", "11:00", "12:00", room=hall))
    organising.save_session(secretariat, event, None, talk("Side", "10:30", "11:30"))


def test_a_cancelled_session_frees_its_room(secretariat):
    event = f.event()
    hall = organising.save_room(secretariat, event, None, name="Hall", capacity=None)
    opening = organising.save_session(secretariat, event, None, talk("Opening", room=hall))
    organising.cancel_session(secretariat, event, opening)
    assert organising.save_session(secretariat, event, None, talk("Instead", room=hall)).pk
    with pytest.raises(DomainError, match="already cancelled"):
        organising.cancel_session(secretariat, event, opening)
    with pytest.raises(DomainError, match="cancelled"):
        organising.save_session(secretariat, event, opening, talk("Back"))


def test_a_session_may_not_offer_more_places_than_the_room_has_seats(secretariat):
    event = f.event()
    small = organising.save_room(secretariat, event, None, name="Room 201", capacity=30)
    with pytest.raises(DomainError, match="offers 31 places but Room 201 has 30 seats"):
        organising.save_session(secretariat, event, None, talk(room=small, capacity=31))
    session = organising.save_session(secretariat, event, None, talk(room=small, capacity=30))
    # nor may the room shrink below the places its session offers
    with pytest.raises(DomainError, match="offers 30 places but Room 201 has 20 seats"):
        organising.save_room(secretariat, event, small, name="Room 201", capacity=20)
    assert services.seats(Session.objects.get(pk=session.pk)) == 30


def test_the_event_days_cannot_be_shortened_past_a_session(secretariat):
    event = f.event()
    organising.save_session(secretariat, event, None, talk("Closing", day=2))
    with pytest.raises(DomainError, match=r"“Closing” .* would fall outside") as refusal:
        organising.change_event(secretariat, event, forum_data(ends_on=f.FIRST_DAY))
    assert refusal.value.status_code == 409
    assert Event.objects.get(pk=event.pk).ends_on == f.FIRST_DAY + dt.timedelta(days=1)
    # changing the time zone so that a session moves out of the days is refused too: 10:00
    # in Seoul is 15:00 the day before in Honolulu
    organising.save_session(secretariat, event, None, talk("Opening", day=1))
    with pytest.raises(DomainError, match=r"“Opening” .* would fall outside"):
        organising.change_event(secretariat, event, forum_data(time_zone="Pacific/Honolulu"))
    longer = organising.change_event(
        secretariat, event, forum_data(ends_on=f.FIRST_DAY + dt.timedelta(days=2))
    )
    assert longer.ends_on == f.FIRST_DAY + dt.timedelta(days=2)


def test_a_room_or_track_name_is_used_once_per_event(secretariat):
    event = f.event()
    organising.save_room(secretariat, event, None, name="Hall", capacity=None)
    with pytest.raises(DomainError, match="already has a room of that name"):
        organising.save_room(secretariat, event, None, name="Hall", capacity=None)
    organising.save_track(secretariat, event, None, name="Data")
    with pytest.raises(DomainError, match="already has a track"):
        organising.save_track(secretariat, event, None, name="Data")


def test_a_room_of_another_event_is_refused(secretariat):
    event, other = f.event(), f.event(name="Other")
    elsewhere = organising.save_room(secretariat, other, None, name="Hall", capacity=None)
    with pytest.raises(DomainError, match="another event"):
        organising.save_session(secretariat, event, None, talk(room=elsewhere))


def test_a_session_somebody_chose_is_cancelled_not_deleted(secretariat):
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    chosen = organising.save_session(secretariat, event, None, talk("Chosen"))
    alone = organising.save_session(secretariat, event, None, talk("Alone", "12:00", "13:00"))
    registration = services.register(
        None, event, delegate, name="Ana", email="ana@example.org", organisation="Madrid"
    )
    services.choose_session(registration, chosen)
    with pytest.raises(DomainError, match="in 1 personal agendas: cancel it instead"):
        organising.delete_session(secretariat, event, chosen)
    organising.delete_session(secretariat, event, alone)
    assert not Session.objects.filter(pk=alone.pk).exists()
    organising.cancel_session(secretariat, event, chosen)
    assert services.agenda(registration)[0].cancelled_at is not None
    from intercity.events import agenda_ics

    assert b"STATUS:CANCELLED" in agenda_ics.render(registration, services.agenda(registration))
    other = services.register(
        None, event, delegate, name="Bo", email="bo@example.org", organisation="Seoul"
    )
    with pytest.raises(DomainError, match="is cancelled"):
        services.choose_session(other, chosen)


def test_a_category_lists_the_kinds_it_may_attend(secretariat):
    event = f.event(registration_open=False)
    with pytest.raises(DomainError, match="Add a registration category first"):
        services.open_registration(secretariat, event, True)
    observer = organising.save_category(
        secretariat,
        event,
        None,
        code="observer",
        name="Observer",
        description="",
        kinds=[SessionKind.CONFERENCE, SessionKind.MEAL],
    )
    assert services.allowed_kinds(observer) == {"conference", "meal"}
    organising.save_category(
        secretariat,
        event,
        observer,
        code="observer",
        name="Observer",
        description="No meals",
        kinds=[SessionKind.CONFERENCE],
    )
    assert services.allowed_kinds(observer) == {"conference"}
    with pytest.raises(DomainError, match="already has a category with that code"):
        organising.save_category(
            secretariat, event, None, code="observer", name="X", description="", kinds=[]
        )
    with pytest.raises(DomainError, match="Unknown kind"):
        organising.save_category(
            secretariat, event, None, code="x", name="X", description="", kinds=["picnic"]
        )
    assert services.open_registration(secretariat, event, True).registration_open
