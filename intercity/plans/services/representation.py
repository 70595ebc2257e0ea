"""Representation in the ASEAN Smart Cities Network (seed 004, Scope and para. 8): the rule in
force, the states' pilot cities, their Chief Smart City Officers and National
Representatives, the ASEAN Chair by year and the shepherd.

Who does what: the ASEAN Secretariat nominates pilot cities (as the states send them) and
designates the representatives; anyone may read the representation and ask the what-if.
Each action runs in one transaction and writes its audit event. A nomination locks its
state's row first (`MemberState.nominations_version`), so two nominations at once for the last
place are counted one after the other and one is refused; the database holds "one in office at
a time" for each designation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.bounds import EARLIEST_YEAR
from intercity.core.errors import DomainError, NotFound
from intercity.network.models import Network, Organisation
from intercity.plans import rules_representation as rules
from intercity.plans.models_representation import (
    MOST_CITIES_PER_STATE,
    ChairYear,
    Designation,
    MemberState,
    Nomination,
    RepresentationRule,
)


def _today() -> dt.date:
    return timezone.localdate()


def get_network(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise NotFound(_("There is no network %(slug)s.") % {"slug": slug})
    return network


def get_state(network: Network, code: str) -> MemberState:
    state = MemberState.objects.filter(network=network, country=code.strip().upper()).first()
    if state is None:
        raise DomainError(
            _("%(code)s is not a Member State of %(network)s.")
            % {"code": code, "network": network.short_name},
            status=422,
        )
    return state


def rule_in_force(network: Network, on: dt.date | None = None) -> RepresentationRule | None:
    return (
        RepresentationRule.objects.filter(network=network, effective_from__lte=on or _today())
        .order_by("-effective_from")
        .first()
    )


def _as_rule(row: RepresentationRule | None) -> rules.Rule | None:
    if row is None:
        return None
    return rules.Rule(
        row.max_cities_per_state, row.capital_included, row.effective_from, row.source
    )


def state_cities(state: MemberState) -> rules.StateCities:
    names = [n.organisation.name for n in state.nominations.select_related("organisation")]
    return rules.StateCities(
        str(state.country.name), names, state.capital.name if state.capital else ""
    )


def check(network: Network, code: str, city: str, on: dt.date | None = None) -> rules.Ruling:
    """The what-if: may the state nominate a city of this name under the rule in force?"""
    state = get_state(network, code)
    day = on or _today()
    return rules.may_nominate(_as_rule(rule_in_force(network, day)), state_cities(state), city, day)


def nominate(
    actor: Any,
    network: Network,
    code: str,
    organisation: Organisation,
    on: dt.date | None = None,
    source: str = "",
) -> Nomination:
    """The Secretariat records a state's nomination of a pilot city; refused (nothing saved)
    when the rule in force on `on` does not allow it."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may record a nomination.")
    )
    day = on or _today()
    state = get_state(network, code)
    if organisation.kind != Organisation.Kind.CITY:
        raise DomainError(_("%(name)s is not a city.") % {"name": organisation.name})
    if organisation.country and organisation.country.code != state.country.code:
        raise DomainError(
            _("%(city)s is not in %(state)s.")
            % {"city": organisation.name, "state": state.country.name}
        )
    with transaction.atomic():
        # Lock the state first (a row lock on PostgreSQL; SQLite's IMMEDIATE transactions
        # already run one writer at a time): the count below is then the count at commit.
        MemberState.objects.filter(pk=state.pk).update(
            nominations_version=F("nominations_version") + 1
        )
        other = Nomination.objects.filter(network=network, organisation=organisation).first()
        if other is not None and other.state_id != state.pk:
            raise DomainError(
                _("%(city)s is already a pilot city of %(state)s.")
                % {"city": organisation.name, "state": other.state}
            )
        ruling = rules.may_nominate(
            _as_rule(rule_in_force(network, day)), state_cities(state), organisation.name, day
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    network=network,
                    state=state,
                    organisation=organisation,
                    nominated_on=day,
                    source=source,
                    recorded_by=permissions.user_or_none(actor),
                )
        except IntegrityError as exc:
            raise DomainError(
                _("%(city)s is already a pilot city.") % {"city": organisation.name}
            ) from exc
        audit.record(
            actor,
            "nominate_pilot_city",
            nomination,
            after=audit.snapshot(nomination, ["state", "organisation", "nominated_on"]),
            reason=ruling.reason,
        )
    return nomination


def designate(
    actor: Any,
    network: Network,
    role: str,
    person_name: str,
    *,
    state: MemberState | None = None,
    organisation: Organisation | None = None,
    user: Any = None,
    start: dt.date | None = None,
    demonstration: bool = False,
    source: str = "",
) -> Designation:
    """The Secretariat designates a Chief Smart City Officer (for a pilot city), a National
    Representative (for a state) or the shepherd; refused while another is in office."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may designate a representative.")
    )
    name = person_name.strip()
    if not name:
        raise DomainError(_("Give the person's name."))
    if role == Designation.Role.CSCO:
        if organisation is None:
            raise DomainError(_("A Chief Smart City Officer is designated for a pilot city."))
        if not Nomination.objects.filter(network=network, organisation=organisation).exists():
            raise DomainError(
                _("%(city)s is not a pilot city of the network.") % {"city": organisation.name}
            )
        state = None
        holder: str = organisation.name
    elif role == Designation.Role.NATIONAL_REPRESENTATIVE:
        if state is None:
            raise DomainError(_("A National Representative is designated for a Member State."))
        organisation = None
        holder = str(state.country.name)
    elif role == Designation.Role.SHEPHERD:
        state = organisation = None
        holder = network.short_name
    else:
        raise DomainError(_("Unknown role: %(role)s.") % {"role": role})
    taken = DomainError(
        _("%(holder)s already has a %(role)s in office; end that designation first.")
        % {"holder": holder, "role": Designation.Role(role).label}
    )
    with transaction.atomic():
        in_office = Designation.objects.filter(
            network=network, role=role, state=state, organisation=organisation, end__isnull=True
        )
        if in_office.exists():
            raise taken
        try:
            with transaction.atomic():
                designation = Designation.objects.create(
                    network=network,
                    role=role,
                    state=state,
                    organisation=organisation,
                    person_name=name,
                    user=user,
                    start=start or _today(),
                    demonstration=demonstration,
                    source=source,
                )
        except IntegrityError as exc:
            raise taken from exc
        audit.record(
            actor,
            "designate_representative",
            designation,
            after=audit.snapshot(
                designation, ["role", "state", "organisation", "person_name", "user", "start"]
            ),
        )
    return designation


def end_designation(actor: Any, designation: Designation, end: dt.date | None = None) -> None:
    """The Secretariat ends a designation (the person leaves office)."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may designate a representative.")
    )
    day = end or _today()
    if day < designation.start:
        raise DomainError(_("A designation cannot end before it starts."))
    with transaction.atomic():
        done = Designation.objects.filter(pk=designation.pk, end__isnull=True).update(end=day)
        if not done:
            raise DomainError(_("This designation has already ended."))
        audit.record(
            actor, "end_designation", designation, before={"end": None}, after={"end": day}
        )


def earliest_chair_year(network: Network) -> int:
    """The first year a Chair of the network can be recorded for: the year it was founded, or
    the first Chair on record where that is earlier or the founding is not known (the ASCN's
    data starts with Singapore's chairmanship of 2018); with neither, the platform's bound."""
    known = [network.founded_on.year] if network.founded_on else []
    first = ChairYear.objects.filter(network=network).order_by("year").first()
    if first is not None:
        known.append(first.year)
    return min(known, default=EARLIEST_YEAR)


def record_chair(
    actor: Any, network: Network, year: int, state: MemberState, source: str = ""
) -> ChairYear:
    """The Secretariat records the ASEAN Chair of a year (its National Representative chairs
    and hosts that year's annual meeting), as the chairmanship rotates."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may record the ASEAN Chair.")
    )
    if state.network_id != network.pk:
        raise DomainError(_("That state is not a member of this network."))
    first = earliest_chair_year(network)
    if year < first:
        raise DomainError(
            _("%(network)s has no ASEAN Chair before %(year)d.")
            % {"network": network.short_name, "year": first}
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                chair = ChairYear.objects.create(
                    network=network, year=year, state=state, source=source.strip()
                )
        except IntegrityError as exc:
            raise DomainError(
                _("The ASEAN Chair of %(year)d is already recorded.") % {"year": year}
            ) from exc
        audit.record(
            actor,
            "record_asean_chair",
            chair,
            after={"year": year, "state": state.pk, "source": chair.source},
        )
    return chair


def record_rule(
    actor: Any,
    network: Network,
    *,
    effective_from: dt.date,
    max_cities_per_state: int,
    capital_included: bool,
    source: str,
    scope: str = "",
    quote: str = "",
) -> RepresentationRule:
    """The Secretariat records a representation rule in force from a day (the concept note
    leaves "room for expansion" after the inaugural year). Earlier rules stay as they were:
    every ruling is made by the rule in force on its day. A state that already has more pilot
    cities than a lower limit keeps them; the page marks the disagreement."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may record a representation rule.")
    )
    if max_cities_per_state < 1:
        raise DomainError(_("A rule allows at least one pilot city per state."))
    if max_cities_per_state > MOST_CITIES_PER_STATE:
        raise DomainError(
            _("A rule allows at most %(most)d pilot cities per state.")
            % {"most": MOST_CITIES_PER_STATE}
        )
    if not source.strip():
        raise DomainError(_("Say where the rule comes from (a document, a decision)."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                rule = RepresentationRule.objects.create(
                    network=network,
                    effective_from=effective_from,
                    max_cities_per_state=max_cities_per_state,
                    capital_included=capital_included,
                    scope=scope.strip(),
                    quote=quote.strip(),
                    source=source.strip(),
                )
        except IntegrityError as exc:
            raise DomainError(
                _("A rule in force from %(day)s is already recorded.")
                % {"day": effective_from.isoformat()}
            ) from exc
        audit.record(
            actor,
            "record_representation_rule",
            rule,
            after={
                "effective_from": effective_from,
                "max_cities_per_state": max_cities_per_state,
                "capital_included": capital_included,
                "source": rule.source,
            },
        )
    return rule


def _in_office(on: dt.date) -> Q:
    return Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gte=on))


def represented_states(user: Any, network: Network) -> set[str]:
    """The ISO 3166 alpha-2 codes of the states `user` is National Representative of today."""
    if not getattr(user, "is_authenticated", False):
        return set()
    rows = Designation.objects.filter(
        _in_office(_today()),
        network=network,
        role=Designation.Role.NATIONAL_REPRESENTATIVE,
        user=user,
    ).values_list("state__country", flat=True)
    return {str(code) for code in rows}


def chair_representative(network: Network, year: int) -> Any:
    """The login of the National Representative of the state that holds the ASEAN
    chairmanship in `year` (seed 004: the ASEAN Chair's representative chairs the network),
    designated in office during that year; None when the year's Chair or its representative's
    login is not on record."""
    chair = ChairYear.objects.filter(network=network, year=year).first()
    if chair is None:
        return None
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    designation = (
        Designation.objects.filter(
            Q(end__isnull=True) | Q(end__gte=first),
            network=network,
            role=Designation.Role.NATIONAL_REPRESENTATIVE,
            state=chair.state,
            start__lte=last,
            user__isnull=False,
        )
        .select_related("user")
        .order_by("-start", "-pk")
        .first()
    )
    return designation.user if designation else None


def csco_cities(user: Any, network: Network) -> set[int]:
    """The organisation ids of the pilot cities `user` is Chief Smart City Officer of today."""
    if not getattr(user, "is_authenticated", False):
        return set()
    rows = Designation.objects.filter(
        _in_office(_today()), network=network, role=Designation.Role.CSCO, user=user
    ).values_list("organisation_id", flat=True)
    return {int(pk) for pk in rows if pk is not None}


# --- Reading, for the representation page -------------------------------------------------


@dataclass
class CityRow:
    organisation: Organisation
    capital: bool
    csco: Designation | None


@dataclass
class StateRow:
    state: MemberState
    cities: list[CityRow]
    representative: Designation | None
    disagreement: str
    chair_years: list[int] = field(default_factory=list)


@dataclass
class Representation:
    rule: RepresentationRule | None
    later_rules: list[RepresentationRule]
    states: list[StateRow]
    chairs: list[ChairYear]
    shepherd: Designation | None
    total_cities: int


def representation(network: Network, on: dt.date | None = None) -> Representation:
    day = on or _today()
    rule = rule_in_force(network, day)
    in_office = Designation.objects.filter(_in_office(day), network=network).select_related("user")
    cscos = {d.organisation_id: d for d in in_office if d.role == Designation.Role.CSCO}
    reps = {d.state_id: d for d in in_office if d.role == Designation.Role.NATIONAL_REPRESENTATIVE}
    shepherd = next((d for d in in_office if d.role == Designation.Role.SHEPHERD), None)
    chairs = list(ChairYear.objects.filter(network=network).select_related("state"))
    rows = []
    total = 0
    states = MemberState.objects.filter(network=network).select_related("capital")
    for state in sorted(states, key=lambda s: str(s.country.name)):
        nominations = list(state.nominations.select_related("organisation"))
        total += len(nominations)
        cities = [
            CityRow(
                n.organisation, n.organisation_id == state.capital_id, cscos.get(n.organisation_id)
            )
            for n in nominations
        ]
        rows.append(
            StateRow(
                state,
                cities,
                reps.get(state.pk),
                rules.disagreement(_as_rule(rule), state_cities(state)),
                [c.year for c in chairs if c.state_id == state.pk],
            )
        )
    later = list(
        RepresentationRule.objects.filter(network=network, effective_from__gt=day).order_by(
            "effective_from"
        )
    )
    return Representation(rule, later, rows, chairs, shepherd, total)
