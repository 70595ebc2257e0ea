"""Production settings: a site reachable by others needs its own key, and `check --deploy`
is clean with the production variables the README documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# The production variables of the README's Configuration table.
PRODUCTION = {
    "SECRET_KEY": "k8Qz3vN1pW7xR2mT9yB4cF6hJ0sL5dG8aE1uI7oP3qX9wZ2nV6bM4",
    "ALLOWED_HOSTS": "intercity.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://intercity.example.org",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_COOKIES": "1",
}


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DEBUG"}
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **variables},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_without_them_names_what_is_missing():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS


@pytest.mark.parametrize("debug", ["0", "1"])
def test_a_public_host_without_a_secret_key_stops_start_up(debug):
    variables = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", DEBUG=debug, **variables)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_local_run_starts_with_no_variables():
    result = manage("check")
    assert result.returncode == 0, result.stderr
