"""The programme of the 4th WeGO General Assembly (27-30 June 2017, Ulyanovsk Region, Russia)
from seed 002, "Program at a Glance", with the chairs, moderators and speakers the report's
sections name. Idempotent: a second load changes nothing.

Only what the seed says: the rooms are the programme's (no seat counts, no interpretation are
given, so none are stored); a time the programme leaves open (the Gala Dinner's end, the
transfer to the airport) is stored without an end. The programme's first cell of 28 June is
partly illegible in the seed ("…TION PHOTO ZONE TIME …1:00 / Lobby"): it is stored as "Photo
Zone Time" from 09:00 to 11:00. The EXCOM meeting and the two General Assembly sessions point
at governance's meetings, the awards ceremony at the 3rd awards edition, and the event at
exchange's matchmaking meetings, by plain references read only when those modules are
installed. The 2017 event is over: its registration is closed and it has no categories.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter

from django.db import transaction

from intercity.events.models import Event, Room, Session, SessionKind, SessionRole, Track
from intercity.network.models import Network

SOURCE = "seed 002, Program at a Glance"
NAME = "4th WeGO General Assembly"
ZONE = "Europe/Ulyanovsk"
ROOMS = (
    "Assembly Hall",
    "Conference Room",
    "Lobby",
    "Oblomov Res.",
    "Hilton Garden",
    "Lenin Memorial",
)
TRACK = "Sessions"  # the report's contents group Sessions 1 to 6 under this heading
K = SessionKind

# (day of June, start, end or "", title, room or "", kind, track?, record, people)
# people: (role, name, affiliation)
PROGRAMME: tuple[
    tuple[int, str, str, str, str, str, bool, tuple[str, str], tuple[tuple[str, str, str], ...]],
    ...,
] = (
    (
        27,
        "17:00",
        "18:30",
        "EXCOM Meeting",
        "Assembly Hall",
        K.EXCOM,
        False,
        ("governance", "wego-excom-2017"),
        (),
    ),
    (27, "18:30", "20:30", "Welcome Dinner", "Hilton Garden", K.MEAL, False, ("", ""), ()),
    (28, "09:00", "11:00", "Photo Zone Time", "Lobby", K.LOGISTICS, False, ("", ""), ()),
    (
        28,
        "10:00",
        "11:30",
        "World CIO Forum",
        "Assembly Hall",
        K.CONFERENCE,
        False,
        ("", ""),
        (("speaker", "Mr. Evgeny Kozlov", "Deputy Head of the Mayor of Moscow Staff Office"),),
    ),
    (
        28,
        "10:00",
        "11:30",
        "Session 1: The Road to Smart Sustainable Cities",
        "Conference Room",
        K.CONFERENCE,
        True,
        ("", ""),
        (
            ("moderator", "Ms. Mijung Kim", "CEO of Yong Consulting"),
            ("speaker", "Mr. Chungha Cha", "Founder and Chair of Re-Imagining Cities Foundation"),
            ("speaker", "Mr. Seung-su Kim", "Vice Mayor of Daegu"),
        ),
    ),
    (28, "11:30", "13:30", "CIO Lunch", "Oblomov Res.", K.MEAL, False, ("", ""), ()),
    (28, "11:30", "13:30", "Lunch", "Hilton Garden", K.MEAL, False, ("", ""), ()),
    (
        28,
        "13:30",
        "15:30",
        "Assembly Session I",
        "Assembly Hall",
        K.ASSEMBLY,
        False,
        ("governance", "wego-ga-2017"),
        (
            ("chair", "Mr. Won-soon Park", "Mayor of Seoul and President of WeGO"),
            ("speaker", "Mr. Gary Fowlie", "Head of ITU Liaison Office to the United Nations"),
            ("speaker", "Dr. Young-sook Nam", "Secretary General of WeGO"),
        ),
    ),
    (28, "15:30", "15:50", "Coffee Break", "Lobby", K.BREAK, False, ("", ""), ()),
    (
        28,
        "15:50",
        "17:50",
        "Assembly Session 2 & WeGO Smart Sustainable City Awards Ceremony",
        "Assembly Hall",
        K.CEREMONY,
        False,
        ("awards", "2017"),
        (("speaker", "Dr. Marc Wolfram", "Head of the Awards Judging Panel"),),
    ),
    (
        28,
        "17:50",
        "18:30",
        "Press Conference",
        "Conference Room",
        K.PRESS,
        False,
        ("", ""),
        (
            ("moderator", "Mr. Andrew Yongwoo Lim", "Program Officer, WeGO Secretariat"),
            (
                "moderator",
                "Ms. Anastasiya Podgornova",
                "Press Secretary, Directorate for Sports and Mass Events, Ulyanovsk Region",
            ),
            ("speaker", "Mr. Won-soon Park", "Mayor of Seoul and President of WeGO"),
            ("speaker", "Dr. Young-sook Nam", "Secretary General of WeGO"),
            ("speaker", "Mr. Sung Choi", "Mayor of Goyang"),
        ),
    ),
    (28, "18:30", "19:00", "Recess", "", K.BREAK, False, ("", ""), ()),
    (
        28,
        "19:00",
        "",
        "WeGO Gala Dinner (+ Networking)",
        "Lenin Memorial",
        K.MEAL,
        False,
        ("", ""),
        (),
    ),
    (
        29,
        "09:30",
        "11:00",
        "World Mayors Roundtable",
        "Assembly Hall",
        K.CONFERENCE,
        False,
        ("", ""),
        (
            ("chair", "Mr. Won-soon Park", "Mayor of Seoul and President of WeGO"),
            ("moderator", "Mr. Gary Fowlie", "Head of ITU Liaison Office to the United Nations"),
        ),
    ),
    (
        29,
        "09:30",
        "11:00",
        "Session 2: Open Innovation and Living Labs for Smart Cities",
        "Conference Room",
        K.CONFERENCE,
        True,
        ("", ""),
        (("chair", "Mr. Tom Symons", ""),),
    ),
    (29, "11:00", "11:20", "Coffee Break", "Lobby", K.BREAK, False, ("", ""), ()),
    (29, "11:20", "12:50", "Mayors Lunch", "Oblomov Res.", K.MEAL, False, ("", ""), ()),
    (
        29,
        "11:20",
        "12:50",
        "Session 3: IoT, Big Data and Analytics",
        "Conference Room",
        K.CONFERENCE,
        True,
        ("", ""),
        (
            (
                "moderator",
                "Ms. Mellyana Frederika",
                "Programme Specialist, Pulse Lab Jakarta – UN Global Pulse",
            ),
        ),
    ),
    (29, "12:50", "14:30", "Lunch", "Hilton Garden", K.MEAL, False, ("", ""), ()),
    (29, "12:50", "14:30", "New EXCOM Lunch", "Hilton Garden", K.MEAL, False, ("", ""), ()),
    (
        29,
        "14:30",
        "16:10",
        "Session 4: Smart and Low-Carbon Cities: The Impact of Digitalization on Urban "
        "Infrastructure (ICLEI Session)",
        "Assembly Hall",
        K.CONFERENCE,
        True,
        ("", ""),
        (("chair", "Mr. Wolfgang Teubner", "Regional Director of ICLEI European Secretariat"),),
    ),
    (
        29,
        "14:30",
        "16:10",
        "City Digital Solutions Forum",
        "Conference Room",
        K.CONFERENCE,
        False,
        ("", ""),
        (("moderator", "Mr. Jaewon Peter Chun", "CEO of XnTree"),),
    ),
    (29, "16:10", "16:30", "Coffee Break", "Lobby", K.BREAK, False, ("", ""), ()),
    (
        29,
        "16:30",
        "18:10",
        "Session 5: Challenges and Solutions in Smart City Governance and Financing",
        "Conference Room",
        K.CONFERENCE,
        True,
        ("", ""),
        (("chair", "Mr. Carlos de Freitas", "Director of Programs for FMDV"),),
    ),
    (
        29,
        "16:30",
        "18:10",
        "Session 6: Smart Cities and Regions in Russia",
        "Assembly Hall",
        K.CONFERENCE,
        True,
        ("", ""),
        (("moderator", "Dr. Yuri Hohlov", ""),),
    ),
    (29, "18:10", "19:00", "Recess", "Lobby", K.BREAK, False, ("", ""), ()),
    (
        29,
        "19:00",
        "21:00",
        "Ulyanovsk Banquet Dinner (+ Networking)",
        "Lenin Memorial",
        K.MEAL,
        False,
        ("", ""),
        (),
    ),
    (
        30,
        "09:30",
        "11:30",
        "Design Thinking & Ideathon Workshop",
        "Assembly Hall",
        K.WORKSHOP,
        False,
        ("", ""),
        (("moderator", "Dr. Christopher Han", "Vice President of SAP AppHaus"),),
    ),
    (30, "11:30", "13:30", "Farewell Lunch", "Hilton Garden", K.MEAL, False, ("", ""), ()),
    (30, "13:30", "18:30", "Technical Visits & Cultural Tour", "", K.VISIT, False, ("", ""), ()),
    (
        30,
        "18:30",
        "",
        "Transfer to Airport (Leave Ulyanovsk)",
        "",
        K.LOGISTICS,
        False,
        ("", ""),
        (),
    ),
)
DESCRIPTION = (
    "Smart Sustainable Cities for All. Over 400 urban leaders from 112 cities and local "
    "governments gathered in the Ulyanovsk Region, Russia, with 13 cities joining remotely "
    "via webcast."
)


def at(day: int, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime(2017, 6, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(ZONE))


@transaction.atomic
def load_programme() -> Counter[str]:
    counts: Counter[str] = Counter()
    network = Network.objects.filter(slug="wego").first()
    if network is None:
        counts["skipped: no wego network"] += 1
        return counts
    event, created = Event.objects.get_or_create(
        network=network,
        name=NAME,
        starts_on=dt.date(2017, 6, 27),
        defaults={
            "kind": Event.Kind.GENERAL_ASSEMBLY,
            "ends_on": dt.date(2017, 6, 30),
            "place": "Ulyanovsk Region, Russia",
            "time_zone": ZONE,
            "registration_open": False,
            "description": DESCRIPTION,
            "matchmaking_ref": "Matchmaking Meetings at the 4th WeGO General Assembly",
            "source": SOURCE,
        },
    )
    counts["events"] += created
    rooms = {}
    for name in ROOMS:
        rooms[name], made = Room.objects.get_or_create(event=event, name=name)
        counts["rooms"] += made
    track, made = Track.objects.get_or_create(event=event, name=TRACK)
    counts["tracks"] += made
    for day, start, end, title, room, kind, in_track, record, people in PROGRAMME:
        session, made = Session.objects.get_or_create(
            event=event,
            title=title,
            starts_at=at(day, start),
            defaults={
                "kind": kind,
                "ends_at": at(day, end) if end else None,
                "room": rooms[room] if room else None,
                "track": track if in_track else None,
                "record_module": record[0],
                "record_ref": record[1],
                "source": SOURCE,
            },
        )
        counts["sessions"] += made
        if made:
            for order, (role, name, affiliation) in enumerate(people):
                SessionRole.objects.create(
                    session=session, role=role, name=name, affiliation=affiliation, order=order
                )
                counts["speakers and moderators"] += 1
    return counts


def load() -> Counter[str]:
    return load_programme()
