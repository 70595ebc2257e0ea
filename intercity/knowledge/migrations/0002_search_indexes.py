"""The catalog search's indexes on PostgreSQL (decision 0039); nothing on SQLite.

Two tsvector columns the database keeps from `search_text` (generated, stored, so a ranking
reads them rather than parsing every matching row's text): `search_vector` in the 'simple'
configuration (every language: words as written, folded), the title's words (the text's first
line) weighted A so that `ts_rank` ranks a word in the title higher, and `search_stemmed` in the
project's language's configuration where PostgreSQL has one (english, spanish, russian;
'simple' otherwise). Both have a GIN index. A trigram index (pg_trgm) on `search_text` serves
the Chinese words, matched anywhere in the text; when the extension cannot be created (a
server without it, a role without the right), the index is left out and those searches scan.
The model does not name the two columns: only `services/search.py` reads them, on PostgreSQL.
"""

from django.db import migrations

STEMMING = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig "
    "WHEN 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END"
)

FORWARD = [
    "ALTER TABLE knowledge_project ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, split_part(search_text, E'\\n', 1)), 'A')"
    " || to_tsvector('simple'::regconfig, search_text)) STORED",
    "ALTER TABLE knowledge_project ADD COLUMN search_stemmed tsvector "
    f"GENERATED ALWAYS AS (to_tsvector({STEMMING}, search_text)) STORED",
    "CREATE INDEX knowledge_project_search_vector ON knowledge_project "
    "USING gin (search_vector)",
    "CREATE INDEX knowledge_project_search_stemmed ON knowledge_project "
    "USING gin (search_stemmed)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS knowledge_project_search_trgm",
    "ALTER TABLE knowledge_project DROP COLUMN IF EXISTS search_stemmed",
    "ALTER TABLE knowledge_project DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in FORWARD:
            cursor.execute(statement)
        try:
            with schema_editor.connection.cursor() as inner:
                inner.execute("SAVEPOINT knowledge_trgm")
                inner.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                inner.execute(
                    "CREATE INDEX knowledge_project_search_trgm ON knowledge_project "
                    "USING gin (search_text gin_trgm_ops)"
                )
                inner.execute("RELEASE SAVEPOINT knowledge_trgm")
        except Exception:  # noqa: BLE001 - no pg_trgm: the Chinese words scan instead
            with schema_editor.connection.cursor() as inner:
                inner.execute("ROLLBACK TO SAVEPOINT knowledge_trgm")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in BACKWARD:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
