"""What the platform itself brings besides the modules: the Secretariat's page of scheduled
jobs (core/schedules.py), linked from the header for the Secretariat."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from intercity.core.modules import Link, Manifest


def menu(request: HttpRequest) -> list[Link]:
    from intercity.accounts import permissions

    if not permissions.is_secretariat(getattr(request, "user", None)):
        return []
    # Translators: the header link to the page of jobs the platform runs on a schedule
    return [Link(gettext("Schedules"), reverse("core_schedules"))]


manifest = Manifest(
    name="core",
    label=cast(str, gettext_lazy("Platform")),
    urls=("intercity.core.urls",),
    menu=menu,
)
