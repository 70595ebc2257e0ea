"""What round 2 adds to the start page: a judge's votes still to cast; the Secretariat's
round-2 progress and the decided results waiting to be published."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section


def ballots(request: HttpRequest) -> list[Section]:
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


def staff(request: HttpRequest) -> list[Section]:
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
