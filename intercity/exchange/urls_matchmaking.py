"""Routes of the matchmaking part's pages under /exchange/."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
