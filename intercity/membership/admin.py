"""Admin for membership and dues. Everything is read-only here except what a named service
does, with its audit event: a fee schedule is added through `add_fee_schedule` (never edited),
and applications are accepted through `accept_application`. Payments, credit notes,
invoices, figures (the import page), waivers and the financial report's figures change only
through their services or the seed; nothing is deleted (history would cascade)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
    PaymentInstructions,
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
class FigureAdmin(ReadOnlyAdmin):
    """Figures are imported (the import page checks every value); shown here as stored. The
    value is read as text, so a row stored before the checks cannot break the list."""

    list_display = ["measure", "organisation", "country", "year", "value_as_stored", "source"]
    list_filter = ["measure", "year"]
    search_fields = ["organisation__name", "source"]
    fields = ["measure", "organisation", "country", "year", "value_as_stored", "source"]
    readonly_fields = ["measure", "organisation", "country", "year", "value_as_stored", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Figure]:
        figures: QuerySet[Figure] = super().get_queryset(request)
        return figures.defer("value").annotate(value_text=Cast("value", TextField()))

    @admin.display(description=_("value"))
    def value_as_stored(self, obj: Figure) -> str:
        return str(getattr(obj, "value_text", ""))


@admin.register(PaymentInstructions)
class PaymentInstructionsAdmin(admin.ModelAdmin[PaymentInstructions]):
    """The one text printed on a network's invoices, saved through its service."""

    list_display = ["network", "text"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self,
        request: HttpRequest,
        obj: PaymentInstructions,
        form: ModelForm[PaymentInstructions],
        change: bool,
    ) -> None:
        try:
            saved = services.set_payment_instructions(
                request.user, obj.network, obj.text, obj.source
            )
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return
        obj.pk = saved.pk


@admin.register(Waiver)
class WaiverAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "network", "first_year", "last_year", "reason"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["organisation_name", "network", "requested_category", "status", "submitted_at"]
    list_filter = ["network", "status"]
    actions = ["accept_today"]

    @admin.action(description=_("Accept the selected applications as associate members today"))
    def accept_today(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        accepted = 0
        for application in queryset:
            try:
                services.accept_application(
                    request.user, application, timezone.localdate(), "accepted in admin"
                )
            except DomainError as exc:
                self.message_user(
                    request, f"{application.organisation_name}: {exc.message}", messages.ERROR
                )
            else:
                accepted += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s application accepted.", "%(count)s applications accepted.", accepted
            )
            % {"count": accepted},
        )


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
class ReportedCollectionAdmin(ReadOnlyAdmin):
    list_display = ["network", "year", "amount_usd", "amount_krw_thousands", "complete"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["network", "organisation", "year", "amount_krw_thousands", "budget"]


@admin.register(Expenditure)
class ExpenditureAdmin(ReadOnlyAdmin):
    list_display = ["network", "year", "category", "approved_krw_thousands", "actual_krw_thousands"]
