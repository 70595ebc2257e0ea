"""Routes of the twinning part's pages under /exchange/."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
