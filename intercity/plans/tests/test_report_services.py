"""The annual report: compiled from the progress, edited by the Secretariat and the year's
Chair, frozen once with the figures it was built from."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.plans.models_report import AnnualReport
from intercity.plans.services import report as service
from intercity.plans.tests import factories_report as make

pytestmark = pytest.mark.django_db


def test_a_report_compiles_the_progress_per_network_state_and_city(secretariat, ascn):
    first = make.line("bangkok")
    second = make.line("bangkok", "Open data portal")
    make.progress(first, "40", status="on_track")
    make.progress(second, "70", status="delayed")
    make.progress(make.line("da-nang"), "10")

    report = service.create_report(secretariat, ascn, 2024)

    cities = make.rows(report, "city")
    assert cities["Bangkok"]["percent"] == "55.0"
    assert cities["Bangkok"]["statuses"] == {"delayed": 1, "on_track": 1}
    assert cities["Da Nang"]["percent"] == "10.0"
    network = report.figures["rollup"]["network"][0]
    assert network["percent"] == "32.5"  # the two cities counted once each: (55 + 10) / 2
    assert network["explanation"]
    assert (network["lines"], network["reported"]) == (3, 3)
    assert set(make.rows(report, "state")) == {"Thailand", "Vietnam"}
    assert report.figures["taken_at"]
    assert [s.key for s in service.sections(report)] == ["summary", "meeting", "cities", "next"]


def test_a_line_without_progress_for_the_year_counts_but_does_not_report(secretariat, ascn):
    reported = make.line("bangkok")
    make.line("bangkok", "Silent line")
    make.progress(reported, "80", year=2024)
    make.progress(reported, "99", year=2023)  # another year: not this report's

    report = service.create_report(secretariat, ascn, 2024)

    bangkok = make.rows(report, "city")["Bangkok"]
    assert (bangkok["lines"], bangkok["reported"], bangkok["percent"]) == (2, 1, "80.0")


def test_a_later_progress_report_reaches_a_recompiled_draft_but_not_a_frozen_report(
    secretariat, ascn
):
    line = make.line("bangkok")
    make.progress(line, "30")
    report = service.create_report(secretariat, ascn, 2024)

    make.progress(line, "60", as_of=dt.date(2024, 9, 30))
    assert make.rows(report, "city")["Bangkok"]["percent"] == "30.0"  # kept until recompiled
    report = service.recompile(secretariat, report)
    assert make.rows(report, "city")["Bangkok"]["percent"] == "60.0"

    frozen = service.freeze(secretariat, report)
    kept = dict(frozen.figures)
    make.progress(line, "95", as_of=dt.date(2024, 12, 1))

    again = AnnualReport.objects.get(pk=report.pk)
    assert again.figures == kept
    assert make.rows(again, "city")["Bangkok"]["percent"] == "60.0"
    assert again.state == "frozen"
    assert again.frozen_at is not None
    with pytest.raises(DomainError, match="frozen") as refused:
        service.recompile(secretariat, again)
    assert refused.value.status_code == 409
    assert AnnualReport.objects.get(pk=report.pk).figures == kept


def test_a_frozen_report_refuses_every_edit_in_words(secretariat, ascn):
    report = service.create_report(secretariat, ascn, 2024)
    service.edit_report(secretariat, report, title="ASCN 2024", bodies={"summary": "Good year."})
    service.freeze(secretariat, report)

    with pytest.raises(DomainError, match="no longer be edited"):
        service.edit_report(secretariat, report, title="Changed", bodies={"summary": "Other."})
    with pytest.raises(DomainError, match="already frozen"):
        service.freeze(secretariat, report)
    with pytest.raises(DomainError, match="frozen"):
        service.name_chair(secretariat, report, None)

    again = AnnualReport.objects.get(pk=report.pk)
    assert again.title == "ASCN 2024"
    assert service.sections(again)[0].body == "Good year."
    assert (
        AuditEvent.objects.filter(verb="freeze_annual_report", object_id=str(report.pk)).count()
        == 1
    )


def test_the_named_chair_edits_and_freezes_and_others_cannot(secretariat, ascn, makati_officer):
    chair = person("chair-th", Role.NATIONAL_REPRESENTATIVE)
    stranger = person("other-nr", Role.NATIONAL_REPRESENTATIVE)
    report = service.create_report(secretariat, ascn, 2024, chair=chair)

    with pytest.raises(PermissionDenied):
        service.edit_report(stranger, report, title="Mine", bodies={})
    with pytest.raises(PermissionDenied):
        service.freeze(makati_officer, report)
    with pytest.raises(PermissionDenied):
        service.create_report(chair, ascn, 2025)
    with pytest.raises(PermissionDenied):
        service.name_chair(chair, report, stranger)

    service.edit_report(chair, report, title="Chair's title", bodies={"meeting": "Met in July."})
    frozen = service.freeze(chair, report)
    assert frozen.frozen_by == chair
    assert AnnualReport.objects.get(pk=report.pk).title == "Chair's title"


def test_a_draft_is_hidden_from_all_but_the_secretariat_and_its_chair(
    secretariat, ascn, makati_officer
):
    chair = person("chair-sg", Role.NATIONAL_REPRESENTATIVE)
    report = service.create_report(secretariat, ascn, 2024, chair=chair)

    for outsider in (makati_officer, None):
        with pytest.raises(NotFound):
            service.get_report(outsider, ascn, 2024)
    assert service.get_report(chair, ascn, 2024) == report
    assert service.get_report(secretariat, ascn, 2024) == report

    service.freeze(secretariat, report)
    assert service.get_report(None, ascn, 2024) == report
    assert list(service.published(ascn)) == [report]


def test_one_report_a_year_and_a_sane_year(secretariat, ascn):
    service.create_report(secretariat, ascn, 2024)
    with pytest.raises(DomainError, match="already has an annual report") as twice:
        service.create_report(secretariat, ascn, 2024)
    assert twice.value.status_code == 409
    with pytest.raises(DomainError, match="between 2018"):
        service.create_report(secretariat, ascn, 1999)


def test_an_unknown_section_or_an_overlong_text_saves_nothing(secretariat, ascn):
    report = service.create_report(secretariat, ascn, 2024)
    with pytest.raises(DomainError, match="no section"):
        service.edit_report(
            secretariat, report, title="New", bodies={"summary": "Kept?", "annex": "x"}
        )
    with pytest.raises(DomainError, match="at most"):
        service.edit_report(secretariat, report, title="New", bodies={"summary": "x" * 20_001})
    again = AnnualReport.objects.get(pk=report.pk)
    assert again.title == "ASCN annual report 2024"
    assert service.sections(again)[0].body == ""


def test_a_meeting_the_timeline_says_took_place_reaches_the_report_with_its_outcome(
    secretariat, ascn
):
    from intercity.plans.services import timeline

    held = {
        "kind": "meeting",
        "on": dt.date(2024, 6, 20),
        "precision": "day",
        "status": "happened",
        "title": "Annual Meeting of the ASCN 2024",
        "outcome": "The cities agreed to report their progress by October.",
    }
    planned = {
        **held,
        "on": dt.date(2024, 11, 5),
        "status": "planned",
        "outcome": "",
        "title": "A meeting still to come",
    }
    timeline.add_milestone(secretariat, ascn, held, dt.date(2024, 12, 1))
    timeline.add_milestone(secretariat, ascn, planned, dt.date(2024, 10, 1))

    report = service.create_report(secretariat, ascn, 2024)

    meetings = report.figures["meetings"]
    assert [m["title"] for m in meetings] == ["Annual Meeting of the ASCN 2024"]
    assert meetings[0]["date"] == "2024-06-20"
    assert meetings[0]["outcomes"][0]["outcome"] == (
        "The cities agreed to report their progress by October."
    )


def test_the_years_chair_is_the_representative_of_the_state_holding_the_chairmanship(
    secretariat, ascn
):
    from intercity.plans.models import Designation
    from intercity.plans.services import representation

    thailand = representation.get_state(ascn, "TH")
    representation.record_chair(secretariat, ascn, 2019, thailand)
    nattaya = person("nattaya-chair", Role.NATIONAL_REPRESENTATIVE)
    representation.designate(
        secretariat,
        ascn,
        Designation.Role.NATIONAL_REPRESENTATIVE,
        "Nattaya",
        state=thailand,
        user=nattaya,
        start=dt.date(2018, 1, 1),
    )

    chaired = service.create_report(secretariat, ascn, 2019)
    # 2018's Chair (Singapore, from seed 004) has no representative's login on record.
    unchaired = service.create_report(secretariat, ascn, 2018)

    assert chaired.chair == nattaya
    assert service.may_edit(nattaya, chaired)
    assert unchaired.chair is None
