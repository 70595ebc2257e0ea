"""The WSGI application: Django with every middleware for pages and the REST API, and a
lighter chain for Open311 (/open311/). Open311 clients are programs that authenticate with an
api_key: they have no session, cookie, CSRF token, language preference or flash messages, so
those middlewares only cost time on the intake path (docs/participation-scale.md)."""

import os
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.settings")

OPEN311_PREFIX = "/open311/"
# Kept for Open311: HTTPS and security headers, and the refusal of NUL characters.
OPEN311_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "intercity.core.middleware.RejectNullCharactersMiddleware",
]


class Open311Handler(WSGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        everything = settings.MIDDLEWARE
        settings.MIDDLEWARE = OPEN311_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = everything


django_application = get_wsgi_application()
open311_application = Open311Handler()


def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    if environ.get("PATH_INFO", "").startswith(OPEN311_PREFIX):
        return open311_application(environ, start_response)
    return django_application(environ, start_response)
