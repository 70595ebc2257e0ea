"""Routes of the representation part's pages."""

from django.urls import URLPattern, URLResolver, path

from intercity.plans import views_representation as views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "networks/<slug:slug>/representation/",
        views.representation,
        name="plans_representation",
    ),
    path(
        "networks/<slug:slug>/representation/nominate/",
        views.nominate,
        name="plans_nominate",
    ),
    path(
        "networks/<slug:slug>/representation/designate/",
        views.designate,
        name="plans_designate",
    ),
    path(
        "networks/<slug:slug>/representation/rules/",
        views.record_rule,
        name="plans_record_rule",
    ),
    path(
        "networks/<slug:slug>/representation/chairs/",
        views.record_chair,
        name="plans_record_chair",
    ),
]
