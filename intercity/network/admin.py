"""Admin for the registry. Profile edits go through the service so they are audited;
membership history is read-only here and changes only through `change_membership`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

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


class CategoryInline(admin.TabularInline[MembershipCategory, Network]):
    model = MembershipCategory
    extra = 0


class RegionInline(admin.TabularInline[Region, Network]):
    model = Region
    extra = 0


class BodyInline(admin.TabularInline[Body, Network]):
    model = Body
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin[Network]):
    list_display = ["short_name", "name", "slug"]
    inlines = [CategoryInline, RegionInline, BodyInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "country", "population", "population_year"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "official_name", "key"]

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm[Organisation], change: bool
    ) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        changes: dict[str, Any] = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.PROFILE_FIELDS
        }
        original = Organisation.objects.get(pk=obj.pk)
        services.update_organisation(request.user, original, changes, reason="edited in admin")
        other = [n for n in form.changed_data if n not in services.PROFILE_FIELDS]
        if other:
            Organisation.objects.filter(pk=obj.pk).update(
                **{name: form.cleaned_data[name] for name in other}
            )


class PeriodInline(admin.TabularInline[MembershipPeriod, Membership]):
    model = MembershipPeriod
    extra = 0
    can_delete = False
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

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["organisation", "network", "region"]
    list_filter = ["network", "region"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [PeriodInline]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin[Mandate]):
    list_display = ["organisation", "office", "body", "start", "end"]
    list_filter = ["body__network", "body", "office"]
    autocomplete_fields = ["organisation"]


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(admin.ModelAdmin[RegionalOffice]):
    list_display = ["name", "host", "term_start", "term_end"]
    autocomplete_fields = ["host"]


class PersonRoleInline(admin.TabularInline[PersonRole, Person]):
    model = PersonRole
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["name", "organisation"]
    search_fields = ["name"]
    inlines = [PersonRoleInline]
