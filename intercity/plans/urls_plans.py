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
