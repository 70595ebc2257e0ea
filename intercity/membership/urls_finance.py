from django.urls import URLPattern, path

from intercity.membership import views_finance

urlpatterns: list[URLPattern] = [
    path("networks/<slug:slug>/finance/", views_finance.financial_report, name="financial_report"),
    path(
        "networks/<slug:slug>/finance.csv",
        views_finance.financial_report_csv,
        name="financial_report_csv",
    ),
    path(
        "networks/<slug:slug>/finance.xlsx",
        views_finance.financial_report_xlsx,
        name="financial_report_xlsx",
    ),
]
