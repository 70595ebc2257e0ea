"""What the twinning part adds to other pages: on a start page, a pilot city officer's ranking
still to do (and a partner officer's), and for staff the rounds waiting on them (rankings to
match, pairs to confirm, a list to publish); a network's link to its twinning rounds."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core.modules import Link, Section
from intercity.exchange.models_twinning import TwinningRound
from intercity.exchange.services import twinning as services


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    if getattr(network, "slug", "") != "ascn":
        return []
    return [Link(_("Twinning programme"), reverse("exchange_twinning"))]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def _staff_links() -> tuple[Link, ...]:
    waiting: dict[str, str] = {
        TwinningRound.Status.OPEN: _("Run the matching of %(round)s"),
        TwinningRound.Status.MATCHED: _("Confirm the proposed pairs of %(round)s"),
        TwinningRound.Status.CONFIRMED: _("Publish the pairings of %(round)s"),
    }
    return tuple(
        Link(
            waiting[twinning.status] % {"round": str(twinning)},
            reverse("exchange_twinning_manage", args=[twinning.pk]),
        )
        for twinning in services.rounds().filter(status__in=list(waiting))
    )


def start_sections(request: HttpRequest) -> list[Section]:
    sections: list[Section] = []
    todo = [p for p in services.my_participations(request.user) if not p.opted_out]
    if todo:
        sections.append(
            Section(
                _("ASCN twinning: your rankings"),
                links=tuple(
                    Link(
                        (
                            _("Rank the external partners for %(name)s")
                            if p.side == p.Side.CITY
                            else _("Rank the pilot cities for %(name)s")
                        )
                        % {"name": p.organisation.name},
                        reverse("exchange_twinning_rank", args=[p.round_id, p.pk]),
                        description=(
                            _("Ranking saved; you may change it until the matching runs.")
                            if services.has_ranked(p)
                            else _("No ranking yet.")
                        ),
                    )
                    for p in todo
                ),
                anchor="twinning",
                order=82,
            )
        )
    if permissions.is_secretariat(request.user):
        links = _staff_links()
        if links:
            sections.append(
                Section(_("ASCN twinning rounds"), links=links, anchor="twinning-rounds", order=82)
            )
    return sections
