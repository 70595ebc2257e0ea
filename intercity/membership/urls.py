from django.urls import path

from intercity.membership import views

urlpatterns = [
    path("networks/<slug:slug>/apply/", views.apply, name="membership_apply"),
    path(
        "networks/<slug:slug>/account/<int:organisation_id>/",
        views.account,
        name="membership_account",
    ),
    path("networks/<slug:slug>/staff/", views.staff_home, name="membership_staff"),
    path(
        "networks/<slug:slug>/staff/applications/",
        views.applications,
        name="membership_applications",
    ),
    path(
        "networks/<slug:slug>/staff/applications/<int:pk>/",
        views.application_detail,
        name="membership_application",
    ),
    path(
        "networks/<slug:slug>/staff/applications/<int:pk>/<str:decision>/",
        views.decide_application,
        name="membership_decide_application",
    ),
    path(
        "networks/<slug:slug>/staff/members/<int:organisation_id>/status/",
        views.change_status,
        name="membership_change_status",
    ),
    path("networks/<slug:slug>/staff/invoicing/", views.invoicing, name="membership_invoicing"),
    path(
        "networks/<slug:slug>/staff/invoicing/missing-figures.csv",
        views.missing_figures_csv,
        name="membership_missing_figures",
    ),
    path("networks/<slug:slug>/staff/invoices/", views.invoices, name="membership_invoices"),
    path(
        "networks/<slug:slug>/staff/invoices.csv",
        views.invoices_csv,
        name="membership_invoices_csv",
    ),
    path("networks/<slug:slug>/staff/arrears/", views.arrears, name="membership_arrears"),
    path("staff/invoices/<int:pk>/", views.invoice_detail, name="membership_invoice"),
    path("staff/invoices/<int:pk>.pdf", views.invoice_pdf, name="membership_invoice_pdf"),
    path("staff/figures/import/", views.import_figures, name="membership_import_figures"),
    path(
        "staff/figures/template.csv",
        views.figures_template_csv,
        name="membership_figures_template",
    ),
]
