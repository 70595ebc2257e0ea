"""The ASCN's representation rule as pure checks (seed 004, Scope and para. 8): "Each AMS will
be asked to nominate up to three cities (including its capital) as 'pilot' cities for the
inaugural year of the ASCN"; the network has "room for expansion when it matures" (a later
rule, with its own date, says how much).

No ORM, no request, no clock: the caller passes the rule in force on its date and what the
state has already nominated. Every answer says why, with its numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.network.rules import fold


@dataclass(frozen=True)
class Rule:
    """A representation rule as stored: at most `limit` pilot cities per Member State, from
    `effective_from`; with `capital_included`, the capital is one of them."""

    limit: int
    capital_included: bool
    effective_from: dt.date
    source: str


@dataclass(frozen=True)
class StateCities:
    """What a state has nominated: its name, its pilot cities' names and its capital's name
    ("" when no capital is recorded)."""

    state: str
    cities: Sequence[str]
    capital: str = ""

    @property
    def capital_nominated(self) -> bool:
        return bool(self.capital) and fold(self.capital) in {fold(c) for c in self.cities}


@dataclass(frozen=True)
class Ruling:
    allowed: bool
    reason: str
    count: int
    limit: int | None


def rule_in_force(rules: Sequence[Rule], on: dt.date) -> Rule | None:
    """The rule with the latest date not after `on`; None before the first."""
    in_force = [r for r in rules if r.effective_from <= on]
    return max(in_force, key=lambda r: r.effective_from) if in_force else None


def _list(names: Sequence[str]) -> str:
    return ", ".join(names)


def may_nominate(rule: Rule | None, state: StateCities, city: str, on: dt.date) -> Ruling:
    """May `state` nominate `city` as a pilot city under `rule` (the rule in force on `on`)?"""
    count = len(state.cities)
    name = city.strip()
    if rule is None:
        return Ruling(
            False,
            _("No representation rule is in force on %(date)s, so no city can be nominated.")
            % {"date": on.isoformat()},
            count,
            None,
        )
    limit = rule.limit
    if fold(name) in {fold(c) for c in state.cities}:
        return Ruling(
            False,
            _("%(city)s is already a pilot city of %(state)s.")
            % {"city": name, "state": state.state},
            count,
            limit,
        )
    if count >= limit:
        return Ruling(
            False,
            ngettext(
                "%(state)s already has %(count)d pilot city (%(cities)s); the rule in force "
                "since %(date)s allows up to %(limit)d per ASEAN Member State (%(source)s).",
                "%(state)s already has %(count)d pilot cities (%(cities)s); the rule in force "
                "since %(date)s allows up to %(limit)d per ASEAN Member State (%(source)s).",
                count,
            )
            % {
                "state": state.state,
                "count": count,
                "cities": _list(state.cities),
                "date": rule.effective_from.isoformat(),
                "limit": limit,
                "source": rule.source,
            },
            count,
            limit,
        )
    is_capital = bool(state.capital) and fold(name) == fold(state.capital)
    if (
        rule.capital_included
        and state.capital
        and not state.capital_nominated
        and not is_capital
        and count + 1 >= limit
    ):
        return Ruling(
            False,
            _(
                "%(state)s has %(left)d place left of %(limit)d, and the rule in force since "
                "%(date)s includes the capital among them: the last place is kept for "
                "%(capital)s (%(source)s)."
            )
            % {
                "state": state.state,
                "left": limit - count,
                "limit": limit,
                "date": rule.effective_from.isoformat(),
                "capital": state.capital,
                "source": rule.source,
            },
            count,
            limit,
        )
    return Ruling(
        True,
        _(
            "%(state)s has %(count)d of %(limit)d places taken; %(city)s would be pilot city "
            "number %(next)d under the rule in force since %(date)s (%(source)s)."
        )
        % {
            "state": state.state,
            "count": count,
            "limit": limit,
            "city": name,
            "next": count + 1,
            "date": rule.effective_from.isoformat(),
            "source": rule.source,
        },
        count,
        limit,
    )


def disagreement(rule: Rule | None, state: StateCities) -> str:
    """What a state's pilot list (as the seed or the registry gives it) says against the rule
    in force, in words; "" when they agree. The list is shown as it is, never cut down."""
    if rule is None:
        return ""
    problems = []
    count = len(state.cities)
    if count > rule.limit:
        problems.append(
            ngettext(
                "%(state)s has %(count)d pilot cities (%(cities)s), %(over)d more than the "
                "%(limit)d the rule in force since %(date)s allows (%(source)s). The list is "
                "kept as the network adopted it; the seed itself says the network has room for "
                "expansion, and no further city of %(state)s can be nominated under this rule.",
                "%(state)s has %(count)d pilot cities (%(cities)s), %(over)d more than the "
                "%(limit)d the rule in force since %(date)s allows (%(source)s). The list is "
                "kept as the network adopted it; the seed itself says the network has room for "
                "expansion, and no further city of %(state)s can be nominated under this rule.",
                count - rule.limit,
            )
            % {
                "state": state.state,
                "count": count,
                "cities": _list(state.cities),
                "over": count - rule.limit,
                "limit": rule.limit,
                "date": rule.effective_from.isoformat(),
                "source": rule.source,
            }
        )
    if rule.capital_included and count and state.capital and not state.capital_nominated:
        problems.append(
            _(
                "The rule includes each state's capital among its pilot cities, but %(capital)s "
                "is not one of %(state)s's."
            )
            % {"capital": state.capital, "state": state.state}
        )
    return " ".join(problems)
