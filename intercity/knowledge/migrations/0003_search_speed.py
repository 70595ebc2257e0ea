"""The catalog search's speed at 100,000 projects on PostgreSQL (decision 0039); nothing on
SQLite.

- `knowledge_project_published_newest`: the published projects only (a partial index), newest
  first, carrying the columns the facets group by (network, city, status, budget). The
  catalog's plainest page (the newest 20) reads 20 entries of it; the count of the published
  projects and the facets' counts read it alone (an index-only scan), never the wide rows with
  their texts.
- `search_han`: the Chinese and Japanese characters of `search_text` as a tsvector of their
  single characters and pairs of neighbouring characters (a generated column, by the
  immutable function `knowledge_han_grams`), with a GIN index. A Chinese word of the query is
  looked up by its pairs (or its one character) in this index, then checked exactly by the
  substring match as before: the same answers, without reading every row (the trigram index
  cannot serve a word of fewer than three characters, the commonest Chinese word length).
- `knowledge_search_term`: how many published projects hold each word (document frequency),
  as `ts_stat` counts them over `search_vector`; filled by `services.search.refresh_word_counts`
  (the hourly job `knowledge.word-counts`), read by "projects like this one" for its words'
  rarity in one query instead of one `count(*)` per word.
"""

from django.db import migrations

HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"

FORWARD = [
    "CREATE INDEX IF NOT EXISTS knowledge_project_published_newest ON knowledge_project"
    " (published_at DESC, id DESC)"
    " INCLUDE (network_id, organisation_id, status, budget_usd)"
    " WHERE state = 'published'",
    "CREATE INDEX IF NOT EXISTS knowledge_project_unpublished ON knowledge_project (id)"
    " WHERE state <> 'published'",
    "CREATE OR REPLACE FUNCTION knowledge_han_grams(t text) RETURNS tsvector"
    " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$"
    " SELECT coalesce(array_to_tsvector(array_agg(DISTINCT g)), ''::tsvector) FROM ("
    "  SELECT substr(run[1], i, 1) AS g"
    f"  FROM regexp_matches(t, '[{HAN}]+', 'g') AS run,"
    "   generate_series(1, char_length(run[1])) AS i"
    "  UNION ALL"
    "  SELECT substr(run[1], i, 2)"
    f"  FROM regexp_matches(t, '[{HAN}]+', 'g') AS run,"
    "   generate_series(1, char_length(run[1]) - 1) AS i"
    " ) AS grams $$",
    "ALTER TABLE knowledge_project ADD COLUMN search_han tsvector"
    " GENERATED ALWAYS AS (knowledge_han_grams(search_text)) STORED",
    "CREATE INDEX knowledge_project_search_han ON knowledge_project USING gin (search_han)",
    "CREATE TABLE IF NOT EXISTS knowledge_search_term"
    " (word text PRIMARY KEY, documents integer NOT NULL)",
]
BACKWARD = [
    "DROP TABLE IF EXISTS knowledge_search_term",
    "DROP INDEX IF EXISTS knowledge_project_search_han",
    "ALTER TABLE knowledge_project DROP COLUMN IF EXISTS search_han",
    "DROP FUNCTION IF EXISTS knowledge_han_grams(text)",
    "DROP INDEX IF EXISTS knowledge_project_unpublished",
    "DROP INDEX IF EXISTS knowledge_project_published_newest",
]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in FORWARD:
            cursor.execute(statement)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in BACKWARD:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_indexes")]

    operations = [migrations.RunPython(forward, backward)]
