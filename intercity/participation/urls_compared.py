"""Routes of cities compared: a city's choice to share (its setup) and the Secretariat's view
of every sharing city. A network's own comparison is a section of the network's page."""

from django.urls import URLPattern, URLResolver, path

from intercity.participation import views_compared

urlpatterns: list[URLPattern | URLResolver] = [
    path("cps-compared/", views_compared.all_compared, name="cps_compared_all"),
    path("cps/<slug:slug>/setup/sharing/", views_compared.sharing_setup, name="cps_sharing"),
]
