"""Every visible string is marked and translated (the whole-tree check is `make translations`;
these tests hold the checker itself, and the catalogs as committed)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from intercity.core import catalogs


def test_every_template_marks_its_visible_text() -> None:
    found = [
        f"{template.relative_to(catalogs.PACKAGE)}: {text!r}"
        for template in catalogs.templates()
        for text in catalogs.unmarked_text(template.read_text())
    ]
    assert found == []


def test_every_catalog_is_translated_and_none_is_fuzzy() -> None:
    problems = [
        str(problem) for path in catalogs.catalogs() for problem in catalogs.catalog_problems(path)
    ]
    assert problems == []
    assert catalogs.missing_catalogs() == []


def test_every_locale_folder_has_a_catalog_for_each_language() -> None:
    assert sorted(catalogs.TRANSLATED) == ["es", "ko", "ru", "zh-hans"]
    for directory in catalogs.locale_dirs():
        for language in catalogs.TRANSLATED:
            folder = directory / catalogs.locale_directory_name(language) / "LC_MESSAGES"
            assert (folder / "django.po").exists(), folder


@pytest.mark.parametrize(
    ("template", "unmarked"),
    [
        ("<p>Hello</p>", ["Hello"]),
        ('<img alt="A map" src="x.png">', ["A map"]),
        ('<input type="submit" value="Send">', ["Send"]),
        ('<a title="{{ name }} reports">x</a>', ["reports", "x"]),
        ("{% load i18n %}<p>{% translate 'Hello' %}</p>", []),
        ("{% load i18n %}<p>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}</p>", []),
        ("{% comment %}Only for developers{% endcomment %}<p>{{ name }}</p>", []),
        ("<p>WeGO · ASCN — Open311</p><code>GET /requests.json</code>", []),
        ('<li {% if here %}aria-current="page" class="current"{% endif %}>{{ link }}</li>', []),
        ("<p>Profile of {{ name }}</p>", ["Profile of"]),
        ("<script>const label = 'Not read';</script><p>12 345</p>", []),
    ],
)
def test_the_template_check_finds_visible_text_outside_translation_tags(
    template: str, unmarked: list[str]
) -> None:
    assert catalogs.unmarked_text(template) == unmarked


def _catalog(tmp_path: Path, *entries: polib.POEntry) -> Path:
    catalog = polib.POFile()
    for entry in entries:
        catalog.append(entry)
    path = tmp_path / "django.po"
    catalog.save(str(path))
    return path


def test_the_catalog_check_finds_untranslated_fuzzy_and_broken_placeholders(tmp_path: Path) -> None:
    path = _catalog(
        tmp_path,
        polib.POEntry(msgid="General Assembly", msgstr="총회"),
        polib.POEntry(msgid="Executive Committee", msgstr=""),
        polib.POEntry(msgid="Secretariat", msgstr="사무국", flags=["fuzzy"]),
        polib.POEntry(msgid="%(count)s members", msgstr="회원 %(number)s명"),
    )
    reasons = {problem.msgid: problem.reason for problem in catalogs.catalog_problems(path)}
    assert reasons == {
        "Executive Committee": "untranslated",
        "Secretariat": "fuzzy",
        "%(count)s members": "placeholders ['%(number)s'] instead of ['%(count)s']",
    }


def test_a_complete_catalog_has_no_problems(tmp_path: Path) -> None:
    path = _catalog(
        tmp_path,
        polib.POEntry(msgid="General Assembly", msgstr="총회"),
        polib.POEntry(
            msgid="%(count)s member",
            msgid_plural="%(count)s members",
            msgstr_plural={0: "회원 %(count)s명"},
        ),
    )
    assert catalogs.catalog_problems(path) == []


def test_compiling_writes_a_catalog_django_can_read(tmp_path: Path) -> None:
    path = _catalog(tmp_path, polib.POEntry(msgid="General Assembly", msgstr="총회"))
    catalog = polib.pofile(str(path))
    catalog.save_as_mofile(str(tmp_path / "django.mo"))
    assert {e.msgid: e.msgstr for e in polib.mofile(str(tmp_path / "django.mo"))} == {
        "General Assembly": "총회"
    }
