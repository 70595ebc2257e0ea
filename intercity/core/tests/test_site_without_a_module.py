"""The site stands without any one module: leave it out of INSTALLED_APPS and every remaining
page still answers (no 500, no NoReverseMatch), the seed still loads, the checks pass.

Each case runs `site_walk` in a fresh process (the app registry is fixed once Django starts)
on an empty SQLite database of its own, whatever database the suite itself uses. The walk makes
the tables from the models; that the remaining apps' migrations stand without the module is
read off the migration graph here, without a database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[3]

CASES = [
    "membership",
    "governance",
    "participation",
    "assessment",
    "awards",
    "knowledge",
    "exchange",
    "plans",
    "learning",
    "events",
]

# The walk uses a SQLite database of its own whatever the suite's database is, so the
# PostgreSQL leg of `make test` would repeat the SQLite leg's walks exactly; it leaves them out.
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.skipif(ON_POSTGRESQL, reason="a SQLite walk: the SQLite leg runs it")
@pytest.mark.parametrize("module", CASES)
def test_every_remaining_page_answers_without(module: str, tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "INTERCITY_WITHOUT": module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "intercity.settings",
    }
    # `-m` from the tree's root, so that this tree's code runs, not an installed copy.
    walk = subprocess.run(
        [sys.executable, "-m", "intercity.core.tests.site_walk"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = walk.stdout + walk.stderr[-4000:]
    assert walk.returncode == 0, report
    assert "visited" in walk.stdout, report


def leaving_with(module: str) -> set[str]:
    """The module and those that leave with it (settings.MODULE_REQUIRES)."""
    return {module} | {
        other for other, required in settings.MODULE_REQUIRES.items() if module in required
    }


@pytest.mark.parametrize("module", CASES)
def test_no_migration_needs_a_module_that_may_be_left_out(module: str) -> None:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaving = leaving_with(module)
    needs = {
        f"{app}.{name} needs {dependency[0]}.{dependency[1]}"
        for app, name in graph.leaf_nodes()
        if app not in leaving
        for dependency in graph.forwards_plan((app, name))
        if dependency[0] in leaving
    }
    assert not needs, sorted(needs)


def test_the_migration_check_sees_a_real_dependency() -> None:
    # plans' first migration builds on network's: leaving network out would break it.
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    assert any(
        app == "network" for app, _name in graph.forwards_plan(("plans", "0001_representation"))
    )
