"""Modules declare what they bring in one place, their manifest; the site assembles itself
from the manifests of the installed apps and knows none of them by name.

A module's `AppConfig` has a `manifest` attribute (usually built in its `manifest.py`):

    manifest = Manifest(
        name="governance",
        label="Governance",
        urls=("intercity.governance.urls",),
        api=("intercity.governance.api:router", "intercity.governance.api_regional:router"),
        seed="intercity.governance.seed",
        network_links=governance_links,     # (request, network) -> [Link]
        ...
    )

- `urls` are included at the site's root, in the order of INSTALLED_APPS (`early_urls` before
  every other pattern: Open311's hot path);
- `api` are django-ninja Routers (`package.module:router`) mounted under `/api/v1/`;
- `seed` is a module with `load()`, run by `manage.py seed` in INSTALLED_APPS order;
- `menu`, `network_links`, `network_sections`, `organisation_links`, `organisation_sections`,
  `membership_links`, `start_sections` and `home_sections` are functions that return what the
  module contributes to the header (request), a network's page (request, network), an
  organisation's page (request, organisation), one membership shown on it (request,
  membership), a person's start page (request) and the site's home page, where a visitor
  lands (request); each gets the request so it can show only what that person may see, and
  returns nothing when it has nothing to say;
- `decision_choices` returns (reference, label) pairs of the decisions a network adopted
  (request, network), for a form that cites the decision behind a change; a form falls back
  to free text when no module contributes;
- `roles` are the role codes the module defines (see `accounts.models.Role`);
- `schedules` are the module's recurring jobs (`core.schedules.Job`: a name, a cron
  expression, the function to call and how to word its result), run by the scheduler.

Removing a module from INSTALLED_APPS removes its pages, its API, its seeds and everything it
contributed to other pages; nothing else has to change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.http import HttpRequest


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""
    # How a page draws it: "" a plain link, "button" or "button-secondary" a button.
    style: str = ""

    @property
    def css_class(self) -> str:
        return "button button-secondary" if self.style == "button-secondary" else self.style


@dataclass(frozen=True)
class Section:
    """A titled block a module adds to another module's page: links, a line of text, or a
    template of its own rendered with `context`."""

    title: str
    links: tuple[Link, ...] = ()
    text: str = ""
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    anchor: str = ""
    order: int = 100


Contribution = Callable[..., list[Any]]


@dataclass(frozen=True)
class Job:
    """A recurring job a module brings, run by the scheduler (core/schedules.py).

    `cron` is a five-field cron expression in the site's TIME_ZONE ("0 9 1 * *": 09:00 on the
    first of each month); `run(now)` does the work for the slot `now` and returns what it
    counted, as plain JSON values; `describe(details)` words those counts for a reader, in
    the active language. `run` must be idempotent: called twice for one slot, one effect."""

    name: str
    cron: str
    label: str
    run: Callable[[dt.datetime], dict[str, Any]]
    describe: Callable[[dict[str, Any]], str]
    # The rhythm in words for the Secretariat's page ("On the first of each month, 09:00").
    rhythm: str = ""
    description: str = ""


@dataclass(frozen=True)
class Manifest:
    name: str
    label: str
    urls: tuple[str, ...] = ()
    early_urls: tuple[str, ...] = ()
    api: tuple[str, ...] = ()
    seed: str = ""
    roles: tuple[str, ...] = ()
    menu: Contribution | None = None
    network_links: Contribution | None = None
    network_sections: Contribution | None = None
    organisation_links: Contribution | None = None
    organisation_sections: Contribution | None = None
    membership_links: Contribution | None = None
    start_sections: Contribution | None = None
    home_sections: Contribution | None = None
    decision_choices: Contribution | None = None
    schedules: tuple[Job, ...] = ()


def installed() -> Iterator[Manifest]:
    """The manifests of the installed apps, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        manifest = getattr(config, "manifest", None)
        if isinstance(manifest, Manifest):
            yield manifest


def is_installed(name: str) -> bool:
    return any(manifest.name == name for manifest in installed())


def contributions(hook: str, request: HttpRequest, *args: Any) -> list[Any]:
    """Everything the installed modules contribute to one place, in module order, sections
    sorted by their `order`."""
    found: list[Any] = []
    for manifest in installed():
        contribute = getattr(manifest, hook)
        if contribute is not None:
            found.extend(contribute(request, *args))
    if found and all(isinstance(item, Section) for item in found):
        found.sort(key=lambda section: section.order)
    return found


def load_object(dotted: str) -> Any:
    """`package.module:attribute` -> the attribute."""
    from importlib import import_module

    module_name, _, attribute = dotted.partition(":")
    module = import_module(module_name)
    return getattr(module, attribute) if attribute else module
