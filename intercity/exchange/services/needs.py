"""Needs, offers, the Secretariat's matching and the exchanges (seed 001, Nairobi's proposal).

Who does what:
- a city officer posts, edits and withdraws their city's needs and offers (the Secretariat may
  too, for any city); a city must be a current member of the network it posts in;
- the Secretariat runs the matching over a network's open needs and offers (stored: when, by
  whom, each proposal with its score and reasons), and accepts or rejects each proposal; an
  accepted one becomes an exchange;
- either city's officers, or the Secretariat, move an exchange on: proposed -> agreed -> under
  way -> done (with a short report) | cancelled. A cancelled exchange frees its need and the
  offer's place.

Every action runs in one transaction and writes one audit event. Each state move is a
conditional update on the state it starts from, so two requests at once move a row once; the
loser is refused in words (409)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf.locale import LANG_INFO
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.assessment import services as assessment_services
from intercity.assessment.models import SectoralModule
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.exchange import rules_needs as rules
from intercity.exchange.models_needs import (
    Exchange,
    ExchangeForm,
    MatchingRun,
    Need,
    Offer,
    Proposal,
    Theme,
)
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation

Posting = Need | Offer
TITLE_MAX = 200
DESCRIPTION_MAX = 5000
REPORT_MAX = 4000
CAPACITY_MAX = 50

# ISO 639-1 languages (Django's own table, kept by Django): code -> English name.
LANGUAGES: dict[str, str] = {
    code: info["name"]
    for code, info in sorted(LANG_INFO.items())
    if len(code) == 2 and "name" in info
}

# The moves of an exchange: from -> the states it may go to.
MOVES: dict[str, tuple[str, ...]] = {
    Exchange.Status.PROPOSED: (Exchange.Status.AGREED, Exchange.Status.CANCELLED),
    Exchange.Status.AGREED: (Exchange.Status.UNDER_WAY, Exchange.Status.CANCELLED),
    Exchange.Status.UNDER_WAY: (Exchange.Status.DONE, Exchange.Status.CANCELLED),
    Exchange.Status.DONE: (),
    Exchange.Status.CANCELLED: (),
}

POSTING_FIELDS = [
    "organisation",
    "network",
    "title",
    "description",
    "theme",
    "module",
    "forms",
    "languages",
    "available_from",
    "available_to",
    "status",
]


def _now() -> dt.datetime:
    return timezone.now()


# --- Reading -----------------------------------------------------------------------------------


def themes(on: dt.date | None = None) -> QuerySet[Theme]:
    """The themes in force on a day (today by default)."""
    day = on or timezone.localdate()
    return Theme.objects.filter(effective_from__lte=day).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=day)
    )


def modules() -> QuerySet[SectoralModule]:
    return SectoralModule.objects.select_related("group").order_by("number")


def names() -> dict[str, dict[str, str]]:
    """Display names by slug or code, for wording reasons (in the request's language)."""
    from intercity.network.models import Region

    return {
        "theme": {t.slug: t.name for t in Theme.objects.all()},
        "module": {m.slug: m.name for m in SectoralModule.objects.all()},
        "region": {r.slug: r.name for r in Region.objects.all()},
        "form": {str(k): str(v) for k, v in ExchangeForm.choices},
        "language": LANGUAGES,
    }


def reasons_in_words(reasons: Iterable[Mapping[str, Any]], words: Any = None) -> list[str]:
    table = words or names()
    return [rules.reason_text(r, table) for r in reasons]


def _postings(model: type[Need] | type[Offer]) -> QuerySet[Any]:
    return model.objects.select_related("organisation", "network", "theme", "module")


def visible_postings(actor: Any, model: type[Need] | type[Offer]) -> QuerySet[Any]:
    """Open needs or offers for any signed-in person; also their own cities' others for an
    officer; every one for the Secretariat; nothing for an anonymous visitor."""
    found = _postings(model)
    if permissions.is_secretariat(actor):
        return found
    if not getattr(actor, "is_authenticated", False):
        return found.none()
    mine = permissions.officer_organisation_ids(actor)
    return found.filter(Q(status=Need.Status.OPEN) | Q(organisation_id__in=mine))


def get_posting(actor: Any, model: type[Need] | type[Offer], pk: int) -> Any:
    found = visible_postings(actor, model).filter(pk=pk).first()
    if found is None:
        if model is Need:
            raise NotFound(_("No need %(id)s.") % {"id": pk})
        raise NotFound(_("No offer %(id)s.") % {"id": pk})
    return found


def visible_exchanges(actor: Any) -> QuerySet[Exchange]:
    """The Secretariat sees every exchange; a city officer those of their cities (either side);
    anyone else none."""
    found = Exchange.objects.select_related(
        "need", "offer", "need_city", "offer_city", "network", "need__theme"
    )
    if permissions.is_secretariat(actor):
        return found
    mine = permissions.officer_organisation_ids(actor)
    return found.filter(Q(need_city_id__in=mine) | Q(offer_city_id__in=mine))


def get_exchange(actor: Any, pk: int) -> Exchange:
    found = visible_exchanges(actor).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No exchange %(id)s.") % {"id": pk})
    return found


def used_places(offer_ids: Iterable[int]) -> dict[int, int]:
    """How many live (not cancelled) exchanges each offer takes part in."""
    rows = (
        Exchange.objects.filter(offer_id__in=list(offer_ids))
        .exclude(status=Exchange.Status.CANCELLED)
        .values("offer_id")
        .annotate(n=Count("pk"))
    )
    return {row["offer_id"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Match:
    """What a city sees of a need's match: an accepted exchange, or a pending proposal."""

    need: Need
    pending: bool
    offer: Offer
    score: int
    reasons: list[str]
    exchange: Exchange | None


def matches_of(needs: Iterable[Need]) -> dict[int, Match]:
    """For each need, its live exchange (accepted by the Secretariat) or else its pending
    proposal, with the reasons in words."""
    needs = list(needs)
    words = names()
    found: dict[int, Match] = {}
    for exchange in (
        Exchange.objects.filter(need__in=needs)
        .exclude(status=Exchange.Status.CANCELLED)
        .select_related("offer__organisation")
    ):
        need = next(n for n in needs if n.pk == exchange.need_id)
        found[need.pk] = Match(
            need,
            False,
            exchange.offer,
            exchange.score,
            reasons_in_words(exchange.reasons, words),
            exchange,
        )
    for proposal in Proposal.objects.filter(
        need__in=needs, status=Proposal.Status.PENDING
    ).select_related("offer__organisation"):
        if proposal.need_id in found:
            continue
        need = next(n for n in needs if n.pk == proposal.need_id)
        found[need.pk] = Match(
            need,
            True,
            proposal.offer,
            proposal.score,
            reasons_in_words(proposal.reasons, words),
            None,
        )
    return found


def open_need_count(network: Network | None = None) -> int:
    found = Need.objects.filter(status=Need.Status.OPEN)
    if network is not None:
        found = found.filter(network=network)
    return found.count()


def latest_run(network: Network) -> MatchingRun | None:
    return MatchingRun.objects.filter(network=network).select_related("run_by").first()


def proposals_of(run: MatchingRun) -> QuerySet[Proposal]:
    return run.proposals.select_related(
        "need__organisation", "offer__organisation", "need__theme", "exchange"
    ).order_by("-score", "pk")


@dataclass(frozen=True)
class Suggestion:
    """A need the city's self-assessment suggests: a module with a gap, its theme, the reason
    kept at submission."""

    module: SectoralModule
    theme: Theme | None
    reason: str
    year: int


def suggestions(organisation: Organisation) -> list[Suggestion]:
    """Drawing on the city's self-assessment gaps: the modules its latest submitted or accepted
    assessment found wanting, the most pressing first, minus those it already has an open
    need for."""
    gaps = assessment_services.module_gaps(organisation.pk)
    if gaps is None:
        return []
    taken = set(
        Need.objects.filter(organisation=organisation, status=Need.Status.OPEN).values_list(
            "module__slug", flat=True
        )
    )
    by_slug = {m.slug: m for m in modules()}
    by_group = {t.challenge_group: t for t in themes() if t.challenge_group}
    found = []
    for slug in gaps.modules:
        module = by_slug.get(slug)
        if module is None or slug in taken:
            continue
        theme = by_group.get(module.group.slug) if module.group else None
        found.append(Suggestion(module, theme, gaps.reasons.get(slug, ""), gaps.year))
    return found


def theme_of_module(module: SectoralModule | None) -> Theme | None:
    if module is None or module.group is None:
        return None
    return themes().filter(challenge_group=module.group.slug).first()


def _organisations_of(actor: Any) -> QuerySet[Organisation]:
    if permissions.is_secretariat(actor):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=permissions.officer_organisation_ids(actor))


def own_cities(actor: Any) -> list[Organisation]:
    return list(_organisations_of(actor).order_by("name"))


def member_networks(organisation: Organisation, today: dt.date | None = None) -> list[Network]:
    """The networks the organisation is a current member of that day."""
    day = today or timezone.localdate()
    found = []
    for network in Network.objects.order_by("slug"):
        period = network_services.period_on(network, organisation, day)
        if period is not None and network_services.is_current(period.status):
            found.append(network)
    return found


# --- Needs and offers -----------------------------------------------------------------------


def _require_city_officer(actor: Any, organisation: Organisation) -> None:
    if not permissions.can_edit_organisation(actor, organisation.pk):
        raise PermissionDenied(
            _("Only an officer of %(city)s or the Secretariat may post for it.")
            % {"city": organisation.name}
        )


def _clean_posting(
    model: type[Need] | type[Offer],
    organisation: Organisation,
    network: Network,
    data: Mapping[str, Any],
) -> dict[str, Any]:
    """Check every value; a problem is refused in words before anything is saved."""
    if organisation.kind != Organisation.Kind.CITY:
        raise DomainError(_("Only a city posts needs and offers."))
    if network not in member_networks(organisation):
        raise DomainError(
            _("%(city)s is not a current member of %(network)s.")
            % {"city": organisation.name, "network": network.short_name}
        )
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        raise DomainError(_("Give a title."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("A title has at most 200 characters."))
    description = str(data.get("description") or "").strip()
    if not description:
        raise DomainError(_("Describe what is needed or offered."))
    if len(description) > DESCRIPTION_MAX:
        raise DomainError(_("A description has at most 5000 characters."))
    theme = data.get("theme")
    if not isinstance(theme, Theme) or not themes().filter(pk=theme.pk).exists():
        raise DomainError(_("Choose one of the themes in force."))
    module = data.get("module")
    if module is not None and not isinstance(module, SectoralModule):
        raise DomainError(_("Choose one of the sectoral modules."))
    forms = list(dict.fromkeys(data.get("forms") or []))
    if not forms or any(f not in ExchangeForm.values for f in forms):
        raise DomainError(_("Choose at least one form of exchange among those offered."))
    languages = list(dict.fromkeys(data.get("languages") or []))
    if not languages or any(code not in LANGUAGES for code in languages):
        raise DomainError(_("Choose at least one language (ISO 639-1 codes such as en or ko)."))
    start, end = data.get("available_from"), data.get("available_to")
    if start and end and end < start:
        raise DomainError(_("The period ends on or after the day it starts."))
    cleaned: dict[str, Any] = {
        "title": title,
        "description": description,
        "theme": theme,
        "theme_version": theme.version,
        "module": module,
        "forms": forms,
        "languages": languages,
        "available_from": start,
        "available_to": end,
        "from_assessment": bool(data.get("from_assessment")),
    }
    if model is Offer:
        capacity = data.get("capacity", 1)
        if not isinstance(capacity, int) or not 1 <= capacity <= CAPACITY_MAX:
            raise DomainError(_("An offer helps between 1 and 50 cities."))
        cleaned["capacity"] = capacity
    return cleaned


def post(
    actor: Any,
    model: type[Need] | type[Offer],
    organisation: Organisation,
    network: Network,
    *,
    demo: bool = False,
    **data: Any,
) -> Any:
    """A city posts a need or an offer."""
    _require_city_officer(actor, organisation)
    cleaned = _clean_posting(model, organisation, network, data)
    with transaction.atomic():
        posting = model.objects.create(
            organisation=organisation,
            network=network,
            created_by=permissions.user_or_none(actor),
            demo=demo,
            **cleaned,
        )
        audit.record(
            actor,
            f"post_exchange_{model.__name__.lower()}",
            posting,
            after=audit.snapshot(posting, POSTING_FIELDS),
        )
    return posting


def update(actor: Any, posting: Posting, **data: Any) -> Posting:
    """Change an open need or offer. The row is re-read under a lock: one that was matched or
    withdrawn meanwhile is refused."""
    model = type(posting)
    _require_city_officer(actor, posting.organisation)
    cleaned = _clean_posting(model, posting.organisation, posting.network, data)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=posting.pk).first()
        if locked is None or locked.status != Need.Status.OPEN:
            raise DomainError(_("Only an open need or offer can be changed."), status=409)
        before = audit.snapshot(locked, POSTING_FIELDS)
        if isinstance(locked, Offer):
            used = used_places([locked.pk]).get(locked.pk, 0)
            if cleaned["capacity"] < used:
                raise DomainError(
                    _(
                        "This offer already takes part in %(n)s exchanges; "
                        "its capacity cannot go lower."
                    )
                    % {"n": used}
                )
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(
            actor,
            f"edit_exchange_{model.__name__.lower()}",
            locked,
            before=before,
            after=audit.snapshot(locked, POSTING_FIELDS),
        )
    return locked


def withdraw(actor: Any, posting: Posting) -> Posting:
    """The city takes back an open need or offer; its pending proposals lapse."""
    model = type(posting)
    _require_city_officer(actor, posting.organisation)
    with transaction.atomic():
        moved = model.objects.filter(pk=posting.pk, status=Need.Status.OPEN).update(
            status=Need.Status.WITHDRAWN, updated_at=_now()
        )
        if not moved:
            raise DomainError(_("Only an open need or offer can be withdrawn."), status=409)
        lapsed = Proposal.objects.filter(
            Q(need_id=posting.pk) if model is Need else Q(offer_id=posting.pk),
            status=Proposal.Status.PENDING,
        ).update(status=Proposal.Status.SUPERSEDED)
        posting.refresh_from_db()
        audit.record(
            actor,
            f"withdraw_exchange_{model.__name__.lower()}",
            posting,
            before={"status": "open"},
            after={"status": posting.status, "proposals_lapsed": lapsed},
        )
    return posting


# --- The matching ---------------------------------------------------------------------------


def _side(posting: Posting, region: str, gap_modules: frozenset[str] = frozenset()) -> rules.Side:
    return rules.Side(
        id=posting.pk,
        city=posting.organisation_id,
        theme=posting.theme.slug,
        module=posting.module.slug if posting.module else "",
        region=region,
        languages=frozenset(posting.languages),
        forms=frozenset(posting.forms),
        start=posting.available_from,
        end=posting.available_to,
        capacity=getattr(posting, "capacity", 1),
        gap_modules=gap_modules,
    )


def run_matching(actor: Any, network: Network, *, demo: bool = False) -> MatchingRun:
    """The Secretariat matches the network's open needs with its open offers (each offer for
    the places it has left). The proposals still pending from earlier runs are superseded."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may run the matching.")
    )
    with transaction.atomic():
        # One run at a time per network: the network's row orders two runs started together.
        Network.objects.select_for_update().filter(pk=network.pk).first()
        needs = list(
            _postings(Need).filter(network=network, status=Need.Status.OPEN).order_by("pk")
        )
        offers = list(
            _postings(Offer).filter(network=network, status=Offer.Status.OPEN).order_by("pk")
        )
        used = used_places(o.pk for o in offers)
        regions: dict[int, str] = {}
        gaps: dict[int, frozenset[str]] = {}
        for organisation in {p.organisation for p in [*needs, *offers]}:
            region = network_services.region_of(network, organisation)
            regions[organisation.pk] = region.slug if region else ""
        for organisation in {n.organisation for n in needs}:
            found = assessment_services.module_gaps(organisation.pk)
            gaps[organisation.pk] = frozenset(found.modules) if found else frozenset()
        need_sides = [_side(n, regions[n.organisation_id], gaps[n.organisation_id]) for n in needs]
        offer_sides = []
        for offer in offers:
            side = _side(offer, regions[offer.organisation_id])
            left = offer.capacity - used.get(offer.pk, 0)
            if left > 0:
                offer_sides.append(dataclasses.replace(side, capacity=left))
        result = rules.match(need_sides, offer_sides)
        superseded = Proposal.objects.filter(
            run__network=network, status=Proposal.Status.PENDING
        ).update(status=Proposal.Status.SUPERSEDED)
        run = MatchingRun.objects.create(
            network=network,
            run_by=permissions.user_or_none(actor),
            run_at=_now(),
            needs_considered=len(need_sides),
            offers_considered=len(offer_sides),
            candidate_pairs=result.candidates,
            total_score=result.total,
            unmatched=[{"need": n, "code": c} for n, c in sorted(result.unmatched.items())],
            demo=demo,
        )
        Proposal.objects.bulk_create(
            [
                Proposal(
                    run=run,
                    need_id=pair.need,
                    offer_id=pair.offer,
                    score=pair.score,
                    reasons=[r.as_dict() for r in pair.reasons],
                )
                for pair in result.pairs
            ]
        )
        audit.record(
            actor,
            "run_exchange_matching",
            run,
            after={
                "network": network.slug,
                "needs": len(need_sides),
                "offers": len(offer_sides),
                "pairs": len(result.pairs),
                "total": result.total,
                "superseded": superseded,
            },
            reason=result.explanation,
        )
    return run


def explain_run(run: MatchingRun) -> str:
    """The run in words, in the reader's language, from what was stored."""
    pairs = run.proposals.count()
    none = sum(1 for u in run.unmatched if u.get("code") == rules.NO_CANDIDATE)
    taken = sum(1 for u in run.unmatched if u.get("code") == rules.TAKEN)
    return _(
        "%(needs)s open needs and %(offers)s open offers gave %(candidates)s possible pairs; "
        "the matching proposes %(pairs)s pairs of total quality %(total)s, the most any "
        "choice reaches with each need given at most one offer and no offer beyond its "
        "capacity. %(none)s needs had no possible offer; %(taken)s lost theirs to pairs of "
        "higher quality."
    ) % {
        "needs": run.needs_considered,
        "offers": run.offers_considered,
        "candidates": run.candidate_pairs,
        "pairs": pairs,
        "total": run.total_score,
        "none": none,
        "taken": taken,
    }


def get_proposal(pk: int) -> Proposal:
    found = (
        Proposal.objects.select_related("need__organisation", "offer__organisation", "run")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No proposal %(id)s.") % {"id": pk})
    return found


def _common_form(need: Need, offer: Offer) -> str:
    shared = [f for f in offer.forms if f in need.forms]
    return str((shared or offer.forms or [ExchangeForm.STUDY_VISIT])[0])


def accept_proposal(actor: Any, proposal: Proposal) -> Exchange:
    """Staff accept a pending proposal: it becomes an exchange (proposed), the need is matched,
    and the offer too once its places are taken. Refused if the need or the offer is no longer
    open or the offer has no place left."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may accept a proposal.")
    )
    try:
        with transaction.atomic():
            moved = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PENDING).update(
                status=Proposal.Status.ACCEPTED,
                decided_by=permissions.user_or_none(actor),
                decided_at=_now(),
            )
            if not moved:
                raise DomainError(_("This proposal has already been decided."), status=409)
            offer = Offer.objects.select_for_update().get(pk=proposal.offer_id)
            need = Need.objects.get(pk=proposal.need_id)
            if offer.status != Offer.Status.OPEN:
                raise DomainError(_("The offer is no longer open."), status=409)
            if not Need.objects.filter(pk=need.pk, status=Need.Status.OPEN).update(
                status=Need.Status.MATCHED, updated_at=_now()
            ):
                raise DomainError(_("The need is no longer open."), status=409)
            used = used_places([offer.pk]).get(offer.pk, 0)
            if used >= offer.capacity:
                raise DomainError(_("The offer has no place left."), status=409)
            exchange = Exchange.objects.create(
                need=need,
                offer=offer,
                proposal=proposal,
                need_city_id=need.organisation_id,
                offer_city_id=offer.organisation_id,
                network_id=need.network_id,
                form=_common_form(need, offer),
                score=proposal.score,
                reasons=proposal.reasons,
                demo=proposal.run.demo,
            )
            if used + 1 >= offer.capacity:
                Offer.objects.filter(pk=offer.pk).update(
                    status=Offer.Status.MATCHED, updated_at=_now()
                )
            audit.record(
                actor,
                "accept_exchange_proposal",
                proposal,
                before={"status": "pending"},
                after={"status": "accepted", "exchange": exchange.pk},
            )
    except IntegrityError:
        raise DomainError(_("This need already has an exchange."), status=409) from None
    proposal.refresh_from_db()
    return exchange


def reject_proposal(actor: Any, proposal: Proposal, note: str = "") -> Proposal:
    """Staff reject a pending proposal; the need and the offer stay open for the next run."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may reject a proposal.")
    )
    note = " ".join((note or "").split())[:500]
    with transaction.atomic():
        moved = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PENDING).update(
            status=Proposal.Status.REJECTED,
            decided_by=permissions.user_or_none(actor),
            decided_at=_now(),
            note=note,
        )
        if not moved:
            raise DomainError(_("This proposal has already been decided."), status=409)
        proposal.refresh_from_db()
        audit.record(
            actor,
            "reject_exchange_proposal",
            proposal,
            before={"status": "pending"},
            after={"status": "rejected"},
            reason=note,
        )
    return proposal


# --- Exchanges --------------------------------------------------------------------------------


def may_move(actor: Any, exchange: Exchange) -> bool:
    """Either city's officers and the Secretariat."""
    return permissions.is_secretariat(actor) or bool(
        {exchange.need_city_id, exchange.offer_city_id}
        & permissions.officer_organisation_ids(actor)
    )


def next_states(actor: Any, exchange: Exchange) -> tuple[str, ...]:
    return MOVES.get(exchange.status, ()) if may_move(actor, exchange) else ()


def move(actor: Any, exchange: Exchange, to: str, report: str = "") -> Exchange:
    """Move an exchange on one step; "done" needs a short report. Cancelling frees the need
    (open again) and the offer's place."""
    if not may_move(actor, exchange):
        raise PermissionDenied(
            _("Only the two cities' officers and the Secretariat may change this exchange.")
        )
    if to not in Exchange.Status.values:
        raise DomainError(_("Unknown status."))
    report = (report or "").strip()
    if to == Exchange.Status.DONE and not report:
        raise DomainError(_("Write a short report of what the exchange achieved."))
    if len(report) > REPORT_MAX:
        raise DomainError(_("A report has at most 4000 characters."))
    sources = [s for s, targets in MOVES.items() if to in targets]
    with transaction.atomic():
        current = Exchange.objects.filter(pk=exchange.pk).values_list("status", flat=True).first()
        if current not in sources:
            raise DomainError(
                _("An exchange that is %(status)s cannot become %(to)s.")
                % {
                    "status": Exchange.Status(current).label if current else "?",
                    "to": Exchange.Status(to).label,
                },
                status=409,
            )
        changes: dict[str, Any] = {"status": to, "updated_at": _now()}
        if to == Exchange.Status.DONE:
            changes.update(
                report=report, reported_by=permissions.user_or_none(actor), reported_at=_now()
            )
        if not Exchange.objects.filter(pk=exchange.pk, status=current).update(**changes):
            raise DomainError(_("The exchange changed meanwhile; reload the page."), status=409)
        if to == Exchange.Status.CANCELLED:
            Need.objects.filter(pk=exchange.need_id, status=Need.Status.MATCHED).update(
                status=Need.Status.OPEN, updated_at=_now()
            )
            Offer.objects.filter(pk=exchange.offer_id, status=Offer.Status.MATCHED).update(
                status=Offer.Status.OPEN, updated_at=_now()
            )
        exchange.refresh_from_db()
        audit.record(
            actor,
            "move_exchange",
            exchange,
            before={"status": current},
            after={"status": to},
            reason=report,
        )
    return exchange


THEME_FIELDS = [
    "slug",
    "name",
    "description",
    "challenge_group",
    "version",
    "effective_from",
    "retired_on",
    "position",
    "source",
]


def save_theme(actor: Any, theme: Theme, changed: Iterable[str], *, created: bool) -> Theme:
    """The Secretariat adds or edits a theme in the admin (its wording, its languages, the
    date it takes effect or is retired). Needs and offers posted under the old wording keep
    their theme; a new `version` says the wording changed."""
    permissions.require_secretariat(
        actor, refusal=_("Only the Secretariat keeps the exchange programme's themes.")
    )
    if theme.retired_on and theme.retired_on < theme.effective_from:
        raise DomainError(_("A theme cannot be retired before it takes effect."))
    with transaction.atomic():
        before = (
            {}
            if created
            else audit.snapshot(Theme.objects.select_for_update().get(pk=theme.pk), [*THEME_FIELDS])
        )
        theme.save()
        audit.record(
            actor,
            "add_exchange_theme" if created else "edit_exchange_theme",
            theme,
            before=before,
            after=audit.snapshot(theme, [*THEME_FIELDS]),
            reason=", ".join(sorted(changed)),
        )
    return theme
