"""The CPS in the admin: a city's content (services and their questions, statuses, moves,
departments) is edited in every language, so a city adds a language without code."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from intercity.participation.models import (
    Department,
    Jurisdiction,
    Service,
    ServiceAttribute,
    Status,
    Transition,
)


class DepartmentInline(TranslationTabularInline[Department, Jurisdiction]):
    model = Department
    extra = 0


class StatusInline(TranslationTabularInline[Status, Jurisdiction]):
    model = Status
    extra = 0


class TransitionInline(TranslationTabularInline[Transition, Jurisdiction]):
    model = Transition
    fk_name = "jurisdiction"
    extra = 0


class ServiceAttributeInline(TranslationTabularInline[ServiceAttribute, Service]):
    model = ServiceAttribute
    extra = 0


@admin.register(Jurisdiction)
class JurisdictionAdmin(TranslationAdmin[Jurisdiction]):
    list_display = ("name", "slug", "languages", "time_zone", "enabled")
    search_fields = ("name", "slug")
    inlines = (DepartmentInline, StatusInline, TransitionInline)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin[Service]):
    list_display = ("name", "code", "jurisdiction", "group", "active")
    list_filter = ("jurisdiction", "active")
    search_fields = ("name", "code")
    inlines = (ServiceAttributeInline,)
