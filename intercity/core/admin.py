from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.translated import translations_only_fields


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """For records that change only through their services (and so their audit events)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TranslationsOnlyAdmin(TranslationAdmin[Any]):
    """Content whose English text changes elsewhere (its module's pages or seed files): the
    Secretariat writes its other languages here, through the module's service named in
    `translate` (which checks the row and writes the audit event)."""

    def translate(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        raise NotImplementedError

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_secretariat(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return translations_only_fields(self.model)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.translate(request, obj, list(form.changed_data))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for obj in formset.save(commit=False):
            self.translate(request, obj, ["inline"])


class SecretariatKeptAdmin(admin.ModelAdmin[Any]):
    """Rule data the Secretariat keeps in the admin (a module's themes, areas, categories):
    only the Secretariat sees, adds and changes it; nothing is deleted (rows that others chose
    are retired from a date instead); `save` names the module's service that checks the row
    and writes its audit event, and a refusal is shown as the admin's error message."""

    def save(self, request: HttpRequest, obj: Any, changed: list[str], created: bool) -> None:
        raise NotImplementedError

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            self.save(request, obj, list(form.changed_data), not change)
        except DomainError as refusal:
            self.message_user(request, str(refusal), level=messages.ERROR)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "verb", "object_type", "object_repr", "actor_label"]
    list_filter = ["verb", "object_type"]
    search_fields = ["object_repr", "reason", "actor_username", "actor_name"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    # Translators: the column of the audit trail naming who acted.
    @admin.display(description=_("actor"), ordering="actor_username")
    def actor_label(self, event: AuditEvent) -> str:
        return event.actor_label
