"""What officers, National Representatives and the Secretariat may do with the plans, and the
roll-up read from the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.plans.models import FocusArea, ProgressReport
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress
from intercity.plans.tests.factories_plans import (
    ascn,
    make_line,
    make_plan,
    natrep_of,
    officer_of,
    report,
)

pytestmark = pytest.mark.django_db


def test_the_seed_gives_the_eight_sectors_of_seed_004() -> None:
    slugs = list(FocusArea.objects.filter(network__slug="ascn").values_list("slug", flat=True))
    assert slugs == [
        "transport",
        "water-quality",
        "energy",
        "health-care",
        "education",
        "public-services",
        "data",
        "ict",
    ]
    assert FocusArea.objects.get(slug="ict").source == "004, Scope, paragraph 6"


def test_the_26_pilot_cities_are_the_networks_cities() -> None:
    names = [c.name for c in plan_services.pilot_cities(ascn())]
    assert len(names) == 26
    assert "Luang Prabang" in names


def test_an_officer_reports_progress_on_their_own_citys_line() -> None:
    line = make_line(make_plan("bangkok"))
    officer = officer_of("bangkok")
    made = progress.report_progress(
        officer,
        line,
        as_of=dt.date(2020, 6, 30),
        status="on_track",
        percent=Decimal("25"),
        evidence="Lanes painted",
        today=dt.date(2025, 1, 1),
    )
    assert made.reported_by == officer
    assert AuditEvent.objects.filter(verb="plans.report_progress", object_id=str(made.pk)).exists()


def test_an_officer_of_another_city_cannot_edit_the_plan_or_its_progress() -> None:
    plan = make_plan("bangkok")
    line = make_line(plan)
    stranger = officer_of("manila")
    with pytest.raises(PermissionDenied):
        progress.report_progress(
            stranger,
            line,
            as_of=dt.date(2020, 6, 30),
            status="on_track",
            percent=Decimal("25"),
            today=dt.date(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        plan_services.revise_plan(
            stranger, plan, version=1, title="Mine", summary="", areas=["data"], note="Taken"
        )
    assert not ProgressReport.objects.filter(line=line).exists()
    assert plan_services.may_read(stranger, ascn())


def test_a_revision_is_kept_with_who_and_when_and_a_stale_one_is_refused() -> None:
    plan = make_plan("bangkok")
    officer = officer_of("bangkok")
    plan_services.revise_plan(
        officer, plan, version=1, title="Bangkok 2.0", summary="", areas=["data"], note="Data first"
    )
    numbers = [(r.number, r.made_by) for r in plan_services.revisions(plan)]
    assert numbers == [(2, officer), (1, None)]
    assert plan.stage == "revised"
    with pytest.raises(DomainError) as refused:
        plan_services.revise_plan(
            officer, plan, version=1, title="Again", summary="", areas=[], note="Stale"
        )
    assert refused.value.status_code == 409


def test_a_report_the_rules_refuse_changes_nothing() -> None:
    line = make_line(make_plan("bangkok"))
    report(line, 2019, "completed", "100")
    with pytest.raises(DomainError, match="already reported completed"):
        report(line, 2020)
    assert ProgressReport.objects.filter(line=line).count() == 1


def test_a_national_representative_reviews_only_their_states_cities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    bangkok, manila = make_plan("bangkok"), make_plan("manila")
    with natrep_of(monkeypatch, natrep, "TH"):
        assert plan_services.may_read(natrep, ascn())
        made = plan_services.review(
            natrep, bangkok, year=2020, comment="Good pace", mark_reviewed=True
        )
        assert made.reviewer == natrep
        with pytest.raises(PermissionDenied):
            plan_services.review(natrep, manila, year=2020, comment="No", mark_reviewed=True)
        assert not plan_services.may_edit(natrep, ascn(), bangkok.organisation_id)


def test_someone_of_no_member_city_cannot_read_the_plans() -> None:
    assert not plan_services.may_read(person("cit", Role.CITIZEN), ascn())
    assert not plan_services.may_read(officer_of("seoul"), ascn())


def test_the_state_rollup_averages_its_cities_and_carries_a_missing_year_forward() -> None:
    bangkok, phuket = make_plan("bangkok"), make_plan("phuket")
    lanes = make_line(bangkok, "Bus lanes", "300")
    lights = make_line(bangkok, "Street lights", "100")
    report(lanes, 2020, percent="20")
    report(lights, 2021, percent="60")  # lanes silent in 2021: 2020 carried forward
    report(make_line(phuket, "Sensors"), 2021, percent="80")
    state = progress.rollup(ascn(), 2021, "state", "TH")
    city = next(p for p in state.parts if p.label == "Bangkok")
    assert city.weighting == "budget"
    assert city.percent == Fraction(3, 4) * 20 + Fraction(1, 4) * 60
    assert state.percent == (Fraction(30) + Fraction(80)) / 2
    assert "carried forward" in state.explanation
    network = progress.rollup(ascn(), 2021, "network")
    assert [p.key for p in network.parts] == ["TH"]


def test_an_unknown_grouping_or_a_year_outside_the_plans_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        progress.rollup(ascn(), 2021, "region")
    assert refused.value.status_code == 422
    with pytest.raises(DomainError):
        progress.rollup(ascn(), 2031, "network")
