"""Settings for Intercity, read from the environment with safe defaults for a local run.

Every option is an environment variable; `make run` needs none of them.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from intercity.core import object_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Hosts that only this machine can reach: a site served for them alone is a local run.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# A fixed key is only acceptable for a local run (`make run`, the tests, manage.py on a
# laptop: ALLOWED_HOSTS loopback only); a site reachable by others must set SECRET_KEY.
LOCAL_SECRET_KEY = "intercity-local-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set, and ALLOWED_HOSTS names hosts other than this machine "
            f"({', '.join(ALLOWED_HOSTS)}). Set SECRET_KEY to a long random value, e.g. the "
            "output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = LOCAL_SECRET_KEY
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
PORT = int(env("PORT", "8000"))
SITE_NAME = env("SITE_NAME", "Intercity")


def _site_url(raw: str) -> str:
    """The address people reach the site at, scheme and host (and port), no trailing slash: every
    link in an e-mail or a PDF is built from it, never from a request's Host header."""
    from urllib.parse import urlsplit

    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, e.g. https://intercity.example.org; got {raw!r}"
        )
    return raw.strip().rstrip("/")


SITE_URL = _site_url(env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}"))

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: its admin classes replace the plain ones.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Two-factor sign-in (decision 0019): one-time password devices and their tables.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "intercity.core",
    "intercity.accounts",
    "intercity.network",
    "intercity.membership",
    "intercity.governance",
    "intercity.participation",
    "intercity.assessment",
    "intercity.awards",
    "intercity.knowledge",
    "intercity.exchange",
    "intercity.plans",
    "intercity.learning",
    "intercity.events",
]
# Modules left out, e.g. INTERCITY_WITHOUT=governance,assessment: the site assembles itself
# from the manifests of the apps that remain (the test that it still stands runs this way).
INTERCITY_WITHOUT = set(env_list("INTERCITY_WITHOUT", ""))
# A module built on another's rows leaves with it: exchange's needs and offers name the
# self-assessment's sectoral modules (a foreign key) and draw on a city's assessment gaps.
MODULE_REQUIRES = {"exchange": {"assessment"}}
INTERCITY_WITHOUT |= {
    module for module, required in MODULE_REQUIRES.items() if required & INTERCITY_WITHOUT
}
INSTALLED_APPS = [
    app for app in INSTALLED_APPS if app.removeprefix("intercity.") not in INTERCITY_WITHOUT
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "intercity.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: `request.user.is_verified()` (decision 0019).
    "django_otp.middleware.OTPMiddleware",
    "intercity.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The second step of signing in; after messages, to say why it sends a person to set-up.
    "intercity.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "intercity.core.edge.DomainErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
if "intercity.governance" in INSTALLED_APPS:
    # A live meeting page's "anything new?" is answered before the stack below when one indexed
    # read can answer it (governance/live_poll.py): 400 pages poll every second.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("intercity.core.middleware.RejectNullCharactersMiddleware") + 1,
        "intercity.governance.live_poll.LivePollMiddleware",
    )

ROOT_URLCONF = "intercity.urls"
WSGI_APPLICATION = "intercity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "intercity" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intercity.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Wait for a writer rather than fail at once: two requests at once take turns.
        "timeout": 20,
    }
    # Tests use a file, not shared-cache memory: concurrency tests run threads against it,
    # and shared-cache SQLite refuses a second writer at once instead of waiting its turn.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

# --- Cache: this process's memory, or Redis shared by every process -----------------------
# With REDIS_URL (redis://[:password@]host:6379/0, rediss:// for TLS) the CPS rate limit and
# the mark that tells every process the intake catalogue changed (core/shared.py) are one
# for all server processes on all machines; unset, each process keeps its own, which is all
# `make run` needs. Decision 0018 says what else is shared, and where.
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or test runs) sharing one Redis keep apart by prefix.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "intercity"),
            # A Redis that does not answer fails a request in seconds, not minutes, and
            # /readyz says so (a load balancer then stops sending traffic here).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# Logging in lands on the person's start page (core.views.start); a `next` still wins.
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

# django-axes looks at every login (the site's and the admin's) before the password does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the source; the others are complete catalogs (docs/translating.md). Each app keeps
# its own catalog in <app>/locale; the site-wide templates' strings live in intercity/locale.
LANGUAGE_CODE = "en"
# English dates day-month-year as the network writes them (intercity/formats/en).
FORMAT_MODULE_PATH = ["intercity.formats"]
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "intercity" / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Translated content (django-modeltranslation, decision 0015): English is the original column
# and the fallback; a row made without an English text gets the one it was given.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "required"
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "intercity" / "static"]
# Uploaded files (CPS photos, assessment evidence): under MEDIA_ROOT on this machine's disk,
# or with STORAGE_URL (or AWS_STORAGE_BUCKET_NAME and the other S3 variables) in an
# S3-compatible object store every process shares (core/object_storage.py, decision 0023).
# Either way they are private: the site serves each file after its permission check, and
# MEDIA_URL is served by nothing.
STORAGES = {
    "default": object_storage.default_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# EMAIL_FILE_PATH alone selects the file backend (one file per message in that folder).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Intercity <noreply@intercity.local>")
# How long an invitation's link stays good (accounts.services.invite); a password reset's link
# lasts Django's PASSWORD_RESET_TIMEOUT (three days).
INVITATION_DAYS = int(env("INVITATION_DAYS", "14"))
# Password-reset mails an hour, per address asked for and per client address (accounts/throttle).
PASSWORD_RESET_PER_ADDRESS = int(env("PASSWORD_RESET_PER_ADDRESS", "3"))
PASSWORD_RESET_PER_CLIENT = int(env("PASSWORD_RESET_PER_CLIENT", "20"))
# Events: an unconfirmed registration holds its place this many hours (then only a confirmed
# one does), and a client address may send the public registration form this many times an
# hour (accounts/throttle; 0 turns the limit off).
EVENTS_UNCONFIRMED_HOLD_HOURS = int(env("EVENTS_UNCONFIRMED_HOLD_HOURS", "48"))
EVENTS_REGISTRATIONS_PER_CLIENT_HOUR = int(env("EVENTS_REGISTRATIONS_PER_CLIENT_HOUR", "10"))

# --- Behind HTTPS (see the README's Configuration) ---------------------------------------
# The header a TLS-terminating proxy sets to "https" (e.g. HTTP_X_FORWARDED_PROTO); only set
# it when the proxy always sets or strips that header, or a client could claim HTTPS.
_proxy_ssl_header = env("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# A load balancer's probes may speak plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Sessions and cookies ----------------------------------------------------------------
SESSION_COOKIE_AGE = int(env("SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: pages carry the token (htmx sends it from <body>).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Response headers --------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


# Content-Security-Policy (django-csp): scripts and style sheets from this site only; no
# inline script anywhere. Style *attributes* are allowed (bar charts set their widths per
# row); they cannot run script. Images may be data: URIs (the API docs) and map tiles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        # The report form adds its map's tile server to this on its own responses.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Login throttling (django-axes) -------------------------------------------------------
# After LOGIN_FAILURE_LIMIT failed logins for one account, or from one client address, that
# account or address may not log in for LOGIN_LOCKOUT_MINUTES (each further try restarts
# the wait). Counted in the database, so every server process shares the count.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "intercity.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "intercity.accounts.throttle.client_address"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False

# Two-factor sign-in (decision 0019). People holding one of these roles must set up an
# authenticator before any other page; the test suite turns this off except in its own tests.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "secretariat")
# Wrong codes slow the next attempt down (1 s, 2 s, 4 s, ... per device): django-otp's throttle.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = SITE_NAME
# The request.META key of the client's address: REMOTE_ADDR, or behind a proxy the header it
# sets (HTTP_X_REAL_IP, or HTTP_X_FORWARDED_FOR whose right-most address is then used).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "REMOTE_ADDR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Civic Participation System: reports a client (API key or address) may file a minute;
# 0 turns the limit off (the intake benchmark does, to measure the server, not the limit).
CPS_RATE_LIMIT_PER_MINUTE = int(env("CPS_RATE_LIMIT_PER_MINUTE", "30"))
# A tile server for the map picker of the citizens' report form (e.g. a city's own), with
# the credit its licence asks for; empty: no map, typed coordinates or an address.
CPS_TILE_URL = env("CPS_TILE_URL", "")
# Intake keeps a jurisdiction's services, initial status and API clients in memory this many
# seconds at most (participation/catalogue.py); a change reaches every process at once through
# the cache when REDIS_URL is set. 0 reads them for every report.
CPS_CATALOGUE_SECONDS = float(env("CPS_CATALOGUE_SECONDS", "5"))
# How long the cities-compared figures of one city and period stay in the cache
# (participation/compared.py): a network page lists many cities. 0 counts them on every read.
CPS_COMPARED_CACHE_SECONDS = int(env("CPS_COMPARED_CACHE_SECONDS", "300"))
CPS_TILE_ATTRIBUTION = env("CPS_TILE_ATTRIBUTION", "")

# Self-assessment: the largest evidence document a city may attach to an answer.
ASSESSMENT_EVIDENCE_MAX_BYTES = int(env("ASSESSMENT_EVIDENCE_MAX_BYTES", str(5 * 1024 * 1024)))
