"""The whole catalog's facet counts kept as they change, on PostgreSQL (decision 0039, point 7);
nothing on SQLite.

`knowledge_facet_count` holds how many published projects there are per place (network, city,
status, budget band) and per theme and per SDG: a few thousand rows whatever the size of the
catalog. The search page before anything is asked (no words, no filter) adds them up instead
of counting 100,000 projects. A statement-level trigger on `knowledge_project` keeps them in
the same statement that publishes, unpublishes, moves or edits projects (and so in the same
transaction), whoever writes: the rows leaving are subtracted (OLD, when published), the rows
arriving added (NEW, when published). The themes and SDGs come from the row's arrays of
migration 0005, which the link tables' triggers keep: a theme added to a published project
updates its row, which updates the counts. Never stale: never refreshed, always written with
the change. The upserts are sorted by key so that two transactions take their rows' locks in
the same order.

The budget band is `width_bucket` over the lower bounds of `rules_search.BUDGETS` (BUDGET_EDGES
below, the same as `services.search._BUDGET_EDGES`: a test compares them).
"""

from django.db import migrations

BUDGET_EDGES = "'{100000,1000000,10000000,100000000}'::numeric[]"

# The keys a set of project rows counts for: ('place', network, city, status, band), ('theme',
# id, 0, '', 0), ('sdg', number, 0, '', 0); `sign` 1 or -1.
_KEYS = (
    "SELECT 'place' AS kind, coalesce(network_id, 0) AS k1, coalesce(organisation_id, 0) AS k2,"
    " status AS k3, coalesce(width_bucket(budget_usd, {edges}), -1) AS k4, {sign} AS n"
    " FROM {rows} WHERE state = 'published'"
    " UNION ALL SELECT 'theme', t, 0, '', 0, {sign}"
    " FROM {rows}, unnest(facet_themes) AS t WHERE state = 'published'"
    " UNION ALL SELECT 'sdg', s, 0, '', 0, {sign}"
    " FROM {rows}, unnest(facet_sdgs) AS s WHERE state = 'published'"
)


def _upsert(parts: list[str]) -> str:
    return (
        "INSERT INTO knowledge_facet_count AS c (kind, k1, k2, k3, k4, n)"
        " SELECT kind, k1, k2, k3, k4, sum(n) FROM ("
        + " UNION ALL ".join(parts)
        + ") AS changed GROUP BY kind, k1, k2, k3, k4 HAVING sum(n) <> 0"
        " ORDER BY kind, k1, k2, k3, k4"
        " ON CONFLICT (kind, k1, k2, k3, k4) DO UPDATE SET n = c.n + EXCLUDED.n"
    )


_ARRIVING = _KEYS.format(edges=BUDGET_EDGES, sign=1, rows="arriving")
_LEAVING = _KEYS.format(edges=BUDGET_EDGES, sign=-1, rows="leaving")

FORWARD = [
    "CREATE TABLE knowledge_facet_count (kind varchar(8) NOT NULL, k1 bigint NOT NULL,"
    " k2 bigint NOT NULL, k3 varchar(32) NOT NULL, k4 integer NOT NULL, n bigint NOT NULL,"
    " PRIMARY KEY (kind, k1, k2, k3, k4))",
    "CREATE OR REPLACE FUNCTION knowledge_facet_count_arriving() RETURNS trigger"
    f" LANGUAGE plpgsql AS $$ BEGIN {_upsert([_ARRIVING])}; RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION knowledge_facet_count_leaving() RETURNS trigger"
    f" LANGUAGE plpgsql AS $$ BEGIN {_upsert([_LEAVING])}; RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION knowledge_facet_count_moving() RETURNS trigger"
    f" LANGUAGE plpgsql AS $$ BEGIN {_upsert([_LEAVING, _ARRIVING])}; RETURN NULL; END $$",
    "CREATE TRIGGER knowledge_project_facet_count_insert AFTER INSERT ON knowledge_project"
    " REFERENCING NEW TABLE AS arriving FOR EACH STATEMENT"
    " EXECUTE FUNCTION knowledge_facet_count_arriving()",
    "CREATE TRIGGER knowledge_project_facet_count_delete AFTER DELETE ON knowledge_project"
    " REFERENCING OLD TABLE AS leaving FOR EACH STATEMENT"
    " EXECUTE FUNCTION knowledge_facet_count_leaving()",
    "CREATE TRIGGER knowledge_project_facet_count_update AFTER UPDATE ON knowledge_project"
    " REFERENCING OLD TABLE AS leaving NEW TABLE AS arriving FOR EACH STATEMENT"
    " EXECUTE FUNCTION knowledge_facet_count_moving()",
    # The projects already there.
    _upsert([_KEYS.format(edges=BUDGET_EDGES, sign=1, rows="knowledge_project")]),
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_project_facet_count_insert ON knowledge_project",
    "DROP TRIGGER IF EXISTS knowledge_project_facet_count_delete ON knowledge_project",
    "DROP TRIGGER IF EXISTS knowledge_project_facet_count_update ON knowledge_project",
    "DROP FUNCTION IF EXISTS knowledge_facet_count_arriving()",
    "DROP FUNCTION IF EXISTS knowledge_facet_count_leaving()",
    "DROP FUNCTION IF EXISTS knowledge_facet_count_moving()",
    "DROP TABLE IF EXISTS knowledge_facet_count",
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
    dependencies = [("knowledge", "0006_rank_vector_inline")]

    operations = [migrations.RunPython(forward, backward)]
