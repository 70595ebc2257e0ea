"""Catalog projects and journal issues for the journal's tests, made with the model (fast):
a project of a city of the seeded registry, published (or not), its search text refreshed as
the catalog's services would."""

from __future__ import annotations

from itertools import count
from typing import Any

from django.utils import timezone

from intercity.knowledge.models import Cluster, JournalEntry, JournalIssue, Project
from intercity.knowledge.services.catalog import refresh_search_text
from intercity.network.models import Network, Organisation

_numbers = count(1)


def theme(network: Network, name: str = "Smart Mobility") -> Cluster:
    slug = "journal-test-" + name.lower().replace(" ", "-")
    found, _ = Cluster.objects.get_or_create(
        network=network, slug=slug, defaults={"name": name, "position": 90}
    )
    return found


def project(
    network: str = "wego",
    city: str = "seoul",
    title: str = "",
    *,
    state: str = Project.State.PUBLISHED,
    summary: str = "",
    themes: tuple[str, ...] = ("Smart Mobility",),
    **values: Any,
) -> Project:
    """A catalog project of `city` (an organisation's key in the registry) in `network`."""
    found_network = Network.objects.get(slug=network)
    made = Project.objects.create(
        network=found_network,
        organisation=Organisation.objects.get(key=city),
        title=title or f"Project {next(_numbers)}",
        summary=summary or "What the city did, in a sentence or two.",
        state=state,
        published_at=timezone.now() if state == Project.State.PUBLISHED else None,
        **values,
    )
    made.themes.set([theme(found_network, name) for name in themes])
    refresh_search_text(made)
    return made


def issue(
    network: str = "wego",
    *,
    projects: tuple[Project, ...] = (),
    title: str = "",
    editorial: str = "",
    published: bool = False,
    number: int | None = None,
) -> JournalIssue:
    found_network = Network.objects.get(slug=network)
    made = JournalIssue.objects.create(
        network=found_network,
        number=number or 100 + next(_numbers),
        title=title or "An issue",
        editorial=editorial,
        state=JournalIssue.State.PUBLISHED if published else JournalIssue.State.DRAFT,
        published_at=timezone.now() if published else None,
    )
    for position, item in enumerate(projects, start=1):
        JournalEntry.objects.create(
            issue=made, project=item, position=position, note=f"Note {position}"
        )
    return made
