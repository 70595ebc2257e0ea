"""Demonstration assessments for `make run`: a handful of WeGO member cities with accepted
CeDS and maturity-model assessments in two years, generated from a strength per factor and
marked `demo` (the pages say "demonstration data"). Not the cities' real answers.

Each answer is the one of its question whose score is nearest the city's strength in that
section, moved a little by a seeded random generator, so the same run gives the same data."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from intercity.accounts.models import Role, User
from intercity.accounts.services import grant_role
from intercity.assessment import rules, services
from intercity.assessment.models import Assessment, Instrument
from intercity.network.models import Network, Organisation


@dataclass(frozen=True)
class DemoCity:
    key: str
    strength: float  # 0..1 in the first year
    growth: float  # added by the second year
    share: bool  # opted in to be named to peers


DEMO_CITIES = (
    DemoCity("seoul", 0.86, 0.04, True),
    DemoCity("makati", 0.52, 0.08, True),
    DemoCity("goyang", 0.66, 0.05, False),
    DemoCity("gwangmyeong", 0.58, 0.06, True),
    DemoCity("da-nang", 0.41, 0.09, False),
    DemoCity("jakarta", 0.47, 0.07, True),
    DemoCity("kampala", 0.30, 0.08, False),
    DemoCity("kigali", 0.44, 0.10, True),
)
DEMO_YEARS = (2024, 2025)
DEMO_USER = "demo-data"


def _answer(question: rules.Question, strength: float, rng: random.Random) -> Any:
    target = min(max(strength + rng.uniform(-0.18, 0.18), 0.0), 1.0)
    kind = question.type
    if kind == rules.QuestionType.SCALE:
        span = question.scale_max - question.scale_min
        return question.scale_min + round(target * span)
    if kind == rules.QuestionType.YES_NO:
        yes = rng.random() < target
        return yes != question.invert
    if kind == rules.QuestionType.SINGLE:
        return min(question.options, key=lambda o: abs(float(o.score) - target)).value
    if kind == rules.QuestionType.MULTIPLE:
        chosen: list[str] = []
        total = Fraction(0)
        for option in sorted(question.options, key=lambda o: -o.score):
            if option.exclusive or option.score == 0:
                continue
            if float(total) >= target:
                break
            chosen.append(option.value)
            total += option.score
        none = next((o.value for o in question.options if o.exclusive), None)
        return chosen or ([none] if none else [question.options[0].value])
    if kind == rules.QuestionType.NUMBER:
        return str(_number(question, target))
    return "Demonstration data: not a real answer."


def _number(question: rules.Question, target: float) -> Decimal:
    """A value inside the band whose score is nearest the target."""
    low = question.minimum if question.minimum is not None else Decimal(0)
    best = min(
        range(len(question.bands)), key=lambda i: abs(float(question.bands[i].score) - target)
    )
    start = question.bands[best - 1].below if best else low
    end = question.bands[best].below
    start = low if start is None else max(start, low)
    if end is None:
        end = question.maximum if question.maximum is not None else start * 2 + 1
        end = min(end, start * Decimal("1.5") + 1)
    value = start + (end - start) / 2
    if question.maximum is not None:
        value = min(value, question.maximum)
    return value.quantize(Decimal("0.1"))


def _systems(version: Any, level: int, rng: random.Random) -> dict[str, str]:
    expectations = services.expectations_of(version)
    if expectations is None:
        return {}
    wanted = expectations.at(level)
    systems = {}
    for module in services.sectoral_modules():
        status = wanted.get(module.slug, expectations.statuses[0])
        rank = expectations.rank(status)
        if rank and rng.random() < 0.35:
            rank -= 1  # some cities lag behind their level: the gap the tool is for
        systems[module.slug] = expectations.statuses[rank]
    return systems


def _demo_user() -> User:
    user, created = User.objects.get_or_create(username=DEMO_USER)
    if created:
        user.set_unusable_password()
        user.save()
        grant_role(None, user, Role.SECRETARIAT)
    return user


def generate(seed: int = 2024) -> int:
    """Create the demonstration assessments that are missing; returns how many."""
    wego = Network.objects.get(slug="wego")
    user = _demo_user()
    made = 0
    rng = random.Random(seed)  # noqa: S311 - repeatable demonstration data, not secrets
    for city in DEMO_CITIES:
        organisation = Organisation.objects.filter(key=city.key).first()
        if organisation is None:
            continue
        for year_index, year in enumerate(DEMO_YEARS):
            strength = city.strength + city.growth * year_index
            for instrument in Instrument.objects.all():
                if Assessment.objects.filter(
                    organisation=organisation, instrument=instrument, year=year
                ).exists():
                    continue
                _one(user, organisation, wego, instrument.slug, year, strength, city.share, rng)
                made += 1
    return made


def _one(
    user: User,
    organisation: Organisation,
    network: Network,
    slug: str,
    year: int,
    strength: float,
    share: bool,
    rng: random.Random,
) -> None:
    with transaction.atomic():
        assessment = services.start_assessment(
            user, organisation, network, slug, year, today=timezone.localdate(), demo=True
        )
        instrument = services.instrument_rules(assessment.version)
        answers = {q.code: _answer(q, strength, rng) for _, q in instrument.questions()}
        provisional = rules.score(instrument, answers)
        level = provisional.level.level if provisional.level else 1
        targets: dict[str, Any] = {}
        target_year: Any = services.KEEP
        if assessment.instrument.sets_targets:
            targets = {
                s.slug: min((s.level.level if s.level else 1) + 1, 5) for s in provisional.sections
            }
            target_year = year + 3
        services.save_answers(
            user,
            assessment,
            answers=answers,
            systems=_systems(assessment.version, level, rng),
            targets=targets or None,
            target_year=target_year,
            share_with_peers=share,
        )
        for _, question in instrument.questions():
            if question.evidence == rules.Evidence.REQUIRED:
                services.attach_evidence(
                    user,
                    assessment,
                    question.code,
                    link=f"https://example.org/demo/{organisation.key}/{question.code.lower()}",
                )
        submitted = dt.datetime(year, 11, 15, 9, 0, tzinfo=dt.UTC)
        services.submit(user, assessment, now=submitted)
        services.review(
            user,
            assessment,
            "accepted",
            "Demonstration data.",
            now=submitted + dt.timedelta(days=9),
        )
