"""Admin for the exchange module. The themes of the exchange programme are data the Secretariat
keeps here (wording in every language, the date a theme takes effect or is retired), each save
going through `services.needs.save_theme` with its audit event. Everything else (needs,
offers, matching runs, matchmaking, twinning) changes through the pages and their services;
the admin shows it read-only for inspection."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin

from intercity.core.admin import ReadOnlyAdmin, SecretariatKeptAdmin
from intercity.exchange.models import (
    Exchange,
    MatchingRun,
    MatchmakingEvent,
    Need,
    Offer,
    ScheduleRun,
    Theme,
    TwinningRound,
)
from intercity.exchange.services import needs


class ThemeForm(forms.ModelForm[Theme]):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, retired = cleaned.get("effective_from"), cleaned.get("retired_on")
        if starts and retired and retired < starts:
            raise forms.ValidationError(_("A theme cannot be retired before it takes effect."))
        return cleaned


@admin.register(Theme)
class ThemeAdmin(SecretariatKeptAdmin, TranslationAdmin[Any]):
    form = ThemeForm
    list_display = ["name", "slug", "version", "effective_from", "retired_on", "position"]
    search_fields = ["slug", "name"]

    def save(self, request: HttpRequest, obj: Any, changed: list[str], created: bool) -> None:
        # A theme needs and offers were posted under stays: it is retired, never deleted.
        needs.save_theme(request.user, obj, changed, created=created)


@admin.register(Need, Offer)
class PostingAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "network", "theme", "status"]
    list_filter = ["network", "status", "theme"]
    search_fields = ["title", "organisation__name"]


@admin.register(MatchingRun)
class MatchingRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "network", "run_at", "needs_considered", "total_score"]


@admin.register(Exchange)
class ExchangeAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status"]
    list_filter = ["status"]


@admin.register(MatchmakingEvent)
class MatchmakingEventAdmin(ReadOnlyAdmin):
    list_display = ["name", "network", "status"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "event", "number", "state", "placed", "greedy_placed", "optimal"]


@admin.register(TwinningRound)
class TwinningRoundAdmin(ReadOnlyAdmin):
    list_display = ["pk", "network", "year", "status"]
