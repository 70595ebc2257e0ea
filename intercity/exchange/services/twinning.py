"""The ASCN twinning programme (seed 004, Core Elements (d)): each pilot city may pair with one
of ASEAN's external partners, voluntarily; the Chair organises a "matchmaking" and the list of
pairings is announced.

Who does what:
- staff open a round for a network and year with the external partners taking part (and the
  network's current pilot cities), and choose how many cities one partner may take (1 unless
  they say otherwise);
- a pilot city's officer ranks the partners the city would accept (leaving out the others) or
  opts the city out; a partner's ranking of the cities is entered by staff on its behalf, or
  by the partner organisation's own officer if it has one;
- staff run the matching, choosing the proposing side; a stable matching (Gale-Shapley,
  the `matching` library's hospital-resident game) proposes the pairs, each checked for
  blocking pairs (`rules_twinning`);
- staff confirm the proposed pairs one by one or all together, or set one aside; when none is
  left proposed the round is confirmed; staff then publish it.

Each action runs in one transaction with the round locked (`select_for_update`) and its state
checked there, writes one audit event, and refuses in words what it cannot do.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from matching.games import HospitalResident

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.exchange import rules_twinning as rules
from intercity.exchange.models_twinning import (
    TwinningPair,
    TwinningParticipant,
    TwinningPreference,
    TwinningRound,
)
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation

Side = TwinningParticipant.Side
Status = TwinningRound.Status

# --- The stable matching (the library, wrapped) ----------------------------------------------


def stable_matching(
    prefs_cities: rules.Prefs,
    prefs_partners: rules.Prefs,
    capacities: Mapping[str, int] | int = 1,
    proposing: str = TwinningRound.Proposing.CITIES,
) -> dict[str, str]:
    """A stable matching of cities to partners, as {city: partner}: the `matching` library's
    hospital-resident game, the cities as residents (one partner each) and the partners as
    hospitals (each with its capacity). The proposing side gets its best stable matching:
    cities -> resident-optimal, partners -> hospital-optimal.

    The library wants every list reciprocated and none empty, so the lists are first cut to
    the mutually acceptable names (`rules.acceptable_lists`), which keeps the same stable
    matchings; a warning from the library then means a bug here and is raised as an error."""
    if proposing not in TwinningRound.Proposing.values:
        raise DomainError(_("Choose which side proposes: the pilot cities or the partners."))
    cities, partners = rules.acceptable_lists(prefs_cities, prefs_partners)
    if not cities or not partners:
        return {}
    room = {
        p: capacities if isinstance(capacities, int) else capacities.get(p, 1) for p in partners
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        game = HospitalResident.create_from_dictionaries(cities, partners, room)
        optimal = "resident" if proposing == TwinningRound.Proposing.CITIES else "hospital"
        solved = game.solve(optimal=optimal)
    return {resident.name: hospital.name for hospital, held in solved.items() for resident in held}


# --- Reading ---------------------------------------------------------------------------------


def rounds() -> QuerySet[TwinningRound]:
    return TwinningRound.objects.select_related("network").order_by("-year", "network__slug")


def get_round(round_id: int) -> TwinningRound:
    found = rounds().filter(pk=round_id).first()
    if found is None:
        raise NotFound(_("No twinning round %(id)s.") % {"id": round_id})
    return found


def participants(twinning: TwinningRound, side: str) -> list[TwinningParticipant]:
    return list(
        TwinningParticipant.objects.filter(round=twinning, side=side)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def get_participant(twinning: TwinningRound, participant_id: int) -> TwinningParticipant:
    found = (
        TwinningParticipant.objects.filter(round=twinning, pk=participant_id)
        .select_related("organisation", "round__network")
        .first()
    )
    if found is None:
        raise NotFound(_("No such participant in this twinning round."))
    return found


def rankings(twinning: TwinningRound) -> dict[int, list[TwinningParticipant]]:
    """Each participant's ranking (by participant id), the most wanted first."""
    found: dict[int, list[TwinningParticipant]] = {}
    for line in (
        TwinningPreference.objects.filter(round=twinning)
        .select_related("chosen__organisation")
        .order_by("chooser_id", "rank")
    ):
        found.setdefault(line.chooser_id, []).append(line.chosen)
    return found


@dataclass(frozen=True)
class Lists:
    """The rankings that count, keyed by participant id (as text), with each one's name."""

    cities: dict[str, list[str]]
    partners: dict[str, list[str]]
    names: dict[str, str]


def preference_lists(twinning: TwinningRound) -> Lists:
    """The rankings the matching uses: opted-out cities neither rank nor are ranked."""
    people = {
        p.pk: p
        for p in TwinningParticipant.objects.filter(round=twinning).select_related("organisation")
    }
    out = {pk for pk, p in people.items() if p.opted_out}
    cities: dict[str, list[str]] = {
        str(pk): [] for pk, p in people.items() if p.side == Side.CITY and pk not in out
    }
    partners: dict[str, list[str]] = {
        str(pk): [] for pk, p in people.items() if p.side == Side.PARTNER
    }
    for line in TwinningPreference.objects.filter(round=twinning).order_by("chooser_id", "rank"):
        if line.chooser_id in out or line.chosen_id in out:
            continue
        side = cities if str(line.chooser_id) in cities else partners
        side.setdefault(str(line.chooser_id), []).append(str(line.chosen_id))
    return Lists(cities, partners, {str(pk): p.organisation.name for pk, p in people.items()})


def pairs(twinning: TwinningRound) -> list[TwinningPair]:
    return list(
        TwinningPair.objects.filter(round=twinning)
        .select_related("city__organisation", "partner__organisation", "decided_by")
        .order_by("city__organisation__name", "pk")
    )


def published_pairs(twinning: TwinningRound) -> list[TwinningPair]:
    """The confirmed pairs of a published round (none before it is published)."""
    if twinning.status != Status.PUBLISHED:
        return []
    return [p for p in pairs(twinning) if p.status == TwinningPair.Status.CONFIRMED]


def reason(pair: TwinningPair) -> str:
    """Why the pair was proposed, in words: where each ranked the other."""
    return _(
        "%(city)s put %(partner)s at rank %(city_rank)s of the %(city_ranked)s partners it "
        "ranked; %(partner)s put %(city)s at rank %(partner_rank)s of the %(partner_ranked)s "
        "cities it ranked."
    ) % {
        "city": pair.city.organisation.name,
        "partner": pair.partner.organisation.name,
        "city_rank": pair.city_rank,
        "city_ranked": pair.city_ranked,
        "partner_rank": pair.partner_rank,
        "partner_ranked": pair.partner_ranked,
    }


def may_rank(user: Any, participant: TwinningParticipant) -> bool:
    """Staff rank for anyone (a partner's ranking on its behalf); an officer ranks for their
    own organisation: a pilot city, or a partner that has an officer."""
    return permissions.is_secretariat(user) or participant.organisation_id in (
        permissions.officer_organisation_ids(user)
    )


def my_participations(user: Any) -> list[TwinningParticipant]:
    """The participations of the organisations the person is an officer of, in rounds still
    taking rankings."""
    ids = permissions.officer_organisation_ids(user)
    if not ids:
        return []
    return list(
        TwinningParticipant.objects.filter(organisation_id__in=ids, round__status=Status.OPEN)
        .select_related("organisation", "round__network")
        .order_by("-round__year", "organisation__name")
    )


def has_ranked(participant: TwinningParticipant) -> bool:
    return TwinningPreference.objects.filter(chooser=participant).exists()


def partner_choices() -> list[tuple[int, str]]:
    """The registry's external partners, which staff may bring into a round."""
    return [
        (o.pk, o.name)
        for o in Organisation.objects.filter(kind=Organisation.Kind.EXTERNAL_PARTNER).order_by(
            "name"
        )
    ]


def pilot_cities(network: Network) -> list[Organisation]:
    """The network's current member cities today (ASCN: its pilot cities)."""
    wanted = network_services.MemberFilter(on=timezone.localdate(), status=network_services.CURRENT)
    return [
        period.membership.organisation
        for period in network_services.members(network, wanted)
        if period.membership.organisation.kind == Organisation.Kind.CITY
    ]


# --- Helpers of the actions -----------------------------------------------------------------


def _require_staff(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may run the twinning programme.")
    )


def _lock(twinning: TwinningRound) -> TwinningRound:
    locked = TwinningRound.objects.select_for_update().filter(pk=twinning.pk).first()
    if locked is None:
        raise NotFound(_("This twinning round no longer exists."))
    return locked


def _round_snapshot(twinning: TwinningRound) -> dict[str, Any]:
    return audit.snapshot(
        twinning, ["network", "year", "status", "proposing", "partner_capacity", "demonstration"]
    )


def _refuse_after_matching(twinning: TwinningRound) -> DomainError:
    return DomainError(
        _(
            "The matching of this round has already run, so rankings and taking part can no "
            "longer change."
        ),
        status=409,
    )


# --- Actions ---------------------------------------------------------------------------------


def open_round(
    actor: Any,
    network: Network,
    year: int,
    partners: Iterable[Organisation],
    *,
    cities: Iterable[Organisation] | None = None,
    partner_capacity: int = 1,
    demonstration: bool = False,
) -> TwinningRound:
    """Staff open a round with the external partners taking part and the pilot cities (the
    network's current member cities unless named)."""
    _require_staff(actor)
    partner_list = list(partners)
    city_list = list(cities) if cities is not None else pilot_cities(network)
    if not 1 <= partner_capacity <= 10:
        raise DomainError(_("A partner takes between 1 and 10 cities."))
    if not 2018 <= year <= 2100:
        raise DomainError(_("Give a year between 2018 and 2100."))
    if not partner_list:
        raise DomainError(_("Choose at least one external partner."))
    if not city_list:
        raise DomainError(_("The network has no pilot city to take part."))
    wrong = [p.name for p in partner_list if p.kind != Organisation.Kind.EXTERNAL_PARTNER]
    if wrong:
        raise DomainError(
            _("Not an external partner in the registry: %(names)s.") % {"names": ", ".join(wrong)}
        )
    try:
        with transaction.atomic():
            if TwinningRound.objects.filter(network=network, year=year).exists():
                raise DomainError(
                    _("%(network)s already has a twinning round for %(year)s.")
                    % {"network": network.short_name, "year": year},
                    status=409,
                )
            twinning = TwinningRound.objects.create(
                network=network,
                year=year,
                partner_capacity=partner_capacity,
                demonstration=demonstration,
            )
            TwinningParticipant.objects.bulk_create(
                [
                    TwinningParticipant(round=twinning, organisation=o, side=Side.CITY)
                    for o in city_list
                ]
                + [
                    TwinningParticipant(round=twinning, organisation=o, side=Side.PARTNER)
                    for o in partner_list
                ]
            )
            audit.record(
                actor,
                "open_twinning_round",
                twinning,
                after={
                    **_round_snapshot(twinning),
                    "cities": [o.pk for o in city_list],
                    "partners": [o.pk for o in partner_list],
                },
            )
    except IntegrityError:
        raise DomainError(
            _("%(network)s already has a twinning round for %(year)s.")
            % {"network": network.short_name, "year": year},
            status=409,
        ) from None
    return twinning


def set_taking_part(actor: Any, participant: TwinningParticipant, taking_part: bool) -> None:
    """A pilot city's officer (or staff) opts the city out of the round, or back in, while the
    rankings are open: the twinning is voluntary (seed 004)."""
    if participant.side != Side.CITY:
        raise DomainError(_("Only a pilot city opts out of a twinning round."))
    if not may_rank(actor, participant):
        raise PermissionDenied(_("Only an officer of the city may opt it out."))
    with transaction.atomic():
        locked = _lock(participant.round)
        if locked.status != Status.OPEN:
            raise _refuse_after_matching(locked)
        changed = TwinningParticipant.objects.filter(
            pk=participant.pk, opted_out=taking_part
        ).update(opted_out=not taking_part)
        if changed:
            audit.record(
                actor,
                "opt_in_twinning" if taking_part else "opt_out_twinning",
                participant,
                before={"opted_out": taking_part},
                after={"opted_out": not taking_part},
            )
    participant.opted_out = not taking_part


def rank(actor: Any, participant: TwinningParticipant, ranked_ids: list[int]) -> None:
    """Save a participant's ranking of the other side, the most wanted first; whom it leaves
    out it does not accept. Replaces the ranking it had. Refused once the matching ran."""
    if not may_rank(actor, participant):
        raise PermissionDenied(
            _("Only an officer of %(name)s or Secretariat staff may rank for it.")
            % {"name": participant.organisation.name}
        )
    other_side = Side.PARTNER if participant.side == Side.CITY else Side.CITY
    with transaction.atomic():
        locked = _lock(participant.round)
        if locked.status != Status.OPEN:
            raise _refuse_after_matching(locked)
        if TwinningParticipant.objects.filter(pk=participant.pk, opted_out=True).exists():
            raise DomainError(
                _("%(name)s has opted out of this round; opt back in to rank.")
                % {"name": participant.organisation.name},
                status=409,
            )
        others = {
            p.pk: p
            for p in TwinningParticipant.objects.filter(
                round=locked, side=other_side
            ).select_related("organisation")
        }
        problems = rules.ranking_problems([str(i) for i in ranked_ids], [str(pk) for pk in others])
        if problems:
            raise DomainError(" ".join(problems))
        before = list(
            TwinningPreference.objects.filter(chooser=participant)
            .order_by("rank")
            .values_list("chosen_id", flat=True)
        )
        TwinningPreference.objects.filter(chooser=participant).delete()
        TwinningPreference.objects.bulk_create(
            [
                TwinningPreference(round=locked, chooser=participant, chosen=others[pk], rank=n)
                for n, pk in enumerate(ranked_ids, start=1)
            ]
        )
        TwinningParticipant.objects.filter(pk=participant.pk).update(ranked_at=timezone.now())
        audit.record(
            actor,
            "rank_twinning_partners" if participant.side == Side.CITY else "rank_twinning_cities",
            participant,
            before={"ranking": before},
            after={"ranking": list(ranked_ids)},
        )


def run_matching(actor: Any, twinning: TwinningRound, proposing: str) -> list[TwinningPair]:
    """Staff run the stable matching with the proposing side they choose; the pairs are
    proposed with each one's rank of the other, and the round says whether any blocking pair
    exists (it must not)."""
    _require_staff(actor)
    if proposing not in TwinningRound.Proposing.values:
        raise DomainError(_("Choose which side proposes: the pilot cities or the partners."))
    with transaction.atomic():
        locked = _lock(twinning)
        if locked.status != Status.OPEN:
            raise DomainError(_("The matching of this round has already run."), status=409)
        lists = preference_lists(locked)
        capacity = locked.partner_capacity
        matched = stable_matching(lists.cities, lists.partners, capacity, proposing)
        summary = rules.stability_summary(
            lists.cities, lists.partners, matched, capacity, lists.names
        )
        made: list[TwinningPair] = []
        for city, partner in sorted(matched.items(), key=lambda cp: lists.names[cp[0]]):
            ranks = rules.ordinal_ranks(lists.cities, lists.partners, city, partner)
            made.append(
                TwinningPair(
                    round=locked,
                    city_id=int(city),
                    partner_id=int(partner),
                    city_rank=ranks.city_rank,
                    city_ranked=ranks.city_ranked,
                    partner_rank=ranks.partner_rank,
                    partner_ranked=ranks.partner_ranked,
                )
            )
        TwinningPair.objects.bulk_create(made)
        before = _round_snapshot(locked)
        locked.status = Status.MATCHED
        locked.proposing = proposing
        locked.matched_at = timezone.now()
        locked.stability = summary
        locked.save(update_fields=["status", "proposing", "matched_at", "stability"])
        audit.record(
            actor,
            "run_twinning_matching",
            locked,
            before=before,
            after={**_round_snapshot(locked), "pairs": len(made), "stability": summary},
        )
    twinning.refresh_from_db()
    return made


def _decide(actor: Any, pair: TwinningPair, to: str, verb: str) -> None:
    with transaction.atomic():
        locked = _lock(pair.round)
        if locked.status != Status.MATCHED:
            raise DomainError(
                _("The pairs of this round are no longer open to decide."), status=409
            )
        changed = TwinningPair.objects.filter(
            pk=pair.pk, status=TwinningPair.Status.PROPOSED
        ).update(status=to, decided_by=permissions.user_or_none(actor), decided_at=timezone.now())
        if not changed:
            raise DomainError(
                _("The pair %(pair)s has already been decided.") % {"pair": str(pair)}, status=409
            )
        audit.record(actor, verb, pair, before={"status": pair.status}, after={"status": to})
        _close_if_decided(actor, locked)
    pair.status = to


def _close_if_decided(actor: Any, locked: TwinningRound) -> None:
    """When no pair is left proposed, the round's pairs are confirmed."""
    if TwinningPair.objects.filter(round=locked, status=TwinningPair.Status.PROPOSED).exists():
        return
    locked.status = Status.CONFIRMED
    locked.save(update_fields=["status"])
    audit.record(
        actor,
        "confirm_twinning_round",
        locked,
        before={"status": Status.MATCHED},
        after={"status": Status.CONFIRMED},
    )


def get_pair(twinning: TwinningRound, pair_id: int) -> TwinningPair:
    found = (
        TwinningPair.objects.filter(round=twinning, pk=pair_id)
        .select_related("round", "city__organisation", "partner__organisation")
        .first()
    )
    if found is None:
        raise NotFound(_("No such pair in this twinning round."))
    return found


def confirm_pair(actor: Any, pair: TwinningPair) -> None:
    _require_staff(actor)
    _decide(actor, pair, TwinningPair.Status.CONFIRMED, "confirm_twinning_pair")


def set_pair_aside(actor: Any, pair: TwinningPair) -> None:
    """Staff set a proposed pair aside: the city and the partner stay unpaired this round."""
    _require_staff(actor)
    _decide(actor, pair, TwinningPair.Status.SET_ASIDE, "set_aside_twinning_pair")


def confirm_all(actor: Any, twinning: TwinningRound) -> int:
    """Staff confirm every pair still proposed; returns how many."""
    _require_staff(actor)
    with transaction.atomic():
        locked = _lock(twinning)
        if locked.status != Status.MATCHED:
            raise DomainError(
                _("The pairs of this round are no longer open to decide."), status=409
            )
        ids = list(
            TwinningPair.objects.filter(
                round=locked, status=TwinningPair.Status.PROPOSED
            ).values_list("pk", flat=True)
        )
        TwinningPair.objects.filter(pk__in=ids, status=TwinningPair.Status.PROPOSED).update(
            status=TwinningPair.Status.CONFIRMED,
            decided_by=permissions.user_or_none(actor),
            decided_at=timezone.now(),
        )
        audit.record(actor, "confirm_all_twinning_pairs", locked, after={"confirmed": ids})
        _close_if_decided(actor, locked)
    return len(ids)


def publish(actor: Any, twinning: TwinningRound) -> None:
    """Staff publish the confirmed pairs (seed 004: the list of pairings is announced)."""
    _require_staff(actor)
    with transaction.atomic():
        locked = _lock(twinning)
        if locked.status == Status.PUBLISHED:
            raise DomainError(_("This twinning round is already published."), status=409)
        if not rules.may_move(locked.status, Status.PUBLISHED):
            raise DomainError(
                _("Decide every proposed pair before publishing the round."), status=409
            )
        before = _round_snapshot(locked)
        locked.status = Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit.record(
            actor, "publish_twinning_round", locked, before=before, after=_round_snapshot(locked)
        )
    twinning.refresh_from_db()
