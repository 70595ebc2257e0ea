"""Load every installed module's seed data, in INSTALLED_APPS order (a module comes after the
modules it refers to). Safe to run again: it only fills gaps."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand

from intercity.core import modules


class Command(BaseCommand):
    help = "Load the seed networks (WeGO, ASCN) from the YAML files kept with each app."

    def handle(self, *args: Any, **options: Any) -> None:
        for manifest in modules.installed():
            if not manifest.seed:
                continue
            created: Counter[str] = modules.load_object(manifest.seed).load()
            made = ", ".join(f"{n} {what}" for what, n in sorted(created.items()) if n)
            self.stdout.write(f"{manifest.seed}: {'created ' + made if made else 'nothing new'}")
