"""What the timeline part adds to other pages: on the page of a network with milestones, a link
to its timeline and its documents' endorsement dates (the ASCN's: the ASEAN Smart Cities
Framework). The Secretariat starts another network's timeline at /networks/<slug>/timeline/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.plans.services import timeline as services


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    if not services.milestones(network).exists():
        return []
    # Translators: a link on a network's page to its dated milestones
    return [Link(_("Timeline"), reverse("plans_timeline", args=[network.slug]))]


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    """Each of the network's documents with the dates it was (to be) endorsed."""
    url = reverse("plans_timeline", args=[network.slug])
    return [
        Section(
            document.title,
            links=tuple(
                Link(
                    milestone.title,
                    f"{url}#milestone-{milestone.pk}",
                    description=_("%(when)s · %(status)s")
                    % {"when": when(milestone), "status": milestone.get_status_display()},
                )
                for milestone in document.endorsements  # type: ignore[attr-defined]
            ),
            text=document.purpose,
            anchor=f"document-{document.slug}",
            order=15,
        )
        for document in services.documents(network)
    ]


def when(milestone: Any) -> str:
    """A milestone's date in the reader's language: the month alone for a month."""
    from django.utils.formats import date_format

    fmt = "YEAR_MONTH_FORMAT" if milestone.precision == "month" else "DATE_FORMAT"
    return str(date_format(milestone.on, fmt))


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    return []
