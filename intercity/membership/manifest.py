"""What membership brings: applications, dues and the financial report, and what it adds to the
registry's pages (apply and the Secretariat's screens on a network, a member's account on an
organisation) and to a person's start page."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from intercity.core.modules import Link, Manifest, Section


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    from intercity.accounts import permissions

    links = [
        Link(
            gettext("Apply to join %(network)s") % {"network": network.short_name},
            reverse("membership_apply", args=[network.slug]),
            style="button",
        )
    ]
    if permissions.is_secretariat(request.user):
        links.append(
            Link(
                gettext("Secretariat screens"),
                reverse("membership_staff", args=[network.slug]),
                style="button-secondary",
            )
        )
    return links


def membership_links(request: HttpRequest, membership: Any) -> list[Link]:
    """A member's account, for those who may edit the organisation."""
    from intercity.accounts import permissions

    if not permissions.can_edit_organisation(request.user, membership.organisation_id):
        return []
    return [
        Link(
            gettext("%(network)s membership account: invoices, payments, balance")
            % {"network": membership.network.short_name},
            reverse(
                "membership_account", args=[membership.network.slug, membership.organisation_id]
            ),
        )
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    from intercity.accounts import permissions
    from intercity.network import services as registry

    links: list[Link] = []
    for organisation_id in sorted(permissions.officer_organisation_ids(request.user)):
        organisation = registry.get_organisation(organisation_id)
        for membership in registry.organisation_memberships(organisation):
            links.append(
                Link(
                    gettext("%(name)s: %(network)s membership account")
                    % {"name": organisation.name, "network": membership.network.short_name},
                    reverse("membership_account", args=[membership.network.slug, organisation_id]),
                )
            )
    if permissions.is_secretariat(request.user):
        links.append(Link(gettext("Import city figures"), reverse("membership_import_figures")))
    if not links:
        return []
    return [
        Section(gettext("Membership and dues"), links=tuple(links), anchor="membership", order=20)
    ]


manifest = Manifest(
    name="membership",
    # Lazy: read when shown, in the reader's language (typed str for the manifest).
    label=cast(str, gettext_lazy("Membership and dues")),
    urls=("intercity.membership.urls", "intercity.membership.urls_finance"),
    api=("intercity.membership.api:router",),
    seed="intercity.membership.seed",
    network_links=network_links,
    membership_links=membership_links,
    start_sections=start_sections,
)
