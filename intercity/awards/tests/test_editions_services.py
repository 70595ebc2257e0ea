"""The Secretariat prepares an edition: its numbers, categories, criteria and panel, and moves
it from stage to stage up to round 1, each refusal explained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from intercity.accounts.models import Role, RoleGrant
from intercity.accounts.tests.factories import UserFactory
from intercity.awards.models import Application, Edition, Judge, Stage
from intercity.awards.services import editions
from intercity.awards.tests import factories_apps as make
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def new(secretariat, wego, **values):
    fields = {"number": 4, "year": 2019, "title": "4th WeGO Awards"}
    fields.update(values)
    return editions.create_edition(secretariat, wego, **fields)


def test_the_secretariat_creates_an_edition_with_its_numbers_and_an_audit_event(secretariat, wego):
    made = new(secretariat, wego, finalists=4, votes_per_judge=1, score_max=5)
    assert made.stage == Stage.DRAFT
    assert (made.score_min, made.score_max, made.finalists, made.votes_per_judge) == (1, 5, 4, 1)
    event = AuditEvent.objects.get(verb="create_award_edition", object_id=str(made.pk))
    assert event.actor == secretariat
    assert event.after["finalists"] == 4


def test_a_city_officer_cannot_create_an_edition(seoul_officer, wego):
    with pytest.raises(PermissionDenied):
        new(seoul_officer, wego)
    assert not Edition.objects.filter(year=2019).exists()


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"title": " "}, "title"),
        ({"score_min": 5, "score_max": 5}, "Scores run"),
        ({"finalists": 1}, "two finalists"),
        ({"votes_per_judge": 0}, "at least one vote"),
        ({"votes_per_judge": 5, "finalists": 5}, "fewer than the finalists"),
        (
            {
                "applications_open_on": dt.date(2019, 5, 1),
                "applications_close_on": dt.date(2019, 4, 1),
            },
            "follow each other",
        ),
    ],
)
def test_an_edition_with_wrong_numbers_or_dates_is_refused_with_the_reason(
    secretariat, wego, values, words
):
    with pytest.raises(DomainError, match=words):
        new(secretariat, wego, **values)
    assert not Edition.objects.filter(year=2019).exists()


def test_a_second_edition_in_the_same_year_is_refused(secretariat, wego):
    new(secretariat, wego)
    with pytest.raises(DomainError, match="already has an award edition for 2019"):
        new(secretariat, wego, number=5)


def test_the_numbers_may_change_in_screening_but_not_the_title_and_nothing_in_round1(
    secretariat, wego
):
    made = make.edition(wego, stage=Stage.SCREENING)
    editions.update_edition(secretariat, made, finalists=6)
    assert Edition.objects.get(pk=made.pk).finalists == 6
    with pytest.raises(DomainError, match="only the procedure's numbers"):
        editions.update_edition(secretariat, made, title="Renamed")
    Edition.objects.filter(pk=made.pk).update(stage=Stage.ROUND1)
    with pytest.raises(DomainError, match="can no longer be changed"):
        editions.update_edition(secretariat, made, finalists=3)
    assert Edition.objects.get(pk=made.pk).finalists == 6


def test_an_edition_is_edited_while_open_for_applications(secretariat, wego):
    made = make.edition(wego)
    editions.update_edition(secretariat, made, title="Renamed", terms="New terms")
    made.refresh_from_db()
    assert (made.title, made.terms) == ("Renamed", "New terms")
    assert AuditEvent.objects.filter(verb="update_award_edition").count() == 1


# --- Categories and criteria -----------------------------------------------------------------


def test_categories_are_added_reordered_and_removed(secretariat, wego):
    made = new(secretariat, wego)
    first = editions.add_category(secretariat, made, name="Open City")
    second = editions.add_category(secretariat, made, name="Digital Inclusion")
    assert [c.code for c in made.categories.all()] == ["open-city", "digital-inclusion"]
    editions.move_category(secretariat, second, -1)
    assert [c.code for c in made.categories.all()] == ["digital-inclusion", "open-city"]
    editions.remove_category(secretariat, first)
    assert [c.code for c in made.categories.all()] == ["digital-inclusion"]
    with pytest.raises(DomainError, match="already has a category"):
        editions.add_category(secretariat, made, name="Digital inclusion")


def test_a_category_with_an_application_is_not_removed(secretariat, wego):
    made = make.edition(wego)
    application = make.application(made)
    with pytest.raises(DomainError, match="has applications"):
        editions.remove_category(secretariat, application.category)
    assert made.categories.filter(pk=application.category_id).exists()


def test_criteria_need_a_positive_weight_and_are_fixed_once_round1_opens(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING, criteria=())
    category = made.categories.first()
    criterion = editions.add_criterion(secretariat, category, name="Impact", weight="2.5")
    assert criterion.weight == Decimal("2.5")
    for weight in ("0", "-1", "abc"):
        with pytest.raises(DomainError, match="weight"):
            editions.add_criterion(secretariat, category, name="Reach", weight=weight)
    editions.update_criterion(secretariat, criterion, name="Impact on citizens", weight=3)
    Edition.objects.filter(pk=made.pk).update(stage=Stage.ROUND1)
    with pytest.raises(DomainError, match="fixed once round 1 opens"):
        editions.add_criterion(secretariat, category, name="Reach")
    with pytest.raises(DomainError, match="fixed once round 1 opens"):
        editions.remove_criterion(secretariat, criterion)
    with pytest.raises(DomainError, match="fixed once round 1 opens"):
        editions.add_category(secretariat, made, name="Late")
    assert category.criteria.get().name == "Impact on citizens"


# --- The panel -------------------------------------------------------------------------------


def test_seating_a_judge_grants_the_judge_role_for_the_network_once(secretariat, wego):
    made = make.edition(wego, stage=Stage.DRAFT)
    user = UserFactory(username="peter")
    seoul = Organisation.objects.get(key="seoul")
    judge = editions.seat_judge(
        secretariat,
        made,
        user,
        name="Peter Baeck",
        organisation=seoul,
        categories=[made.categories.first()],
    )
    assert judge.organisation == seoul
    assert judge.categories.count() == 1
    assert RoleGrant.objects.filter(user=user, role=Role.JUDGE, network=wego).count() == 1
    with pytest.raises(DomainError, match="already sits on this panel"):
        editions.seat_judge(secretariat, made, user)
    other = make.edition(wego, stage=Stage.DRAFT)
    editions.seat_judge(secretariat, other, user)
    assert RoleGrant.objects.filter(user=user, role=Role.JUDGE).count() == 1


def test_a_judge_of_another_editions_category_is_refused(secretariat, wego):
    made = make.edition(wego, stage=Stage.DRAFT)
    other = make.edition(wego, stage=Stage.DRAFT)
    with pytest.raises(DomainError, match="categories of this edition"):
        editions.seat_judge(secretariat, made, UserFactory(), categories=[other.categories.first()])
    assert not made.judges.exists()


def test_there_is_exactly_one_head_of_panel(secretariat, wego):
    made = make.edition(wego, judges=3)
    first, _second, third = made.judges.order_by("pk")
    assert first.is_head
    editions.name_head(secretariat, third)
    assert list(made.judges.filter(is_head=True)) == [third]


def test_a_judge_is_unseated_before_round1_only(secretariat, wego):
    made = make.edition(wego, judges=2)
    one, two = made.judges.order_by("pk")
    editions.unseat_judge(secretariat, two)
    assert list(made.judges.all()) == [one]
    Edition.objects.filter(pk=made.pk).update(stage=Stage.ROUND1)
    with pytest.raises(DomainError, match="fixed once round 1 opens"):
        editions.unseat_judge(secretariat, Judge.objects.get(pk=one.pk))
    assert made.judges.count() == 1


def test_an_officer_cannot_seat_a_judge(seoul_officer, wego):
    made = make.edition(wego)
    with pytest.raises(PermissionDenied):
        editions.seat_judge(seoul_officer, made, seoul_officer)


# --- Stages ----------------------------------------------------------------------------------


def test_applications_open_only_with_a_category(secretariat, wego):
    made = new(secretariat, wego)
    with pytest.raises(DomainError, match="at least one category"):
        editions.open_applications(secretariat, made)
    editions.add_category(secretariat, made, name="Open City")
    editions.open_applications(secretariat, made)
    assert Edition.objects.get(pk=made.pk).stage == Stage.APPLICATIONS
    with pytest.raises(DomainError, match="starts from"):
        editions.open_applications(secretariat, made)
    editions.close_applications(secretariat, made)
    assert Edition.objects.get(pk=made.pk).stage == Stage.SCREENING
    assert (
        AuditEvent.objects.filter(
            verb__in=["open_award_applications", "close_award_applications"]
        ).count()
        == 2
    )


def ready(wego):
    made = make.edition(wego, stage=Stage.SCREENING, judges=2)
    make.application(made, status=Application.Status.ELIGIBLE)
    return made


def test_round1_opens_when_everything_is_ready(secretariat, wego):
    made = ready(wego)
    assert editions.open_round1_problems(made) == []
    editions.open_round1(secretariat, made)
    assert Edition.objects.get(pk=made.pk).stage == Stage.ROUND1


def test_round1_waits_for_an_unscreened_application(secretariat, wego):
    made = ready(wego)
    make.application(made, "makati", status=Application.Status.SUBMITTED)
    with pytest.raises(DomainError, match="1 submitted application"):
        editions.open_round1(secretariat, made)
    assert Edition.objects.get(pk=made.pk).stage == Stage.SCREENING


def test_round1_needs_an_eligible_application(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING, judges=1)
    make.application(made, status=Application.Status.INELIGIBLE)
    with pytest.raises(DomainError, match="No application has been screened eligible"):
        editions.open_round1(secretariat, made)


def test_round1_needs_a_head_of_panel(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING, judges=2, head=False)
    make.application(made, status=Application.Status.ELIGIBLE)
    with pytest.raises(DomainError, match="no head"):
        editions.open_round1(secretariat, made)


def test_round1_needs_criteria_and_a_judge_for_each_category_with_eligible_applications(
    secretariat, wego
):
    made = make.edition(wego, stage=Stage.SCREENING, judges=1)
    open_city, inclusion = made.categories.order_by("position")
    made.judges.get().categories.set([open_city])
    inclusion.criteria.all().delete()
    make.application(made, category=inclusion, status=Application.Status.ELIGIBLE)
    problems = editions.open_round1_problems(made)
    assert problems == [
        "Digital Inclusion has eligible applications but no criterion.",
        "Digital Inclusion has eligible applications but no judge who may score them.",
    ]
    with pytest.raises(DomainError, match="no criterion"):
        editions.open_round1(secretariat, made)


def test_round1_does_not_open_from_another_stage(secretariat, wego):
    made = make.edition(wego, stage=Stage.APPLICATIONS, judges=1)
    with pytest.raises(DomainError, match="starts from: screening"):
        editions.open_round1(secretariat, made)


def test_drafts_are_hidden_from_everyone_but_the_secretariat(secretariat, seoul_officer, wego):
    draft = make.edition(wego, stage=Stage.DRAFT)
    assert editions.get_edition(secretariat, draft.pk) == draft
    with pytest.raises(DomainError):
        editions.get_edition(seoul_officer, draft.pk)


def test_round1_needs_a_judge_free_of_each_eligible_applications_city(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING, judges=2)
    seoul, makati = (Organisation.objects.get(key=k) for k in ("seoul", "makati"))
    make.application(made, seoul, status=Application.Status.ELIGIBLE, title="Seoul Wi-Fi")
    head, other = made.judges.order_by("-is_head", "pk")
    Judge.objects.filter(pk=head.pk).update(organisation=seoul)
    other.conflicts.create(organisation=seoul, reason="Advised the project")
    with pytest.raises(DomainError, match="Seoul Wi-Fi has no judge who may score it"):
        editions.open_round1(secretariat, made)
    other.conflicts.all().delete()
    other.conflicts.create(organisation=makati)
    assert editions.open_round1_problems(made) == []
