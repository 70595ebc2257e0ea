"""What membership brings: applications, dues and the financial report, and what it adds to the
registry's pages (apply and the Secretariat's screens on a network, a member's account on an
organisation) and to a person's start page."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


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


def remind_arrears(now: dt.datetime) -> dict[str, Any]:
    from intercity.accounts.permissions import SYSTEM
    from intercity.membership import services

    return services.queue_arrears_reminders(SYSTEM, timezone.localdate(now))


def describe_reminders(details: dict[str, Any]) -> str:
    queued, without = details.get("queued", 0), details.get("without_email", 0)
    text = ngettext("%(count)d reminder queued", "%(count)d reminders queued", queued) % {
        "count": queued
    }
    if without:
        text += "; " + ngettext(
            "%(count)d member without an e-mail address",
            "%(count)d members without an e-mail address",
            without,
        ) % {"count": without}
    return text


# The Statute (2017, Art. 7.3) lets the Executive Committee suspend a member whose fees remain
# in arrears, and sets fees per year (Art. 8) but no date for reminding: a member past due is
# reminded once a month, so that no one reaches the Committee's table unreminded.
ARREARS_REMINDERS = Job(
    name="membership.arrears-reminders",
    cron="0 9 1 * *",
    label=cast(str, gettext_lazy("Reminders of fees in arrears")),
    rhythm=cast(str, gettext_lazy("On the first of each month, 09:00.")),
    description=cast(
        str,
        gettext_lazy(
            "Reminds each member with an unpaid invoice past its due date, in every network "
            "(Statute Art. 7.3: members in arrears may be suspended). An invoice with a "
            "reminder still waiting is not reminded twice."
        ),
    ),
    run=remind_arrears,
    describe=describe_reminders,
)


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
    schedules=(ARREARS_REMINDERS,),
)
