"""`manage.py demo_awards` (run by `make run`): a WeGO edition of 2026 in round 1, marked as
demonstration data, with the demo judge seated, a demo head of panel, criteria in our own
demonstration wording and eligible applications from member cities, one of them from the
city the demo judge declared a conflict with. Run twice, it adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from intercity.awards import demo
from intercity.awards.models import Application, Conflict, Edition, Judge, Stage
from intercity.network import services as network
from intercity.network.models import Network

pytestmark = pytest.mark.django_db


def run(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_edition() -> Edition:
    run("create_demo_users")
    run("demo_awards")
    return Edition.objects.get(network__slug="wego", year=demo.YEAR)


def test_the_demo_edition_is_marked_and_in_round_1(demo_edition):
    assert demo_edition.demo
    assert demo_edition.stage == Stage.ROUND1
    assert "demonstration" in demo_edition.title
    assert demo_edition.terms.startswith("Demonstration terms")
    # The seeded 2017 edition is not demonstration data.
    assert not Edition.objects.get(network__slug="wego", year=2017).demo


def test_the_same_six_categories_as_2017_each_with_two_or_three_demonstration_criteria(
    demo_edition,
):
    edition_2017 = Edition.objects.get(network__slug="wego", year=2017)

    def codes(edition: Edition) -> list[str]:
        return list(edition.categories.order_by("position").values_list("code", flat=True))

    assert codes(demo_edition) == codes(edition_2017)
    assert [c.name for c in demo_edition.categories.all()][:2] == ["Open City", "Digital Inclusion"]
    for category in demo_edition.categories.all():
        criteria = list(category.criteria.all())
        assert 2 <= len(criteria) <= 3, category.code
        assert all(c.description == demo.CRITERION_NOTE for c in criteria)


def test_the_demo_judge_is_seated_and_the_demo_head_judge_heads_the_panel(demo_edition):
    seats = {j.user.username: j for j in Judge.objects.filter(edition=demo_edition) if j.user}
    assert set(seats) == {"judge", "head-judge"}
    assert not seats["judge"].is_head
    assert seats["head-judge"].is_head


def test_applications_are_eligible_and_from_current_wego_members(demo_edition):
    wego = Network.objects.get(slug="wego")
    applications = Application.objects.filter(edition=demo_edition)
    assert applications.count() == len(demo.APPLICATIONS)
    for application in applications:
        assert application.status == Application.Status.ELIGIBLE
        assert "Demonstration data" in application.summary
        period = network.current_period(wego, application.organisation)
        assert period is not None, application.organisation.name
        assert network.is_current(period.status), application.organisation.name
    assert {a.category.code for a in applications} == set(demo.CRITERIA)


def test_one_application_is_from_the_city_the_demo_judge_declared_a_conflict_with(demo_edition):
    judge = Judge.objects.get(edition=demo_edition, user__username="judge")
    conflict = Conflict.objects.get(judge=judge)
    assert conflict.organisation.key == demo.CONFLICT_CITY
    conflicted = Application.objects.filter(
        edition=demo_edition, organisation=conflict.organisation
    )
    assert conflicted.count() == 1
    # Its category has another application the judge does see.
    category = conflicted.get().category
    assert category.applications.exclude(organisation=conflict.organisation).exists()
    head = Judge.objects.get(edition=demo_edition, is_head=True)
    assert not Conflict.objects.filter(judge=head).exists()


def test_a_second_run_adds_nothing(demo_edition):
    assert run("demo_awards").strip() == "awards demo: nothing new"
    assert Edition.objects.filter(demo=True).count() == 1
    assert Judge.objects.filter(edition=demo_edition).count() == 2
    assert Conflict.objects.filter(judge__edition=demo_edition).count() == 1


def test_run_before_the_demo_logins_it_seats_them_on_the_next_run():
    out = run("demo_awards")
    assert "no login head-judge, judge to seat" in out
    edition = Edition.objects.get(network__slug="wego", year=demo.YEAR)
    assert not edition.judges.exists()
    assert not Conflict.objects.filter(judge__edition=edition).exists()
    run("create_demo_users")
    assert "created 1 conflict, 2 judge" in run("demo_awards")
    assert edition.judges.count() == 2


def test_a_real_edition_of_2026_is_left_alone():
    real = Edition.objects.create(
        network=Network.objects.get(slug="wego"), number=6, year=demo.YEAR, title="Real"
    )
    assert "nothing added" in run("demo_awards")
    real.refresh_from_db()
    assert (real.title, real.demo, real.categories.count()) == ("Real", False, 0)


def test_the_awards_page_says_the_demo_edition_is_demonstration_data(demo_edition, client):
    client.force_login(demo_edition.judges.get(user__username="judge").user)
    page = client.get(reverse("awards_home")).content.decode()
    assert demo_edition.title in page
    assert "demonstration data" in page
