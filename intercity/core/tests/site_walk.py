"""Walk the whole site as a visitor and as the Secretariat and fail on any page that errs.

Run as a script by `test_site_without_a_module.py`, in a fresh process whose settings may
leave modules out (INTERCITY_WITHOUT): it creates the tables of the installed apps in an empty
database, loads the seed, visits every URL pattern without parameters and then follows the
links the pages show (a few pages per URL name), and prints one line per page that answered
500 or raised.

The tables come straight from the models (as `migrate --run-syncdb` makes them), not from
replaying every migration: on an empty SQLite database the migrations' data steps have nothing
to do, and replaying them was most of each walk's time. That the remaining apps' migrations
stand without a module is checked apart, on the migration graph
(`test_no_migration_needs_a_module_that_may_be_left_out`). `--migrate` replays them instead.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from html import unescape
from urllib.parse import urlsplit

PAGES_PER_NAME = 3
SKIPPED = ("/accounts/logout/", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]*)')


class NoMigrations(dict[str, None]):
    """MIGRATION_MODULES that says every app has none, so `migrate --run-syncdb` creates each
    app's tables from its models."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.settings")
    import django
    from django.conf import settings

    if "--migrate" not in sys.argv:
        settings.MIGRATION_MODULES = NoMigrations()
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    call_command("check", fail_level="ERROR")
    call_command("seed", stdout=io.StringIO())

    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    admin = user_model.objects.create_superuser("walker", "walker@example.org", "walk")

    start: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif "<" not in route and "(" not in route and "^" not in route:
                start.append("/" + route)

    walk(get_resolver().url_patterns, "")
    failures: list[str] = []
    visited_names: set[str] = set()
    visitor, secretariat = Client(), Client()
    secretariat.force_login(admin)
    for client in (visitor, secretariat):
        seen: set[str] = set()
        per_name: Counter[str] = Counter()
        queue = ["/", *start]
        while queue:
            url = queue.pop(0)
            if url in seen or url.startswith(SKIPPED):
                continue
            seen.add(url)
            try:
                match = resolve(urlsplit(url).path)
            except Resolver404:
                continue
            name = match.route if match.url_name is None else match.url_name
            if name.startswith("api") and url not in ("/api/docs", "/api/openapi.json"):
                continue
            per_name[name] += 1
            if per_name[name] > PAGES_PER_NAME:
                continue
            visited_names.add(name)
            try:
                response = client.get(url)
            except Exception as exc:
                failures.append(f"{url}: {type(exc).__name__}: {exc}")
                continue
            if response.status_code >= 500:
                failures.append(f"{url}: {response.status_code}")
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            for href in HREF.findall(response.content.decode(errors="replace")):
                link = urlsplit(unescape(href))
                if link.scheme or link.netloc or not link.path.startswith("/"):
                    continue
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
    print(f"visited {len(visited_names)} URL names")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
