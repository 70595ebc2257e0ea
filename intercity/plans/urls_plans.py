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
