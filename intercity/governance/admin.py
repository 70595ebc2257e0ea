"""Admin for governance. Statute versions are added (an amendment), never edited, through
`services.add_statute_version`, which checks the rules with the engine first. The record of
meetings and decisions is read-only here: it changes through the meeting pages and the API,
and so through the services and their audit events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest

from intercity.core.admin import ReadOnlyAdmin
from intercity.core.errors import DomainError
from intercity.governance import services
from intercity.governance.models import (
    AgendaItem,
    AssessmentCriterion,
    Decision,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    StatuteVersion,
)


@admin.register(StatuteVersion)
class StatuteVersionAdmin(admin.ModelAdmin[StatuteVersion]):
    list_display = ["name", "network", "effective_from", "source"]
    list_filter = ["network"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None  # an adopted text is never edited: add the amended version

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self,
        request: HttpRequest,
        obj: StatuteVersion,
        form: ModelForm[StatuteVersion],
        change: bool,
    ) -> None:
        try:
            created = services.add_statute_version(
                request.user,
                obj.network,
                name=obj.name,
                effective_from=obj.effective_from,
                rules_data=obj.rules,
                deadlines=obj.deadlines,
                composition=obj.composition,
                candidacy=obj.candidacy,
                terms=obj.terms,
                source=obj.source,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = created.pk


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "body", "date", "status"]
    list_filter = ["network", "body", "status"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "meeting"]
    list_filter = ["meeting"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "body", "date", "kind", "outcome", "statute_version"]
    list_filter = ["network", "body", "kind", "outcome"]
    search_fields = ["title", "text"]


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(ReadOnlyAdmin):
    list_display = ["name", "network", "key"]


@admin.register(RegionalOfficeBid)
class RegionalOfficeBidAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "region", "tabled_on", "status"]


@admin.register(RegionalOfficeAssessment)
class RegionalOfficeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "recommendation"]
