"""Benchmark: the projects catalog's search with 100,000 published projects, on PostgreSQL.

    .venv/bin/python benchmarks/knowledge_search.py [--projects 100000] [--runs 30] [--explain]

It finds PostgreSQL as `scripts/postgres_url.py` does (DATABASE_URL when it names one, else
127.0.0.1:5432) and prints "skipped: ..." when none answers. It creates a throwaway database
`intercity_knowledge_search` (or BENCHMARK_DATABASE), migrates it, and drops it at the end,
also on failure (--keep leaves it). Then:

1. Generation: one network with three regions, 400 cities (populations in every band, 40
   countries, Korean and Chinese names for some), the 11 themes, the 17 SDGs, and --projects
   published projects written by COPY (title, summary, background and main features drawn
   from a vocabulary of 20,000 words with a Zipf distribution, a tenth in Korean with Hangul
   words, a twentieth with Chinese; 1-2 themes, 1-3 SDGs, a status and a budget each), their
   `search_text` folded by `rules.search_text` as the services do, their theme and SDG arrays
   (migration 0005) written with them (the link tables' triggers off for the links' load;
   the projects' own trigger counts the facets of migration 0007). The search's GIN indexes are
   dropped for the load and built again after it, then VACUUM ANALYZE (which the index-only
   scans of the counts and facets need: autovacuum does it on a live database).
2. Reading: each search --runs times after one warm-up run, through `services.search` (what
   the page and the API call: the count, the page of 20 with its cities and themes, the
   highlighted summaries) and `services.similar`, p50 and p95 per search and over all;
   the target is a p95 under 100 ms. "Projects like this one" is timed with its words'
   counts in the cache and cold (cache cleared before each run: the counts then come from the
   table the hourly job `knowledge.word-counts` fills, refreshed once before the runs, as
   the job would have). The baseline, in the same run: the catalog's plainest
   page (the newest 20 published projects with their cities and themes, no words, no
   facets); each search's p95 is printed as a ratio to the baseline's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import secrets
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCHMARK_DATABASE", "intercity_knowledge_search")
TARGET_MS = 100.0
SEED = 20261204
# Distinct words of the generated texts, drawn with a Zipf distribution (the n-th most
# frequent word 1/n as often as the first): a searched word of typical frequency is in about
# 1% of the projects.
VOCABULARY = 20_000

DOMAIN_WORDS = [
    "waste",
    "sensor",
    "sensors",
    "traffic",
    "mobility",
    "bus",
    "tram",
    "metro",
    "cable",
    "bicycle",
    "parking",
    "lighting",
    "energy",
    "solar",
    "grid",
    "water",
    "flood",
    "drainage",
    "air",
    "quality",
    "emissions",
    "carbon",
    "heat",
    "tree",
    "park",
    "housing",
    "hanok",
    "village",
    "market",
    "tourism",
    "heritage",
    "culture",
    "school",
    "health",
    "clinic",
    "elderly",
    "youth",
    "participation",
    "platform",
    "open",
    "data",
    "portal",
    "app",
    "kiosk",
    "cctv",
    "safety",
    "disaster",
    "warning",
    "recycling",
    "collection",
    "route",
    "truck",
    "bin",
    "compost",
    "river",
    "coast",
    "port",
    "logistics",
    "drone",
    "robot",
    "blockchain",
    "cloud",
    "broadband",
    "wifi",
    "fibre",
    "satellite",
    "map",
    "gis",
    "twin",
    "digital",
    "citizen",
    "budget",
    "permit",
    "license",
    "tax",
    "complaint",
    "service",
    "desk",
    "call",
    "center",
    "education",
    "library",
    "museum",
]
HANGUL_WORDS = [
    "북촌",
    "서울",
    "리빙랩",
    "주민",
    "참여",
    "스마트",
    "교통",
    "쓰레기",
    "수거",
    "안전",
    "에너지",
    "도시",
    "재생",
]
CHINESE_WORDS = ["智慧交通", "城市管理", "垃圾分类", "数据平台", "公共安全", "能源"]
THEMES = (
    ("living-labs", "Living Labs for Open Innovation"),
    ("smart-government", "Smart Government"),
    ("smart-mobility", "Smart Mobility"),
    ("smart-environment", "Smart Environment"),
    ("smart-safety", "Smart Safety"),
    ("smart-economy", "Smart Economy"),
    ("smart-health", "Smart Health"),
    ("smart-education", "Smart Education"),
    ("smart-culture", "Smart Culture and Tourism"),
    ("smart-water", "Smart Water"),
    ("smart-infrastructure", "Smart Infrastructure"),
)
COUNTRIES = [
    "KR",
    "CN",
    "JP",
    "MN",
    "ID",
    "MY",
    "PH",
    "TH",
    "VN",
    "SG",
    "IN",
    "PK",
    "BD",
    "LK",
    "NP",
    "KZ",
    "UZ",
    "RU",
    "TR",
    "AE",
    "SA",
    "EG",
    "KE",
    "NG",
    "ZA",
    "ES",
    "PT",
    "FR",
    "DE",
    "IT",
    "GB",
    "PL",
    "UA",
    "US",
    "CA",
    "MX",
    "CO",
    "BR",
    "AR",
    "PE",
    "CL",
]


# --- PostgreSQL and the throwaway database ---------------------------------------------


def find_postgres() -> tuple[str, str]:
    result = subprocess.run(  # noqa: S603 - the project's own script, with this interpreter
        [sys.executable, str(ROOT / "scripts" / "postgres_url.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.stdout.strip(), " ".join(result.stderr.split())


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )


def create_database(admin_url: str) -> None:
    drop_database(admin_url)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))


# --- Measuring ---------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@dataclass
class Timing:
    name: str
    runs: list[float]
    note: str = ""

    @property
    def p95(self) -> float:
        return percentile(self.runs, 0.95)

    @property
    def p50(self) -> float:
        return percentile(self.runs, 0.5)

    def line(self, baseline: float) -> str:
        verdict = "under 100 ms" if self.p95 * 1000 < TARGET_MS else "OVER 100 ms"
        ratio = f"{self.p95 / baseline:5.1f}x" if baseline else "  -  "
        note = f"  ({self.note})" if self.note else ""
        return (
            f"  {self.name:<46} p50 {ms(self.p50):>9}  p95 {ms(self.p95):>9}  {ratio} "
            f"baseline  {verdict}{note}"
        )


def timed(
    name: str, runs: int, action: Callable[[], object], note: str = "", before: Any = None
) -> Timing:
    if before:
        before()
    action()  # warm-up, not counted
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return Timing(name, times, note)


# --- Generation --------------------------------------------------------------------------


def vocabulary(rng: random.Random) -> list[str]:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    made: set[str] = set(DOMAIN_WORDS)
    words = list(DOMAIN_WORDS)
    while len(words) < VOCABULARY:
        word = "".join(
            rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4))
        )
        if word not in made:
            made.add(word)
            words.append(word)
    rng.shuffle(words)
    return words


def generate(count: int) -> dict[str, Any]:
    """The network, cities, themes and `count` projects; returns what the searches use."""
    from django.db import connection

    from intercity.knowledge import rules
    from intercity.knowledge.models import Cluster
    from intercity.knowledge.seed import load_sdgs
    from intercity.network.models import Membership, Network, Organisation, Region

    rng = random.Random(SEED)  # noqa: S311 - generated data, repeatable
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    network = Network.objects.create(slug="bench", name="Benchmark network", short_name="BN")
    regions = [
        Region.objects.create(network=network, slug=slug, name=slug.title(), position=n)
        for n, slug in enumerate(("asia", "europe", "americas"))
    ]
    cities = []
    for n in range(400):
        name = f"{rng.choice(words).title()}{rng.choice(words)}"
        cities.append(
            Organisation(
                key=f"bench-city-{n}",
                name=name,
                name_en=name,
                name_ko=f"{rng.choice(HANGUL_WORDS)}시" if n % 5 == 0 else "",
                name_zh_hans=f"{rng.choice(CHINESE_WORDS)}市" if n % 9 == 0 else "",
                country=COUNTRIES[n % len(COUNTRIES)],
                population=None if n % 17 == 0 else int(10 ** rng.uniform(4.5, 7.5)),
            )
        )
    Organisation.objects.bulk_create(cities)
    cities = list(Organisation.objects.filter(key__startswith="bench-city-").order_by("pk"))
    Membership.objects.bulk_create(
        Membership(network=network, organisation=c, region=regions[i % 3])
        for i, c in enumerate(cities)
    )
    themes = [
        Cluster.objects.create(network=network, slug=slug, name=name, position=n)
        for n, (slug, name) in enumerate(THEMES)
    ]
    load_sdgs()

    def sentence(k: int) -> str:
        return " ".join(rng.choices(words, weights, k=k))

    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    statuses = ["planned", "under_way", "completed", ""]
    rows = []
    theme_rows: list[tuple[int, int]] = []
    sdg_rows: list[tuple[int, int]] = []
    for pk in range(1, count + 1):
        city = cities[rng.randrange(len(cities))]
        chosen = rng.sample(themes, rng.randint(1, 2))
        language = "en"
        title = sentence(rng.randint(3, 6)).capitalize()
        summary = sentence(rng.randint(25, 45))
        if pk % 10 == 0:
            language = "ko"
            title = f"{title} {' '.join(rng.sample(HANGUL_WORDS, 2))}"
            summary = f"{rng.choice(HANGUL_WORDS)}의 {summary} {rng.choice(HANGUL_WORDS)}"
        elif pk % 20 == 1:
            language = "zh-hans"
            title = f"{rng.choice(CHINESE_WORDS)}{rng.choice(CHINESE_WORDS)} {title}"
        background = sentence(rng.randint(40, 80))
        features = sentence(rng.randint(30, 60))
        budget = None if pk % 7 == 0 else Decimal(int(10 ** rng.uniform(4, 9))).quantize(Decimal(1))
        names = [city.name, getattr(city, "name_ko", ""), getattr(city, "name_zh_hans", "")]
        text = rules.search_text(
            title, summary, background, features, *names, *(t.name for t in chosen)
        )
        published = now - dt.timedelta(minutes=pk * 7)
        rows.append(
            (
                pk,
                network.pk,
                city.pk,
                title,
                language,
                summary,
                background,
                features,
                budget,
                rng.choice(statuses),
                "published",
                published,
                published,
                published,
                text,
            )
        )
        theme_rows.extend((pk, t.pk) for t in chosen)
        sdg_rows.extend((pk, n) for n in rng.sample(range(1, 18), rng.randint(1, 3)))
    themes_of: dict[int, list[int]] = {}
    for project_id, cluster_id in theme_rows:
        themes_of.setdefault(project_id, []).append(cluster_id)
    sdgs_of: dict[int, list[int]] = {}
    for project_id, number in sdg_rows:
        sdgs_of.setdefault(project_id, []).append(number)
    for found in (*themes_of.values(), *sdgs_of.values()):
        found.sort()
    with connection.cursor() as cursor:
        for name in ("search_vector", "search_stemmed", "search_trgm", "search_han"):
            cursor.execute(f"DROP INDEX IF EXISTS knowledge_project_{name}")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(
            "COPY knowledge_project (id, network_id, organisation_id, title, language, summary,"
            " background, main_features, budget_usd, status, state, published_at, created_at,"
            " updated_at, search_text, technical_details, challenges, figures_and_impact,"
            " budget_and_financing, review_note, source, demo, version, facet_themes,"
            " facet_sdgs) FROM STDIN"
        ) as copy:
            for row in rows:
                pk = row[0]
                copy.write_row((*row, "", "", "", "", "", "", False, 1, themes_of[pk], sdgs_of[pk]))
        # The projects' arrays were written with them (above): the link tables' triggers,
        # which would rewrite every project's row again, are off for their load.
        for table in ("knowledge_project_themes", "knowledge_project_sdgs"):
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        with raw.copy("COPY knowledge_project_themes (project_id, cluster_id) FROM STDIN") as copy:
            for pair in theme_rows:
                copy.write_row(pair)
        with raw.copy("COPY knowledge_project_sdgs (project_id, sdg_id) FROM STDIN") as copy:
            for pair in sdg_rows:
                copy.write_row(pair)
        for table in ("knowledge_project_themes", "knowledge_project_sdgs"):
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('knowledge_project', 'id'), %s)", [count]
        )
        cursor.execute(
            "CREATE INDEX knowledge_project_search_vector ON knowledge_project"
            " USING gin (search_vector)"
        )
        cursor.execute(
            "CREATE INDEX knowledge_project_search_stemmed ON knowledge_project"
            " USING gin (search_stemmed)"
        )
        cursor.execute(
            "CREATE INDEX knowledge_project_search_trgm ON knowledge_project"
            " USING gin (search_text gin_trgm_ops)"
        )
        cursor.execute(
            "CREATE INDEX knowledge_project_search_han ON knowledge_project USING gin (search_han)"
        )
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        for table in (
            "knowledge_project",
            "knowledge_project_themes",
            "knowledge_project_sdgs",
            "network_organisation",
            "network_membership",
            "knowledge_cluster",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return facts(words, [str(row[14]) for row in rows[:5000]], count)


def facts(words: list[str], sample: list[str], count: int) -> dict[str, Any]:
    """What the searches use: the network, its themes, words found in about 10%, 1% and 0.1%
    of a sample of the projects, a country and projects to find others like."""
    from intercity.knowledge.models import Cluster
    from intercity.network.models import Network, Organisation

    frequency: dict[str, int] = {}
    for text in sample:
        for w in set(text.split()):
            frequency[w] = frequency.get(w, 0) + 1
    in_vocabulary = [w for w in words if w in frequency and w.isalpha() and w.isascii()]

    def near(share: float) -> str:
        return min(in_vocabulary, key=lambda w: (abs(frequency[w] / len(sample) - share), w))

    network = Network.objects.get(slug="bench")
    first_city = Organisation.objects.filter(key="bench-city-0").get()
    return {
        "network": network,
        "themes": list(Cluster.objects.filter(network=network).order_by("position")),
        "common": near(0.10),
        "medium": near(0.01),
        "rare": near(0.001),
        "country": first_city.country.code,
        "similar_ids": [pk for pk in (1, 10, 21, 5000, 77_777 % count or 1) if pk <= count],
    }


def reused(count: int) -> dict[str, Any]:
    """The facts of a database kept by --keep, without generating again."""
    from intercity.knowledge.models import Project

    words = vocabulary(random.Random(SEED))  # noqa: S311 - the generator's own words
    sample = list(Project.objects.order_by("pk").values_list("search_text", flat=True)[:5000])
    return facts(words, sample, count)


# --- The searches ------------------------------------------------------------------------


def run(args: argparse.Namespace) -> None:
    from django.core.cache import cache
    from django.db import connection

    from intercity.knowledge.services import search as services
    from intercity.knowledge.services.search import Query

    print(f"PostgreSQL {connection.pg_version}; {args.projects:,} projects")  # type: ignore[attr-defined]
    started = time.perf_counter()
    if args.reuse:
        found = reused(args.projects)
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            # A migration run on the kept rows may have rewritten the table.
            cursor.execute("VACUUM ANALYZE knowledge_project")
        print("reusing the kept database")
    else:
        found = generate(args.projects)
        print(f"generated and indexed in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    counted = services.refresh_word_counts()
    print(
        f"word counts refreshed (the hourly job knowledge.word-counts): {counted:,} words"
        f" in {time.perf_counter() - started:.1f} s"
    )
    common, medium, rare = found["common"], found["medium"], found["rare"]
    theme = found["themes"][2].slug
    searches: list[tuple[str, Query, bool, str]] = [
        ("one word in 10% of projects", Query(text=common), False, common),
        ("one word in 1% of projects", Query(text=medium), False, medium),
        ("one word in 0.1% of projects", Query(text=rare), False, rare),
        ("two words", Query(text=f"{common} {medium}"), False, f"{common} {medium}"),
        ("a prefix (3 letters)", Query(text=medium[:3]), False, medium[:3]),
        ("a Hangul word", Query(text="북촌"), False, "북촌"),
        ("a Chinese word", Query(text="交通"), False, "交通"),
        (
            "a word with filters",
            Query(text=medium, themes=(theme,), statuses=("completed",)),
            False,
            f"{medium} + theme + status",
        ),
        (
            "filters only",
            Query(themes=(theme,), countries=(found["country"],), city_sizes=("1m-5m",)),
            False,
            "theme + country + size",
        ),
        ("1% word, with facets", Query(text=medium), True, medium),
        ("10% word, with facets", Query(text=common), True, common),
        ("no words, with facets", Query(), True, ""),
        (
            "word and two filters, with facets",
            Query(text=medium, themes=(theme,), statuses=("completed",)),
            True,
            "",
        ),
    ]
    baseline = timed(
        "baseline: the newest 20, no words, no facets",
        args.runs,
        lambda: services.search(Query(), facets=False),
    )
    timings = []
    for name, query, facets, note in searches:
        total = services.search(query, facets=False).total
        timings.append(
            timed(
                name,
                args.runs,
                _searcher(query, facets),
                note=f"{note!r}: {total:,} found" if note else f"{total:,} found",
            )
        )
        if args.explain:
            explain(query)
    projects = [services.get_published(pk) for pk in found["similar_ids"]]
    rotation = iter(range(10**9))

    def similar() -> None:
        services.similar(projects[next(rotation) % len(projects)])

    timings.append(timed("projects like this one (warm word counts)", args.runs, similar))
    timings.append(
        timed(
            "projects like this one (cold: cache cleared)",
            args.runs,
            similar,
            before=cache.clear,
        )
    )
    base = baseline.p95
    print(f"\nEach {args.runs} runs after a warm-up; target p95 under {TARGET_MS:.0f} ms.")
    print(baseline.line(base))
    for timing in timings:
        print(timing.line(base))
    every = [t for timing in timings for t in timing.runs]
    searches_only = [t for timing in timings[: len(searches)] for t in timing.runs]
    print(
        f"\n  overall (every search and similar): p50 {ms(percentile(every, 0.5))}, "
        f"p95 {ms(percentile(every, 0.95))}; searches alone p95 "
        f"{ms(percentile(searches_only, 0.95))}; baseline p95 {ms(base)}"
    )


def _searcher(query: Any, facets: bool) -> Callable[[], object]:
    from intercity.knowledge.services import search as services

    return lambda: services.search(query, facets=facets)


def explain(query: Any) -> None:
    from django.db import connection

    from intercity.knowledge.services import search as services

    r = services.resolve(query)
    matching, _ = services._matching(r)
    queryset = services._filtered(matching, r).order_by("-published_at")[:20]
    sql_text, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql_text, params)
        print("\n".join(row[0] for row in cursor.fetchall()))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    parser.add_argument("--reuse", action="store_true", help="start from a kept database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url, complaint = find_postgres()
    if not url:
        print(
            "skipped: no PostgreSQL answers "
            f"({complaint or 'set DATABASE_URL or start one on 127.0.0.1:5432'})"
        )
        return 0
    admin_url, bench_url = with_database(url, "postgres"), with_database(url, DB_NAME)
    if not args.reuse:
        create_database(admin_url)
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "intercity.settings"
        os.environ["DATABASE_URL"] = bench_url
        os.environ["DEBUG"] = "false"
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        # This checkout's code, whichever checkout the environment was installed from.
        sys.path.insert(0, str(ROOT))
        import django

        warnings.filterwarnings("ignore", message="No directory at")
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(admin_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
