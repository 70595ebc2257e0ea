"""Published catalog projects for the search's tests, in a network of their own so that the
seeded catalog never changes a count: cities with a region and a population, themes, and
projects whose `search_text` is kept by `catalog.refresh_search_text`, as the services do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from intercity.knowledge.models import Cluster, Project, Sdg
from intercity.knowledge.services.catalog import refresh_search_text
from intercity.network.models import Network, Organisation
from intercity.network.tests.factories import NetworkFactory, OrganisationFactory, join

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


@dataclass
class World:
    network: Network
    cities: dict[str, Organisation] = field(default_factory=dict)
    themes: dict[str, Cluster] = field(default_factory=dict)
    made: int = 0

    def city(
        self,
        key: str,
        name: str,
        *,
        country: str = "KR",
        population: int | None = None,
        region: str | None = "asia",
        **names: str,
    ) -> Organisation:
        organisation: Organisation = OrganisationFactory(
            key=f"{self.network.slug}-{key}",
            name=name,
            country=country,
            population=population,
            **names,
        )  # type: ignore[assignment]
        join(self.network, organisation, dt.date(2020, 1, 1), region=region)
        self.cities[key] = organisation
        return organisation

    def theme(self, slug: str, name: str, **names: str) -> Cluster:
        cluster = Cluster.objects.create(network=self.network, slug=slug, name=name, **names)
        self.themes[slug] = cluster
        return cluster

    def project(
        self,
        city: str,
        title: str,
        *,
        summary: str = "",
        themes: tuple[str, ...] = (),
        sdgs: tuple[int, ...] = (),
        status: str = "",
        budget: str | None = None,
        state: str = Project.State.PUBLISHED,
        language: str = "en",
        **texts: Any,
    ) -> Project:
        self.made += 1
        project = Project.objects.create(
            network=self.network,
            organisation=self.cities[city],
            title=title,
            summary=summary,
            status=status,
            budget_usd=Decimal(budget) if budget is not None else None,
            state=state,
            language=language,
            published_at=START + dt.timedelta(days=self.made)
            if state == Project.State.PUBLISHED
            else None,
            **texts,
        )
        project.themes.set([self.themes[t] for t in themes])
        project.sdgs.set([sdg(n) for n in sdgs])
        refresh_search_text(project)
        return project


def sdg(number: int) -> Sdg:
    found, _ = Sdg.objects.get_or_create(number=number, defaults={"name": f"Goal {number}"})
    return found


def world() -> World:
    """A network of its own with the regions Asia and Europe (NetworkFactory)."""
    network: Network = NetworkFactory()  # type: ignore[assignment]
    return World(network)


def now() -> dt.datetime:
    return timezone.now()


@dataclass
class Catalog:
    """Six published projects in five cities and a draft, with what the tests count by hand:

    p1 Medellín (CO, 2.5M, Americas)  mobility                    sdg 11     completed  US$50M
    p2 Seoul (KR, 9.4M, Asia)         living-labs                 sdg 11 17  under_way  US$2M
    p3 Beijing (CN, 21M, Asia)        mobility                    sdg 9      under_way  US$30M
    p4 Kazan (RU, 1.3M, Europe)       environment                 -          planned    -
    p5 Smalltown (ES, 200k, Europe)   environment                 sdg 11 12  completed  US$80k
    p6 Seoul                          environment, mobility       sdg 12     completed  US$500k
    draft Seoul                       environment                 sdg 12     -          -
    """

    world: World
    p1: Project
    p2: Project
    p3: Project
    p4: Project
    p5: Project
    p6: Project
    draft: Project


def catalog() -> Catalog:
    w = world()
    from intercity.network.models import Region

    Region.objects.create(network=w.network, slug="americas", name="Americas", position=2)
    w.city("medellin", "Medellín", country="CO", population=2_500_000, region="americas")
    w.city("seoul", "Seoul", country="KR", population=9_400_000, name_ko="서울")
    w.city("beijing", "Beijing", country="CN", population=21_000_000, name_zh_hans="北京")
    w.city("kazan", "Kazan", country="RU", population=1_300_000, region="europe", name_ru="Казань")
    w.city("smalltown", "Smalltown", country="ES", population=200_000, region="europe")
    w.theme("mobility", "Smart Mobility")
    w.theme("living-labs", "Living Labs")
    w.theme("environment", "Environment", name_ko="환경")
    p1 = w.project(
        "medellin",
        "Metrocable for Medellín hillsides",
        summary="Cable cars link the hillside neighbourhoods to the metro.",
        themes=("mobility",),
        sdgs=(11,),
        status="completed",
        budget="50000000",
        language="es",
    )
    p2 = w.project(
        "seoul",
        "Bukchon living lab 북촌",
        summary="서울시의 주민 참여 리빙랩 in the hanok village.",
        themes=("living-labs",),
        sdgs=(11, 17),
        status="under_way",
        budget="2000000",
        language="ko",
    )
    p3 = w.project(
        "beijing",
        "智慧交通信号系统",
        summary="北京市智慧交通项目 with adaptive traffic sensors.",
        themes=("mobility",),
        sdgs=(9,),
        status="under_way",
        budget="30000000",
        language="zh-hans",
    )
    p4 = w.project(
        "kazan",
        "Умный город Казань: датчики воздуха",
        summary="Сеть датчиков качества воздуха по всему городу.",
        themes=("environment",),
        status="planned",
        language="ru",
    )
    p5 = w.project(
        "smalltown",
        "Waste sensors for every bin",
        summary="Sensor on each waste bin; waste collection routes.",
        themes=("environment",),
        sdgs=(11, 12),
        status="completed",
        budget="80000",
    )
    p6 = w.project(
        "seoul",
        "Smart waste collection",
        summary="Waste trucks follow the routes the sensors plan.",
        themes=("environment", "mobility"),
        sdgs=(12,),
        status="completed",
        budget="500000",
    )
    draft = w.project(
        "seoul",
        "Waste sensors for every bin, draft",
        summary="Sensor on each waste bin; waste collection routes.",
        themes=("environment",),
        sdgs=(12,),
        state=Project.State.DRAFT,
    )
    return Catalog(w, p1, p2, p3, p4, p5, p6, draft)
