"""Routes of the annual report: the network's reports, a report's page and PDF, and the
Secretariat's and the Chair's actions on a draft."""

from django.urls import path

from intercity.plans import views_report as views

urlpatterns = [
    path("plans/<slug:network>/reports/", views.report_list, name="plans_reports"),
    path("plans/<slug:network>/reports/new/", views.new_report, name="plans_report_new"),
    path("plans/<slug:network>/reports/<int:year>/", views.report_page, name="plans_report"),
    path("plans/<slug:network>/reports/<int:year>/pdf/", views.report_pdf, name="plans_report_pdf"),
    path(
        "plans/<slug:network>/reports/<int:year>/edit/", views.edit_report, name="plans_report_edit"
    ),
    path(
        "plans/<slug:network>/reports/<int:year>/chair/",
        views.name_chair,
        name="plans_report_chair",
    ),
    path(
        "plans/<slug:network>/reports/<int:year>/recompile/",
        views.recompile,
        name="plans_report_recompile",
    ),
    path(
        "plans/<slug:network>/reports/<int:year>/freeze/", views.freeze, name="plans_report_freeze"
    ),
]
