"""Seed 004's timeline as dated milestones (months, planned), and the timeline's pure rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intercity.plans import rules_timeline as rules
from intercity.plans import seed_timeline
from intercity.plans.models_timeline import NetworkDocument, NetworkMilestone
from intercity.plans.services import timeline as services

pytestmark = pytest.mark.django_db


def test_the_seed_timeline_is_the_concept_notes_months_all_planned(ascn):
    found = list(services.milestones(ascn))
    months = [(m.on.year, m.on.month) for m in found]
    assert months == [(2018, 2), (2018, 3), (2018, 5), (2018, 7), (2018, 7), (2018, 8),
                      (2018, 10), (2018, 11), (2018, 11)]  # fmt: skip
    assert {m.precision for m in found} == {NetworkMilestone.Precision.MONTH}
    assert {m.status for m in found} == {NetworkMilestone.Status.PLANNED}
    assert all(m.source.startswith("004") and m.passage for m in found)
    titles = " ".join(m.title for m in found)
    assert "Smart Cities Governance Workshop" in titles
    assert "51st AMM" in titles


def test_the_framework_keeps_both_endorsement_dates_the_seed_gives(ascn):
    (framework,) = services.documents(ascn)
    assert framework.title == "ASEAN Smart Cities Framework"
    dates = [(m.on, m.source) for m in framework.endorsements]
    assert dates == [
        (dt.date(2018, 7, 1), "004, Core Elements para. 7(b)"),
        (dt.date(2018, 10, 1), "004, Timeline (October 2018)"),
        (dt.date(2018, 11, 1), "004, Core Elements para. 7(b)"),
    ]


def test_loading_the_seed_again_adds_nothing(ascn):
    before = NetworkMilestone.objects.count(), NetworkDocument.objects.count()
    assert sum(seed_timeline.load().values()) == 0
    assert (NetworkMilestone.objects.count(), NetworkDocument.objects.count()) == before


def test_wego_has_no_milestones(wego):
    assert not services.milestones(wego).exists()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_month_is_kept_as_its_first_day_and_a_day_as_itself(on):
    assert rules.normalise(on, "month") == on.replace(day=1)
    assert rules.normalise(on, "day") == on


def test_a_month_has_begun_on_its_first_day():
    assert rules.has_begun(dt.date(2018, 7, 20), "month", dt.date(2018, 7, 1))
    assert not rules.has_begun(dt.date(2018, 7, 20), "day", dt.date(2018, 7, 1))


def test_a_milestone_cannot_have_happened_before_its_date():
    ruling = rules.check(
        kind="meeting", on=dt.date(2030, 7, 1), precision="month", status="happened",
        outcome="", today=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert not ruling.allowed
    assert ruling.problems == ["happened-in-future"]


def test_a_meetings_outcome_waits_for_the_meeting():
    early = rules.check(
        kind="meeting", on=dt.date(2030, 7, 1), precision="day", status="planned",
        outcome="Endorsed.", today=dt.date(2026, 1, 1),
    )  # fmt: skip
    held = rules.check(
        kind="meeting", on=dt.date(2018, 7, 9), precision="day", status="happened",
        outcome="Endorsed.", today=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert early.problems == ["outcome-before-meeting"]
    assert held.allowed
    assert held.on == dt.date(2018, 7, 9)


def test_unknown_kind_precision_and_status_are_refused():
    ruling = rules.check(
        kind="party", on=dt.date(2018, 7, 9), precision="week", status="maybe",
        outcome="", today=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert ruling.problems == ["kind", "precision", "status"]
