"""What intake needs to know of a jurisdiction, kept in this process for a few seconds: the
jurisdiction itself (by its slug), its active services with their department and attributes,
the workflow's initial status, and the API clients met by their key.

Intake is the hot path of the Civic Participation System: without this, each Open311 POST
read the same five rows before writing (measured in docs/participation-scale.md). A change
through the models (services, the admin, a seed) empties the cache of the process it happens
in at once, and again when its transaction commits; other processes see it within
`CPS_CATALOGUE_SECONDS` (default 5; 0 turns the cache off). What must never be stale is
checked again where a report is written: that the client is still active and the service
still offered (`intake`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

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


_lock = threading.Lock()
_catalogues: dict[str, Catalogue] = {}
_clients: dict[tuple[int, str], tuple[APIClient | None, float]] = {}


def _fresh(loaded_at: float) -> bool:
    seconds = float(settings.CPS_CATALOGUE_SECONDS)
    return seconds > 0 and time.monotonic() - loaded_at < seconds


def _load(slug: str) -> Catalogue:
    jurisdiction = tenancy.public_jurisdiction(slug)
    services = {
        s.code: s
        for s in Service.objects.filter(jurisdiction=jurisdiction, active=True)
        .select_related("department")
        .prefetch_related("attributes")
    }
    initial = jurisdiction.statuses.filter(initial=True).first()
    return Catalogue(jurisdiction, services, initial, time.monotonic())


def of_slug(slug: str) -> Catalogue:
    """The catalogue of an enabled jurisdiction (NotFound otherwise, as tenancy says)."""
    found = _catalogues.get(slug)
    if found is not None and _fresh(found.loaded_at):
        return found
    loaded = _load(slug)
    with _lock:
        _catalogues[slug] = loaded
    return loaded


def of(jurisdiction: Jurisdiction) -> Catalogue:
    return of_slug(jurisdiction.slug)


def client(jurisdiction: Jurisdiction, key_hash: str) -> APIClient | None:
    """The active client holding this key for this jurisdiction (or for every one)."""
    wanted = (jurisdiction.pk, key_hash)
    found = _clients.get(wanted)
    if found is not None and _fresh(found[1]):
        return found[0]
    loaded = (
        APIClient.objects.filter(key_hash=key_hash, active=True)
        .filter(jurisdiction__in=[jurisdiction])
        .first()
    )
    with _lock:
        _clients[wanted] = (loaded, time.monotonic())
    return loaded


def forget() -> None:
    with _lock:
        _catalogues.clear()
        _clients.clear()


def _changed(sender: Any, **kwargs: Any) -> None:
    forget()
    transaction.on_commit(forget)


for _model in (Jurisdiction, Service, ServiceAttribute, Status, Transition, Department, APIClient):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"catalogue-{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"catalogue-del-{_model.__name__}")
