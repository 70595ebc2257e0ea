"""The Secretariat keeps a network's timeline (audited; a stale edit refused); anyone reads it
on the page and through the API; the annual report reads the year's meeting outcomes."""

from __future__ import annotations

import datetime as dt

import pytest

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.plans.models_timeline import NetworkMilestone
from intercity.plans.services import timeline as services

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 15)


def _meeting(**changes):
    data = {
        "kind": "meeting",
        "on": dt.date(2019, 6, 23),
        "precision": "day",
        "status": "happened",
        "title": "Second Annual Meeting of the ASCN",
        "outcome": "Cities shared their action plans' progress.",
        "document": None,
        "source": "",
    }
    return {**data, **changes}


def test_the_secretariat_records_a_meeting_and_its_outcome_with_an_audit_event(ascn, secretariat):
    milestone = services.add_milestone(secretariat, ascn, _meeting(), TODAY)
    assert milestone.status == "happened"
    event = AuditEvent.objects.get(verb="add_milestone", object_id=str(milestone.pk))
    assert event.after["title"] == "Second Annual Meeting of the ASCN"


def test_a_city_officer_may_not_touch_the_timeline(ascn, makati_officer):
    with pytest.raises(PermissionDenied):
        services.add_milestone(makati_officer, ascn, _meeting(), TODAY)
    assert not NetworkMilestone.objects.filter(title="Second Annual Meeting of the ASCN").exists()


def test_a_happened_milestone_in_the_future_is_refused_and_nothing_saved(ascn, secretariat):
    with pytest.raises(DomainError, match="only once its date has come"):
        services.add_milestone(
            secretariat, ascn, _meeting(on=dt.date(2030, 1, 1), outcome=""), TODAY
        )
    assert not NetworkMilestone.objects.filter(title="Second Annual Meeting of the ASCN").exists()


def test_a_month_date_is_kept_as_the_month(ascn, secretariat):
    milestone = services.add_milestone(
        secretariat, ascn, _meeting(on=dt.date(2019, 6, 23), precision="month"), TODAY
    )
    assert milestone.on == dt.date(2019, 6, 1)


def test_marking_a_planned_meeting_held_records_before_and_after(ascn, secretariat):
    first = services.milestones(ascn).get(kind="meeting", on=dt.date(2018, 7, 1))
    data = _meeting(
        on=first.on, precision="month", title=first.title, outcome="Framework endorsed."
    )
    edited = services.edit_milestone(secretariat, ascn, first.pk, data, first.revision, TODAY)
    assert edited.revision == first.revision + 1
    assert edited.outcome == "Framework endorsed."
    event = AuditEvent.objects.get(verb="edit_milestone", object_id=str(first.pk))
    assert event.before["status"] == "planned"
    assert event.after["status"] == "happened"


def test_an_edit_made_from_an_older_revision_is_refused(ascn, secretariat):
    first = services.milestones(ascn).get(kind="meeting", on=dt.date(2018, 7, 1))
    data = _meeting(on=first.on, precision="month", title=first.title)
    services.edit_milestone(secretariat, ascn, first.pk, data, first.revision, TODAY)
    with pytest.raises(DomainError, match="Someone else saved") as refused:
        services.edit_milestone(
            secretariat, ascn, first.pk, {**data, "outcome": "Other."}, first.revision, TODAY
        )
    assert refused.value.status_code == 409
    assert NetworkMilestone.objects.get(pk=first.pk).outcome == data["outcome"]


def test_meeting_outcomes_give_the_years_meetings_without_the_cancelled(ascn, secretariat):
    services.add_milestone(secretariat, ascn, _meeting(), TODAY)
    services.add_milestone(
        secretariat,
        ascn,
        _meeting(title="Extra meeting", status="cancelled", outcome=""),
        TODAY,
    )
    found = services.meeting_outcomes(ascn, 2019)
    assert [(o.title, o.outcome, o.status) for o in found] == [
        (
            "Second Annual Meeting of the ASCN",
            "Cities shared their action plans' progress.",
            "happened",
        )
    ]
    seed_year = services.meeting_outcomes(ascn, 2018)
    assert [o.on.month for o in seed_year] == [5, 7]
    assert {o.precision for o in seed_year} == {"month"}


def test_the_timeline_page_shows_months_as_months_and_says_the_dates_are_planned(client, ascn):
    response = client.get("/networks/ascn/timeline/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "July 2018" in text
    assert "1 July 2018" not in text
    assert "Every date here is a plan" in text
    assert "ASEAN Smart Cities Framework" in text
    assert "Add a milestone" not in text


def test_the_network_page_links_the_timeline_and_shows_the_frameworks_dates(client, ascn, wego):
    text = client.get("/networks/ascn/").content.decode()
    assert "/networks/ascn/timeline/" in text
    assert "Endorsement of the ASEAN Smart Cities Framework targeted" in text
    assert "/networks/wego/timeline/" not in client.get("/networks/wego/").content.decode()


def test_the_secretariat_adds_a_milestone_through_the_page(client, ascn, secretariat):
    client.force_login(secretariat)
    form = {
        "title": "Second Annual Meeting of the ASCN",
        "kind": "meeting",
        "on": "2019-06-23",
        "precision": "day",
        "status": "happened",
        "outcome": "Progress shared.",
        "source": "",
    }
    response = client.post("/networks/ascn/timeline/add/", form)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "23 June 2019" in page
    assert "Progress shared." in page


def test_a_bad_milestone_comes_back_with_its_message(client, ascn, secretariat):
    client.force_login(secretariat)
    form = {"title": "Later", "kind": "meeting", "on": "2199-01-01", "precision": "day"}
    response = client.post("/networks/ascn/timeline/add/", {**form, "status": "happened"})
    assert response.status_code == 400
    assert "only once its date has come" in response.content.decode()


def test_a_visitor_cannot_open_the_add_page(client, ascn, makati_officer):
    client.force_login(makati_officer)
    assert client.get("/networks/ascn/timeline/add/").status_code == 403


def test_the_api_gives_the_timeline_publicly(client, ascn):
    body = client.get("/api/v1/plans/ascn/timeline").json()
    assert body["network"] == "ascn"
    assert body["milestones"][0]["on"] == "2018-02-01"
    assert body["milestones"][0]["precision"] == "month"
    (framework,) = body["documents"]
    assert len(framework["endorsements"]) == 3
    assert client.get("/api/v1/plans/nowhere/timeline").status_code == 404
