"""Seeds of the plans part, each row citing its seed passage. Idempotent.

The focus areas are the sectors seed 004 paragraph 6 names: "Smart cities development cuts
across many sectors such as transport, water quality, energy, health care, education, public
services, data, and information and communications technology (ICT)", so that member cities
"focus on areas that matter to them, in line with each city's local and cultural context"."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.translation import gettext_noop

from intercity.network.models import Network
from intercity.plans.models import FocusArea

SOURCE = "004, Scope, paragraph 6"
# The concept note's year: the areas are in use from the network's first year.
IN_USE_FROM = dt.date(2018, 1, 1)
AREAS = (
    ("transport", gettext_noop("Transport")),
    ("water-quality", gettext_noop("Water quality")),
    ("energy", gettext_noop("Energy")),
    ("health-care", gettext_noop("Health care")),
    ("education", gettext_noop("Education")),
    ("public-services", gettext_noop("Public services")),
    ("data", gettext_noop("Data")),
    ("ict", gettext_noop("Information and communications technology (ICT)")),
)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="ascn").first()
    if network is None:
        return created
    for position, (slug, name) in enumerate(AREAS):
        _area, made = FocusArea.objects.get_or_create(
            network=network,
            slug=slug,
            defaults={
                "name": name,
                "source": SOURCE,
                "valid_from": IN_USE_FROM,
                "position": position,
            },
        )
        created["focus areas"] += made
    return created
