"""Admin for assessment content. A draft instrument version, its sections and questions are
edited here; "Publish" and "Draft the next version" are actions that go through the services
(so the rules check the version and the audit trail records it). A published version and
everything in it is read-only (models.FrozenVersion). Cities' assessments are read-only:
they change through their pages and the API."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from intercity.assessment import services
from intercity.assessment.models import (
    Assessment,
    ChallengeGroup,
    Instrument,
    InstrumentVersion,
    MasterPlanPhase,
    MasterPlanStep,
    PeerPolicy,
    Question,
    Section,
    SectoralModule,
)
from intercity.core.admin import ReadOnlyAdmin
from intercity.core.errors import DomainError


def _frozen(obj: Any) -> bool:
    version = obj if isinstance(obj, InstrumentVersion) else None
    if isinstance(obj, Section):
        version = obj.version
    if isinstance(obj, Question):
        version = obj.section.version
    return bool(version and version.published)


class QuestionInline(admin.TabularInline[Question, Section]):
    model = Question
    extra = 0
    fields = ["position", "code", "type", "text", "weight", "required", "evidence", "config"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin[Section]):
    list_display = ["name", "version", "weight", "position"]
    list_filter = ["version__instrument", "version__number"]
    inlines = [QuestionInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))


@admin.action(description="Publish (checks the version first)")
def publish(
    modeladmin: admin.ModelAdmin[InstrumentVersion],
    request: HttpRequest,
    queryset: QuerySet[InstrumentVersion],
) -> None:
    for version in queryset:
        try:
            services.publish_version(request.user, version)
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
        else:
            modeladmin.message_user(request, f"{version} is published.")


@admin.action(description="Draft the next version from this one (in force from today)")
def draft_next(
    modeladmin: admin.ModelAdmin[InstrumentVersion],
    request: HttpRequest,
    queryset: QuerySet[InstrumentVersion],
) -> None:
    for version in queryset:
        try:
            draft = services.draft_new_version(request.user, version, timezone.localdate())
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
        else:
            modeladmin.message_user(
                request, f"{draft} is drafted: edit its sections, then publish."
            )


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin[Instrument]):
    list_display = ["name", "slug", "position"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin[InstrumentVersion]):
    list_display = ["instrument", "number", "state", "effective_from", "published_at"]
    list_filter = ["instrument", "state"]
    readonly_fields = ["state", "published_at"]
    actions = [publish, draft_next]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.published)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.published)


@admin.register(SectoralModule)
class SectoralModuleAdmin(admin.ModelAdmin[SectoralModule]):
    list_display = ["number", "name", "group"]


@admin.register(ChallengeGroup)
class ChallengeGroupAdmin(admin.ModelAdmin[ChallengeGroup]):
    list_display = ["name", "position"]


class StepInline(admin.StackedInline[MasterPlanStep, MasterPlanPhase]):
    model = MasterPlanStep
    extra = 0


@admin.register(MasterPlanPhase)
class MasterPlanPhaseAdmin(admin.ModelAdmin[MasterPlanPhase]):
    list_display = ["number", "name"]
    inlines = [StepInline]


@admin.register(PeerPolicy)
class PeerPolicyAdmin(admin.ModelAdmin[PeerPolicy]):
    list_display = ["effective_from", "minimum_peers"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "instrument", "year", "status", "level", "demo"]
    list_filter = ["instrument", "status", "demo", "network"]
    search_fields = ["organisation__name"]
