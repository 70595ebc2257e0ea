"""Who holds which office, terms and the Executive Committee's composition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from intercity.governance import rules
from intercity.governance.formats import local_date
from intercity.governance.models import (
    StatuteVersion,
)
from intercity.governance.services.statute import _engine_versions, statute_on, statute_rows
from intercity.network import services as registry
from intercity.network.models import (
    Body,
    Mandate,
    Network,
    Organisation,
)

TERM_OF = {"executive_vice_president": "vice_president"}


@dataclass(frozen=True)
class TermEnd:
    """When a mandate ends: as recorded, or as the statute in force at its start sets the term
    (Art. 11.6, 12.6: three years), or unknown when neither says."""

    day: dt.date | None
    basis: str  # recorded | statute | unknown
    article: str = ""


def term_end(mandate: Mandate, rows: list[StatuteVersion] | None = None) -> TermEnd:
    if mandate.end is not None:
        return TermEnd(mandate.end, "recorded")
    rows = statute_rows(mandate.body.network) if rows is None else rows
    version = rules.version_in_force(_engine_versions(rows), mandate.start)
    statute = next((r for r in rows if version and r.name == version.name), None)
    terms = statute.terms if statute else {}
    # The Executive Vice President is a vice president city (Art. 11.4) and serves its term
    # (Art. 11.6: "the appointed vice president cities shall serve a term of three (3) years");
    # seed 002 has Makati as Executive Vice President "from 2017 to 2020".
    spec = terms.get(mandate.office) or terms.get(TERM_OF.get(mandate.office, "")) or {}
    years = spec.get("years") if isinstance(spec, dict) else None
    if not isinstance(years, int):
        return TermEnd(None, "unknown")
    return TermEnd(
        rules.add_months(mandate.start, 12 * years), "statute", str(spec.get("article", ""))
    )


@dataclass(frozen=True)
class Held:
    """A mandate with the end of its term, recorded or from the statute."""

    mandate: Mandate
    ends: TermEnd

    @property
    def organisation(self) -> Organisation:
        return self.mandate.organisation

    @property
    def office(self) -> str:
        return self.mandate.office

    @property
    def start(self) -> dt.date:
        return self.mandate.start

    @property
    def end(self) -> dt.date | None:
        return self.ends.day

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def held_offices(network: Network) -> list[Held]:
    """Every mandate of the network with the end of its term."""
    rows = statute_rows(network)
    return [
        Held(m, term_end(m, rows))
        for m in registry.mandates(network).select_related("body__network").order_by("start")
    ]


def offices_on(network: Network, on: dt.date, body: Body | None = None) -> list[Held]:
    """The offices held on a day: a term the statute ends (three years, Art. 11.6, 12.6) is
    over after it even when no later election is on record."""
    return [
        h
        for h in held_offices(network)
        if h.covers(on) and (body is None or h.mandate.body_id == body.pk)
    ]


def unknown_officers_note(network: Network, body: Body, on: dt.date) -> str:
    """What to say when no officer of a body is known on a day; empty when some are."""
    held = [h for h in held_offices(network) if h.mandate.body_id == body.pk]
    if any(h.covers(on) for h in held):
        return ""
    ended = [h for h in held if h.end is not None and h.end <= on]
    if not ended:
        return _("No officers of the %(body)s are on record for %(day)s.") % {
            "body": body.name,
            "day": local_date(on),
        }
    last = max(ended, key=lambda h: h.end or dt.date.min)
    how = f" ({last.ends.article})" if last.ends.basis == "statute" and last.ends.article else ""
    return _(
        "No officers of the %(body)s are known on %(day)s: the last terms on record ended on "
        "%(end)s%(how)s, and no later election or appointment is recorded."
    ) % {
        "body": body.name,
        "day": local_date(on),
        "end": local_date(last.end or on),
        "how": how,
    }


def composition_warnings(network: Network, on: dt.date) -> list[str]:
    """The Executive Committee on a day against the statute in force (Art. 11.2, 12.1).
    Nothing is claimed about a composition nobody is known to hold: see
    `unknown_officers_note`."""
    statute = statute_on(network, on)
    body = network.bodies.filter(kind=Body.Kind.COMMITTEE).first()
    if statute is None or body is None:
        return []
    limits = statute.composition.get(body.slug)
    if not limits:
        return []
    offices = [h.office for h in offices_on(network, on, body)]
    if not offices:
        return []
    return [str(p) for p in rules.composition_problems(offices, limits)]
