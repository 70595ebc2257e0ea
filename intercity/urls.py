"""The site's URLs: the platform's own few, and every installed module's (from its manifest, in
INSTALLED_APPS order). Nothing here names a module."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

from intercity.api import api
from intercity.core import health, modules, views


def _included(attribute: str) -> list[URLPattern | URLResolver]:
    return [
        path("", include(urls))
        for manifest in modules.installed()
        for urls in getattr(manifest, attribute)
    ]


urlpatterns = [
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # First: Open311 clients post at a city's rate, and each pattern before theirs is a regex
    # tried on every request (a tenth of an intake request's time when they came last).
    *_included("early_urls"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Django's LoginView names the site after the request's host ("127.0.0.1:8123") when the
    # sites framework is off; the page's brand is the product's name, as everywhere else.
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(extra_context={"site_name": settings.SITE_NAME}),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # A person's start page, where logging in lands: what each module has for them.
    path("start/", views.start, name="start"),
    # A load balancer's probes (core/health.py): the process is up; it can serve now.
    path("healthz", health.healthz),
    path("readyz", health.readyz),
    # The pages a mail's unsubscribe and preferences links open (core/mail.py).
    path("", include("intercity.core.mail_urls")),
    *_included("urls"),
]
