"""What the awards module brings: the editions of a network's award, applications, the two
evaluation rounds and the published results; a judge's scorecards on their start page."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    # Translators: the module's link in the site's header menu
    return [Link(_("Awards"), reverse("awards_home"))]


def _round2_ballots(request: HttpRequest) -> list[Section]:
    """For a judge: the categories where their round-2 vote is still to be cast."""
    from django.utils.translation import ngettext

    from intercity.awards.services import round2

    sections = []
    for edition, categories in round2.ballots_left(request.user):
        sections.append(
            Section(
                _("Round 2: your votes in %(edition)s") % {"edition": edition.title},
                links=(
                    Link(
                        ngettext(
                            "Vote in %(count)s category",
                            "Vote in %(count)s categories",
                            len(categories),
                        )
                        % {"count": len(categories)},
                        reverse("awards_round2_ballot", args=[edition.pk]),
                        description=", ".join(c.name for c in categories),
                        style="button",
                    ),
                ),
                anchor=f"awards-round2-{edition.pk}",
                order=20,
            )
        )
    return sections


def _round2_staff(request: HttpRequest) -> list[Section]:
    """For the Secretariat: the editions in round 2 (who has voted) and those decided but
    not yet published."""
    from intercity.accounts import permissions
    from intercity.awards.models import Edition, Stage

    if not permissions.is_secretariat(request.user):
        return []
    links = []
    for edition in Edition.objects.filter(stage__in=[Stage.ROUND2, Stage.DECIDED]).order_by(
        "-year", "pk"
    ):
        if edition.stage == Stage.ROUND2:
            links.append(
                Link(
                    _("%(edition)s: who has voted in round 2") % {"edition": edition.title},
                    reverse("awards_round2_progress", args=[edition.pk]),
                )
            )
        else:
            links.append(
                Link(
                    _("%(edition)s: results to publish") % {"edition": edition.title},
                    reverse("awards_results", args=[edition.pk]),
                )
            )
    if not links:
        return []
    return [Section(_("Awards: round 2 and results"), links=tuple(links), anchor="awards-round2")]


def start_sections(request: HttpRequest) -> list[Section]:
    return _round2_ballots(request) + _round2_staff(request)


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
