"""What the awards module brings: the editions of a network's award, applications, the two
evaluation rounds and the published results; a judge's scorecards on their start page."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu
    return [Link(_("Awards"), reverse("awards_home"))]


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    """A link to the network's award editions, for a network that has an award (ASCN's rules
    define none)."""
    from intercity.awards.services.editions import editions_visible_to

    if not editions_visible_to(request.user).filter(network=network).exists():
        return []
    # Translators: a link on a network's page to its award editions
    return [Link(_("Awards"), reverse("awards_home") + f"#network-{network.slug}")]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    from intercity.awards import sections_applications

    return sections_applications.organisation_sections(request, organisation)


def start_sections(request: HttpRequest) -> list[Section]:
    """An officer's applications; the Secretariat's screening queue, round-1 and round-2
    progress and results to publish; a judge's scorecards, votes still to cast and the ties
    the head of panel decides."""
    from intercity.awards import sections_applications, sections_round2, views_round1

    return [
        *sections_applications.start_sections(request),
        *views_round1.start_sections(request),
        *sections_round2.ballots(request),
        *sections_round2.staff(request),
    ]


def remind_judges(now: dt.datetime) -> dict[str, Any]:
    from intercity.accounts.permissions import SYSTEM
    from intercity.awards.services import reminders

    return reminders.remind_judges(SYSTEM, timezone.localdate(now))


def describe_reminders(details: dict[str, Any]) -> str:
    editions, queued = details.get("editions", 0), details.get("queued", 0)
    return "; ".join(
        [
            ngettext(
                "%(count)d edition with a round closing soon",
                "%(count)d editions with a round closing soon",
                editions,
            )
            % {"count": editions},
            ngettext("%(count)d judge reminded", "%(count)d judges reminded", queued)
            % {"count": queued},
        ]
    )


JUDGE_REMINDERS = Job(
    name="awards.judge-reminders",
    cron="30 8 * * *",
    label=cast(str, gettext_lazy("Reminders to award judges")),
    rhythm=cast(str, gettext_lazy("Every day, 08:30.")),
    description=cast(
        str,
        gettext_lazy(
            "A week before a round of an award closes, reminds each judge who has scorecards "
            "to submit or categories to vote in, once per round."
        ),
    ),
    run=remind_judges,
    describe=describe_reminders,
)


manifest = Manifest(
    name="awards",
    label=cast(str, gettext_lazy("Awards")),
    urls=("intercity.awards.urls",),
    api=("intercity.awards.api:router", "intercity.awards.api_results:router"),
    roles=("judge",),
    seed="intercity.awards.seed",
    menu=menu,
    network_links=network_links,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
    schedules=(JUDGE_REMINDERS,),
)
