"""What intake needs to know of a jurisdiction, kept in this process for a few seconds: the
jurisdiction itself (by its slug), its active services with their department and attributes,
the workflow's initial status, and the API clients met by their key.

Intake is the hot path of the Civic Participation System: without this, each Open311 POST
read the same five rows before writing (measured in docs/participation-scale.md). A change
through the models (services, the admin, a seed) empties the cache of the process it happens
in at once, and again when its transaction commits, and writes a new mark in the shared cache
(`core.shared`): with REDIS_URL set every other process sees the change on its next report;
without it, within `CPS_CATALOGUE_SECONDS` (default 5; 0 turns the cache off). What must
never be stale is checked again where a report is written: that the client is still active
and the service still offered (`intake`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from intercity.core import shared
from intercity.participation import tenancy
from intercity.participation.models import (
    APIClient,
    Department,
    Jurisdiction,
    Service,
    ServiceAttribute,
    Status,
    Transition,
)


@dataclass(frozen=True)
class Catalogue:
    jurisdiction: Jurisdiction
    services: dict[str, Service]  # active ones, by code, with department and attributes
    initial: Status | None
    loaded_at: float
    mark: str | None = None  # the shared mark it was loaded under


# What a change of any of the models below invalidates, in every process.
MARK = "cps-catalogue"
_lock = threading.Lock()
_catalogues: dict[str, Catalogue] = {}
_clients: dict[tuple[int, str], tuple[APIClient | None, float, str | None]] = {}


def _fresh(loaded_at: float, loaded_mark: str | None, mark: str | None) -> bool:
    seconds = float(settings.CPS_CATALOGUE_SECONDS)
    return seconds > 0 and time.monotonic() - loaded_at < seconds and loaded_mark == mark


def _load(slug: str, mark: str | None) -> Catalogue:
    jurisdiction = tenancy.public_jurisdiction(slug)
    services = {
        s.code: s
        for s in Service.objects.filter(jurisdiction=jurisdiction, active=True)
        .select_related("department")
        .prefetch_related("attributes")
    }
    initial = jurisdiction.statuses.filter(initial=True).first()
    return Catalogue(jurisdiction, services, initial, time.monotonic(), mark)


def of_slug(slug: str) -> Catalogue:
    """The catalogue of an enabled jurisdiction (NotFound otherwise, as tenancy says)."""
    mark = shared.mark(MARK)
    found = _catalogues.get(slug)
    if found is not None and _fresh(found.loaded_at, found.mark, mark):
        return found
    loaded = _load(slug, mark)
    with _lock:
        _catalogues[slug] = loaded
    return loaded


def of(jurisdiction: Jurisdiction) -> Catalogue:
    return of_slug(jurisdiction.slug)


def client(jurisdiction: Jurisdiction, key_hash: str) -> APIClient | None:
    """The active client holding this key for this jurisdiction (or for every one)."""
    mark = shared.mark(MARK)
    wanted = (jurisdiction.pk, key_hash)
    found = _clients.get(wanted)
    if found is not None and _fresh(found[1], found[2], mark):
        return found[0]
    loaded = (
        APIClient.objects.filter(key_hash=key_hash, active=True)
        .filter(jurisdiction__in=[jurisdiction])
        .first()
    )
    with _lock:
        _clients[wanted] = (loaded, time.monotonic(), mark)
    return loaded


def forget() -> None:
    """Empty this process's copy, and tell the others (through the shared cache) to empty theirs."""
    with _lock:
        _catalogues.clear()
        _clients.clear()
    shared.changed(MARK)


def _changed(sender: Any, **kwargs: Any) -> None:
    forget()
    transaction.on_commit(forget)


for _model in (Jurisdiction, Service, ServiceAttribute, Status, Transition, Department, APIClient):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"catalogue-{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"catalogue-del-{_model.__name__}")
