"""Shared fixtures: the seeded networks and the people the tests are about.

The real seed networks are loaded once per test database, so tests read as what
Seoul's officer, Makati's officer or the Secretariat do in WeGO and ASCN as they are.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import PASSWORD, person
from intercity.network.models import Network

__all__ = [
    "PASSWORD",
    "axe_violations",
    "horizontal_overflow",
    "log_in",
    "person",
    "totp_code",
]

# Hypothesis judges its examples, not the machine: on two cores shared by the xdist workers a
# rule test can take longer than its 200 ms deadline or generate inputs "too slowly" for
# reasons that have nothing to do with the rule. Those two timing checks are off; every
# other health check and the examples themselves still apply.
hypothesis_settings.register_profile(
    "intercity", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("intercity")


@pytest.fixture(autouse=True)
def english_after_each_test() -> Any:
    """A request in another language leaves that language active in the worker's thread; every
    test starts in English, the source language, whatever ran before it."""
    from django.utils import translation

    yield
    translation.activate("en")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogs once, in the controller, before any worker starts."""
    if not hasattr(config, "workerinput"):
        from intercity.core import catalogs

        catalogs.compile_all()


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> None:
    """Django's default hasher takes most of a second per password on a small machine, and
    every persona gets one; tests need a password to match, not to resist cracking."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def two_factor_not_required(settings: Any) -> None:
    """A real server makes Secretariat staff sign in with two factors (decision 0019); the
    suite's Secretariat people sign in with `force_login` or a password alone, as before. The
    tests of two-factor sign-in turn it back on (`two_factor_required`)."""
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def two_factor_required(settings: Any) -> None:
    """Two factors required of Secretariat staff, as on a real server."""
    settings.TWO_FACTOR_REQUIRED_ROLES = ["secretariat"]


@pytest.fixture(autouse=True)
def fresh_local_cache() -> None:
    """Each test starts with an empty cache of this process (counts of the throttles, cached
    pages); a shared Redis, when a test names one, is left to that test."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        backend.clear()


@pytest.fixture(autouse=True)
def fresh_intake_catalogue() -> None:
    """Intake caches a jurisdiction's services in the process for seconds; a test's rows are
    rolled back after it, which no signal reports, so each test starts with an empty cache."""
    from intercity.participation import catalogue

    catalogue.forget()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        call_command("seed", stdout=io.StringIO())


@pytest.fixture
def secretariat(db: None) -> User:
    """Sam works at the Secretariat and may edit everything."""
    return person("sam", Role.SECRETARIAT)


@pytest.fixture
def seoul_officer(db: None) -> User:
    """Seo-yeon is an officer of Seoul and edits only Seoul's profile."""
    return person("seoyeon", Role.CITY_OFFICER, "seoul")


@pytest.fixture
def makati_officer(db: None) -> User:
    """Miguel is an officer of Makati."""
    return person("miguel", Role.CITY_OFFICER, "makati")


@pytest.fixture
def judge(db: None) -> User:
    return person("jules", Role.JUDGE)


@pytest.fixture
def citizen(db: None) -> User:
    return person("chris", Role.CITIZEN)


@pytest.fixture
def wego(db: None) -> Network:
    """WeGO as the seed has it: its members, regions, statute and meetings."""
    return Network.objects.get(slug="wego")


@pytest.fixture
def ascn(db: None) -> Network:
    """The ASEAN Smart Cities Network as the seed has it."""
    return Network.objects.get(slug="ascn")


_SEEDED_COPY: Any = None  # this worker's copy of the seeded SQLite database, once made


def seed_committed() -> None:
    """The seed networks committed in an emptied test database (a transactional test's).

    On SQLite the first call seeds and keeps a copy of the whole database in memory; later
    calls put that copy back with SQLite's backup API, which takes milliseconds where seeding
    took seconds. The rows, their ids and every sequence are exactly what seeding makes, so a
    test cannot tell the two apart; the caches that may hold ids (content types, the cache
    framework's) are emptied. PostgreSQL seeds each time."""
    global _SEEDED_COPY
    import sqlite3

    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connection

    if connection.vendor != "sqlite":
        call_command("seed", stdout=io.StringIO())
        return
    connection.ensure_connection()
    if _SEEDED_COPY is None:
        call_command("seed", stdout=io.StringIO())
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _SEEDED_COPY = copy
    else:
        _SEEDED_COPY.backup(connection.connection)
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def committed_seed(transactional_db: None) -> None:
    """The seed networks committed, for tests whose threads use their own connections
    (`core.tests.concurrently`): transactional tests start empty, so they seed again."""
    seed_committed()


# --- Browser tests -----------------------------------------------------------------------
# Playwright drives Debian's Chromium; nothing is downloaded. Its sync API runs an event
# loop in this thread, so Django must be told the ORM calls the tests make here are safe.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser() -> Any:
    import os
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    """The live site with the seed networks loaded (transactional tests start empty)."""
    seed_committed()
    return str(live_server.url)


@pytest.fixture
def page(browser: Any, site: str) -> Any:
    context = browser.new_context(base_url=site)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def phone(browser: Any, site: str) -> Any:
    context = browser.new_context(
        base_url=site, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def horizontal_overflow(tab: Any) -> int:
    """How many pixels the document is wider than the viewport, i.e. how far it scrolls sideways.

    Measured against the layout width (`clientWidth`), not `window.innerWidth`: in a mobile
    context Chromium widens `innerWidth` to fit wide content, so comparing with it hides
    exactly the sideways scrolling a phone test is meant to catch.
    """
    return int(
        tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def axe_violations(tab: Any) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def log_in(tab: Any, username: str, password: str = PASSWORD, *, code: str = "") -> None:
    """Log in with the password, then, for a person with an authenticator, the `code` (six
    digits from `totp_code(device)`, or a recovery code) on the second step."""
    tab.goto("/accounts/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()
    if code:
        tab.wait_for_url("**/accounts/two-factor/verify/**")
        tab.get_by_label("Code").fill(code)
        tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/")


def totp_code(device: Any, steps_ahead: int = 0) -> str:
    """The six digits an authenticator app shows for this django-otp TOTP device, now or
    `steps_ahead` periods of 30 s later. A code is accepted once (django-otp refuses a replay)
    and one period either side of now, so a test that signs in twice uses the next one."""
    from django_otp.oath import totp

    digits = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead
    )
    return f"{digits:0{device.digits}d}"
