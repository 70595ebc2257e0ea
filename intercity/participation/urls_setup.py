"""Routes of a city's set-up pages (its CPS administrator's) under /cps/<slug>/setup/."""

from django.urls import URLPattern, URLResolver, path

from intercity.participation import views_setup

urlpatterns: list[URLPattern | URLResolver] = [
    path("cps/<slug:slug>/setup/", views_setup.index, name="cps_setup"),
    path("cps/<slug:slug>/setup/services/", views_setup.service_list, name="cps_setup_services"),
    path(
        "cps/<slug:slug>/setup/new-service/",
        views_setup.service_new,
        name="cps_setup_service_new",
    ),
    path(
        "cps/<slug:slug>/setup/services/<slug:code>/",
        views_setup.service_edit,
        name="cps_setup_service",
    ),
    path(
        "cps/<slug:slug>/setup/services/<slug:code>/questions/",
        views_setup.question_add,
        name="cps_setup_question_add",
    ),
    path(
        "cps/<slug:slug>/setup/services/<slug:code>/questions/<int:pk>/",
        views_setup.question_edit,
        name="cps_setup_question",
    ),
    path(
        "cps/<slug:slug>/setup/departments/",
        views_setup.department_list,
        name="cps_setup_departments",
    ),
    path(
        "cps/<slug:slug>/setup/departments/<int:pk>/",
        views_setup.department_edit,
        name="cps_setup_department",
    ),
]
