"""Routes of the plans part's pages."""

from django.urls import URLPattern, URLResolver, path

from intercity.plans import views_plans

urlpatterns: list[URLPattern | URLResolver] = [
    path("plans/<slug:network>/progress/", views_plans.rollup_page, name="plans_rollup"),
    path(
        "plans/<slug:network>/states/<str:code>/",
        views_plans.rollup_page,
        name="plans_state_rollup",
    ),
]

urlpatterns += [
    path(
        "plans/<slug:network>/cities/<int:organisation_id>/",
        views_plans.plan_page,
        name="plans_city",
    ),
    path(
        "plans/<slug:network>/lines/<int:line_id>/progress/",
        views_plans.line_progress,
        name="plans_line_progress",
    ),
    path(
        "plans/<slug:network>/progress/<int:report_id>/edit/",
        views_plans.report_edit,
        name="plans_progress_edit",
    ),
]

urlpatterns += [
    path(
        "plans/<slug:network>/cities/<int:organisation_id>/revise/",
        views_plans.plan_revise,
        name="plans_revise",
    ),
    path(
        "plans/<slug:network>/cities/<int:organisation_id>/review/",
        views_plans.plan_review,
        name="plans_review",
    ),
    path(
        "plans/<slug:network>/cities/<int:organisation_id>/projects/add/",
        views_plans.project_add,
        name="plans_project_add",
    ),
    path(
        "plans/<slug:network>/projects/<int:project_id>/edit/",
        views_plans.project_edit,
        name="plans_project_edit",
    ),
    path(
        "plans/<slug:network>/projects/<int:project_id>/lines/add/",
        views_plans.line_add,
        name="plans_line_add",
    ),
    path(
        "plans/<slug:network>/lines/<int:line_id>/edit/",
        views_plans.line_edit,
        name="plans_line_edit",
    ),
    path(
        "plans/<slug:network>/lines/<int:line_id>/indicators/add/",
        views_plans.indicator_add,
        name="plans_indicator_add",
    ),
    path(
        "plans/<slug:network>/lines/<int:line_id>/partners/add/",
        views_plans.partner_add,
        name="plans_partner_add",
    ),
    path(
        "plans/<slug:network>/lines/<int:line_id>/milestones/add/",
        views_plans.milestone_add,
        name="plans_milestone_add",
    ),
]
