"""Projects like this one: the candidates a project is compared with, the words' document
frequencies kept for it, and the sentence that says why. Split from `search` along its seam;
`search` still names each of these, and loads this module last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    FloatField,
    Q,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError, NotFound
from intercity.knowledge import rules, rules_search
from intercity.knowledge.models import Cluster, Project
from intercity.knowledge.services.catalog import name_texts, published
from intercity.knowledge.services.search import (
    CANDIDATES_PER_SOURCE,
    MAX_LIMIT,
    SIMILAR_LIMIT,
    TERM_STATS_SECONDS,
    _loaded,
    _postgres,
)

# --- Projects like this one ----------------------------------------------------------------


@dataclass
class Suggestion:
    project: Project
    likeness: rules_search.Likeness
    themes: list[str]
    sdgs: list[int]


def get_published(pk: int) -> Project:
    """A published project, or NotFound (a draft is not found, not forbidden)."""
    project = _loaded(published()).filter(pk=pk).first()
    if project is None:
        raise NotFound(_("There is no published project with this number."))
    return project


def _profile(project: Project) -> rules_search.Profile:
    return rules_search.Profile(
        project_id=project.pk,
        themes=frozenset(t.name for t in project.themes.all()),
        sdgs=frozenset(s.number for s in project.sdgs.all()),
        terms=frozenset(rules_search.words(project.search_text)),
    )


def _profiles(ids: set[int], wanted: frozenset[str] | None = None) -> list[rules_search.Profile]:
    """The candidates' profiles from three narrow reads (their texts, their themes' and SDGs'
    links), not from whole projects: only the few suggested are loaded whole. `wanted`: the
    only words the comparison weighs (the project's distinctive words; `likeness` reads no
    other), so each candidate keeps those of its words alone."""
    themes: dict[int, set[int]] = {pk: set() for pk in ids}
    for project_id, cluster_id in Project.themes.through.objects.filter(
        project_id__in=ids
    ).values_list("project_id", "cluster_id"):
        themes[project_id].add(cluster_id)
    sdgs: dict[int, set[int]] = {pk: set() for pk in ids}
    for project_id, sdg_id in Project.sdgs.through.objects.filter(project_id__in=ids).values_list(
        "project_id", "sdg_id"
    ):
        sdgs[project_id].add(sdg_id)
    names = {
        c.pk: c.name
        for c in Cluster.objects.filter(pk__in={c for found in themes.values() for c in found})
    }
    return [
        rules_search.Profile(
            project_id=pk,
            themes=frozenset(names[c] for c in themes[pk]),
            sdgs=frozenset(sdgs[pk]),
            terms=frozenset(
                word for word in rules_search.text_words(text) if wanted is None or word in wanted
            ),
        )
        for pk, text in published().filter(pk__in=ids).values_list("pk", "search_text")
    ]


def _document_frequencies(terms: Sequence[str]) -> tuple[dict[str, int], int]:
    """How many published projects hold each term (as a whole word), and how many are
    published; kept in the cache for TERM_STATS_SECONDS (the weights move slowly)."""
    documents_key = "knowledge:search:documents"
    documents = cache.get(documents_key)
    if documents is None:
        documents = published().count()
        cache.set(documents_key, documents, TERM_STATS_SECONDS)
    keys = {term: f"knowledge:search:df:{term.encode().hex()}" for term in terms}
    known = cache.get_many(list(keys.values()))
    found = {term: known[key] for term, key in keys.items() if key in known}
    missing = [term for term in terms if term not in found]
    if missing and _postgres():
        # The counts of the last refresh (refresh_word_counts), in one query; a word published
        # since then and absent from the table is counted below.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, documents FROM knowledge_search_term WHERE word = ANY(%s)",
                [missing],
            )
            kept = dict(cursor.fetchall())
        found.update(kept)
        cache.set_many({keys[t]: kept[t] for t in kept}, TERM_STATS_SECONDS)
        missing = [term for term in missing if term not in kept]
    if missing:
        if _postgres():
            with connection.cursor() as cursor:
                for term in missing:
                    cursor.execute(
                        "SELECT count(*) FROM knowledge_project WHERE state = %s"
                        " AND search_vector @@ to_tsquery('simple', %s)",
                        [Project.State.PUBLISHED, f"'{term}'"],
                    )
                    found[term] = int(cursor.fetchone()[0])
        else:
            texts = [
                set(rules_search.words(t))
                for t in published().values_list("search_text", flat=True)
            ]
            for term in missing:
                found[term] = sum(1 for words in texts if term in words)
        cache.set_many({keys[t]: found[t] for t in missing}, TERM_STATS_SECONDS)
    return found, int(documents)


def refresh_word_counts() -> int:
    """Counts again, for every word, how many published projects hold it (the table of
    migration 0003, read by `similar` for the words' rarity); returns how many words. On
    PostgreSQL only (SQLite counts the words when asked); the hourly job of the manifest."""
    if not _postgres():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE knowledge_search_term IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM knowledge_search_term")
        cursor.execute(
            "INSERT INTO knowledge_search_term (word, documents)"
            " SELECT word, ndoc FROM ts_stat(%s)",
            ["SELECT search_vector FROM knowledge_project WHERE state = 'published'"],
        )
        return int(cursor.rowcount)


def similar(project: Project, limit: int = SIMILAR_LIMIT) -> list[Suggestion]:
    """Published projects most like `project` (never itself), best first, each with why.

    Candidates, bounded: the newest CANDIDATES_PER_SOURCE projects sharing a theme, and the
    CANDIDATES_PER_SOURCE holding the most of its five rarest words; they are then scored by
    `rules_search.most_alike`."""
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError(_("The page asked for is out of bounds."), 422)
    # The city's and the themes' names are in the search text in every language; as shared
    # words they would repeat the shared theme ("innovation", "abierta"), so they are left out.
    names = set(rules_search.text_words(rules.search_text(*name_texts(project))))
    terms = [
        term
        for term in rules_search.distinctive_candidates(project.search_text, limit=10_000)
        if term not in names
    ][: rules_search.MAX_TERMS]
    frequencies, documents = _document_frequencies(terms)
    weights = {t: rules_search.rarity(frequencies.get(t, 0), documents) for t in terms}
    rare = sorted((t for t in terms if frequencies.get(t)), key=lambda t: (frequencies[t], t))[:5]
    others = published().exclude(pk=project.pk)
    theme_ids = [t.pk for t in project.themes.all()]
    candidate_ids: set[int] = set()
    if theme_ids:
        through = Project.themes.through.objects.filter(cluster_id__in=theme_ids)
        candidate_ids.update(
            others.filter(pk__in=through.values("project_id"))
            .order_by("-published_at", "-pk")
            .values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE]
        )
    if rare:
        if _postgres():
            any_rare = " | ".join(f"'{t}'" for t in rare)
            rows = (
                others.filter(
                    RawSQL(
                        "knowledge_project.search_vector @@ to_tsquery('simple', %s)",
                        [any_rare],
                        output_field=BooleanField(),
                    )
                )
                .annotate(
                    overlap=RawSQL(
                        "ts_rank(knowledge_project.search_vector, to_tsquery('simple', %s))",
                        [any_rare],
                        output_field=FloatField(),
                    )
                )
                .order_by("-overlap", "-pk")
                .values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE]
            )
            candidate_ids.update(rows)
        else:
            condition = Q()
            for term in rare:
                condition |= Q(search_text__contains=term)
            candidate_ids.update(
                others.filter(condition)
                .order_by("-published_at", "-pk")
                .values_list("pk", flat=True)[: CANDIDATES_PER_SOURCE * 4]
            )
    me = _profile(project)
    best = rules_search.most_alike(me, _profiles(candidate_ids, frozenset(weights)), weights, limit)
    by_id = {c.pk: c for c in _loaded(published().filter(pk__in=[b.project_id for b in best]))}
    suggestions = []
    for found in best:
        candidate = by_id[found.project_id]
        suggestions.append(
            Suggestion(
                project=candidate,
                likeness=found,
                themes=[t.name for t in candidate.themes.all()],
                sdgs=[s.number for s in candidate.sdgs.all()],
            )
        )
    return suggestions


def explanation(likeness: rules_search.Likeness) -> str:
    """Why a project is suggested, in a sentence: "Shares the themes Smart Mobility, Living
    Labs; shares the words “waste”, “sensor”; shares SDG 11."""
    parts = []
    if likeness.shared_themes:
        parts.append(
            _("shares the themes %(themes)s") % {"themes": ", ".join(likeness.shared_themes)}
            if len(likeness.shared_themes) > 1
            else _("shares the theme %(theme)s") % {"theme": likeness.shared_themes[0]}
        )
    if likeness.shared_terms:
        parts.append(
            _("shares the words %(words)s")
            % {"words": ", ".join(f"“{t}”" for t in likeness.shared_terms)}
        )
    if likeness.shared_sdgs:
        parts.append(
            _("works towards the same SDGs: %(sdgs)s")
            % {"sdgs": ", ".join(str(n) for n in likeness.shared_sdgs)}
        )
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "." if sentence else ""
