"""Probes for a load balancer or an orchestrator.

`/healthz` says the process is up and answering: nothing else, so a slow database never gets
a healthy process restarted. `/readyz` says whether this process can serve a request now: it
reaches the database, the cache (Redis when REDIS_URL is set) and the file storage, and
answers 503 naming what it could not reach, so the balancer sends traffic elsewhere until it
can. Both are cheap (one query, one cache write and read, one storage look-up), read no
session and set no cookie; the reason for a failure goes to the log, not to the public body.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


def database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def cache() -> None:
    # A write and a read: a Redis that answers but refuses writes (full, read-only) fails too.
    token = secrets.token_hex(8)
    store = caches["default"]
    store.set("readyz", token, timeout=10)
    if store.get("readyz") != token:
        raise RuntimeError("the cache did not return what was written")


def storage() -> None:
    store = storages["default"]
    if isinstance(store, FileSystemStorage):
        # The folder is made on the first upload: what must hold is that it can be.
        place = Path(store.location)
        while not place.exists() and place != place.parent:
            place = place.parent
        if not place.is_dir() or not os.access(place, os.W_OK | os.X_OK):
            raise OSError(f"{place} is not a folder this process may write in")
        return
    # Imported here: boto3 is loaded only by a site whose files are in object storage.
    from storages.backends.s3 import S3Storage

    if isinstance(store, S3Storage):
        # The bucket itself: a look-up of an object answers "not there" alike for a missing
        # object and a missing bucket. Fails on a wrong bucket, host or keys.
        store.connection.meta.client.head_bucket(Bucket=store.bucket_name)
    else:
        store.exists("readyz")


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    "cache": cache,
    "storage": storage,
}


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            log.exception("readyz: the %s is not reachable", name)
            checks[name] = "failed"
        else:
            checks[name] = "ok"
    failed = [name for name, result in checks.items() if result != "ok"]
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "checks": checks, "failed": failed},
        status=503 if failed else 200,
    )
