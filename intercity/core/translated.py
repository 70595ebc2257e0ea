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


def other_language_columns(model: type[models.Model]) -> set[str]:
    """The translation columns of ``model`` in languages other than English: what the admin
    lets the Secretariat write where the English content itself is fixed or audited."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        fields = translator.get_options_for_model(model).fields  # type: ignore[attr-defined]
    except NotRegistered:
        return set()
    return {
        f"{field}_{code.replace('-', '_')}"
        for field in fields
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }


def save_translations(part: models.Model) -> None:
    """Write only `part`'s other-language columns, checked on the locked row: any other
    field that differs from the stored one is refused (its English text and numbers change
    through their module's own named actions). Call it inside the caller's transaction,
    which writes the audit event."""
    from django.utils.translation import gettext as _

    from intercity.core.errors import DomainError, NotFound

    model = type(part)
    columns = sorted(other_language_columns(model))
    stored = model._default_manager.select_for_update().filter(pk=part.pk).values().first()
    if stored is None:
        raise NotFound(_("This content no longer exists."))
    for field in part._meta.concrete_fields:
        if field.attname not in columns and stored[field.attname] != getattr(part, field.attname):
            raise DomainError(
                _("Only the translations can be changed here; %(field)s cannot.")
                % {"field": field.verbose_name}
            )
    model._default_manager.filter(pk=part.pk).update(**{c: getattr(part, c) for c in columns})


def translations_only_fields(model: type[models.Model]) -> list[str]:
    """Every field of `model` but the translation columns of other languages: the read-only
    fields of an admin page where only translations may be written."""
    others = other_language_columns(model)
    # the original columns are left out: modeltranslation's admin would expand "name" into
    # every language's column, and it shows the English column in their place
    originals = {c.rsplit("_", 1)[0] for c in others if c.endswith("_ko")}
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and not f.auto_created and f.name not in others | originals
    ]
