"""Routes of the dashboards and the open-data export of the Civic Participation System."""

from django.urls import URLPattern, URLResolver, path

from intercity.participation import views_dashboard

urlpatterns: list[URLPattern | URLResolver] = [
    path("cps/<slug:slug>/dashboard/", views_dashboard.dashboard, name="cps_dashboard"),
    path("cps/<slug:slug>/open-data/", views_dashboard.open_data_page, name="cps_open_data_page"),
    path("cps/<slug:slug>/open-data.csv", views_dashboard.open_data, name="cps_open_data"),
]
