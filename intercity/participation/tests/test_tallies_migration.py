"""The migration that adds the dashboard's tallies goes forward and back, and a city's reports
written before it are counted by the rebuild (what an upgraded site runs once)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from intercity.participation import tallies
from intercity.participation.demo import generate
from intercity.participation.models import Jurisdiction

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("participation", "0008_citizens_close_the_loop")
TALLIES = ("participation", "0009_dashboard_tallies")


def tables() -> set[str]:
    return set(connection.introspection.table_names())


def migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def test_the_tallies_migration_goes_forward_and_back_and_a_rebuild_counts_old_reports(
    committed_seed,
):
    seoul = Jurisdiction.objects.get(slug="seoul")
    generate.generate(seoul, 40, days=20, end=dt.datetime(2025, 5, 1, tzinfo=dt.UTC), seed=3)
    migrate(BEFORE)
    assert "participation_dailytally" not in tables()
    migrate(TALLIES)
    assert {"participation_dailytally", "participation_monthlyresolution"} <= tables()
    assert tallies.stored(seoul) == ({}, {}, {}, {})  # the reports predate the tables
    call_command("rebuild_cps_tallies", stdout=io.StringIO())
    assert tallies.stored(seoul) == tallies.expected(seoul)
    assert sum(tallies.stored(seoul)[0].values()) == 40
