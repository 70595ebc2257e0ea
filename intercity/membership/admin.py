"""Admin for membership and dues. Money rows are read-only here: payments, credit notes and
invoices change only through the services (and so their audit events). Fee schedules are
added through `add_fee_schedule`, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest

from intercity.core.admin import ReadOnlyAdmin
from intercity.core.errors import DomainError
from intercity.membership import services
from intercity.membership.models import (
    Application,
    Contribution,
    CreditNote,
    Expenditure,
    FeeSchedule,
    Figure,
    Invoice,
    Payment,
    ReportedCollection,
    Waiver,
)


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin[FeeSchedule]):
    list_display = ["version", "network", "category", "effective_year", "basis"]
    list_filter = ["network", "category"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None  # adopted schedules are never edited: add a new version

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: FeeSchedule, form: ModelForm[FeeSchedule], change: bool
    ) -> None:
        try:
            created = services.add_fee_schedule(
                request.user,
                obj.network,
                category=obj.category,
                version=obj.version,
                effective_year=obj.effective_year,
                basis=obj.basis,
                table=obj.table,
                annex=obj.annex,
                source=obj.source,
            )
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return
        obj.pk = created.pk


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin[Figure]):
    list_display = ["measure", "organisation", "country", "year", "value", "source"]
    list_filter = ["measure", "year"]
    search_fields = ["organisation__name", "source"]
    autocomplete_fields = ["organisation"]


@admin.register(Waiver)
class WaiverAdmin(admin.ModelAdmin[Waiver]):
    list_display = ["organisation", "network", "first_year", "last_year", "reason"]
    autocomplete_fields = ["organisation"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["organisation_name", "network", "requested_category", "status", "submitted_at"]
    list_filter = ["network", "status"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "organisation", "year", "amount", "currency"]
    list_filter = ["network", "year"]
    search_fields = ["number", "organisation__name"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "invoice",
        "received_on",
        "amount",
        "currency",
        "exchange_rate",
        "amount_applied",
    ]


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnlyAdmin):
    list_display = ["number", "invoice", "amount", "reason"]


@admin.register(ReportedCollection)
class ReportedCollectionAdmin(admin.ModelAdmin[ReportedCollection]):
    list_display = ["network", "year", "amount_usd", "amount_krw_thousands", "complete"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin[Contribution]):
    list_display = ["network", "organisation", "year", "amount_krw_thousands", "budget"]


@admin.register(Expenditure)
class ExpenditureAdmin(admin.ModelAdmin[Expenditure]):
    list_display = ["network", "year", "category", "approved_krw_thousands", "actual_krw_thousands"]
