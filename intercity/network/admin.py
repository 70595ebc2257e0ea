"""Admin for the registry. Every change a person can make here goes through a named service
and so writes its audit event: an organisation's profile (`update_organisation`), a new
organisation (`register_organisation`), ending a mandate (`end_mandate`) and closing a
regional office (`close_regional_office`). Everything else is read-only here; nothing can be
deleted (a deletion would cascade through the membership history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TranslationAdmin

from intercity.accounts import permissions
from intercity.core.admin import ReadOnlyAdmin
from intercity.core.errors import DomainError, PermissionDenied
from intercity.network import services
from intercity.network.models import (
    Body,
    Mandate,
    Membership,
    MembershipCategory,
    MembershipPeriod,
    Network,
    Organisation,
    Person,
    PersonRole,
    Region,
    RegionalOffice,
)


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TranslateOnlyAdmin(TranslationAdmin[Any]):
    """The Secretariat writes the translations of a record's texts here (name_ko,
    description_ru ...) through `services.translate_content`, which audits them; the English
    text and every other field change only through their own services, so they are shown, not
    offered. Nothing is added or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_secretariat(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        editable = set(services.translation_fields(self.model))
        translated = {name.rsplit("_", 1)[0] for name in editable}
        return [
            f.name
            for f in self.model._meta.fields
            if f.name not in editable and f.name not in translated and not f.primary_key
        ]

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        editable = set(services.translation_fields(self.model))
        values = {
            name: form.cleaned_data[name] or "" for name in form.changed_data if name in editable
        }
        try:
            original = self.model._default_manager.get(pk=obj.pk)
            services.translate_content(request.user, original, values, reason="translated in admin")
        except (DomainError, PermissionDenied) as exc:
            self.message_user(request, exc.message, level=messages.ERROR)


class CategoryInline(ReadOnlyInline):
    model = MembershipCategory


class RegionInline(ReadOnlyInline):
    model = Region


class BodyInline(ReadOnlyInline):
    model = Body


@admin.register(Network)
class NetworkAdmin(TranslateOnlyAdmin):
    list_display = ["short_name", "name", "slug"]
    inlines = [CategoryInline, RegionInline, BodyInline]


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(TranslateOnlyAdmin):
    list_display = ["name", "network", "slug"]
    list_filter = ["network"]


@admin.register(Region)
class RegionAdmin(TranslateOnlyAdmin):
    list_display = ["name", "network", "slug"]
    list_filter = ["network"]


@admin.register(Body)
class BodyAdmin(TranslateOnlyAdmin):
    list_display = ["name", "network", "kind"]
    list_filter = ["network"]


# The fields a registration sets; the key is made from the name by the service.
REGISTRATION_FIELDS = ["name", "kind", "country", *services.PROFILE_FIELDS[1:]]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "country", "population", "population_year"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "official_name", "key"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return list(REGISTRATION_FIELDS)
        return [
            "key",
            "kind",
            "country",
            *services.PROFILE_FIELDS,
            *services.translation_fields(Organisation),
            "source",
            "updated_at",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # What no service edits is shown, not offered: key, kind, country, source.
        return [] if obj is None else ["key", "kind", "country", "source", "updated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm[Organisation], change: bool
    ) -> None:
        data = form.cleaned_data
        try:
            if not change:
                profile = {
                    name: data[name]
                    for name in services.PROFILE_FIELDS[1:]
                    if name in data and data[name] not in (None, "", [])
                }
                created = services.register_organisation(
                    request.user,
                    name=data["name"],
                    kind=data["kind"],
                    country=str(data["country"]),
                    **profile,
                )
                obj.pk, obj.key = created.pk, created.key
                return
            changes = {
                name: data[name] for name in form.changed_data if name in services.PROFILE_FIELDS
            }
            original = Organisation.objects.get(pk=obj.pk)
            if changes:
                services.update_organisation(
                    request.user, original, changes, reason="edited in admin"
                )
            translations = {
                name: data[name] or ""
                for name in form.changed_data
                if name in services.translation_fields(Organisation)
            }
            if translations:
                services.translate_content(
                    request.user, original, translations, reason="translated in admin"
                )
        except (DomainError, PermissionDenied) as exc:
            self.message_user(request, exc.message, level=messages.ERROR)


class PeriodInline(ReadOnlyInline):
    model = MembershipPeriod
    readonly_fields = [
        "valid_from",
        "valid_to",
        "category",
        "status",
        "date_basis",
        "decision_reference",
        "source",
        "recorded_by",
        "recorded_at",
    ]
    fields = list(readonly_fields)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Memberships change only through `change_membership` (the membership pages)."""

    list_display = ["organisation", "network", "region"]
    list_filter = ["network", "region"]
    search_fields = ["organisation__name"]
    inlines = [PeriodInline]


@admin.register(Mandate)
class MandateAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "office", "body", "start", "end"]
    list_filter = ["body__network", "body", "office"]
    actions = ["end_today"]

    @admin.action(description=gettext_lazy("End the selected mandates today (audited)"))
    def end_today(self, request: HttpRequest, queryset: QuerySet[Mandate]) -> None:
        today = timezone.localdate()
        ended = 0
        for mandate in queryset.filter(end__isnull=True):
            try:
                services.end_mandate(request.user, mandate, today, reason="ended in admin")
            except DomainError as exc:
                self.message_user(request, f"{mandate}: {exc.message}", level=messages.ERROR)
            else:
                ended += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s mandate ended on %(date)s.",
                "%(count)s mandates ended on %(date)s.",
                ended,
            )
            % {"count": ended, "date": today},
        )


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(TranslateOnlyAdmin):
    list_display = ["name", "host", "term_start", "term_end"]
    actions = ["close_today"]

    @admin.action(
        description=gettext_lazy(
            "Close the selected regional offices today (Art. 13.6(b), audited)"
        )
    )
    def close_today(self, request: HttpRequest, queryset: QuerySet[RegionalOffice]) -> None:
        today = timezone.localdate()
        open_offices = queryset.filter(Q(term_end__isnull=True) | Q(term_end__gt=today))
        closed = 0
        for office in open_offices:
            services.close_regional_office(request.user, office, today, reason="closed in admin")
            closed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s regional office closed on %(date)s.",
                "%(count)s regional offices closed on %(date)s.",
                closed,
            )
            % {"count": closed, "date": today},
        )


class PersonRoleInline(ReadOnlyInline):
    model = PersonRole


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]
    inlines = [PersonRoleInline]
