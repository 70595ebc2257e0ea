"""Admin for the events module: read-only, for inspection. Events, their programme and
registrations change through the seed, the demo and the pages (the organiser's pages under
/events/<id>/organise/, and so their services and audit events)."""

from __future__ import annotations

from django.contrib import admin

from intercity.core.admin import ReadOnlyAdmin
from intercity.events.models import Event, Registration, RegistrationCategory, Session


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("name", "network", "kind", "starts_on", "registration_open")
    list_filter = ("network", "kind")


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "event", "kind", "starts_at", "room")
    list_filter = ("event", "kind")


@admin.register(RegistrationCategory)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ("name", "event", "code")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "event", "category", "status", "confirmed_at")
    list_filter = ("event", "status")
    exclude = ("token",)
