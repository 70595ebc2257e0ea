"""Routes of the CPS administrator's setup pages for the workflow, response templates and
staff, under /cps/<slug>/setup/ (the services, attributes and departments pages are mounted
by `urls_setup`)."""

from django.urls import URLPattern, URLResolver, path

from intercity.participation import views_workflow

urlpatterns: list[URLPattern | URLResolver] = [
    path("cps/<slug:slug>/setup/workflow/", views_workflow.workflow, name="cps_setup_workflow"),
    path("cps/<slug:slug>/setup/templates/", views_workflow.templates, name="cps_setup_templates"),
    path(
        "cps/<slug:slug>/setup/templates/<int:pk>/",
        views_workflow.template_edit,
        name="cps_setup_template",
    ),
    path("cps/<slug:slug>/setup/staff/", views_workflow.staff, name="cps_setup_staff"),
]
