"""Admin for the clusters' and the SDGs' translations (the lead merges this into admin.py).

A cluster's English name and description change through its page and the seed; an SDG's
English name is the UN's. Here the Secretariat writes their other languages side by side
(django-modeltranslation's admin); only those columns are editable, saved through
`services.clusters.translate` with its audit event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intercity.core.admin import TranslationsOnlyAdmin
from intercity.knowledge.models import Cluster, Sdg
from intercity.knowledge.services import clusters


class _Translations(TranslationsOnlyAdmin):
    def translate(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        clusters.translate(request.user, obj, changed)


@admin.register(Cluster)
class ClusterAdmin(_Translations):
    list_display = ["name", "network", "status", "position"]
    list_filter = ["network", "status"]


@admin.register(Sdg)
class SdgAdmin(_Translations):
    list_display = ["number", "name"]
