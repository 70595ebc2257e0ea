from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intercity.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """For records that change only through their services (and so their audit events)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
