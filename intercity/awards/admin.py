"""Admin for the awards. An edition, its categories, criteria, panel, applications, rounds
and placements change through the Secretariat's and the judges' pages, each through a named
service with its audit event; here they are read-only, so the admin never bypasses a rule.

Translations: an edition's title and terms, and its categories' and criteria's names and
descriptions show their languages side by side (django-modeltranslation's admin); only the
columns of languages other than English are editable, saved through
`services.editions.translate` with its audit event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intercity.awards.models import (
    Application,
    Category,
    Criterion,
    Decision,
    Edition,
    Judge,
    Placement,
)
from intercity.awards.services import editions
from intercity.core.admin import ReadOnlyAdmin, TranslationsOnlyAdmin


class _Translations(TranslationsOnlyAdmin):
    def translate(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        editions.translate(request.user, obj, changed)


@admin.register(Edition)
class EditionAdmin(_Translations):
    list_display = ["title", "network", "year", "stage", "demo"]
    list_filter = ["network", "stage"]


@admin.register(Category)
class CategoryAdmin(_Translations):
    list_display = ["name", "edition", "position"]
    list_filter = ["edition"]


@admin.register(Criterion)
class CriterionAdmin(_Translations):
    list_display = ["name", "category", "weight", "position"]
    list_filter = ["category__edition"]


@admin.register(Judge)
class JudgeAdmin(ReadOnlyAdmin):
    list_display = ["name", "edition", "is_head", "organisation"]
    list_filter = ["edition"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "category", "status", "finalist"]
    list_filter = ["edition", "status"]
    search_fields = ["title", "organisation__name"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["category", "kind", "decided_at"]


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["edition", "category", "place", "organisation", "project"]
    list_filter = ["edition", "place"]
