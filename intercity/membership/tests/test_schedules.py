"""Membership's scheduled job: the monthly round of reminders of fees in arrears."""

import datetime as dt

import pytest

from intercity.accounts.models import Role
from intercity.accounts.permissions import SYSTEM
from intercity.accounts.tests.factories import person
from intercity.core import schedules
from intercity.core.models import AuditEvent, JobRun
from intercity.membership import services
from intercity.membership.manifest import ARREARS_REMINDERS
from intercity.membership.models import Reminder
from intercity.membership.tests.factories import FigureFactory
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

SLOT = dt.datetime(2019, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def goyang_unpaid(secretariat):
    """Goyang's 2018 invoice, issued in January, unpaid in March 2019."""
    goyang = Organisation.objects.get(name="Goyang")
    FigureFactory(organisation=goyang, year=2016)
    wego = Network.objects.get(slug="wego")
    (invoice,) = services.run_invoicing(secretariat, wego, 2018, dt.date(2018, 1, 15)).created
    return invoice


@pytest.fixture
def goyang_officer(goyang_unpaid):
    """Goyang's officer, with the address its reminders go to."""
    officer = person("goyang-officer", Role.CITY_OFFICER, goyang_unpaid.organisation.key)
    officer.email = "dues@goyang.go.kr"
    officer.save()
    return officer


def test_the_round_reminds_each_member_in_arrears_once_for_its_slot(goyang_unpaid, goyang_officer):
    first = ARREARS_REMINDERS.run(SLOT)
    again = ARREARS_REMINDERS.run(SLOT)
    assert first["queued"] == 1
    assert again == {"queued": 0, "without_email": 0}
    reminder = Reminder.objects.get(invoice=goyang_unpaid)
    assert reminder.queued_by is None  # the platform queued it, not a person
    event = AuditEvent.objects.filter(verb="queue_reminders").latest("pk")
    assert event.actor is None
    assert event.actor_label == "the platform"


def test_the_round_counts_the_reminders_with_no_address_to_send_to(goyang_unpaid):
    details = ARREARS_REMINDERS.run(SLOT)
    reminder = Reminder.objects.get(invoice=goyang_unpaid)
    assert reminder.recipients == []
    assert details == {"queued": 0, "without_email": 1}
    assert ARREARS_REMINDERS.run(SLOT) == {"queued": 0, "without_email": 0}


def test_nothing_is_reminded_before_the_due_date(goyang_unpaid):
    assert ARREARS_REMINDERS.run(dt.datetime(2018, 1, 2, 9, 0, tzinfo=dt.UTC))["queued"] == 0


def test_the_wording_counts_in_the_readers_words():
    assert ARREARS_REMINDERS.describe({"queued": 3, "without_email": 1}) == (
        "3 reminders queued; 1 member without an e-mail address"
    )
    assert ARREARS_REMINDERS.describe({"queued": 1, "without_email": 0}) == "1 reminder queued"


def test_the_round_runs_on_the_first_of_each_month_at_nine():
    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    assert schedules.next_time(ARREARS_REMINDERS, now) == dt.datetime(
        2027, 1, 1, 9, 0, tzinfo=dt.UTC
    )


def test_the_scheduled_run_records_what_it_queued(goyang_unpaid, goyang_officer):
    run = schedules.claim(ARREARS_REMINDERS, SLOT, SLOT)
    assert run is not None
    done = schedules.perform(run.pk)
    assert done.outcome == JobRun.Outcome.OK
    assert done.summary.startswith("1 reminder queued")


def test_the_system_actor_is_no_one_a_page_can_act_as(secretariat):
    assert SYSTEM.is_authenticated is False
    assert str(SYSTEM) == "the platform"


def test_reminders_queued_by_a_person_still_name_them(goyang_unpaid, goyang_officer, secretariat):
    wego = Network.objects.get(slug="wego")
    (reminder,) = services.queue_reminders(secretariat, wego, SLOT.date())
    assert reminder.queued_by == secretariat


def test_only_the_secretariat_or_the_platform_queue_the_round(goyang_unpaid, seoul_officer):
    from intercity.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.queue_arrears_reminders(seoul_officer, SLOT.date())
    assert not Reminder.objects.exists()
