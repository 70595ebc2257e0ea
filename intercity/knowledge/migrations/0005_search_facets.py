"""The facets' theme and SDG counts without the link tables, on PostgreSQL (decision 0039,
point 7); nothing on SQLite.

- `facet_themes` and `facet_sdgs`: each project's theme ids and SDG numbers as sorted integer
  arrays on its own row, kept by the database itself: a trigger on each link table rewrites
  the project's array in the same statement that adds or removes a link, whoever writes it
  (the catalog's services, the seeds, the admin, a test's factory). The facets count them
  from the row they already read, instead of looking up 25,000 (a common word) or 350,000
  (the whole catalog) link rows: never stale, since they change in the same transaction as
  the links.
- `knowledge_project_published_newest` (migration 0003) is made again carrying the two
  arrays too, so that the whole catalog's facets are one index-only scan.
- The arrays of the existing projects are filled from the link tables.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE knowledge_project"
    " ADD COLUMN facet_themes integer[] NOT NULL DEFAULT '{}',"
    " ADD COLUMN facet_sdgs integer[] NOT NULL DEFAULT '{}'",
    "CREATE OR REPLACE FUNCTION knowledge_project_facet_themes() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE knowledge_project p SET facet_themes = coalesce((SELECT array_agg(DISTINCT"
    " t.cluster_id ORDER BY t.cluster_id) FROM knowledge_project_themes t"
    " WHERE t.project_id = p.id), '{}')"
    " WHERE p.id IN (SELECT project_id FROM changed);"
    " RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION knowledge_project_facet_sdgs() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE knowledge_project p SET facet_sdgs = coalesce((SELECT array_agg(DISTINCT"
    " t.sdg_id ORDER BY t.sdg_id) FROM knowledge_project_sdgs t"
    " WHERE t.project_id = p.id), '{}')"
    " WHERE p.id IN (SELECT project_id FROM changed);"
    " RETURN NULL; END $$",
]
# One statement-level trigger per link table and change (a transition table holds the rows
# changed, so setting ten themes rewrites the project's array once).
for _table, _function in (
    ("knowledge_project_themes", "knowledge_project_facet_themes"),
    ("knowledge_project_sdgs", "knowledge_project_facet_sdgs"),
):
    for _event, _transition in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
        FORWARD.append(
            f"CREATE TRIGGER {_table}_facet_{_event.lower()} AFTER {_event} ON {_table}"
            f" REFERENCING {_transition} TABLE AS changed"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {_function}()"
        )
# An update moving a link to another project changes the old project's array too.
for _table, _function in (
    ("knowledge_project_themes", "knowledge_project_facet_themes"),
    ("knowledge_project_sdgs", "knowledge_project_facet_sdgs"),
):
    FORWARD.append(
        f"CREATE TRIGGER {_table}_facet_update_old AFTER UPDATE ON {_table}"
        " REFERENCING OLD TABLE AS changed"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {_function}()"
    )
FORWARD += [
    "UPDATE knowledge_project p SET facet_themes = f.themes, facet_sdgs = f.sdgs FROM ("
    " SELECT p2.id,"
    "  coalesce((SELECT array_agg(DISTINCT t.cluster_id ORDER BY t.cluster_id)"
    "   FROM knowledge_project_themes t WHERE t.project_id = p2.id), '{}') AS themes,"
    "  coalesce((SELECT array_agg(DISTINCT s.sdg_id ORDER BY s.sdg_id)"
    "   FROM knowledge_project_sdgs s WHERE s.project_id = p2.id), '{}') AS sdgs"
    " FROM knowledge_project p2) AS f"
    " WHERE f.id = p.id AND (f.themes <> '{}' OR f.sdgs <> '{}')",
    "DROP INDEX IF EXISTS knowledge_project_published_newest",
    "CREATE INDEX knowledge_project_published_newest ON knowledge_project"
    " (published_at DESC, id DESC)"
    " INCLUDE (network_id, organisation_id, status, budget_usd, facet_themes, facet_sdgs)"
    " WHERE state = 'published'",
]
BACKWARD = [
    "DROP INDEX IF EXISTS knowledge_project_published_newest",
    "CREATE INDEX knowledge_project_published_newest ON knowledge_project"
    " (published_at DESC, id DESC)"
    " INCLUDE (network_id, organisation_id, status, budget_usd)"
    " WHERE state = 'published'",
]
for _table in ("knowledge_project_themes", "knowledge_project_sdgs"):
    for _name in ("insert", "delete", "update", "update_old"):
        BACKWARD.append(f"DROP TRIGGER IF EXISTS {_table}_facet_{_name} ON {_table}")
BACKWARD += [
    "DROP FUNCTION IF EXISTS knowledge_project_facet_themes()",
    "DROP FUNCTION IF EXISTS knowledge_project_facet_sdgs()",
    "ALTER TABLE knowledge_project DROP COLUMN IF EXISTS facet_themes,"
    " DROP COLUMN IF EXISTS facet_sdgs",
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
    dependencies = [("knowledge", "0004_one_project_per_placement")]

    operations = [migrations.RunPython(forward, backward)]
