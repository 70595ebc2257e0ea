"""Where a visitor lands (the home page): the next upcoming events, those open for
registration first; the network's page: its events, upcoming first, then the latest past.
One query each."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from intercity.events import sections
from intercity.events.tests import factories as f

pytestmark = pytest.mark.django_db


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def upcoming_titles(page: str) -> list[str]:
    block = page.split('id="upcoming-events"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/events/\d+/">([^<]+)</a>', block)


def test_the_home_page_shows_the_next_events_registration_open_first(client: Client):
    f.event(name="Later, open", starts_on=in_days(30), ends_on=in_days(31))
    f.event(name="Soon, closed", starts_on=in_days(5), ends_on=in_days(6), registration_open=False)
    f.event(name="Under way", starts_on=in_days(-1), ends_on=in_days(1), registration_open=False)
    f.event(name="Over", starts_on=in_days(-10), ends_on=in_days(-9))
    page = client.get("/").content.decode()
    assert upcoming_titles(page) == ["Later, open", "Under way", "Soon, closed"]
    assert "registration open" in page
    assert 'href="/events/">Every event</a>' in page


def test_without_an_upcoming_event_the_home_page_has_no_such_section(client: Client):
    f.event(name="Over", starts_on=in_days(-10), ends_on=in_days(-9))
    assert 'id="upcoming-events"' not in client.get("/").content.decode()


def test_the_home_pages_events_cost_one_query(django_assert_num_queries):
    for n in range(8):
        f.event(name=f"Forum {n}", starts_on=in_days(n + 1), ends_on=in_days(n + 2))
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        found = sections.home_sections(request)
    assert len(found[0].links) == sections.UPCOMING_ON_HOME + 1


def test_the_network_page_lists_upcoming_events_first_then_the_past(client: Client):
    f.event(name="Past forum", starts_on=in_days(-40), ends_on=in_days(-39))
    f.event(name="Next forum", starts_on=in_days(20), ends_on=in_days(21), registration_open=False)
    f.event(name="Open forum", starts_on=in_days(60), ends_on=in_days(61))
    page = client.get("/networks/wego/").content.decode()
    block = page.split('id="events"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'<a href="/events/\d+/">([^<(]+) \(', block)
    assert titles[:3] == ["Open forum", "Next forum", "Past forum"]
