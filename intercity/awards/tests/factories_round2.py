"""An edition in round 2, built with the ORM for the round-2 and results tests: two
categories with two weighted criteria, a panel of judges with logins (the first from Seoul,
so never shown Seoul's entries), six eligible applications per category with every judge's
submitted scorecard, the five highest marked finalists.

Round-1 scores are distinct and easy to spot in a page (9.25, 8.25, 7.25 ...), so a test
can say none of them is shown to a judge."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory
from intercity.awards.models import (
    Application,
    Ballot,
    Category,
    Criterion,
    Edition,
    Judge,
    Score,
    Scorecard,
    Stage,
)
from intercity.network.models import Network, Organisation

# Six cities of the seed; titles are not in round-1 order, so an alphabetical list says
# nothing about the ranking.
CITIES = ["seoul", "makati", "gimpo", "goyang", "edmonton", "nanjing"]
PROJECTS = [
    "Open Data Plaza",
    "Kiosk Network",
    "Zero Waste Streets",
    "Bus Finder",
    "Citizen Desk",
    "Air Watch",
]


@dataclass
class Round2World:
    edition: Edition
    categories: list[Category]
    judges: list[Judge]
    # Per category, the applications in round-1 order (best first); the last is not a finalist.
    applications: dict[int, list[Application]] = field(default_factory=dict)

    @property
    def users(self) -> list[Any]:
        return [j.user for j in self.judges]

    def apps(self, index: int = 0) -> list[Application]:
        """The applications of the `index`th category, best in round 1 first."""
        return self.applications[self.categories[index].pk]

    def finalists(self, index: int = 0) -> list[Application]:
        return [a for a in self.apps(index) if a.finalist]


def judge_user(username: str) -> Any:
    user: Any = UserFactory(username=username, first_name=username.title())
    grant_role(None, user, Role.JUDGE)
    return user


def round2_edition(
    network: Network | None = None,
    *,
    year: int = 2019,
    judges: int = 3,
    categories: int = 2,
    votes_per_judge: int = 2,
    special_mentions: int = 1,
    stage: str = Stage.ROUND2,
    head: bool = True,
    prefix: str = "",
) -> Round2World:
    network = network or Network.objects.get(slug="wego")
    edition = Edition.objects.create(
        network=network,
        number=4,
        year=year,
        title=f"{year} Smart Sustainable City Awards",
        stage=stage,
        votes_per_judge=votes_per_judge,
        special_mentions=special_mentions,
    )
    seoul = Organisation.objects.get(key="seoul")
    panel = []
    for i in range(judges):
        panel.append(
            Judge.objects.create(
                edition=edition,
                user=judge_user(f"{prefix}judge{i}"),
                name=f"Judge {i}",
                is_head=head and i == judges - 1,
                organisation=seoul if i == 0 else None,
            )
        )
    world = Round2World(edition=edition, categories=[], judges=panel)
    names = ["Open City", "Digital Inclusion", "Sustainable City"]
    for c in range(categories):
        category = Category.objects.create(
            edition=edition, code=f"cat-{c}", name=names[c], position=c
        )
        world.categories.append(category)
        first = Criterion.objects.create(
            category=category, name="Innovation", weight=Decimal(1), position=0
        )
        second = Criterion.objects.create(
            category=category, name="Impact", weight=Decimal(3), position=1
        )
        apps = []
        for i, key in enumerate(CITIES):
            application = Application.objects.create(
                edition=edition,
                category=category,
                organisation=Organisation.objects.get(key=key),
                title=f"{PROJECTS[i]} {c}" if c else PROJECTS[i],
                summary=f"What {PROJECTS[i]} does.",
                context=f"Why {PROJECTS[i]} began.",
                impact=f"What {PROJECTS[i]} changed.",
                budget="USD 1,000,000",
                status=Application.Status.ELIGIBLE,
                submitted_at=timezone.now(),
                finalist=i < 5,
            )
            apps.append(application)
            # Each judge's weighted mean: ((10 - i) + 3 * (9 - i)) / 4 = 9.25 - i.
            for judge in panel:
                if judge.organisation_id == application.organisation_id:
                    continue
                card = Scorecard.objects.create(
                    judge=judge,
                    application=application,
                    status=Scorecard.Status.SUBMITTED,
                    submitted_at=timezone.now(),
                )
                Score.objects.create(scorecard=card, criterion=first, value=10 - i)
                Score.objects.create(scorecard=card, criterion=second, value=9 - i)
        world.applications[category.pk] = apps
    return world


def set_round1(application: Application, first: int, second: int) -> None:
    """Give an application the same two scores from every judge."""
    for card in application.scorecards.all():
        for score in card.scores.select_related("criterion"):
            score.value = first if score.criterion.position == 0 else second
            score.save()


def vote(judge: Judge, category: Category, *applications: Application) -> Ballot:
    """A ballot written straight to the database (as if cast), for tests of the count."""
    ballot = Ballot.objects.create(judge=judge, category=category)
    ballot.choices.set(applications)
    return ballot
