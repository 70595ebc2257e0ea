"""Everything that keeps a language incomplete: unmarked template text, catalog entries missing,
left over, untranslated or fuzzy. Exits non-zero when anything is found (`make test` runs it)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intercity.core import catalogs


class Command(BaseCommand):
    help = "Check that every visible string is marked, in the catalogs, and translated."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--app",
            action="append",
            dest="apps",
            help="Only this app's templates and catalogs ('site' for intercity/templates).",
        )
        parser.add_argument(
            "--skip-source", action="store_true", help="Do not run makemessages on a copy."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        apps = options["apps"]

        def chosen(path: Path) -> bool:
            if not apps:
                return True
            top = path.relative_to(catalogs.PACKAGE).parts[0]
            return top in apps or (top in ("templates", "locale") and "site" in apps)

        problems: list[str] = []
        for template in catalogs.templates():
            if chosen(template):
                for text in catalogs.unmarked_text(template.read_text()):
                    problems.append(
                        f"{template.relative_to(catalogs.PACKAGE.parent)}: unmarked: {text[:80]!r}"
                    )
        if not options["skip_source"]:
            problems += catalogs.stale_catalogs(apps)
        for po_path in catalogs.catalogs():
            if chosen(po_path):
                problems += [str(p) for p in catalogs.catalog_problems(po_path)]
        problems += [
            f"{path}: missing" for path in catalogs.missing_catalogs() if chosen(Path(path))
        ]
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} translation problem(s); see docs/translating.md.")
        self.stdout.write("Every visible string is marked and translated in every language.")
