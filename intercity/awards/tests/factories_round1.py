"""Round 1's world for tests, built directly with the ORM: an edition open for scoring, its
categories and weighted criteria, eligible applications from seeded and made-up cities, and
judges with their seats (the head of panel among them). Other test modules import these."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import person
from intercity.awards.models import (
    Application,
    Category,
    Criterion,
    Edition,
    Judge,
    Scorecard,
    Stage,
)
from intercity.network.models import Network, Organisation
from intercity.network.tests.factories import OrganisationFactory


def edition(
    network: Network | None = None, *, stage: str = Stage.ROUND1, **numbers: Any
) -> Edition:
    network = network or Network.objects.get(slug="wego")
    return Edition.objects.create(
        network=network,
        number=numbers.pop("number", 5),
        year=numbers.pop("year", 2026),
        title=numbers.pop("title", "5th WeGO Smart Sustainable City Awards"),
        stage=stage,
        **numbers,
    )


def category(
    edition: Edition, code: str, name: str, criteria: list[tuple[str, str]] | None = None
) -> Category:
    """A category with its criteria, (name, weight) each; two of equal weight by default."""
    made = Category.objects.create(
        edition=edition, code=code, name=name, position=edition.categories.count()
    )
    for position, (criterion, weight) in enumerate(
        criteria or [("Innovation", "1"), ("Impact on citizens", "1")]
    ):
        Criterion.objects.create(
            category=made, name=criterion, weight=Decimal(weight), position=position
        )
    return made


def city(key: str, name: str | None = None) -> Organisation:
    """A seeded city by its key, or a new one when `name` is given."""
    if name is None:
        return Organisation.objects.get(key=key)
    return cast(Organisation, OrganisationFactory(key=key, name=name))


def application(
    category: Category,
    organisation: Organisation,
    title: str,
    *,
    status: str = Application.Status.ELIGIBLE,
) -> Application:
    return Application.objects.create(
        edition=category.edition,
        category=category,
        organisation=organisation,
        title=title,
        summary=f"{title}: what it does.",
        context="Started by the mayor's office after a citizens' survey in 2023.",
        impact="Used by 40,000 residents a month.",
        budget="USD 1.2 million",
        status=status,
        submitted_at=timezone.now(),
        screened_at=timezone.now(),
    )


def seat(
    edition: Edition,
    user: User | None,
    name: str,
    *,
    organisation: Organisation | None = None,
    head: bool = False,
    categories: list[Category] | None = None,
) -> Judge:
    judge = Judge.objects.create(
        edition=edition, user=user, name=name, organisation=organisation, is_head=head
    )
    if categories:
        judge.categories.set(categories)
    return judge


def scorecard(
    judge: Judge, application: Application, scores: list[int], *, submitted: bool = True
) -> Scorecard:
    """A judge's card with `scores` in the criteria's order, straight into the database (for
    the closing's tests; the scoring itself goes through the services)."""
    card = Scorecard.objects.create(
        judge=judge,
        application=application,
        status=Scorecard.Status.SUBMITTED if submitted else Scorecard.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    for criterion, value in zip(
        application.category.criteria.order_by("position", "pk"), scores, strict=False
    ):
        card.scores.create(criterion=criterion, value=value)
    return card


@dataclass
class Round1World:
    """The 5th edition in round 1, two finalists per category (small numbers keep the
    rankings readable). Open City: Seoul, Makati, Edmonton, Jakarta. Digital Inclusion:
    Miraflores. Jules is a judge from Seoul; June judges Open City only; Marc heads the panel."""

    edition: Edition
    open_city: Category
    inclusion: Category
    seoul: Application
    makati: Application
    edmonton: Application
    jakarta: Application
    miraflores: Application
    jules: Judge
    june: Judge
    marc: Judge
    people: dict[str, User] = field(default_factory=dict)


def round1_world(jules_user: User | None = None) -> Round1World:
    made = edition(finalists=2)
    open_city = category(
        made, "open-city", "Open City", [("Openness", "2"), ("Impact on citizens", "1")]
    )
    inclusion = category(made, "digital-inclusion", "Digital Inclusion")
    seoul_city = city("seoul")
    jules_user = jules_user or person("jules", Role.JUDGE)
    june_user = person("june", Role.JUDGE)
    marc_user = person("marc", Role.JUDGE)
    return Round1World(
        edition=made,
        open_city=open_city,
        inclusion=inclusion,
        seoul=application(open_city, seoul_city, "Seoul Open Data Plaza"),
        makati=application(open_city, city("makati"), "Makati Open Budget"),
        edmonton=application(open_city, city("edmonton-test", "Edmonton"), "Open City Initiative"),
        jakarta=application(
            open_city, city("jakarta-test", "Jakarta Test"), "Jakarta Smart City Portal"
        ),
        miraflores=application(inclusion, city("miraflores-test", "Miraflores"), "Miraflores 2.0"),
        jules=seat(made, jules_user, "Jules Verne", organisation=seoul_city),
        june=seat(made, june_user, "June Park", categories=[open_city]),
        marc=seat(made, marc_user, "Marc Wolfram", head=True),
        people={"jules": jules_user, "june": june_user, "marc": marc_user},
    )
