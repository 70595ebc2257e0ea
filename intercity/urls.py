from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from intercity.api import api


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    # First: Open311 clients post at a city's rate, and each pattern before theirs is a regex
    # tried on every request (a tenth of an intake request's time when they came last).
    path("", include("intercity.participation.urls_open311")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz),
    path("", include("intercity.network.urls")),
    path("", include("intercity.membership.urls")),
    path("", include("intercity.membership.urls_finance")),
    path("", include("intercity.governance.urls")),
    path("", include("intercity.governance.urls_minutes")),
    path("", include("intercity.governance.urls_regional")),
    path("", include("intercity.participation.urls")),
    path("", include("intercity.participation.urls_dashboard")),
    path("", include("intercity.assessment.urls")),
]
