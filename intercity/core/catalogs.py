"""The translation catalogs: where they are, compiling them, and what makes one incomplete.

Each app keeps its catalog in ``<app>/locale/<lang>/LC_MESSAGES/django.po`` (and
``djangojs.po`` for its scripts); the site-wide templates' strings are in ``intercity/locale``.
Catalogs are compiled here with polib rather than GNU msgfmt, so that ``make run`` needs
nothing but Python; the compiled ``.mo`` files are build output and are not committed.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings
from django.template.base import Lexer, TokenType

PACKAGE = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def locale_directory_name(language: str) -> str:
    """``zh-hans`` -> ``zh_Hans``, as gettext names its folders."""
    from django.utils.translation import to_locale

    return to_locale(language)


def locale_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += sorted(p for p in PACKAGE.glob("*/locale") if p.is_dir())
    return [d for d in dirs if d.is_dir()]


def catalogs() -> Iterator[Path]:
    for directory in locale_dirs():
        yield from sorted(directory.glob("*/LC_MESSAGES/*.po"))


def compile_all() -> int:
    """Write each catalog's .mo where it is missing or older than its .po; return how many."""
    written = 0
    for po_path in catalogs():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalog = polib.pofile(str(po_path))
        # Written beside and renamed into place: test workers may compile at the same moment.
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        os.close(handle)
        catalog.save_as_mofile(temporary)
        os.replace(temporary, mo_path)
        written += 1
    return written


PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}")


@dataclass(frozen=True)
class Problem:
    catalog: Path
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"{self.catalog}: {self.reason}: {self.msgid[:80]!r}"


def catalog_problems(po_path: Path) -> list[Problem]:
    """Untranslated, fuzzy, or translated with other placeholders than the English has."""
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(Problem(po_path, entry.msgid, "fuzzy"))
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(text.strip() for text in translations):
            problems.append(Problem(po_path, entry.msgid, "untranslated"))
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))))
        for text in translations:
            found = sorted(set(PLACEHOLDER.findall(text)))
            # A plural form for "one" may say the number in words instead of %(count)s.
            if found != wanted and not (entry.msgid_plural and set(found) <= set(wanted)):
                problems.append(
                    Problem(po_path, entry.msgid, f"placeholders {found} instead of {wanted}")
                )
                break
    return problems


def missing_catalogs() -> list[str]:
    """Each locale folder must have a catalog for every language, not only for some."""
    missing = []
    for directory in locale_dirs():
        domains = {p.name for p in directory.glob("*/LC_MESSAGES/*.po")}
        for language in TRANSLATED:
            for domain in domains:
                path = directory / locale_directory_name(language) / "LC_MESSAGES" / domain
                if not path.exists():
                    missing.append(str(path))
    return missing


# ---------------------------------------------------------------------------------------------
# Templates: visible text that is not marked for translation

# Attributes a person reads or hears.
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"}
# Elements whose content is not prose.
SILENT_ELEMENTS = {"script", "style", "code", "pre", "kbd", "samp"}
# Words that are the same in every language: names of things and of standards.
NAMES = {
    "Intercity",
    "WeGO",
    "ASCN",
    "ASEAN",
    "Open311",
    "GeoReport",
    "API",
    "OpenAPI",
    "JSON",
    "CSV",
    "PDF",
    "XLSX",
    "UTC",
    "ID",
    "URL",
    "CPS",
    "CEDS",
    "htmx",
    "Hangul",
    "English",
    "한국어",
    "简体中文",
    "Русский",
    "Español",
}
MARK = "\x00"  # stands for anything the template engine fills in
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.silent = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SILENT_ELEMENTS:
            self.silent += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.found.append(value)
            if tag == "input" and name == "value" and value:
                kind = dict(attrs).get("type", "")
                if kind in {"submit", "button", "reset"}:
                    self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT_ELEMENTS and self.silent:
            self.silent -= 1

    def handle_data(self, data: str) -> None:
        if not self.silent:
            self.found.append(data)


def _words_left(text: str) -> str:
    words = [w for w in re.split(r"[\s\x00]+", text) if w]
    kept = [w for w in words if w.strip(".,:;()[]·—–-/|'\"!?«»“”") not in NAMES]
    return " ".join(w for w in kept if LETTER.search(w))


def unmarked_text(source: str) -> list[str]:
    """Visible text in a template that no translation tag covers."""
    pieces: list[str] = []
    depth = {"blocktranslate": 0, "comment": 0, "verbatim": 0}
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in ("blocktranslate", "blocktrans"):
                depth["blocktranslate"] += 1
            elif name in ("comment", "verbatim"):
                depth[name] += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                depth["blocktranslate"] -= 1
            elif name == "endcomment":
                depth["comment"] -= 1
            elif name == "endverbatim":
                depth["verbatim"] -= 1
            # A space, not a mark: block tags often sit inside an HTML tag ({% if %}class=...).
            pieces.append(" ")
        elif token.token_type == TokenType.TEXT and not any(depth.values()):
            pieces.append(token.contents)
        else:
            pieces.append(MARK)
    parser = _VisibleText()
    parser.feed("".join(pieces))
    parser.close()
    return [left for text in parser.found if (left := _words_left(text))]


def templates() -> Iterator[Path]:
    yield from sorted(PACKAGE.glob("templates/**/*.html"))
    yield from sorted(PACKAGE.glob("*/templates/**/*.html"))
    yield from sorted(PACKAGE.glob("*/templates/**/*.txt"))


# ---------------------------------------------------------------------------------------------
# Catalogs against the source: every marked string in a catalog, no catalog entry left over

MAKEMESSAGES_IGNORE = ["*/tests/*", "static/vendor/*", "*/static/vendor/*", "staticfiles/*"]


def _msgids(po_path: Path) -> set[tuple[str, str]]:
    return {
        (entry.msgctxt or "", entry.msgid)
        for entry in polib.pofile(str(po_path))
        if not entry.obsolete
    }


def stale_catalogs(apps: list[str] | None = None) -> list[str]:
    """Run makemessages on a copy of the code and compare its msgids with the catalogs'.

    Needs GNU gettext's xgettext (Debian's ``gettext``), as makemessages does.
    """
    import shutil
    import subprocess
    import sys

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "intercity"
        shutil.copytree(
            PACKAGE,
            copy,
            ignore=shutil.ignore_patterns(
                "*.mo", "__pycache__", "vendor", "tests", "*.svg", "*.yaml"
            ),
        )
        shutil.copy(PACKAGE.parent / "manage.py", Path(scratch) / "manage.py")
        # The copy's catalogs are emptied so that what makemessages writes is the source alone.
        for po_path in copy.glob("**/locale/*/LC_MESSAGES/*.po"):
            po_path.unlink()
        for domain, extensions in (("django", "html,txt,py"), ("djangojs", "js")):
            subprocess.run(  # noqa: S603 - our own interpreter and manage.py
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--locale",
                    locale_directory_name(TRANSLATED[0]),
                    "--domain",
                    domain,
                    "--extension",
                    extensions,
                    *[f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE],
                    "--no-location",
                    "--verbosity",
                    "0",
                ],
                cwd=scratch,
                check=True,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "intercity.settings"},
            )
        for fresh in sorted(copy.glob("**/locale/*/LC_MESSAGES/*.po")):
            relative = fresh.relative_to(copy)
            if (
                apps
                and relative.parts[0] not in apps
                and not (relative.parts[0] == "locale" and "site" in apps)
            ):
                continue
            wanted = _msgids(fresh)
            folder = (
                PACKAGE / "locale"
                if relative.parts[0] == "locale"
                else (PACKAGE / relative.parts[0] / "locale")
            )
            for language in TRANSLATED:
                real = folder / locale_directory_name(language) / "LC_MESSAGES" / fresh.name
                shown = real.relative_to(PACKAGE.parent)
                if not real.exists():
                    problems.append(f"{shown}: missing (make messages)")
                    continue
                have = _msgids(real)
                problems += [
                    f"{shown}: not in the catalog: {m[:80]!r}" for _, m in sorted(wanted - have)
                ]
                problems += [
                    f"{shown}: no longer in the source: {m[:80]!r}"
                    for _, m in sorted(have - wanted)
                ]
    return problems
