"""Load every app's seed data, in dependency order. Safe to run again: it only fills gaps."""

from __future__ import annotations

from collections import Counter
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand

# Each app with a `seed.load()`; an app comes after the apps it refers to.
SEED_ORDER = [
    "intercity.network",
    "intercity.membership",
    "intercity.governance",
    "intercity.participation",
    "intercity.assessment",
]


class Command(BaseCommand):
    help = "Load the seed networks (WeGO, ASCN) from the YAML files kept with each app."

    def handle(self, *args: Any, **options: Any) -> None:
        for app in SEED_ORDER:
            created: Counter[str] = import_module(f"{app}.seed").load()
            made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
            self.stdout.write(f"{app}: {'created ' + made if made else 'nothing new'}")
