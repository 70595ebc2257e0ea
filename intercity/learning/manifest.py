"""What the learning module brings (seeds 001 and 003): training programmes with their
sessions, calls, applications, classroom and certificates; consultation and feasibility
projects; secondments to the Secretariat. Its link in the menu, a section on WeGO's page and
a city officer's applications and certificates on their start page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the header menu (training programmes and projects)
    return [Link(_("Training"), reverse("learning_home"))]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    from intercity.learning import sections

    return sections.network_sections(request, network)


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.learning import sections

    return sections.start_sections(request)


manifest = Manifest(
    name="learning",
    label=cast(str, gettext_lazy("Training and consultation")),
    urls=("intercity.learning.urls",),
    api=("intercity.learning.api_training:router",),
    seed="intercity.learning.seed",
    menu=menu,
    network_sections=network_sections,
    start_sections=start_sections,
)
