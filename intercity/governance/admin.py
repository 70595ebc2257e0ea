"""Admin for governance. Statute versions are added (an amendment), never edited, through
`services.add_statute_version`, which checks the rules with the engine first. Everything
else is read-only here and nothing is deleted (a deletion would cascade through the record):
it changes through the meeting pages and the API, and so through the services and their
audit events. Where a service moves a state (opening or closing a meeting, closing a vote),
the admin offers it as an action that calls the service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from intercity.core.admin import ReadOnlyAdmin
from intercity.core.errors import DomainError
from intercity.governance import services
from intercity.governance.models import (
    AgendaItem,
    AssessmentCriterion,
    Decision,
    Meeting,
    RegionalOfficeAssessment,
    RegionalOfficeBid,
    RegionalOfficeReport,
    StatuteVersion,
)


def _each(request: HttpRequest, rows: QuerySet[Any], action: Any) -> None:
    """Run a service on each selected row, one transaction each, and say what happened."""
    for row in rows:
        try:
            action(row)
        except DomainError as exc:
            messages.error(
                request, gettext("%(row)s: %(error)s") % {"row": row, "error": exc.message}
            )
        else:
            # Translators: an admin action done on one row, e.g. "EXCOM 2018: done."
            messages.success(request, gettext("%(row)s: done.") % {"row": row})


class StatuteVersionForm(ModelForm[StatuteVersion]):
    """Checks the text with the service's own checks, so a text the engine cannot read, or a
    date or name already taken, is a form error and nothing is added."""

    class Meta:
        model = StatuteVersion
        fields = [
            "network",
            "name",
            "effective_from",
            "source",
            "rules",
            "deadlines",
            "composition",
            "candidacy",
            "terms",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        network, effective_from = data.get("network"), data.get("effective_from")
        if self.errors or network is None or effective_from is None:
            return data
        name = data.get("name") or ""
        try:
            services.check_statute_text(
                name, effective_from, data.get("rules") or {}, data.get("deadlines")
            )
            services.check_statute_version_free(network, name, effective_from)
        except DomainError as exc:
            raise ValidationError(exc.message) from None
        return data


@admin.register(StatuteVersion)
class StatuteVersionAdmin(admin.ModelAdmin[StatuteVersion]):
    list_display = ["name", "network", "effective_from", "source"]
    list_filter = ["network"]
    form = StatuteVersionForm

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None  # an adopted text is never edited: add the amended version

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self,
        request: HttpRequest,
        obj: StatuteVersion,
        form: ModelForm[StatuteVersion],
        change: bool,
    ) -> None:
        try:
            created = services.add_statute_version(
                request.user,
                obj.network,
                name=obj.name,
                effective_from=obj.effective_from,
                rules_data=obj.rules,
                deadlines=obj.deadlines,
                composition=obj.composition,
                candidacy=obj.candidacy,
                terms=obj.terms,
                source=obj.source,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = created.pk


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "body", "date", "status"]
    list_filter = ["network", "body", "status"]
    actions = ["open_session", "close_meeting"]

    @admin.action(description=gettext_lazy("Open the session of the selected meetings"))
    def open_session(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        _each(
            request,
            queryset,
            lambda m: services.set_meeting_status(request.user, m, Meeting.Status.IN_SESSION),
        )

    @admin.action(
        description=gettext_lazy("Close the selected meetings (their record becomes final)")
    )
    def close_meeting(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        _each(
            request,
            queryset,
            lambda m: services.set_meeting_status(request.user, m, Meeting.Status.CLOSED),
        )


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "meeting"]
    list_filter = ["meeting"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "body", "date", "kind", "outcome", "statute_version"]
    list_filter = ["network", "body", "kind", "outcome"]
    search_fields = ["title", "text"]
    actions = ["close_vote"]

    @admin.action(
        description=gettext_lazy("Count and decide the selected motions or written consents")
    )
    def close_vote(self, request: HttpRequest, queryset: QuerySet[Decision]) -> None:
        def close(decision: Decision) -> Decision:
            if decision.kind == Decision.Kind.WRITTEN_CONSENT:
                return services.close_written_consent(request.user, decision)
            return services.close_motion(request.user, decision)

        _each(request, queryset.select_related("body", "meeting", "network"), close)


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(ReadOnlyAdmin):
    list_display = ["name", "network", "key"]


@admin.register(RegionalOfficeBid)
class RegionalOfficeBidAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "region", "tabled_on", "status"]


@admin.register(RegionalOfficeAssessment)
class RegionalOfficeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "recommendation"]


@admin.register(RegionalOfficeReport)
class RegionalOfficeReportAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "submitted_on"]
