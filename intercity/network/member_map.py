"""The member map of a network's page: its current members placed on a world map, coloured
by region (or category where a network has no regions), and one organisation's location.
Split out of `network.services`, which names both functions as before."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from intercity.network import rules
from intercity.network.models import Network, Organisation
from intercity.network.services import CURRENT, MemberFilter, members

# --- The member map --------------------------------------------------------------------------

# Colour-blind-safe colours (Okabe & Ito, then four darker ones for networks with more groups),
# each at least 3:1 against the map's pale land, as WCAG 1.4.11 asks of a graphic's parts.
MAP_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#8a6d00",
    "#6a3d9a",
    "#b2182b",
    "#8c564b",
    "#1a1a1a",
    "#007c91",
)


# Members with no region (or category) are drawn in a neutral grey, never in a group's colour.
NO_GROUP_COLOUR = "#6b7280"


@dataclass(frozen=True)
class MapPlace:
    organisation: Organisation
    group: str
    colour: str
    x: float
    y: float


@dataclass(frozen=True)
class MapGroup:
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class MemberMap:
    """The current members of a network on a day, placed on the world map and coloured by
    region (by category where the network has no regions), with those that cannot be placed."""

    on: dt.date
    grouped_by: str
    places: list[MapPlace]
    legend: list[MapGroup]
    unplaced: list[Organisation]
    view: rules.ViewBox
    width: int = rules.MAP_WIDTH
    height: int = rules.MAP_HEIGHT

    @property
    def whole_world(self) -> bool:
        return self.view.width >= rules.MAP_WIDTH

    @property
    def point_radius(self) -> float:
        """Points keep about the same size on screen however close the map frames them."""
        return round(max(0.9, 1.7 * self.view.width / rules.MAP_WIDTH), 2)


def member_map(network: Network, on: dt.date) -> MemberMap:
    periods = list(members(network, MemberFilter(on=on, status=CURRENT)))
    by_region = network.regions.exists()
    if by_region:
        # Instances, not values_list: the name in the reader's language, as group_of has it.
        order = [region.name for region in network.regions.all()]
        group_of = {
            p.pk: (p.membership.region.name if p.membership.region else "") for p in periods
        }
    else:
        order = [category.name for category in network.categories.all()]
        group_of = {p.pk: p.category.name for p in periods}
    no_group = str(_("No region")) if by_region else str(_("No category"))
    groups = [
        name for name in [*order, no_group] if name in {g or no_group for g in group_of.values()}
    ]
    colour = {name: MAP_COLOURS[i % len(MAP_COLOURS)] for i, name in enumerate(groups)}
    colour[no_group] = NO_GROUP_COLOUR
    places, unplaced = [], []
    counts: Counter[str] = Counter()
    for period in periods:
        organisation = period.membership.organisation
        group = group_of[period.pk] or no_group
        if organisation.latitude is None or organisation.longitude is None:
            unplaced.append(organisation)
            continue
        point = rules.project(float(organisation.latitude), float(organisation.longitude))
        places.append(MapPlace(organisation, group, colour[group], point.x, point.y))
        counts[group] += 1
    return MemberMap(
        on=on,
        grouped_by=str(_("region")) if by_region else str(_("category")),
        places=places,
        legend=[MapGroup(name, colour[name], counts[name]) for name in groups if counts[name]],
        unplaced=unplaced,
        view=rules.fit_view([rules.MapPoint(p.x, p.y) for p in places]),
    )


@dataclass(frozen=True)
class Location:
    """Where one organisation is, for the small map on its page."""

    x: float
    y: float
    view: rules.ViewBox
    latitude: Decimal
    longitude: Decimal
    source: str


def location(organisation: Organisation) -> Location | None:
    if organisation.latitude is None or organisation.longitude is None:
        return None
    point = rules.project(float(organisation.latitude), float(organisation.longitude))
    return Location(
        point.x,
        point.y,
        rules.view_around(point),
        organisation.latitude,
        organisation.longitude,
        organisation.coordinates_source,
    )
