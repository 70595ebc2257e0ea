"""Admin for the Best Practices Journal: the Secretariat writes an issue's title and
editorial in the other languages here (modeltranslation's columns side by side); the English
text, the entries and publication change through the journal's pages, each through a named
service with its audit event (`services.journal`). The lead imports this module from
`admin.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intercity.core.admin import ReadOnlyAdmin, TranslationsOnlyAdmin
from intercity.knowledge.models import JournalEntry, JournalIssue
from intercity.knowledge.services import journal


@admin.register(JournalIssue)
class JournalIssueAdmin(TranslationsOnlyAdmin):
    list_display = ["title", "network", "number", "state", "published_at", "demo"]
    list_filter = ["network", "state"]

    def translate(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        journal.translate(request.user, obj, changed)


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["issue", "position", "project"]
    list_filter = ["issue"]
