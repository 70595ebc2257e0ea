"""What the needs part adds to other pages: on an officer's start page their cities' needs,
offers and exchanges; on the Secretariat's, the matching page with the count of open needs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.core.modules import Link, Section
from intercity.exchange.models_needs import Exchange, Need, Offer
from intercity.exchange.services import needs as services


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    return []


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    return []


def start_sections(request: HttpRequest) -> list[Section]:
    sections = []
    ids = permissions.officer_organisation_ids(request.user)
    if ids:
        needs = Need.objects.filter(organisation_id__in=ids, status=Need.Status.OPEN).count()
        offers = Offer.objects.filter(organisation_id__in=ids, status=Offer.Status.OPEN).count()
        live = (
            services.visible_exchanges(request.user)
            .exclude(status__in=[Exchange.Status.DONE, Exchange.Status.CANCELLED])
            .count()
        )
        sections.append(
            Section(
                _("Needs, offers and exchanges"),
                links=(
                    Link(
                        _("Your city's needs and offers"),
                        reverse("exchange_needs_mine"),
                        description=", ".join(
                            [
                                ngettext("%(n)s open need", "%(n)s open needs", needs)
                                % {"n": needs},
                                ngettext("%(n)s open offer", "%(n)s open offers", offers)
                                % {"n": offers},
                                ngettext(
                                    "%(n)s exchange in progress",
                                    "%(n)s exchanges in progress",
                                    live,
                                )
                                % {"n": live},
                            ]
                        ),
                    ),
                    Link(_("Open needs and offers"), reverse("exchange_browse")),
                ),
                anchor="exchange-needs",
                order=75,
            )
        )
    if permissions.is_secretariat(request.user):
        count = services.open_need_count()
        sections.append(
            Section(
                _("Matching of needs and offers"),
                links=(
                    Link(
                        _("Run the matching"),
                        reverse("exchange_matching"),
                        description=ngettext("%(n)s open need", "%(n)s open needs", count)
                        % {"n": count},
                    ),
                ),
                anchor="exchange-matching",
                order=75,
            )
        )
    return sections
