"""Routes of the exchange pages under /exchange/: needs and offers, matchmaking, twinning."""

from django.urls import include, path

from intercity.exchange import views

urlpatterns = [
    path("exchange/", views.home, name="exchange_home"),
    path("", include("intercity.exchange.urls_needs")),
    path("", include("intercity.exchange.urls_matchmaking")),
    path("", include("intercity.exchange.urls_twinning")),
]
