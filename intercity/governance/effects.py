"""What a decision changes elsewhere: one class per effect, each with the fields it must name,
its check (when the motion is tabled, so an adopted motion never fails for want of a detail),
how it applies (when the decision is adopted, each change citing the decision), and its words
(one line on the decision page, one sentence in the memorandum).

A decision stores its effects as plain dicts, `{"action": "approve-membership", ...}`; the
API's schema and the seed's records keep that shape. Effects on membership need the
`membership` module: without it they are refused when a motion is tabled, and the reason
names the missing module.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intercity.core.errors import DomainError
from intercity.governance import rules
from intercity.governance.models import Decision, StatuteVersion
from intercity.network import services as registry
from intercity.network.models import Body, Mandate, Network, Organisation

Effect = dict[str, Any]

MEMBERSHIP_APP = "intercity.membership"


def membership_installed() -> bool:
    return apps.is_installed(MEMBERSHIP_APP)


# --- Names an effect's words need, loaded once for a page or a memorandum --------------------


@dataclass
class Names:
    organisations: dict[int, str]
    categories: dict[str, str]
    regions: dict[str, str]
    offices: dict[int, str]
    network: str

    @classmethod
    def load(cls, network: Network, effects: list[Effect]) -> Self:
        organisation_ids = {
            e["organisation"] for e in effects if isinstance(e.get("organisation"), int)
        }
        office_ids = {e["office"] for e in effects if isinstance(e.get("office"), int)}
        categories: dict[str, str] = {}
        regions: dict[str, str] = {}
        if effects:
            categories = registry.category_names(network)
            regions = registry.region_names(network)
        return cls(
            registry.organisation_names(organisation_ids),
            categories,
            regions,
            registry.regional_office_names(office_ids),
            str(network),
        )

    def who(self, effect: Effect) -> str:
        raw = effect.get("organisation")
        if isinstance(raw, int):
            return self.organisations.get(raw, str(effect.get("organisation_key", raw)))
        return str(raw or "")

    def region(self, effect: Effect) -> str:
        slug = str(effect.get("region", ""))
        return self.regions.get(slug, slug)


def office_words(office: str) -> str:
    if not office:
        return ""
    labels: dict[str, str] = {code: str(label) for code, label in Mandate.Office.choices}
    labels.update(
        {
            "member": gettext("Member of the Executive Committee"),
            "ga-host": gettext("Host of the next General Assembly"),
            "regional-office": gettext("Regional office"),
        }
    )
    return str(labels.get(office, office.replace("_", " ").replace("-", " ").capitalize()))


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _on(effect: Effect) -> str:
    return " " + gettext("on %(day)s") % {"day": effect["on"]} if effect.get("on") else ""


# --- What effects share ---------------------------------------------------------------------


def executive_committee(network: Network) -> Body:
    body = network.bodies.filter(kind=Body.Kind.COMMITTEE).first()
    if body is None:
        raise DomainError(
            _("%(network)s has no Executive Committee to hold the office.") % {"network": network}
        )
    return body


def term_years(decision: Decision, office: str, default: int) -> int:
    statute = decision.statute_version
    terms = statute.terms if statute else {}
    years = (terms.get(office) or {}).get("years", default)
    return int(years)


def _organisation(effect: Effect) -> Organisation:
    return registry.get_organisation(effect["organisation"])


def has_committee(network: Network) -> bool:
    return network.bodies.filter(kind=Body.Kind.COMMITTEE).exists()


def defines_regional_offices(
    network: Network, statutes: Iterable[StatuteVersion] | None = None
) -> bool:
    """Whether the network has regional offices: a statute text that sets their term or a
    rule for them (WeGO Art. 13.5-13.8), or one on record. ASCN's concept note defines none."""
    if statutes is None:
        statutes = StatuteVersion.objects.filter(network=network).only("rules", "terms")
    for statute in statutes:
        if "regional-office" in (statute.terms or {}):
            return True
        if any(str(rule).startswith("regional-office") for rule in statute.rules or {}):
            return True
    return network.regional_offices.exists()


class EffectKind:
    """One kind of effect. `proposable` effects may be tabled with a motion; the others are
    only recorded (the seed's history, an election's region) and said in words."""

    action: ClassVar[str]
    fields: ClassVar[tuple[str, ...]] = ()
    # Fields a person may add that the effect does not need (a suspension's reason).
    optional: ClassVar[tuple[str, ...]] = ()
    proposable: ClassVar[bool] = True
    needs_membership: ClassVar[bool] = False
    # What the motion form's choice says ("Approve a member in a category").
    label: ClassVar[Any] = ""
    # The decision page's line; `{field}` names a field of the effect, the rest follow in
    # brackets so nothing recorded is hidden.
    line: ClassVar[Any] = ""

    def available(self, network: Network) -> bool:
        """Whether the network's own bodies and records allow this effect at all, so a form
        offers only what the network's statute defines."""
        return self.proposable and (not self.needs_membership or membership_installed())

    def check(self, network: Network, effect: Effect, on: Any = None) -> None:
        """Refuses an effect that could not be applied if adopted (on `on`, when known)."""

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        """Changes the registry or the membership history, citing the decision."""

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        details = ", ".join(f"{k}: {v}" for k, v in effect.items() if k != "action")
        return f"{self.action.replace('-', ' ').capitalize()}" + (
            f" ({details})" if details else ""
        )


def _membership() -> Any:
    from intercity.membership import services as membership

    return membership


class ApproveMembership(EffectKind):
    action = "approve-membership"
    fields = ("organisation", "category")
    needs_membership = True
    label = _("Approve a member in a category")
    line = _("{organisation}: membership approved as {category} member")

    def check(self, network: Network, effect: Effect, on: Any = None) -> None:
        if not network.categories.filter(slug=effect["category"]).exists():
            raise DomainError(
                _("Unknown category '%(category)s' in %(network)s.")
                % {"category": effect["category"], "network": network}
            )
        state = _membership().member_state(network, _organisation(effect))
        name = registry.organisation_names({effect["organisation"]}).get(effect["organisation"], "")
        if state.status is None:
            raise DomainError(
                _("%(name)s holds no membership of %(network)s: it applies and is admitted first.")
                % {"name": name, "network": network}
            )
        if state.category == effect["category"]:
            raise DomainError(_("%(name)s is already in that category.") % {"name": name})
        if on is not None and state.since is not None and on <= state.since:
            raise DomainError(
                _(
                    "%(name)s's current membership began on %(value)s; an approval takes effect "
                    "after that day, not on %(value2)s."
                )
                % {"name": name, "value": state.since.isoformat(), "value2": on.isoformat()}
            )

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        _membership().approve_membership(
            actor,
            decision.network,
            _organisation(effect),
            effect["category"],
            decision.date,
            decision.reference,
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        category = str(effect.get("category", ""))
        name = names.categories.get(category, f"{category} member").lower()
        english = (translation.get_language() or "en").startswith("en")
        return gettext("%(who)s approved as %(category)s") % {
            "who": names.who(effect),
            "category": _a(name) if english else name,
        }


class SuspendMembership(EffectKind):
    action = "suspend-membership"
    fields = ("organisation",)
    optional = ("reason",)
    needs_membership = True
    label = _("Suspend a member")
    line = _("{organisation}: membership suspended")

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        _membership().suspend_membership(
            actor,
            decision.network,
            _organisation(effect),
            decision.date,
            decision.reference,
            effect.get("reason") or decision.title,
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("%(who)s's membership suspended") % {"who": names.who(effect)} + _on(effect)


class LiftSuspension(EffectKind):
    action = "lift-suspension"
    fields = ("organisation",)
    needs_membership = True
    label = _("Lift a member's suspension")
    line = _("{organisation}: suspension lifted")

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        _membership().lift_suspension(
            actor, decision.network, _organisation(effect), decision.date, decision.reference
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("%(who)s's suspension lifted") % {"who": names.who(effect)} + _on(effect)


class WithdrawMembership(EffectKind):
    action = "withdraw-membership"
    fields = ("organisation",)
    needs_membership = True
    label = _("Record a member's withdrawal")
    line = _("{organisation}: withdrawal recorded")

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        _membership().withdraw_membership(
            actor, decision.network, _organisation(effect), decision.date, decision.reference
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("%(who)s withdrew from %(network)s") % {
            "who": names.who(effect),
            "network": names.network,
        } + _on(effect)


class AppointOffice(EffectKind):
    action = "appoint-office"
    fields = ("organisation", "office")
    label = _("Appoint a member to an office")
    line = _("{organisation}: {office}")

    def available(self, network: Network) -> bool:
        return has_committee(network)

    def check(self, network: Network, effect: Effect, on: Any = None) -> None:
        if effect["office"] not in rules.ELECTED_OFFICES:
            raise DomainError(_("Unknown office '%(office)s'.") % {"office": effect["office"]})

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        registry.appoint_mandate(
            actor,
            executive_committee(decision.network),
            _organisation(effect),
            effect["office"],
            decision.date,
            source=decision.reference,
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        office = office_words(str(effect.get("office", "")))
        values = {"who": names.who(effect), "office": office, "start": effect.get("start")}
        if effect.get("start"):
            return gettext("%(who)s takes office as %(office)s from %(start)s") % values
        return gettext("%(who)s takes office as %(office)s") % values


class SelectGaHost(EffectKind):
    action = "select-ga-host"
    fields = ("organisation",)
    label = _("Select the host of the next General Assembly")
    line = _("{organisation}: host of the next General Assembly, and so Executive Vice President")

    def available(self, network: Network) -> bool:
        # WeGO Art. 11.4 makes the host Executive Vice President, an office of the Committee.
        return has_committee(network)

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        # Art. 11.4: the next GA host city is automatically the Executive Vice President.
        registry.appoint_mandate(
            actor,
            executive_committee(decision.network),
            _organisation(effect),
            "executive_vice_president",
            decision.date,
            source=decision.reference,
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        values = {"who": names.who(effect), "year": effect.get("year")}
        if effect.get("year"):
            return (
                gettext(
                    "%(who)s selected to host the next General Assembly (%(year)s), and so "
                    "becomes Executive Vice President"
                )
                % values
            )
        return (
            gettext(
                "%(who)s selected to host the next General Assembly, and so becomes Executive "
                "Vice President"
            )
            % values
        )


class ApproveRegionalOffice(EffectKind):
    action = "approve-regional-office"
    fields = ("organisation", "region")
    label = _("Approve a city to host a regional office")
    line = _("{organisation}: regional office approved for the region {region}")

    def available(self, network: Network) -> bool:
        return defines_regional_offices(network) and network.regions.exists()

    def check(self, network: Network, effect: Effect, on: Any = None) -> None:
        if not network.regions.filter(slug=effect["region"]).exists():
            raise DomainError(
                _("Unknown region '%(region)s' in %(network)s.")
                % {"region": effect["region"], "network": network}
            )

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        network, on = decision.network, decision.date
        years = term_years(decision, "regional-office", default=5)
        registry.establish_regional_office(
            actor,
            network,
            network.regions.get(slug=effect["region"]),
            _organisation(effect),
            on,
            rules.add_months(on, 12 * years),
            source=decision.reference,
        )

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("%(who)s approved to host the regional office for %(region)s") % {
            "who": names.who(effect),
            "region": names.region(effect),
        }


class DissolveRegionalOffice(EffectKind):
    action = "dissolve-regional-office"
    fields = ("office",)
    label = _("Dissolve a regional office")
    line = _("Regional office {office} dissolved")

    def available(self, network: Network) -> bool:
        return network.regional_offices.exists()

    def check(self, network: Network, effect: Effect, on: Any = None) -> None:
        if not network.regional_offices.filter(pk=effect["office"]).exists():
            raise DomainError(
                _("No regional office %(office)s in %(network)s.")
                % {"office": effect["office"], "network": network}
            )

    def apply(self, actor: Any, decision: Decision, effect: Effect) -> None:
        office = decision.network.regional_offices.get(pk=effect["office"])
        registry.close_regional_office(actor, office, decision.date, decision.reference)

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        office_id = effect.get("office")
        if isinstance(office_id, int) and office_id in names.offices:
            return gettext("%(office)s dissolved") % {"office": names.offices[office_id]}
        return gettext("The regional office dissolved")


# Recorded only: set by an election for a regional office, or carried by the seed's history.


class RegionalOfficeElection(EffectKind):
    """The region an election for a regional office is held for; closing the election
    establishes the office (`services.elections`)."""

    action = "regional-office"
    proposable = False
    line = _("The regional office of the region {region} goes to the winner")

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        region = names.region(effect)
        if decision.winner_id is not None and decision.winner is not None:
            return gettext("%(who)s approved to host the regional office for %(region)s") % {
                "who": decision.winner.name,
                "region": region,
            }
        return gettext("The city elected hosts the regional office for %(region)s") % {
            "region": region
        }


class ContinueRegionalOffice(EffectKind):
    action = "continue-regional-office"
    proposable = False

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("The regional office for %(region)s in %(who)s continues") % {
            "region": names.region(effect),
            "who": names.who(effect),
        }


class RenameNetwork(EffectKind):
    action = "rename-network"
    proposable = False

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        return gettext("%(network)s renamed '%(name)s'") % {
            "network": names.network,
            "name": effect.get("name", ""),
        }


class AddMembershipCategory(EffectKind):
    action = "add-membership-category"
    proposable = False

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        category = str(effect.get("category", ""))
        return gettext("New membership category: %(category)s") % {
            "category": names.categories.get(category, category)
        }


class AdoptStatute(EffectKind):
    action = "adopt-statute"
    proposable = False

    def sentence(self, effect: Effect, decision: Decision, names: Names) -> str:
        values = {
            "version": effect.get("version") or gettext("The amended statute"),
            "day": effect.get("effective_from"),
        }
        if effect.get("effective_from"):
            return gettext("%(version)s adopted, in force from %(day)s") % values
        return gettext("%(version)s adopted") % values


class UnknownEffect(EffectKind):
    """An action no class knows (an old record): said by its name and details."""

    proposable = False

    def __init__(self, action: str) -> None:
        self.action = action  # type: ignore[misc]


REGISTRY: dict[str, EffectKind] = {
    kind.action: kind()
    for kind in (
        ApproveMembership,
        SuspendMembership,
        LiftSuspension,
        WithdrawMembership,
        AppointOffice,
        SelectGaHost,
        ApproveRegionalOffice,
        DissolveRegionalOffice,
        RegionalOfficeElection,
        ContinueRegionalOffice,
        RenameNetwork,
        AddMembershipCategory,
        AdoptStatute,
    )
}

# What each effect that may be tabled must name.
EFFECT_FIELDS: dict[str, tuple[str, ...]] = {
    action: kind.fields for action, kind in REGISTRY.items() if kind.proposable
}


def offered(network: Network) -> list[EffectKind]:
    """The effects a motion of this network may carry: only those its bodies and records
    allow (no office without a committee, no regional office where none is defined)."""
    return [kind for kind in REGISTRY.values() if kind.proposable and kind.available(network)]


def kind_of(effect: Effect) -> EffectKind:
    action = str(effect.get("action", ""))
    return REGISTRY.get(action) or UnknownEffect(action)


# --- Checking, applying, saying -------------------------------------------------------------


def check(network: Network, effects: list[Effect], on: Any = None) -> None:
    """Refuses, when a motion is tabled, an effect that could not be applied if adopted
    (`on`: the day it would apply, when known)."""
    for effect in effects:
        action = effect.get("action")
        kind = REGISTRY.get(str(action))
        if kind is None or not kind.proposable:
            known = ", ".join(sorted(EFFECT_FIELDS))
            raise DomainError(
                _("Unknown effect '%(action)s'; known: %(known)s.")
                % {"action": action, "known": known}
            )
        if kind.needs_membership and not membership_installed():
            raise DomainError(
                _(
                    "The effect '%(action)s' changes the membership history, and the membership "
                    "module is not installed."
                )
                % {"action": action}
            )
        missing = [f for f in kind.fields if effect.get(f) in (None, "")]
        if missing:
            raise DomainError(
                _("The effect '%(action)s' needs: %(value)s.")
                % {"action": action, "value": ", ".join(missing)}
            )
        if "organisation" in effect:
            if not isinstance(effect["organisation"], int):
                raise DomainError(str(_("An effect names its organisation by id.")))
            registry.get_organisation(effect["organisation"])
        kind.check(network, effect, on)


def apply(actor: Any, decision: Decision) -> None:
    """What an adopted decision changes elsewhere, each change citing the decision. The
    decision is claimed by a conditional UPDATE on its row, so its effects run once even if
    two transactions reach here (the caller's transaction undoes the claim on failure)."""
    claimed = Decision.objects.filter(pk=decision.pk, effects_applied=False).update(
        effects_applied=True
    )
    if not claimed:
        decision.effects_applied = True
        return
    for effect in decision.effects:
        kind = kind_of(effect)
        if kind.needs_membership and not membership_installed():
            raise DomainError(
                _("The effect '%(action)s' needs the membership module, which is not installed.")
                % {"action": kind.action}
            )
        kind.apply(actor, decision, effect)
    decision.effects_applied = True


def line(effect: Effect, names: Names) -> str:
    """One thing a decision changes elsewhere, in words for the decision page; what the words
    leave out follows in brackets, so nothing recorded is hidden."""
    kind = kind_of(effect)
    values = {k: v for k, v in effect.items() if k not in ("action", "organisation_key")}
    if isinstance(values.get("organisation"), int):
        values["organisation"] = names.organisations.get(
            values["organisation"], values["organisation"]
        )
    if kind.action == "appoint-office":
        values["office"] = rules.OFFICE_LABELS.get(values.get("office", ""), values.get("office"))
    template = str(kind.line)
    used = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    if template and used <= values.keys():
        text = template.format(**values)
    else:
        text, used = kind.action.replace("-", " ").capitalize(), set()
    extra = [f"{k.replace('_', ' ')} {v}" for k, v in values.items() if k not in used]
    return f"{text} ({', '.join(extra)})" if extra else text


def lines(decision: Decision) -> list[str]:
    """The decision page's lines for a decision's effects."""
    ids: Iterable[int] = (
        e["organisation"] for e in decision.effects if isinstance(e.get("organisation"), int)
    )
    names = Names(registry.organisation_names(set(ids)), {}, {}, {}, "")
    return [line(effect, names) for effect in decision.effects]


def sentence(effect: Effect, decision: Decision, names: Names) -> str:
    """An effect in the memorandum's words ("Goyang approved as a full member")."""
    return kind_of(effect).sentence(effect, decision, names)


@dataclass(frozen=True)
class Described:
    """An effect in words, and the organisation it changes (for a link to its record)."""

    text: str
    organisation_id: int | None = None
    organisation: str = ""


def described(decision: Decision) -> list[Described]:
    """A decision's effects in the memorandum's words ("Accra approved as a full member"),
    each with the organisation it changes, for the motion before the vote and the decision
    page after it."""
    if not decision.effects:
        return []
    names = Names.load(decision.network, decision.effects)
    found = []
    for effect in decision.effects:
        raw = effect.get("organisation")
        organisation_id = raw if isinstance(raw, int) else None
        found.append(
            Described(
                sentence(effect, decision, names),
                organisation_id,
                names.organisations.get(organisation_id, "") if organisation_id else "",
            )
        )
    return found
