"""Catalog projects, clusters, placements and uploads for the catalog's tests."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intercity.knowledge.models import Cluster, Project
from intercity.knowledge.services import catalog
from intercity.network.models import Network, Organisation


def city(key: str) -> Organisation:
    return Organisation.objects.get(key=key)


def cluster(network: Network, name: str = "Smart Government", slug: str = "") -> Cluster:
    made, _ = Cluster.objects.get_or_create(
        network=network, slug=slug or name.lower().replace(" ", "-"), defaults={"name": name}
    )
    return made


def project(
    organisation_key: str = "seoul",
    network_slug: str = "wego",
    *,
    state: str = Project.State.DRAFT,
    title: str = "Seoul Open Data Plaza",
    **values: Any,
) -> Project:
    """A project written straight to the database (the services are tested elsewhere), with
    the two texts a review needs and its search text."""
    values.setdefault("summary", "Every dataset of the city, open to all.")
    values.setdefault("main_features", "A portal with 5,000 datasets and an API.")
    made = Project.objects.create(
        network=Network.objects.get(slug=network_slug),
        organisation=city(organisation_key),
        title=title,
        state=state,
        **values,
    )
    catalog.refresh_search_text(made)
    return made


def png_bytes(size: tuple[int, int] = (8, 6), colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def png(name: str = "plaza.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% Seoul open data plan\n%%EOF\n", content_type="application/pdf"
    )


def placement(organisation_key: str = "seoul", project_title: str = "Seoul Smart Bus") -> Any:
    """A Special Mention of the published 2017 WeGO awards (the seed's) for the city."""
    from intercity.awards.models import Edition, Placement

    edition = Edition.objects.get(network__slug="wego", year=2017)
    return Placement.objects.create(
        edition=edition,
        category=edition.categories.order_by("position").first(),
        place=Placement.Place.SPECIAL_MENTION,
        organisation=city(organisation_key),
        project=project_title,
    )
