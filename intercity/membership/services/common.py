"""What every membership service shares: the money column, who may act, a category by slug."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.network import services as registry
from intercity.network.models import MembershipCategory, Network, Organisation

ZERO = Decimal("0.00")
MONEY_FIELD: DecimalField[Any, Any] = DecimalField(max_digits=14, decimal_places=2)


def require_secretariat(actor: Any) -> None:
    """Membership's staff-only actions use the platform's one check."""
    permissions.require_secretariat(actor)


def can_view_account(actor: Any, organisation: Organisation) -> bool:
    """A member's account is seen by the Secretariat and by that member's own officers."""
    return permissions.can_edit_organisation(actor, organisation.pk)


def known_category(network: Network, slug: str) -> MembershipCategory:
    """The network's category with this slug; an unknown slug is refused with the known ones."""
    category = registry.find_category(network, slug)
    if category is None:
        known = ", ".join(registry.category_slugs(network))
        raise DomainError(
            _("Unknown category '%(slug)s' in %(network)s; known: %(known)s.")
            % {"slug": slug, "network": network, "known": known}
        )
    return category
