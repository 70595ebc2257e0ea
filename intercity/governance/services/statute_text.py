"""The statute's text as data: each version's articles, read for the statute pages and the
API, compared between two versions (`governance.articles`), and loaded from the seed.

Articles are read-only on every page; only the seed writes them (`load_articles`), which
leaves an article already present as it is, so it is safe to run again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError, NotFound
from intercity.governance import articles as texts
from intercity.governance.models import StatuteArticle, StatuteVersion
from intercity.network.models import Network


def versions(network: Network) -> list[StatuteVersion]:
    """A network's statute texts, oldest first, each with how many articles are on record."""
    return list(StatuteVersion.objects.filter(network=network).order_by("effective_from"))


def get_version(network: Network, effective_from: str) -> StatuteVersion:
    """One text by the day it took effect (`2017-06-28`), as the pages and the API name it."""
    try:
        day = dt.date.fromisoformat(effective_from)
    except ValueError:
        raise NotFound(
            _("No statute text of %(network)s is dated “%(day)s”.")
            % {"network": network.short_name, "day": effective_from[:40]}
        ) from None
    found = StatuteVersion.objects.filter(network=network, effective_from=day).first()
    if found is None:
        raise NotFound(
            _("No statute text of %(network)s took effect on %(day)s.")
            % {"network": network.short_name, "day": day.isoformat()}
        )
    return found


def articles_of(version: StatuteVersion) -> list[StatuteArticle]:
    return list(version.articles.order_by("position", "id"))


def is_whole(version: StatuteVersion, rows: list[StatuteArticle]) -> bool:
    """Whether the sources hold the whole text: every article listed, none only in part. A
    text of excerpts lists only what is quoted, so its absent articles are unknown."""
    return bool(rows) and all(row.status != StatuteArticle.Status.PARTIAL for row in rows)


def as_text(row: StatuteArticle) -> texts.ArticleText:
    return texts.ArticleText(
        number=row.number,
        title=row.title,
        status=row.status,
        paragraphs=tuple((str(p.get("n", "")), str(p.get("text", ""))) for p in row.paragraphs),
    )


@dataclass(frozen=True)
class Comparison:
    before: StatuteVersion
    after: StatuteVersion
    changes: tuple[texts.ArticleChange, ...]

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    @property
    def changed_count(self) -> int:
        return self.count("changed")

    @property
    def added_count(self) -> int:
        return self.count("added")

    @property
    def removed_count(self) -> int:
        return self.count("removed")

    @property
    def unchanged_count(self) -> int:
        return self.count("unchanged")

    @property
    def unknown_count(self) -> int:
        return self.count("not-comparable")


def compare(network: Network, before: str, after: str) -> Comparison:
    """Two texts of a network's statute side by side, article by article."""
    if before == after:
        raise DomainError(_("Choose two different texts to compare."))
    a, b = get_version(network, before), get_version(network, after)
    if a.effective_from > b.effective_from:
        a, b = b, a
    rows_a, rows_b = articles_of(a), articles_of(b)
    changes = texts.compare_texts(
        [as_text(r) for r in rows_a],
        [as_text(r) for r in rows_b],
        before_whole=is_whole(a, rows_a),
        after_whole=is_whole(b, rows_b),
    )
    return Comparison(a, b, changes)


# --- The seed ------------------------------------------------------------------------------


def _paragraphs(
    raw: list[dict[str, Any]], number: str, by_version: dict[str, dict[str, Any]]
) -> list[dict[str, str]]:
    """A paragraph marked `same_as` takes that version's paragraph of the same number (the
    amendment table's "[No Change]"); refused when that text does not hold it."""
    out = []
    for paragraph in raw:
        n = str(paragraph.get("n", ""))
        other = paragraph.get("same_as")
        if other is None:
            out.append({"n": n, "text": str(paragraph["text"]).strip()})
            continue
        article = by_version.get(str(other), {}).get(number)
        source = next(
            (p for p in (article or {}).get("paragraphs", []) if str(p.get("n", "")) == n), None
        )
        if source is None or "text" not in source:
            raise ValueError(f"Art. {number}.{n} is taken from {other}, which does not hold it.")
        out.append({"n": n, "text": str(source["text"]).strip(), "same_as": str(other)})
    return out


def load_articles(network: Network, records: list[dict[str, Any]]) -> Counter[str]:
    """Write the articles of each version named in `records` (statute_articles.yaml) that
    are not yet on record. A version the network does not have is refused by name."""
    created: Counter[str] = Counter()
    by_version = {
        str(r["version"]): {str(a["number"]): a for a in r.get("articles", [])} for r in records
    }
    known = {v.name: v for v in StatuteVersion.objects.filter(network=network)}
    with transaction.atomic():
        for record in records:
            version = known.get(str(record["version"]))
            if version is None:
                raise ValueError(f"{network.slug} has no statute version '{record['version']}'.")
            present = set(version.articles.values_list("number", flat=True))
            for position, raw in enumerate(record.get("articles", []), start=1):
                number = str(raw["number"])
                if number in present:
                    continue
                status = str(raw.get("status") or record.get("status") or "complete")
                paragraphs = _paragraphs(raw.get("paragraphs") or [], number, by_version)
                if status == StatuteArticle.Status.MISSING and paragraphs:
                    raise ValueError(f"Art. {number} of {version.name} is missing but has text.")
                StatuteArticle.objects.create(
                    version=version,
                    number=number,
                    title=str(raw.get("title") or ""),
                    part=str(raw.get("part") or ""),
                    position=position,
                    status=status,
                    paragraphs=paragraphs,
                    source=str(raw.get("source") or record.get("source") or ""),
                    note=str(raw.get("note") or ""),
                )
                created["statute article"] += 1
    return created
