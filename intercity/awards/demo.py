"""A demonstration edition of the WeGO awards for `make run`: year 2026, in round 1, marked
`demo` (its pages say "demonstration data"). Not a real edition, not real applications.

It has the six categories of 2017 (names and translations from the 2017 seed), two or three
criteria per category in our own demonstration wording, a panel of the two demo judge logins
(`judge`, seated, and `head-judge`, head of panel; `create_demo_users` makes them) and seven
eligible applications from WeGO member cities of the registry, one per category and two in
Digital Inclusion. The demo judge has declared a conflict with Seberang Perai, whose
application the judge therefore never sees.

Idempotent: what exists is left as it is and what is missing is added, so running it again
after `create_demo_users` seats judges that were not there the first time. An edition of 2026
that is not a demonstration (one the Secretariat made) is never touched."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from intercity.accounts.models import User
from intercity.awards import seed
from intercity.awards.models import (
    Application,
    Category,
    Conflict,
    Criterion,
    Edition,
    Judge,
    Stage,
)
from intercity.network.models import Network, Organisation

YEAR = 2026
# Not a real edition's number: the seed's last is the 3rd (2017), and it does not say how the
# later ones were numbered, so a demonstration edition is numbered 0.
NUMBER = 0
MARK = "Demonstration data: not a real edition of the WeGO awards."
SOURCE = "demonstration data (manage.py demo_awards)"

TITLE = {
    "en": "WeGO Smart Sustainable City Awards 2026 (demonstration)",
    "ko": "WeGO 스마트 지속가능 도시 어워드 2026 (시연용)",
    "zh_hans": "WeGO 智慧可持续城市奖 2026（演示）",
    "ru": "Премия WeGO «Умный устойчивый город» 2026 (демонстрация)",
    "es": "Premios WeGO a la Ciudad Inteligente y Sostenible 2026 (demostración)",
}
TERMS = (
    "Demonstration terms, not WeGO's: a WeGO member city may apply with one project per "
    "category; the project has run for at least a year; the Secretariat screens each "
    "application against these terms before round 1."
)
CRITERION_NOTE = "Demonstration wording, not a criterion WeGO published."

# (category code, [(criterion, weight)]): our own wording, for the demo only.
CRITERIA = {
    "open-city": [
        ("Data and decisions made public", "1"),
        ("Use by citizens and businesses", "1"),
        ("Reuse by other cities", "1"),
    ],
    "digital-inclusion": [
        ("Reach among people who were offline", "1"),
        ("Accessibility and languages", "1"),
    ],
    "innovative-smart-city": [
        ("Novelty of the approach", "1"),
        ("Measured results", "2"),
        ("Can grow to the whole city", "1"),
    ],
    "sustainable-city": [
        ("Environmental benefit, measured", "1"),
        ("Cost over the project's life", "1"),
    ],
    "e-government-service": [
        ("Time and cost saved for users", "1"),
        ("Ease of use", "1"),
        ("Security and privacy", "1"),
    ],
    "cooperative-city": [
        ("Partners and their roles", "1"),
        ("Knowledge shared with other cities", "1"),
    ],
}


@dataclass(frozen=True)
class DemoApplication:
    city: str  # organisation key in the registry
    category: str
    title: str
    summary: str


APPLICATIONS = (
    DemoApplication(
        "jakarta", "open-city", "Open Budget Dashboard", "The city's budget, line by line."
    ),
    DemoApplication(
        "gwangmyeong",
        "digital-inclusion",
        "Neighbourhood Digital Helpers",
        "Volunteers teach older residents to use the city's online services.",
    ),
    DemoApplication(
        "seberang-perai",
        "digital-inclusion",
        "Community Wi-Fi for Fishing Villages",
        "Free connections in the coastal villages, with a help desk in each.",
    ),
    DemoApplication(
        "kigali",
        "innovative-smart-city",
        "Street Lights that Report their Faults",
        "Sensors on the lamp posts send repair requests by themselves.",
    ),
    DemoApplication(
        "goyang",
        "sustainable-city",
        "Flood Warnings by Neighbourhood",
        "River and drain sensors warn the streets at risk an hour ahead.",
    ),
    DemoApplication(
        "kampala",
        "e-government-service",
        "Trading Licences Renewed by Phone",
        "Traders renew and pay their licence by mobile money.",
    ),
    DemoApplication(
        "da-nang",
        "cooperative-city",
        "Shared Tourism Data with Neighbouring Provinces",
        "Visitor numbers pooled with three provinces to plan transport.",
    ),
)

# The demo judge (`judge`) declared a conflict with this city: the app never shows them its
# application, so the demo shows a conflict at work.
CONFLICT_CITY = "seberang-perai"
JUDGE = "judge"
HEAD_JUDGE = "head-judge"

SUBMITTED = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
SCREENED = dt.datetime(2026, 10, 6, 9, 0, tzinfo=dt.UTC)


class Blocked(Exception):
    """The demonstration cannot be made here (say why)."""


def generate() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="wego").first()
    if network is None:
        raise Blocked("the WeGO network is not loaded: run `manage.py seed` first.")
    with transaction.atomic():
        edition = _edition(network, created)
        categories = _categories(edition, created)
        judge = _seat(edition, JUDGE, "Demonstration judge", False, created)
        _seat(edition, HEAD_JUDGE, "Demonstration head of panel", True, created)
        _applications(edition, categories, created)
        conflicted = Organisation.objects.filter(key=CONFLICT_CITY).first()
        if judge is not None and conflicted is not None:
            _, made = Conflict.objects.get_or_create(
                judge=judge,
                organisation=conflicted,
                defaults={"reason": "Demonstration: the judge advised this city on its project."},
            )
            created["conflict"] += made
    return created


def seated_judges() -> list[Judge]:
    """The panel of the demonstration edition, if there is one."""
    return list(Judge.objects.filter(edition__demo=True, edition__year=YEAR).select_related("user"))


def _edition(network: Network, created: Counter[str]) -> Edition:
    existing = Edition.objects.filter(network=network, year=YEAR).first()
    if existing is not None and not existing.demo:
        raise Blocked(f"WeGO has a real edition for {YEAR}; no demonstration is added beside it.")
    if existing is not None:
        return existing
    created["edition"] += 1
    return Edition.objects.create(
        network=network,
        year=YEAR,
        number=NUMBER,
        demo=True,
        stage=Stage.ROUND1,
        title=TITLE["en"],
        **{f"title_{language}": text for language, text in TITLE.items()},
        terms=TERMS,
        terms_en=TERMS,
        applications_open_on=dt.date(2026, 6, 1),
        applications_close_on=dt.date(2026, 9, 30),
        round1_closes_on=dt.date(2026, 12, 31),
        round2_closes_on=dt.date(2027, 1, 29),
        source=SOURCE,
    )


def _categories(edition: Edition, created: Counter[str]) -> dict[str, Category]:
    found = {}
    for position, (code, words) in enumerate(seed.category_names().items()):
        category, made = Category.objects.get_or_create(
            edition=edition, code=code, defaults={**words, "position": position}
        )
        created["category"] += made
        if made:
            for c_position, (name, weight) in enumerate(CRITERIA[code]):
                Criterion.objects.create(
                    category=category,
                    name=name,
                    name_en=name,
                    description=CRITERION_NOTE,
                    description_en=CRITERION_NOTE,
                    weight=Decimal(weight),
                    position=c_position,
                )
                created["criterion"] += 1
        found[code] = category
    return found


def _seat(
    edition: Edition, username: str, name: str, head: bool, created: Counter[str]
) -> Judge | None:
    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    judge, made = Judge.objects.get_or_create(
        edition=edition,
        user=user,
        defaults={"name": name, "is_head": head, "affiliation": MARK, "source": SOURCE},
    )
    created["judge"] += made
    return judge


def _applications(edition: Edition, categories: dict[str, Category], created: Counter[str]) -> None:
    for row in APPLICATIONS:
        organisation = Organisation.objects.filter(key=row.city).first()
        if organisation is None:
            continue
        _, made = Application.objects.get_or_create(
            edition=edition,
            organisation=organisation,
            title=row.title,
            defaults={
                "category": categories[row.category],
                "summary": f"{row.summary} {MARK}",
                "context": MARK,
                "impact": MARK,
                "status": Application.Status.ELIGIBLE,
                "submitted_at": SUBMITTED,
                "screened_at": SCREENED,
                "screening_reason": "Demonstration: meets the demonstration terms.",
                "source": SOURCE,
            },
        )
        created["application"] += made
