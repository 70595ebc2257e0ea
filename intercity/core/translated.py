"""Content in several languages: how Intercity uses django-modeltranslation (decision 0015).

A translated field (a CPS service's name, an assessment question, an organisation's
description) keeps its original column, which always holds the default language (English),
and gains one column per language: ``name_en``, ``name_ko``, ``name_zh_hans``, ``name_ru``,
``name_es``. Reading ``service.name`` gives the text in the language of the request, falling
back to English where no translation was written.

Two choices differ from the library's defaults, both so that a query never depends on who asks:

- Queries are not rewritten. The library would turn ``order_by("name")`` and
  ``filter(name=...)`` into the current language's column, which is empty for most rows in
  Korean: a directory sorted by ``name_ko`` would come out in no useful order. Here every
  query, and every ``Meta.ordering``, runs on the original (English) column.
- The original column is written in English whatever the language of the request that saves
  it (``TranslatedContent.save``), so that it never holds Korean for one row and English for
  the next.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation


def keep_queries_on_the_original_column() -> None:
    """Called once when the core app is ready (after modeltranslation registered its models)."""
    from modeltranslation.manager import MultilingualQuerySet

    def _post_init(self: Any) -> None:
        self._rewrite = False
        self._populate = None

    MultilingualQuerySet._post_init = _post_init  # type: ignore[method-assign]


class TranslatedContent(models.Model):
    """Base of every model with fields registered in a ``translation.py``."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            super().save(*args, **kwargs)


def translated_field_names(field: str) -> list[str]:
    """``name`` -> ``["name_en", "name_ko", ...]``, in the order of settings.LANGUAGES."""
    from modeltranslation.utils import build_localized_fieldname

    return [build_localized_fieldname(field, code) for code, _ in settings.LANGUAGES]
