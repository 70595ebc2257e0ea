"""The rank's vector kept in the project's row, on PostgreSQL (decision 0039, point 7); nothing
on SQLite.

`ts_rank` reads `search_vector` for every project matching the words. About 1.7 kB, it was
moved out of the wide row into the TOAST table (with `search_stemmed`, `search_text` and the
texts), so ranking 10,000 matches fetched some 40,000 TOAST pages through the TOAST index:
~130 ms of a common word's search, against ~17 ms for the same `ts_rank` over vectors read in
line. `STORAGE MAIN` keeps the column in the row (compressed when that helps; moved out only
if the row would not fit in a page); the other wide columns still go out of line first.

The arrays of migration 0005 are a few bytes, but the row, with the vector in it, is over the
2 kB at which PostgreSQL moves values out: it moved them too (any value longer than a TOAST
pointer), so that counting the facets of 10,000 matches fetched 35,000 TOAST pages.
`STORAGE PLAIN` keeps them in the row, never compressed nor moved (eleven themes and
seventeen SDGs at most: a hundred bytes).

A storage setting applies to values written after it: `VACUUM FULL` writes every row again
(and rebuilds the indexes), then `VACUUM ANALYZE` sets the visibility map that the count's
and the facets' index-only scans need. VACUUM cannot run in a transaction: this migration is
not atomic (each statement commits on its own; run again, it does the same).
"""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE knowledge_project ALTER COLUMN search_vector SET STORAGE MAIN")
        cursor.execute(
            "ALTER TABLE knowledge_project ALTER COLUMN facet_themes SET STORAGE PLAIN,"
            " ALTER COLUMN facet_sdgs SET STORAGE PLAIN"
        )
        cursor.execute("VACUUM FULL knowledge_project")
        cursor.execute("VACUUM ANALYZE knowledge_project")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE knowledge_project ALTER COLUMN search_vector SET STORAGE EXTENDED,"
            " ALTER COLUMN facet_themes SET STORAGE EXTENDED,"
            " ALTER COLUMN facet_sdgs SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("knowledge", "0005_search_facets")]

    operations = [migrations.RunPython(forward, backward, atomic=False)]
