"""What the awards module brings: the editions of a network's award, applications, the two
evaluation rounds and the published results; a judge's scorecards on their start page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu
    return [Link(_("Awards"), reverse("awards_home"))]


def start_sections(request: HttpRequest) -> list[Any]:
    """A judge's scorecards and ties to decide; the Secretariat's round-1 progress."""
    from intercity.awards import views_round1

    return views_round1.start_sections(request)


manifest = Manifest(
    name="awards",
    label=cast(str, gettext_lazy("Awards")),
    urls=("intercity.awards.urls",),
    api=("intercity.awards.api:router", "intercity.awards.api_results:router"),
    roles=("judge",),
    seed="intercity.awards.seed",
    menu=menu,
    start_sections=start_sections,
)
