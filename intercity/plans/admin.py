"""Admin for the plans module. The focus areas a city may choose are data the ASEAN Secretariat
keeps here (added, renamed, retired from a date), each save going through
`services.plans.save_focus_area` with its audit event. Representation rules and the ASEAN
Chair by year are recorded on the representation page (`services.representation`); they and
everything else (plans, progress, reports, the timeline) show here read-only for inspection."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from intercity.core.admin import ReadOnlyAdmin, SecretariatKeptAdmin
from intercity.plans.models import (
    ActionPlan,
    AnnualReport,
    ChairYear,
    FocusArea,
    ProgressReport,
    RepresentationRule,
)
from intercity.plans.services import plans


class FocusAreaForm(forms.ModelForm[FocusArea]):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("valid_from"), cleaned.get("valid_to")
        if starts and ends and ends < starts:
            raise forms.ValidationError(_("An area cannot leave use before it comes into use."))
        return cleaned


@admin.register(FocusArea)
class FocusAreaAdmin(SecretariatKeptAdmin):
    form = FocusAreaForm
    list_display = ["name", "slug", "network", "valid_from", "valid_to", "position"]
    list_filter = ["network"]
    search_fields = ["slug", "name"]

    def save(self, request: HttpRequest, obj: Any, changed: list[str], created: bool) -> None:
        plans.save_focus_area(request.user, obj, changed, created=created)


@admin.register(RepresentationRule)
class RepresentationRuleAdmin(ReadOnlyAdmin):
    list_display = ["network", "effective_from", "max_cities_per_state", "capital_included"]


@admin.register(ChairYear)
class ChairYearAdmin(ReadOnlyAdmin):
    list_display = ["network", "year", "state"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "network", "title"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "line", "year"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["network", "year"]
