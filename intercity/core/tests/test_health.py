"""A load balancer's two questions: is the process up (/healthz), and can it serve now
(/readyz: database, cache and file storage reachable)? Failures are real ones: a cache and a
database at an address where nothing listens, a storage folder that is a file."""

from __future__ import annotations

import json

import dj_database_url
import pytest
from django.db.utils import ConnectionHandler
from django.test import override_settings

from intercity.core import health

NOTHING_LISTENS = "127.0.0.1:1"  # a privileged port no test machine serves


def body(response):
    return json.loads(response.content)


def test_healthz_says_the_process_is_up_without_asking_anything_else(client):
    # No database marker: a query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readyz_names_each_dependency_it_reached(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert body(response) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
        "failed": [],
    }


@pytest.mark.django_db
def test_readyz_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/readyz")
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{NOTHING_LISTENS}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
)
def test_readyz_is_unavailable_when_the_cache_cannot_be_reached(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert body(response) == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "failed", "storage": "ok"},
        "failed": ["cache"],
    }


@pytest.mark.django_db  # lifts pytest-django's block, so what fails is the connection itself
def test_readyz_is_unavailable_when_the_database_cannot_be_reached(client, monkeypatch, caplog):
    broken = ConnectionHandler(
        {"default": dj_database_url.parse(f"postgres://postgres@{NOTHING_LISTENS}/intercity")}
    )
    monkeypatch.setattr(health, "connections", broken)
    try:
        response = client.get("/readyz")
    finally:
        broken.close_all()
    assert response.status_code == 503
    assert body(response)["failed"] == ["database"]
    assert body(response)["checks"]["cache"] == "ok"
    # The reason is logged for the operator, not shown to whoever asked.
    [logged] = [r for r in caplog.records if r.name == "intercity.core.health"]
    assert logged.exc_info is not None
    assert type(logged.exc_info[1]).__name__ == "OperationalError"
    assert b"127.0.0.1" not in response.content


@pytest.mark.django_db
def test_readyz_is_unavailable_when_uploads_cannot_be_written(client, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the uploads' folder should be")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder / "uploads")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert body(response)["failed"] == ["storage"]


@pytest.mark.django_db
def test_readyz_accepts_an_uploads_folder_not_made_yet(client, tmp_path):
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media" / "not-yet")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/readyz")
    assert response.status_code == 200


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_probes_answer_plain_http_when_everything_else_is_redirected(client, probe):
    assert client.get("/").status_code == 301
    assert client.get(probe).status_code == 200
