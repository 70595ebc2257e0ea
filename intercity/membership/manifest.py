"""What membership brings: applications, dues and the financial report, and what it adds to the
registry's pages (apply and the Secretariat's screens on a network, a member's account on an
organisation) and to a person's start page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def network_links(request: HttpRequest, network: Any) -> list[Link]:
    from intercity.accounts import permissions
    from intercity.membership import services

    if services.approving_body(network) is not None:
        apply = gettext("Apply to join %(network)s") % {"network": network.short_name}
    else:
        # Translators: a link on the page of a network whose members are nominated, not
        # admitted by application (ASCN's pilot cities)
        apply = gettext("How cities become members of %(network)s") % {
            "network": network.short_name
        }
    links = [Link(apply, reverse("membership_apply", args=[network.slug]), style="button")]
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
    from intercity.membership import services

    if not permissions.can_edit_organisation(request.user, membership.organisation_id):
        return []
    if not services.fee_paying_categories(membership.network):
        return []  # no fees in this network's rules, so no account of invoices and payments
    return [
        Link(
            gettext("%(network)s membership account: invoices, payments, balance")
            % {"network": membership.network.short_name},
            reverse(
                "membership_account", args=[membership.network.slug, membership.organisation_id]
            ),
        )
    ]


def _money(currency: str, amount: Decimal) -> str:
    return f"{currency} {number_format(amount, 2, force_grouping=True)}"


def _owed(balances: dict[str, Decimal]) -> str:
    return ", ".join(_money(currency, amount) for currency, amount in sorted(balances.items()))


def _secretariat_todo(request: HttpRequest, today: dt.date) -> list[Section]:
    """The applications to decide (the network whose oldest waits longest first) and the
    members in arrears, with links to the screens that deal with them."""
    from intercity.membership import services

    links = [
        Link(
            ngettext(
                "%(network)s: %(n)s application to decide",
                "%(network)s: %(n)s applications to decide",
                waiting.count,
            )
            % {"network": waiting.network.short_name, "n": waiting.count},
            reverse("membership_applications", args=[waiting.network.slug]),
            description=gettext("the oldest received on %(date)s")
            % {"date": date_format(timezone.localdate(waiting.oldest))},
        )
        for waiting in services.applications_waiting(request.user)
    ]
    links += [
        Link(
            ngettext(
                "%(network)s: %(n)s member in arrears",
                "%(network)s: %(n)s members in arrears",
                behind.members,
            )
            % {"network": behind.network.short_name, "n": behind.members},
            reverse("membership_arrears", args=[behind.network.slug]),
            description=gettext("%(owed)s past due; the most by %(member)s")
            % {"owed": _money("USD", behind.owed), "member": behind.largest.name},
        )
        for behind in services.arrears_by_network(request.user, today)
    ]
    return [
        Section(
            gettext("Membership: applications and arrears"),
            links=tuple(links),
            text="" if links else gettext("No application waits and no member is in arrears."),
            anchor="membership-todo",
            order=20,
        )
    ]


def _account_description(summary: Any) -> str:
    if not summary.open_invoices:
        return gettext("nothing owed")
    return ngettext(
        "%(n)s open invoice, %(owed)s owed, due on %(date)s",
        "%(n)s open invoices, %(owed)s owed, the oldest due on %(date)s",
        summary.open_invoices,
    ) % {
        "n": summary.open_invoices,
        "owed": _owed(summary.balance_by_currency),
        "date": date_format(summary.oldest_due),
    }


def _officer_accounts(request: HttpRequest, today: dt.date) -> list[Section]:
    """Each of the officer's cities' membership accounts in brief: what is open and owed."""
    from intercity.accounts import permissions
    from intercity.membership import services
    from intercity.network import services as registry

    links: list[Link] = []
    for organisation_id in sorted(permissions.officer_organisation_ids(request.user)):
        organisation = registry.get_organisation(organisation_id)
        for membership in registry.organisation_memberships(organisation):
            summary = services.account_summary(
                request.user, membership.network, organisation, today
            )
            if summary is None:
                continue
            links.append(
                Link(
                    gettext("%(name)s: %(network)s membership account")
                    % {"name": organisation.name, "network": membership.network.short_name},
                    reverse("membership_account", args=[membership.network.slug, organisation_id]),
                    description=_account_description(summary),
                )
            )
    if not links:
        return []
    return [
        Section(gettext("Membership and dues"), links=tuple(links), anchor="membership", order=20)
    ]


def _country_members(request: HttpRequest, today: dt.date) -> list[Section]:
    """A national representative's country's member cities and their dues. The country is
    that of the organisation the role names; a role that names none shows nothing here."""
    from intercity.accounts import permissions
    from intercity.membership import services
    from intercity.network import services as registry
    from intercity.network.models import Network

    sections = []
    for network_id, organisation_id in permissions.national_representative_grants(request.user):
        if organisation_id is None:
            continue
        country = registry.get_organisation(organisation_id).country
        networks = Network.objects.filter(pk=network_id) if network_id else Network.objects.all()
        for network in networks.order_by("short_name"):
            dues = services.country_members_dues(request.user, network, str(country), today)
            if not dues:
                continue
            sections.append(
                Section(
                    gettext("%(network)s members in %(country)s")
                    % {"network": network.short_name, "country": country.name},
                    links=tuple(
                        Link(
                            member.organisation.name,
                            reverse("organisation", args=[member.organisation.pk]),
                            description=(
                                gettext("%(owed)s past due") % {"owed": _money("USD", member.owed)}
                                if member.owed
                                else gettext("no fees past due")
                            ),
                        )
                        for member in dues
                    ),
                    anchor=f"country-members-{network.slug}",
                    order=25,
                )
            )
    return sections


def start_sections(request: HttpRequest) -> list[Section]:
    """The Secretariat's applications and arrears, an officer's accounts, a national
    representative's country's members."""
    from intercity.accounts import permissions

    today = timezone.localdate()
    sections = _officer_accounts(request, today) + _country_members(request, today)
    if permissions.is_secretariat(request.user):
        sections += _secretariat_todo(request, today)
    return sections


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
