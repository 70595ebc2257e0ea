"""Governance's scheduled job: statute deadline reminders ahead of each planned meeting."""

import datetime as dt

import pytest

from intercity.core import schedules
from intercity.governance import services
from intercity.governance.manifest import DEADLINE_REMINDERS
from intercity.governance.models import DeadlineReminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def ga_2020(wego, secretariat):
    return services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC)


def test_a_deadline_is_reminded_once_when_it_comes_within_a_month(ga_2020):
    due = {d.key: d.due for d in services.deadlines_for(ga_2020) if d.kind == "deadline"}
    candidacy = due["president-candidacy"]
    too_early = at(candidacy - dt.timedelta(days=31))
    DEADLINE_REMINDERS.run(too_early)
    assert not DeadlineReminder.objects.filter(meeting=ga_2020, key="president-candidacy").exists()
    slot = at(candidacy - dt.timedelta(days=30))
    first = DEADLINE_REMINDERS.run(slot)
    again = DEADLINE_REMINDERS.run(slot)
    assert DeadlineReminder.objects.filter(meeting=ga_2020, key="president-candidacy").count() == 1
    # The GA's members have no officer with an address in these tests: the reminders are
    # recorded as having no one to go to, and the second run of the slot adds nothing.
    assert first["queued"] + first["without_email"] >= 1
    assert again["queued"] == again["without_email"] == 0
    reminded = set(DeadlineReminder.objects.filter(meeting=ga_2020).values_list("key", "due_on"))
    assert all(day <= slot.date() + dt.timedelta(days=30) for _key, day in reminded)


def test_meetings_already_held_are_left_alone(ga_2020):
    DEADLINE_REMINDERS.run(at(dt.date(2020, 10, 8)))
    assert not DeadlineReminder.objects.filter(meeting=ga_2020).exists()


def test_the_reminders_run_every_morning():
    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    assert schedules.next_time(DEADLINE_REMINDERS, now) == dt.datetime(
        2026, 12, 5, 8, 0, tzinfo=dt.UTC
    )


def test_the_wording_names_meetings_and_reminders():
    assert DEADLINE_REMINDERS.describe({"meetings": 2, "queued": 1}) == (
        "2 planned meetings looked at; 1 reminder queued"
    )
