"""Searching the published catalog: words, filters, facets with counts, and "projects like
this one" (decision 0039; the rules are in `rules_search.py`).

Only published projects (`catalog.published()`) are ever read. On PostgreSQL the words are
matched by the full-text indexes of migration 0002 (prefix queries in the 'simple'
configuration, or the project's language's stemming) and, for Chinese words, by the index of
character pairs of migration 0003 then a substring match; the rank is computed in the
database. How the counts, the facets and "projects like this one" stay fast at 100,000
projects: decision 0039, point 6. On SQLite (development
and tests) the rows holding every word are narrowed by `LIKE`, then `rules_search.matches`
and `rules_search.rank` decide in Python: the same answers for the same catalog, except where
stemming finds an inflected form on PostgreSQL.

Facets count over the results with the OTHER filters applied (as a library catalogue does):
the counts of the statuses are those of the results with every filter but the status, so
ticking another status adds what its count says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from intercity.core.errors import DomainError
from intercity.knowledge import rules_search
from intercity.knowledge.models import Cluster, Project, Sdg
from intercity.knowledge.rules_search import BUDGETS, CITY_SIZES, UNKNOWN, Band
from intercity.knowledge.services.catalog import published
from intercity.network.models import Membership, Network, Organisation, Region

PAGE_SIZE = 20
MAX_LIMIT = 100
SIMILAR_LIMIT = 10
# "Projects like this one" scores at most this many candidates from each source.
CANDIDATES_PER_SOURCE = 150
TERM_STATS_SECONDS = 600
MAX_BUDGET = Decimal("99999999999999.99")  # the column's 16 digits, 2 after the point

FACETS = ("theme", "network", "region", "country", "city_size", "budget", "status", "sdg")

SIZE_LABELS = {
    "under-500k": gettext_lazy("Under 500,000 people"),
    "500k-1m": gettext_lazy("500,000 to 1 million"),
    "1m-5m": gettext_lazy("1 to 5 million"),
    "5m-10m": gettext_lazy("5 to 10 million"),
    "over-10m": gettext_lazy("Over 10 million"),
    UNKNOWN: gettext_lazy("Population unknown"),
}
BUDGET_LABELS = {
    "under-100k": gettext_lazy("Under US$100,000"),
    "100k-1m": gettext_lazy("US$100,000 to 1 million"),
    "1m-10m": gettext_lazy("US$1 to 10 million"),
    "10m-100m": gettext_lazy("US$10 to 100 million"),
    "over-100m": gettext_lazy("Over US$100 million"),
    UNKNOWN: gettext_lazy("Budget unknown"),
}


@dataclass(frozen=True)
class Query:
    """What a visitor asks: words and filters. Within one filter the values are alternatives
    (theme A or B); different filters all apply (theme A and status completed)."""

    text: str = ""
    themes: tuple[str, ...] = ()  # a cluster's slug or id
    networks: tuple[str, ...] = ()  # a network's slug or id
    regions: tuple[str, ...] = ()  # a network region's id
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    city_sizes: tuple[str, ...] = ()  # keys of rules_search.CITY_SIZES, or "unknown"
    budgets: tuple[str, ...] = ()  # keys of rules_search.BUDGETS, or "unknown"
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    statuses: tuple[str, ...] = ()  # Project.Status values, or "unknown"
    sdgs: tuple[int, ...] = ()

    def is_empty(self) -> bool:
        return self == Query()


@dataclass(frozen=True)
class _Resolved:
    words: tuple[str, ...]
    theme_ids: tuple[int, ...]
    network_ids: tuple[int, ...]
    region_ids: tuple[int, ...]
    countries: tuple[str, ...]
    city_sizes: tuple[str, ...]
    budgets: tuple[str, ...]
    budget_min: Decimal | None
    budget_max: Decimal | None
    statuses: tuple[str, ...]
    sdgs: tuple[int, ...]


# No words, no filter: the whole published catalog.
_EVERYTHING = _Resolved((), (), (), (), (), (), (), None, None, (), ())


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    project: Project
    rank: float
    summary: list[tuple[str, bool]]


@dataclass
class Results:
    query: Query
    total: int
    offset: int
    limit: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


# --- Reading and checking a query --------------------------------------------------------


def resolve(query: Query) -> _Resolved:
    """The query's values as the database knows them; a value that names nothing is refused
    (DomainError, 422) rather than silently finding nothing."""
    theme_ids: list[int] = []
    for value in query.themes:
        found = (
            Cluster.objects.filter(pk=int(value))
            if value.isdigit() and len(value) < 18
            else Cluster.objects.filter(slug=value)
        )
        ids = list(found.values_list("pk", flat=True))
        if not ids:
            raise DomainError(_("There is no theme “%(theme)s”.") % {"theme": value}, 422)
        theme_ids.extend(ids)
    network_ids = []
    for value in query.networks:
        networks = (
            Network.objects.filter(pk=int(value))
            if value.isdigit() and len(value) < 18
            else Network.objects.filter(slug=value)
        )
        network = networks.values_list("pk", flat=True).first()
        if network is None:
            raise DomainError(_("There is no network “%(network)s”.") % {"network": value}, 422)
        network_ids.append(network)
    region_ids = []
    for value in query.regions:
        region = (
            Region.objects.filter(pk=int(value)).values_list("pk", flat=True).first()
            if value.isdigit() and len(value) < 18
            else None
        )
        if region is None:
            raise DomainError(_("There is no region “%(region)s”.") % {"region": value}, 422)
        region_ids.append(region)
    codes = []
    for value in query.countries:
        code = value.upper()
        if code not in countries:
            raise DomainError(_("There is no country “%(country)s”.") % {"country": value}, 422)
        codes.append(code)
    for value in query.city_sizes:
        if value not in rules_search.CITY_SIZE_KEYS:
            raise DomainError(_("There is no city size “%(size)s”.") % {"size": value}, 422)
    for value in query.budgets:
        if value not in rules_search.BUDGET_KEYS:
            raise DomainError(_("There is no budget range “%(budget)s”.") % {"budget": value}, 422)
    statuses = {s.value for s in Project.Status} | {UNKNOWN}
    for value in query.statuses:
        if value not in statuses:
            raise DomainError(_("There is no status “%(status)s”.") % {"status": value}, 422)
    for number in query.sdgs:
        if not 1 <= number <= 17:
            raise DomainError(_("The SDGs are numbered 1 to 17."), 422)
    for amount in (query.budget_min, query.budget_max):
        if amount is not None and (not amount.is_finite() or not 0 <= amount <= MAX_BUDGET):
            raise DomainError(_("A budget is a number of US dollars from 0 up."), 422)
    if (
        query.budget_min is not None
        and query.budget_max is not None
        and query.budget_min > query.budget_max
    ):
        raise DomainError(_("The lowest budget is higher than the highest."), 422)
    return _Resolved(
        words=tuple(rules_search.query_words(query.text)),
        theme_ids=tuple(sorted(set(theme_ids))),
        network_ids=tuple(sorted(set(network_ids))),
        region_ids=tuple(sorted(set(region_ids))),
        countries=tuple(sorted(set(codes))),
        city_sizes=tuple(sorted(set(query.city_sizes))),
        budgets=tuple(sorted(set(query.budgets))),
        budget_min=query.budget_min,
        budget_max=query.budget_max,
        statuses=tuple(sorted(set(query.statuses))),
        sdgs=tuple(sorted(set(query.sdgs))),
    )


# --- Words ---------------------------------------------------------------------------------


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(words: Sequence[str]) -> str:
    # Each word holds only letters and digits (rules_search.words), so quoting is safe.
    return " & ".join(f"'{word}':*" for word in words)


_STEMMED = ("english", "spanish", "russian")


def _postgres_words(queryset: QuerySet[Project], words: Sequence[str]) -> QuerySet[Project]:
    """Matching and rank on PostgreSQL (module docstring)."""
    spaced = [w for w in words if not rules_search.is_han(w)]
    han = [w for w in words if rules_search.is_han(w)]
    conditions: list[str] = []
    params: list[Any] = []
    rank_sql = "0"
    rank_params: list[Any] = []
    if spaced:
        prefix = _tsquery(spaced)
        plain = " ".join(spaced)
        # The words as prefixes in every language, or their stems in the languages that have
        # stemming: one condition per index, so each is an index condition (a BitmapOr) and no
        # row's vectors are read again. A stem of one language meeting another language's
        # vector is harmless: the stems of the same word.
        # The stemmed query is a scalar subquery (computed once, at the start): the planner,
        # reading the three constant queries of the same word, counted the word three times
        # (three times the rows) and read the whole table instead of the index; for a value it
        # cannot see it takes its small default guess, and keeps to the index. The same rows.
        stemmed = " || ".join(f"plainto_tsquery('{config}', %s)" for config in _STEMMED)
        conditions.append(
            "(knowledge_project.search_vector @@ to_tsquery('simple', %s)"
            f" OR knowledge_project.search_stemmed @@ (SELECT {stemmed}))"
        )
        params.extend([prefix, *([plain] * len(_STEMMED))])
        # The title's words are weighted A in search_vector (migration 0002).
        rank_sql = "ts_rank(knowledge_project.search_vector, to_tsquery('simple', %s)) * 10"
        rank_params = [prefix]
    for word in han:
        # The word's characters and pairs in the index of migration 0003 narrow the rows;
        # the substring match decides (the same answers as a scan).
        conditions.append(
            "knowledge_project.search_han @@ %s::tsquery AND knowledge_project.search_text LIKE %s"
        )
        params.extend([" & ".join(f"'{gram}'" for gram in _han_grams(word)), f"%{word}%"])
        rank_sql += (
            " + CASE WHEN position(%s in"
            " split_part(knowledge_project.search_text, E'\\n', 1)) > 0"
            " THEN 5 ELSE 0 END + 1"
        )
        rank_params.append(word)
    condition = RawSQL(" AND ".join(conditions), params, output_field=BooleanField())  # noqa: S611
    rank = RawSQL(rank_sql, rank_params, output_field=FloatField())  # noqa: S611
    return queryset.filter(condition).annotate(rank=rank)


def _han_grams(word: str) -> list[str]:
    """The pairs of neighbouring Chinese or Japanese characters of a word, or its one such
    character (as `knowledge_han_grams` of migration 0003 indexes them)."""
    grams: list[str] = []
    run = ""
    for char in [*word, " "]:
        if rules_search.is_han(char):
            run += char
            continue
        if len(run) == 1:
            grams.append(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
        run = ""
    return list(dict.fromkeys(grams))


def _sqlite_words(queryset: QuerySet[Project], words: Sequence[str]) -> dict[int, float]:
    """The matching projects' ids and ranks, decided by the rules (module docstring)."""
    narrowed = queryset
    for word in words:
        narrowed = narrowed.filter(search_text__contains=word)
    ranks = {}
    for pk, text in narrowed.values_list("pk", "search_text"):
        if rules_search.matches(text, words):
            ranks[pk] = rules_search.rank(text, words)
    return ranks


# --- Filters -------------------------------------------------------------------------------


def _with_region(queryset: QuerySet[Project]) -> QuerySet[Project]:
    region = Membership.objects.filter(
        network=OuterRef("network"), organisation=OuterRef("organisation")
    ).values("region")[:1]
    return queryset.annotate(region_id=Subquery(region))


def _band_case(column: str, bands: Sequence[Band]) -> Case:
    whens = []
    for band in bands:
        condition = Q()
        if band.low is not None:
            condition &= Q(**{f"{column}__gte": band.low})
        if band.high is not None:
            condition &= Q(**{f"{column}__lt": band.high})
        whens.append(When(condition, then=Value(band.key)))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def _with_city_size(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.annotate(city_size=_band_case("organisation__population", CITY_SIZES))


def _with_budget_band(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.annotate(budget_band=_band_case("budget_usd", BUDGETS))


# What a facet groups by, and the annotation that computes it when it is not a column.
_FACET_COLUMNS: dict[str, tuple[str, Any]] = {
    "theme": ("themes", None),
    "network": ("network_id", None),
    "region": ("region_id", _with_region),
    "country": ("organisation__country", None),
    "city_size": ("city_size", _with_city_size),
    "budget": ("budget_band", _with_budget_band),
    "status": ("status", None),
    "sdg": ("sdgs", None),
}


def _filtered(
    queryset: QuerySet[Project], r: _Resolved, skip: str | None = None
) -> QuerySet[Project]:
    """`queryset` with every filter of `r` but the one named `skip`."""
    through_themes = Project.themes.through.objects
    through_sdgs = Project.sdgs.through.objects
    if r.theme_ids and skip != "theme":
        queryset = queryset.filter(
            pk__in=through_themes.filter(cluster_id__in=r.theme_ids).values("project_id")
        )
    if r.network_ids and skip != "network":
        queryset = queryset.filter(network_id__in=r.network_ids)
    if r.region_ids and skip != "region":
        queryset = _with_region(queryset).filter(**{"region_id__in": r.region_ids})
    if r.countries and skip != "country":
        queryset = queryset.filter(organisation__country__in=r.countries)
    if r.city_sizes and skip != "city_size":
        queryset = _with_city_size(queryset).filter(**{"city_size__in": r.city_sizes})
    if r.budgets and skip != "budget":
        queryset = _with_budget_band(queryset).filter(**{"budget_band__in": r.budgets})
    if r.statuses and skip != "status":
        wanted = [("" if s == UNKNOWN else s) for s in r.statuses]
        queryset = queryset.filter(status__in=wanted)
    if r.sdgs and skip != "sdg":
        queryset = queryset.filter(
            pk__in=through_sdgs.filter(sdg_id__in=r.sdgs).values("project_id")
        )
    if r.budget_min is not None:
        queryset = queryset.filter(budget_usd__gte=r.budget_min)
    if r.budget_max is not None:
        queryset = queryset.filter(budget_usd__lte=r.budget_max)
    return queryset


def _matching(r: _Resolved) -> tuple[QuerySet[Project], dict[int, float] | None]:
    """Published projects holding the words (every one when there are none); on SQLite also
    the ranks, by id."""
    base = published()
    if not r.words:
        return base, None
    if _postgres():
        return _postgres_words(base, r.words), None
    ranks = _sqlite_words(base, r.words)
    return base.filter(pk__in=list(ranks)), ranks


# --- Searching -----------------------------------------------------------------------------


def search(
    query: Query, *, offset: int = 0, limit: int = PAGE_SIZE, facets: bool = True
) -> Results:
    """One page of the published projects that answer `query`, best match first then
    newest, with the facets' counts."""
    if not 0 <= offset <= 1_000_000 or not 1 <= limit <= MAX_LIMIT:
        raise DomainError(_("The page asked for is out of bounds."), 422)
    r = resolve(query)
    matching, ranks = _matching(r)
    filtered = _filtered(matching, r)
    counts: dict[str, dict[str, int]] | None = None
    if ranks is not None:
        rows = list(filtered.values_list("pk", "published_at"))
        rows.sort(key=lambda row: (-ranks[row[0]], _newest(row[1]), -row[0]))
        total = len(rows)
        page_ids = [pk for pk, _published in rows[offset : offset + limit]]
        by_id = {p.pk: p for p in _loaded(published().filter(pk__in=page_ids))}
        projects = [by_id[pk] for pk in page_ids]
        rank_of = ranks
    elif r.words:
        # The page's ids and ranks, the count and the facets of these rows from one statement
        # that finds the matching rows once (`_ranked_page`), then the page's projects loaded
        # whole.
        ranked, total, counts = _ranked_page(filtered, r, offset, limit, facets)
        by_id = {p.pk: p for p in _loaded(published().filter(pk__in=[pk for pk, _ in ranked]))}
        projects = [by_id[pk] for pk, _rank in ranked]
        rank_of = dict(ranked)
    else:
        total = _kept_total() if _postgres() and r == _EVERYTHING else filtered.count()
        page = list(_loaded(filtered.order_by("-published_at", "-pk"))[offset : offset + limit])
        projects = page
        rank_of = {}
    hits = [
        Hit(p, rank_of.get(p.pk, 0.0), rules_search.highlight(p.summary or p.background, r.words))
        for p in projects
    ]
    found = Results(query=query, total=total, offset=offset, limit=limit, hits=hits)
    if facets:
        found.facets = _facets(matching, r, counts)
    return found


def _ranked_page(
    filtered: QuerySet[Project], r: _Resolved, offset: int, limit: int, facets: bool
) -> tuple[list[tuple[int, float]], int, dict[str, dict[str, int]] | None]:
    """PostgreSQL, words: the page's (id, rank), best first then newest, the count, and when
    `facets` the counts of the facets whose filter is not chosen (they count these same rows),
    from one statement. The matching rows are found once (a materialised CTE of narrow
    columns: the rank computed once per row, in the scan, from the vector kept in the row by
    migration 0006); the page, the count and the facets' grouping (`_GROUPING`) read it."""
    rows = (
        filtered.order_by()
        .annotate(
            facet_themes=RawSQL("knowledge_project.facet_themes", [], output_field=_ARRAY),
            facet_sdgs=RawSQL("knowledge_project.facet_sdgs", [], output_field=_ARRAY),
        )
        .values_list(
            "pk",
            "published_at",
            "rank",
            "network_id",
            "organisation_id",
            "status",
            "budget_usd",
            "facet_themes",
            "facet_sdgs",
        )
    )
    cte_sql, cte_params = rows.query.sql_with_params()
    together = [name for name in FACETS if not _active(name, r)] if facets else []
    # The grouping's rows have a NULL rank; the page's rows their place in `n`.
    parts = [
        "SELECT 'page', id, NULL::integer, NULL::varchar, NULL::integer, NULL::integer[],"
        " row_number() OVER (ORDER BY rank DESC, published_at DESC, id DESC), rank"
        " FROM (SELECT id, rank, published_at FROM m"
        " ORDER BY rank DESC, published_at DESC, id DESC LIMIT %s OFFSET %s) AS page",
        "SELECT 'count', NULL, NULL, NULL, NULL, NULL, count(*), NULL FROM m",
    ]
    params: list[Any] = [*cte_params, limit, offset]
    if together:
        parts.append(
            # The grouping is the constant above.
            "SELECT *, NULL::double precision FROM ("  # noqa: S608
            + _GROUPING.format(source="m")
            + ") AS g"
        )
        params.append(_BUDGET_EDGES)
    statement = (
        "WITH m (id, published_at, rank, network_id, organisation_id, status, budget_usd,"
        f" facet_themes, facet_sdgs) AS MATERIALIZED ({cte_sql}) " + " UNION ALL ".join(parts)
    )
    if together:
        found = _fetch(statement, params)
    else:
        # No grouping: the default memory does, and no transaction of its own is needed.
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            found = list(cursor.fetchall())
    page = sorted((row for row in found if row[0] == "page"), key=lambda row: row[6])
    total = next(int(row[6]) for row in found if row[0] == "count")
    counts: dict[str, dict[str, int]] | None = None
    if together:
        counts = {name: {} for name in FACETS}
        _tally([row[:7] for row in found if row[0] not in ("page", "count")], together, counts)
    return [(row[1], float(row[7])) for row in page], total, counts


def _kept_total() -> int:
    """How many projects are published, as the counts of migration 0007 keep them (the same
    number as counting them: the rows change with the projects)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(n), 0) FROM knowledge_facet_count WHERE kind = 'place'")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _newest(published_at: dt.datetime | None) -> float:
    return -published_at.timestamp() if published_at else 0.0


def _loaded(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.select_related("organisation", "network").prefetch_related("themes", "sdgs")


def _facets(
    matching: QuerySet[Project],
    r: _Resolved,
    counted: dict[str, dict[str, int]] | None = None,
) -> dict[str, list[FacetValue]]:
    """The facets' values with their counts; `counted`: those already counted with the page
    (`_ranked_page`), the facets whose filter is not chosen."""
    if _postgres():
        return _labelled(_postgres_facet_counts(matching, r, counted), r)
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        rows = _filtered(matching, r, skip=name)
        column, annotate = _FACET_COLUMNS[name]
        if annotate is not None:
            rows = annotate(rows)
        grouped = rows.order_by().values(column).annotate(n=Count("pk"))
        counts[name] = {
            str(row[column]) if row[column] not in (None, "") else UNKNOWN: row["n"]
            for row in grouped
        }
    return _labelled(counts, r)


# The facets that are columns of the project or of its city, counted from one grouping.
_GROUPED = ("network", "region", "country", "city_size", "budget", "status")


def _active(name: str, r: _Resolved) -> bool:
    chosen = {
        "theme": r.theme_ids,
        "network": r.network_ids,
        "region": r.region_ids,
        "country": r.countries,
        "city_size": r.city_sizes,
        "budget": r.budgets,
        "status": r.statuses,
        "sdg": r.sdgs,
    }
    return bool(chosen[name])


def _postgres_facet_counts(
    matching: QuerySet[Project], r: _Resolved, counted: dict[str, dict[str, int]] | None = None
) -> dict[str, dict[str, int]]:
    """The same counts as the generic path, in one statement per set of rows: the facets whose
    filter is not chosen share the rows with every filter; a chosen filter's facet has the rows
    without that filter. Each statement finds its rows once (a materialised CTE: the narrow
    columns, from the partial index of migration 0003 when there are no words) and counts from
    them one grouping by (network, city, status, budget band), which gives the six facets that
    are columns of the project or of its city (the city's country, size and region looked up
    for its few hundred cities), and the themes and SDGs from their link tables."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    sets: dict[str | None, list[str]] = {None: []}
    for name in FACETS:
        if _active(name, r):
            sets[name] = [name]
        else:
            sets[None].append(name)
    if counted is not None:
        for name in sets.pop(None):
            counts[name] = counted[name]
    for skip, names in sets.items():
        if names:
            everything = (
                not r.words
                and r.budget_min is None
                and r.budget_max is None
                and all(not _active(name, r) or name == skip for name in FACETS)
            )
            _counted_together(_filtered(matching, r, skip=skip), names, counts, everything)
    return counts


_BUDGET_EDGES = [band.low for band in BUDGETS if band.low is not None]


def _counted_together(
    rows: QuerySet[Project],
    names: Sequence[str],
    counts: dict[str, dict[str, int]],
    everything: bool = False,
) -> None:
    """Counts the facets `names` over `rows` in one scan of them (`_GROUPING`). `everything`:
    the rows are all the published projects (no words, no filter), as on the search page
    before anything is asked; then the counts are added up from those the database keeps per
    place, theme and SDG (migration 0007), a few thousand rows."""
    if everything:
        with connection.cursor() as cursor:
            cursor.execute(_KEPT)
            _tally(list(cursor.fetchall()), names, counts)
        return
    narrow = (
        rows.order_by()
        .annotate(
            facet_themes=RawSQL("knowledge_project.facet_themes", [], output_field=_ARRAY),
            facet_sdgs=RawSQL("knowledge_project.facet_sdgs", [], output_field=_ARRAY),
        )
        .values_list(
            "pk",
            "network_id",
            "organisation_id",
            "status",
            "budget_usd",
            "facet_themes",
            "facet_sdgs",
        )
    )
    cte_sql, cte_params = narrow.query.sql_with_params()
    statement = (
        "WITH m (id, network_id, organisation_id, status, budget_usd, facet_themes, facet_sdgs)"
        f" AS MATERIALIZED ({cte_sql}) " + _GROUPING.format(source="m")
    )
    _tally(_fetch(statement, [*cte_params, _BUDGET_EDGES]), names, counts)


_ARRAY: ArrayField[Any, Any] = ArrayField(IntegerField())

# Three groupings of one scan (GROUPING SETS): by city with its network, by status, by budget
# band (width_bucket: 0 under the first edge, i past the i-th, in BUDGETS' order; NULL
# unknown); then the themes' ids and the SDGs' numbers of the arrays of migration 0005, each
# counted (a few hundred rows whatever the number of projects).
_GROUPING = (
    "SELECT CASE WHEN GROUPING(network_id, organisation_id) = 0 THEN 'city'"
    " WHEN GROUPING(status) = 0 THEN 'status' ELSE 'budget' END,"
    " network_id, organisation_id, status, b, NULL::integer[], count(*)"
    " FROM (SELECT network_id, organisation_id, status,"
    " width_bucket(budget_usd, %s::numeric[]) AS b FROM {source}) AS x"
    " GROUP BY GROUPING SETS ((network_id, organisation_id), (status), (b))"
    " UNION ALL SELECT 'theme', NULL, NULL, NULL, NULL, ARRAY[t], count(*)"
    " FROM {source}, unnest(facet_themes) AS t GROUP BY t"
    " UNION ALL SELECT 'sdg', NULL, NULL, NULL, NULL, ARRAY[t], count(*)"
    " FROM {source}, unnest(facet_sdgs) AS t GROUP BY t"
)


# The whole catalog's counts as migration 0007 keeps them, in the rows of `_GROUPING`: the
# places (network, city, status, budget band; -1 unknown) grouped three ways, then each theme
# and SDG.
_KEPT = (
    "SELECT CASE WHEN GROUPING(k1, k2) = 0 THEN 'city'"
    " WHEN GROUPING(k3) = 0 THEN 'status' ELSE 'budget' END,"
    " k1, k2, k3, nullif(k4, -1), NULL::integer[], sum(n)::bigint"
    " FROM knowledge_facet_count WHERE kind = 'place' AND n > 0"
    " GROUP BY GROUPING SETS ((k1, k2), (k3), (k4))"
    " UNION ALL SELECT kind, NULL, NULL, NULL, NULL, ARRAY[k1::integer], n"
    " FROM knowledge_facet_count WHERE kind IN ('theme', 'sdg') AND n > 0"
)


def _fetch(statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of a facet statement. Its groupings are few, but the planner, guessing many,
    would sort 100,000 rows on disk rather than hash them in the default 4 MB: the statement
    gets 32 MB (SET LOCAL: this transaction only)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute(statement, params)
        return list(cursor.fetchall())


def _tally(
    found: list[tuple[Any, ...]], names: Sequence[str], counts: dict[str, dict[str, int]]
) -> None:
    """Adds up the rows of a facet statement (`_GROUPING`): ('city', network, city, -, -, -,
    count), ('status', -, -, status, -, -, count), ('budget', -, -, -, bucket, -, count), or
    ('theme' or 'sdg', -, -, -, -, the themes' ids or the SDGs' numbers, count): a set of
    themes or SDGs counts for each of its members."""
    city_ids = {row[2] for row in found if row[0] == "city" and row[2] is not None}
    cities = {
        pk: (str(country) if country else UNKNOWN, rules_search.band_of(population, CITY_SIZES))
        for pk, country, population in Organisation.objects.filter(pk__in=city_ids).values_list(
            "pk", "country", "population"
        )
    }
    regions = {
        (network, city): region
        for network, city, region in Membership.objects.filter(
            organisation_id__in=city_ids
        ).values_list("network_id", "organisation_id", "region_id")
    }
    tally: dict[str, dict[str, int]] = {name: {} for name in FACETS}

    def add(name: str, key: str, n: int) -> None:
        tally[name][key] = tally[name].get(key, 0) + n

    places: dict[tuple[Any, Any], tuple[str, str, str, str]] = {}
    for kind, first, city, status, bucket, members, n in found:
        if kind in ("theme", "sdg"):
            for member in members:
                add(kind, str(member), n)
            continue
        if kind == "status":
            add("status", status or UNKNOWN, n)
            continue
        if kind == "budget":
            add("budget", BUDGETS[bucket].key if bucket is not None else UNKNOWN, n)
            continue
        place = places.get((first, city))
        if place is None:
            country, size = cities.get(city, (UNKNOWN, UNKNOWN))
            region = regions.get((first, city))
            place = places[(first, city)] = (
                str(first) if first is not None else UNKNOWN,
                str(region) if region is not None else UNKNOWN,
                country,
                size,
            )
        add("network", place[0], n)
        add("region", place[1], n)
        add("country", place[2], n)
        add("city_size", place[3], n)
    for name in names:
        counts[name] = {key: n for key, n in tally[name].items() if n}


def _labelled(counts: dict[str, dict[str, int]], r: _Resolved) -> dict[str, list[FacetValue]]:
    def values(
        name: str, labels: dict[str, str], selected: Sequence[object], order: Sequence[str]
    ) -> list[FacetValue]:
        chosen = {str(s) for s in selected}
        shown = [k for k in order if counts[name].get(k) or k in chosen]
        return [
            FacetValue(k, str(labels.get(k, k)), counts[name].get(k, 0), k in chosen) for k in shown
        ]

    def by_count(name: str, labels: dict[str, str]) -> list[str]:
        return sorted(labels, key=lambda k: (-counts[name].get(k, 0), labels[k]))

    theme_keys = set(counts["theme"]) - {UNKNOWN} | {str(t) for t in r.theme_ids}
    themes = {
        str(c.pk): f"{c.name} ({c.network.short_name})"
        for c in Cluster.objects.filter(pk__in=[int(k) for k in theme_keys]).select_related(
            "network"
        )
    }
    network_keys = set(counts["network"]) | {str(n) for n in r.network_ids}
    networks = {
        str(n.pk): n.short_name
        for n in Network.objects.filter(pk__in=[int(k) for k in network_keys if k.isdigit()])
    }
    region_keys = set(counts["region"]) | {str(x) for x in r.region_ids}
    regions = {
        str(x.pk): f"{x.name} ({x.network.short_name})"
        for x in Region.objects.filter(
            pk__in=[int(k) for k in region_keys if k.isdigit()]
        ).select_related("network")
    }
    country_labels = {
        code: str(countries.name(code))
        for code in set(counts["country"]) | set(r.countries)
        if code != UNKNOWN
    }
    statuses = {s.value: str(s.label) for s in Project.Status}
    statuses[UNKNOWN] = _("Status unknown")
    sdg_keys = set(counts["sdg"]) - {UNKNOWN} | {str(s) for s in r.sdgs}
    sdgs = {
        str(s.number): _("SDG %(number)s: %(name)s") % {"number": s.number, "name": s.name}
        for s in Sdg.objects.filter(number__in=[int(k) for k in sdg_keys])
    }
    sizes = {k: str(v) for k, v in SIZE_LABELS.items()}
    budgets = {k: str(v) for k, v in BUDGET_LABELS.items()}
    return {
        "theme": values("theme", themes, r.theme_ids, by_count("theme", themes)),
        "network": values("network", networks, r.network_ids, by_count("network", networks)),
        "region": values("region", regions, r.region_ids, by_count("region", regions)),
        "country": values(
            "country", country_labels, r.countries, by_count("country", country_labels)
        ),
        "city_size": values(
            "city_size", sizes, r.city_sizes, [b.key for b in CITY_SIZES] + [UNKNOWN]
        ),
        "budget": values("budget", budgets, r.budgets, [b.key for b in BUDGETS] + [UNKNOWN]),
        "status": values("status", statuses, r.statuses, [*statuses]),
        "sdg": values("sdg", sdgs, r.sdgs, sorted(sdgs, key=int)),
    }


def network_slugs(ids: Sequence[int]) -> list[str]:
    return list(Network.objects.filter(pk__in=ids).values_list("slug", flat=True))


def without(query: Query, **changes: Any) -> Query:
    return replace(query, **changes)


# Split along its seam (loaded last: it uses the names above); `search.<name>` still names
# each of its names.
from intercity.knowledge.services import similar as _similar  # noqa: E402

Suggestion = _similar.Suggestion
get_published = _similar.get_published
_profile = _similar._profile
_profiles = _similar._profiles
_document_frequencies = _similar._document_frequencies
refresh_word_counts = _similar.refresh_word_counts
similar = _similar.similar
explanation = _similar.explanation
