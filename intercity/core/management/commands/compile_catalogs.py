"""Compile every translation catalog that changed (polib, no GNU gettext needed)."""

from typing import Any

from django.core.management.base import BaseCommand

from intercity.core import catalogs


class Command(BaseCommand):
    help = "Compile the .po translation catalogs that are newer than their .mo files."

    def handle(self, *args: Any, **options: Any) -> None:
        written = catalogs.compile_all()
        self.stdout.write(f"{written} catalog(s) compiled.")
