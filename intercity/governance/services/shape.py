"""What a network's own statute and records define, so its pages show only that: its
bodies, whether it has a committee that holds offices, regional offices, a statute text and
the rules and deadlines that text sets. Derived from the network's data, never from its name:
WeGO's Statute 2017 defines an Executive Committee, offices and regional offices (Art. 11-13);
ASCN's concept note (seed 004) defines an annual meeting and none of these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from intercity.governance import effects as decision_effects
from intercity.governance.models import StatuteVersion
from intercity.network import services as registry
from intercity.network.models import Body, Network


@dataclass(frozen=True)
class NetworkShape:
    """What the governance pages of one network may speak of."""

    bodies: list[str] = field(default_factory=list)
    committee: str = ""  # the name of its committee (a body that holds offices), if any
    has_statute: bool = False
    has_officers: bool = False
    has_regional_offices: bool = False
    composition_rule: bool = False  # a statute text sets the committee's composition
    written_consent: str = ""  # the article of its written-consent rule, if any
    regional_office_articles: list[str] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        """Whether the network holds statutory meetings at all (a body besides its
        secretariat)."""
        return bool(self.bodies)


def network_shape(network: Network, on: dt.date | None = None) -> NetworkShape:
    """What `network`'s statute texts and records define (the text in force `on`, else the
    latest, for its articles)."""
    bodies = list(network.bodies.exclude(kind=Body.Kind.SECRETARIAT))
    committee = next((b for b in bodies if b.kind == Body.Kind.COMMITTEE), None)
    statutes = list(StatuteVersion.objects.filter(network=network).order_by("effective_from"))
    in_force = [s for s in statutes if on is None or s.effective_from <= on]
    latest = in_force[-1] if in_force else (statutes[-1] if statutes else None)
    consent_article = ""
    composition = False
    articles: list[str] = []
    if latest is not None and committee is not None:
        consent = (latest.rules.get("written-consent") or {}).get(committee.slug) or {}
        consent_article = str(consent.get("article", ""))
        composition = bool((latest.composition or {}).get(committee.slug))
    if latest is not None:
        term = (latest.terms or {}).get("regional-office") or {}
        if isinstance(term, dict) and term.get("article"):
            articles.append(str(term["article"]))
    return NetworkShape(
        bodies=[b.name for b in bodies],
        committee=committee.name if committee else "",
        has_statute=bool(statutes),
        has_officers=committee is not None or registry.mandates(network).exists(),
        has_regional_offices=decision_effects.defines_regional_offices(network, statutes),
        composition_rule=composition,
        written_consent=consent_article,
        regional_office_articles=articles,
    )
