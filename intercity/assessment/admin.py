"""Admin for assessment content. Every change goes through a named service with its audit
event: a draft instrument version, its sections and questions are edited here, each save or
deletion through `services.save_draft_part`/`delete_draft_part` (checked on the locked
version: a published one is frozen); "Publish" and "Draft the next version" are actions
through the services. A new peer policy is added (never edited) through
`services.adopt_peer_policy`. What has no service is read-only: instruments, sectoral
modules and their guidelines, challenge groups and the master plan guideline (loaded from
`seed_data/`, where changes to that content are reviewed), and cities' assessments (they
change through their pages and the API).

Translations: every piece of instrument content shows its languages side by side
(django-modeltranslation's admin). On what is otherwise read-only (a published version, a
module's guideline, the master plan) only the columns of languages other than English are
editable, saved through `services.translate_content` with its audit event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from intercity.accounts import permissions
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
from intercity.core.admin import ReadOnlyAdmin, TranslationsOnlyAdmin
from intercity.core.errors import DomainError
from intercity.core.translated import translations_only_fields


def _frozen(obj: Any) -> bool:
    version = obj if isinstance(obj, InstrumentVersion) else None
    if isinstance(obj, Section):
        version = obj.version
    if isinstance(obj, Question):
        version = obj.section.version
    return bool(version and version.published)


_translations_only = translations_only_fields


class _TranslationsOnlyAdmin(TranslationsOnlyAdmin):
    """Content without an editing service: the Secretariat may only translate it."""

    def translate(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        services.translate_content(request.user, obj, changed)


class _DraftPartAdmin(TranslationAdmin[Any]):
    """Saves and deletions of a draft's parts through the services (with their audit); a
    published version's parts take translations only."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and _frozen(obj):
            return _translations_only(self.model)
        return super().get_readonly_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and _frozen(obj):
            services.translate_content(request.user, obj, list(form.changed_data))
            return
        services.save_draft_part(request.user, obj, list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.delete_draft_part(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # The bulk "delete selected" action would bypass the frozen check and the audit.
        for obj in queryset:
            try:
                services.delete_draft_part(request.user, obj)
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        if change and _frozen(form.instance):
            for obj in instances:
                services.translate_content(request.user, obj, ["inline"])
            return
        for obj in formset.deleted_objects:
            services.delete_draft_part(request.user, obj)
        for obj in instances:
            services.save_draft_part(request.user, obj, ["inline"])
        formset.save_m2m()


class QuestionInline(TranslationTabularInline[Question, Section]):
    model = Question
    extra = 0
    fields = ["position", "code", "type", "text", "help", "weight", "required", "evidence"]
    fields += ["config"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and _frozen(obj):
            return ["position", "code", "type", "weight", "required", "evidence"]
        return super().get_readonly_fields(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))


@admin.register(Section)
class SectionAdmin(_DraftPartAdmin):
    list_display = ["name", "version", "weight", "position"]
    list_filter = ["version__instrument", "version__number"]
    inlines = [QuestionInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and _frozen(obj))


@admin.action(description=gettext_lazy("Publish (checks the version first)"))
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
            modeladmin.message_user(request, _("%(version)s is published.") % {"version": version})


@admin.action(
    description=gettext_lazy("Draft the next version from this one (in force from today)")
)
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
                request,
                _("%(version)s is drafted: edit its sections, then publish.") % {"version": draft},
            )


@admin.register(Instrument)
class InstrumentAdmin(_TranslationsOnlyAdmin):
    list_display = ["name", "slug", "position"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(_DraftPartAdmin):
    list_display = ["instrument", "number", "state", "effective_from", "published_at"]
    list_filter = ["instrument", "state"]
    readonly_fields = ["instrument", "number", "state", "published_at", "comparable_to"]
    actions = [publish, draft_next]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a new version is drafted from the current one ("Draft the next version")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.published)


@admin.register(SectoralModule)
class SectoralModuleAdmin(_TranslationsOnlyAdmin):
    list_display = ["number", "name", "group"]


@admin.register(ChallengeGroup)
class ChallengeGroupAdmin(_TranslationsOnlyAdmin):
    list_display = ["name", "position"]


class StepInline(TranslationStackedInline[MasterPlanStep, MasterPlanPhase]):
    model = MasterPlanStep
    extra = 0

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return _translations_only(MasterPlanStep)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MasterPlanPhase)
class MasterPlanPhaseAdmin(_TranslationsOnlyAdmin):
    list_display = ["number", "name"]
    inlines = [StepInline]


class PeerPolicyForm(forms.ModelForm[PeerPolicy]):
    class Meta:
        model = PeerPolicy
        fields = ["effective_from", "minimum_peers", "population_bands"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"effective_from", "minimum_peers", "population_bands"} <= data.keys():
            for problem in services.peer_policy_problems(
                data["effective_from"],
                data["minimum_peers"],
                data["population_bands"],
                timezone.localdate(),
            ):
                self.add_error(None, problem)
        return data


@admin.register(PeerPolicy)
class PeerPolicyAdmin(ReadOnlyAdmin):
    """Policies are dated rows: a new one is added (through `services.adopt_peer_policy`,
    audited), none is changed or deleted (a benchmark uses its assessment's policy)."""

    list_display = ["effective_from", "minimum_peers"]
    form = PeerPolicyForm

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_secretariat(request.user)

    def save_model(self, request: HttpRequest, obj: PeerPolicy, form: Any, change: bool) -> None:
        adopted = services.adopt_peer_policy(
            request.user, obj.effective_from, obj.minimum_peers, obj.population_bands
        )
        obj.pk = adopted.pk


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "instrument", "year", "status", "level", "demo"]
    list_filter = ["instrument", "status", "demo", "network"]
    search_fields = ["organisation__name"]
