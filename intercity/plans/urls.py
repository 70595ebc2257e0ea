"""Routes of the plans pages under /plans/ (and the network-level representation pages)."""

from django.urls import include, path

from intercity.plans import views

urlpatterns = [
    path("plans/", views.home, name="plans_home"),
    path("", include("intercity.plans.urls_representation")),
    path("", include("intercity.plans.urls_plans")),
    path("", include("intercity.plans.urls_timeline")),
    path("", include("intercity.plans.urls_report")),
]
