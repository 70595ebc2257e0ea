"""Editing a plan on its pages (projects, action lines, indicators, partners, milestones, a
revision) by the city's officers, and the National Representative's review: good paths, form
errors that keep what was typed (400), a stale revision refused in words (409), and 403 for
the officers of another city and for whoever does not represent the city's state."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.network.models import Organisation
from intercity.plans.models import (
    ActionLine,
    Indicator,
    Milestone,
    Partner,
    PlanProject,
    PlanReview,
)
from intercity.plans.services import plans as plan_services
from intercity.plans.tests.factories_plans import make_line, make_plan, natrep_of, officer_of

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


LINE = {
    "title": "Smart traffic lights",
    "first_year": "2019",
    "last_year": "2023",
    "budget": "2500000",
    "currency": "thb",
    "description": "Adaptive signals on the main corridors",
}


def test_the_plan_page_offers_its_officer_the_editing_forms_and_no_one_else() -> None:
    plan = make_plan("bangkok")
    line = make_line(plan)
    url = f"/plans/ascn/cities/{plan.organisation_id}/"
    own = _client(officer_of("bangkok")).get(url).content.decode()
    for action in (
        f"/plans/ascn/cities/{plan.organisation_id}/projects/add/",
        f"/plans/ascn/projects/{line.project_id}/lines/add/",
        f"/plans/ascn/lines/{line.pk}/indicators/add/",
        f"/plans/ascn/lines/{line.pk}/partners/add/",
        f"/plans/ascn/lines/{line.pk}/milestones/add/",
        f"/plans/ascn/lines/{line.pk}/edit/",
        f"/plans/ascn/cities/{plan.organisation_id}/revise/",
    ):
        assert action in own, action
    assert f"/plans/ascn/cities/{plan.organisation_id}/review/" not in own
    other = _client(officer_of("manila")).get(url).content.decode()
    assert "/projects/add/" not in other
    assert "/revise/" not in other


def test_the_officer_adds_a_project_and_an_action_line_and_edits_them() -> None:
    plan = make_plan("bangkok")
    client = _client(officer_of("bangkok"))
    done = client.post(
        f"/plans/ascn/cities/{plan.organisation_id}/projects/add/",
        {"title": "Intelligent transport", "focus_area": "transport", "description": ""},
    )
    assert done.status_code == 302
    project = PlanProject.objects.get(plan=plan, title="Intelligent transport")
    assert (
        client.post(
            f"/plans/ascn/projects/{project.pk}/lines/add/", {**LINE, "project": project.pk}
        ).status_code
        == 302
    )
    line = ActionLine.objects.get(project=project)
    assert (line.first_year, line.last_year, line.budget, line.currency) == (
        2019,
        2023,
        Decimal("2500000"),
        "THB",
    )
    edit = client.get(f"/plans/ascn/lines/{line.pk}/edit/")
    assert "Smart traffic lights" in edit.content.decode()
    moved = client.post(
        f"/plans/ascn/lines/{line.pk}/edit/",
        {**LINE, "project": project.pk, "title": "Adaptive traffic lights", "last_year": "2025"},
    )
    assert moved.status_code == 302
    line.refresh_from_db()
    assert (line.title, line.last_year) == ("Adaptive traffic lights", 2025)
    assert (
        client.post(
            f"/plans/ascn/projects/{project.pk}/edit/",
            {"title": "Clean energy", "focus_area": "energy", "description": "Renamed"},
        ).status_code
        == 302
    )
    project.refresh_from_db()
    assert (project.title, project.focus_area.slug) == ("Clean energy", "energy")


def test_a_bad_action_line_is_a_form_error_keeping_what_was_typed() -> None:
    plan = make_plan("bangkok")
    line = make_line(plan)
    client = _client(officer_of("bangkok"))
    page = client.post(
        f"/plans/ascn/projects/{line.project_id}/lines/add/",
        {**LINE, "project": line.project_id, "first_year": "2024", "last_year": "2020"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "The last year cannot come before the first." in text
    assert "Adaptive signals on the main corridors" in text
    assert ActionLine.objects.filter(project__plan=plan).count() == 1
    no_currency = client.post(
        f"/plans/ascn/projects/{line.project_id}/lines/add/",
        {**LINE, "project": line.project_id, "currency": ""},
    )
    assert no_currency.status_code == 400
    assert "A budget needs its currency." in no_currency.content.decode()


def test_the_officer_adds_an_indicator_a_partner_and_a_milestone() -> None:
    line = make_line(make_plan("bangkok"))
    client = _client(officer_of("bangkok"))
    base = f"/plans/ascn/lines/{line.pk}"
    indicator = {
        "name": "Junctions adaptive",
        "unit": "junctions",
        "baseline": "0",
        "baseline_year": "2018",
        "target": "120",
        "target_year": "2025",
    }
    assert client.post(f"{base}/indicators/add/", indicator).status_code == 302
    assert (
        client.post(
            f"{base}/partners/add/", {"kind": "solution_provider", "name": "Signal Co."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}/milestones/add/", {"title": "First corridor", "due_on": "2021-06-30"}
        ).status_code
        == 302
    )
    assert Indicator.objects.get(line=line).target == Decimal("120")
    assert str(Partner.objects.get(line=line)) == "Signal Co."
    assert Milestone.objects.get(line=line).title == "First corridor"
    page = client.get(f"/plans/ascn/cities/{line.project.plan.organisation_id}/").content.decode()
    assert "Junctions adaptive (junctions)" in page
    assert "Signal Co. (Private-sector solution provider)" in page
    bad = client.post(
        f"{base}/indicators/add/", {**indicator, "target_year": "2018", "baseline_year": "2020"}
    )
    assert bad.status_code == 400
    assert "Junctions adaptive" in bad.content.decode()
    assert Indicator.objects.filter(line=line).count() == 1


def test_a_partner_is_chosen_from_the_registry_on_the_full_form() -> None:
    line = make_line(make_plan("bangkok"))
    client = _client(officer_of("bangkok"))
    url = f"/plans/ascn/lines/{line.pk}/partners/add/"
    singapore = Organisation.objects.get(name="Singapore")
    form = client.get(url).content.decode()
    assert f'value="{singapore.pk}"' in form
    done = client.post(url, {"kind": "external_partner", "organisation": singapore.pk})
    assert done.status_code == 302
    partner = Partner.objects.get(line=line)
    assert partner.organisation == singapore
    assert partner.name == ""
    page = client.get(f"/plans/ascn/cities/{line.project.plan.organisation_id}/").content.decode()
    assert "Singapore (External partner)" in page


def test_a_partner_needs_a_name_or_a_choice_and_not_two_choices(monkeypatch) -> None:
    line = make_line(make_plan("bangkok"))
    monkeypatch.setattr(plan_services, "twinning_partners", lambda organisation: [(77, "Seoul")])
    client = _client(officer_of("bangkok"))
    url = f"/plans/ascn/lines/{line.pk}/partners/add/"
    singapore = Organisation.objects.get(name="Singapore")
    nothing = client.post(url, {"kind": "other", "name": "  "})
    assert nothing.status_code == 400
    assert "Name the partner" in nothing.content.decode()
    both = client.post(url, {"kind": "twinning", "organisation": singapore.pk, "twinning_pair": 77})
    assert both.status_code == 400
    assert "not both" in both.content.decode()
    unknown_pair = client.post(url, {"kind": "twinning", "twinning_pair": 78})
    assert unknown_pair.status_code == 400
    assert not Partner.objects.filter(line=line).exists()


def test_a_published_twinning_pair_becomes_a_twinning_partner_by_its_name(monkeypatch) -> None:
    line = make_line(make_plan("bangkok"))
    monkeypatch.setattr(plan_services, "twinning_partners", lambda organisation: [(77, "Seoul")])
    client = _client(officer_of("bangkok"))
    page = client.get(f"/plans/ascn/cities/{line.project.plan.organisation_id}/").content.decode()
    assert "A twinning partner of this city" in page  # the short form offers the pairs
    done = client.post(
        f"/plans/ascn/lines/{line.pk}/partners/add/", {"kind": "other", "twinning_pair": 77}
    )
    assert done.status_code == 302
    partner = Partner.objects.get(line=line)
    assert (partner.kind, partner.name, partner.twinning_pair_id) == ("twinning", "Seoul", 77)


def test_a_revision_keeps_the_history_and_a_stale_one_is_refused_in_words() -> None:
    plan = make_plan("bangkok")
    client = _client(officer_of("bangkok"))
    url = f"/plans/ascn/cities/{plan.organisation_id}/revise/"
    first = {
        "title": "Bangkok action plan, revised",
        "summary": "After the 2019 review",
        "areas": ["transport"],
        "note": "Energy moved to 2021",
        "version": "1",
    }
    assert client.post(url, first).status_code == 302
    plan.refresh_from_db()
    assert (plan.stage, plan.version, plan.title) == ("revised", 2, "Bangkok action plan, revised")
    assert list(plan.revisions.order_by("number").values_list("number", "note")) == [
        (1, "Drafted at the Smart Cities Governance Workshop"),
        (2, "Energy moved to 2021"),
    ]
    stale = client.post(url, {**first, "note": "Typed on a stale page"})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Someone else revised this plan since you opened it" in text
    assert "Typed on a stale page" in text
    assert plan.revisions.count() == 2
    no_note = client.post(url, {**first, "version": "2", "note": ""})
    assert no_note.status_code == 400


def test_an_officer_of_another_city_gets_403_on_every_editing_form() -> None:
    plan = make_plan("bangkok")
    line = make_line(plan)
    client = _client(officer_of("manila"))
    for url in (
        f"/plans/ascn/cities/{plan.organisation_id}/projects/add/",
        f"/plans/ascn/cities/{plan.organisation_id}/revise/",
        f"/plans/ascn/projects/{line.project_id}/edit/",
        f"/plans/ascn/projects/{line.project_id}/lines/add/",
        f"/plans/ascn/lines/{line.pk}/edit/",
        f"/plans/ascn/lines/{line.pk}/indicators/add/",
        f"/plans/ascn/lines/{line.pk}/partners/add/",
        f"/plans/ascn/lines/{line.pk}/milestones/add/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**LINE, "project": line.project_id}).status_code == 403, url
    line.refresh_from_db()
    assert line.title == "Bus lanes"
    assert PlanProject.objects.filter(plan=plan).count() == 1


def test_the_states_national_representative_reviews_the_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = make_plan("bangkok")
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    with natrep_of(monkeypatch, natrep, "TH"):
        client = _client(natrep)
        url = f"/plans/ascn/cities/{plan.organisation_id}/"
        page = client.get(url).content.decode()
        assert f"{url}review/" in page
        assert "/revise/" not in page
        done = client.post(
            f"{url}review/", {"year": "2024", "comment": "Good pace", "mark_reviewed": "on"}
        )
        assert done.status_code == 302
        made = PlanReview.objects.get(plan=plan)
        assert (made.year, made.comment, made.marked_reviewed, made.reviewer) == (
            2024,
            "Good pace",
            True,
            natrep,
        )
        assert "Good pace" in client.get(url).content.decode()
        empty = client.post(f"{url}review/", {"year": "2024", "comment": ""})
        assert empty.status_code == 400
        assert "Write a note or mark the year reviewed." in empty.content.decode()


def test_others_cannot_review(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = make_plan("bangkok")
    other_state = person("maria", Role.NATIONAL_REPRESENTATIVE)
    with natrep_of(monkeypatch, other_state, "PH"):
        for user in (other_state, officer_of("bangkok")):
            client = _client(user)
            url = f"/plans/ascn/cities/{plan.organisation_id}/review/"
            assert client.get(url).status_code == 403
            posted = client.post(url, {"year": "2024", "comment": "x", "mark_reviewed": "on"})
            assert posted.status_code == 403
    assert not PlanReview.objects.filter(plan=plan).exists()


def test_an_edit_made_from_a_page_opened_before_anothers_save_is_refused_and_kept() -> None:
    import re

    from intercity.plans.services import plans as plan_services

    line = make_line(make_plan("bangkok"), "Bus lanes")
    officer = officer_of("bangkok")
    url = f"/plans/ascn/lines/{line.pk}/edit/"
    opened = _client(officer).get(url).content.decode()
    found = re.search(r'name="seen" value="([0-9a-f]+)"', opened)
    assert found is not None
    seen = found.group(1)
    # A colleague saves a change meanwhile.
    plan_services.edit_line(
        officer,
        line,
        title="Bus lanes on four corridors",
        first_year=line.first_year,
        last_year=line.last_year,
    )
    mine = {**LINE, "title": "Bus lanes, revised", "project": str(line.project_id), "seen": seen}

    refused = _client(officer).post(url, mine)

    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Someone saved a change here since you opened this page" in text
    assert 'value="Bus lanes, revised"' in text
    line.refresh_from_db()
    assert line.title == "Bus lanes on four corridors"

    fresh = plan_services.line_seen(line)
    saved = _client(officer).post(url, {**mine, "seen": fresh})
    assert saved.status_code == 302
    line.refresh_from_db()
    assert line.title == "Bus lanes, revised"


def test_a_project_edit_from_a_stale_page_is_refused() -> None:
    from intercity.plans.services import plans as plan_services

    line = make_line(make_plan("bangkok"))
    project = line.project
    officer = officer_of("bangkok")
    stale = plan_services.project_seen(project)
    plan_services.edit_project(
        officer, project, title="Renamed by a colleague", area=project.focus_area.slug
    )

    refused = _client(officer).post(
        f"/plans/ascn/projects/{project.pk}/edit/",
        {"title": "Mine", "focus_area": project.focus_area.slug, "seen": stale},
    )

    assert refused.status_code == 409
    project.refresh_from_db()
    assert project.title == "Renamed by a colleague"
