"""Round 2: the judges' ballots among the finalists (never with a round-1 score in sight),
the Secretariat's view of who has voted, closing the round (Gold and Silver counted by
`rules.count_round2`) and the head of panel's order where votes and round-1 scores tie.

Each action checks who may act, checks the state inside its transaction (the edition's row
locked, or a conditional update), saves and writes one audit event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.awards import rules
from intercity.awards.models import (
    Application,
    Ballot,
    Category,
    Decision,
    Edition,
    Judge,
    Placement,
    Stage,
)
from intercity.awards.services import round1
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied

# --- Reading -------------------------------------------------------------------------------


def procedure_of(edition: Edition) -> rules.Procedure:
    return rules.Procedure(
        score_min=edition.score_min,
        score_max=edition.score_max,
        finalists=edition.finalists,
        votes_per_judge=edition.votes_per_judge,
    )


def get_edition(edition_id: int) -> Edition:
    try:
        return Edition.objects.select_related("network").get(pk=edition_id)
    except Edition.DoesNotExist:
        raise NotFound(_("No award edition %(id)s.") % {"id": edition_id}) from None


def get_category(category_id: int) -> Category:
    try:
        return Category.objects.select_related("edition", "edition__network").get(pk=category_id)
    except Category.DoesNotExist:
        raise NotFound(_("No award category %(id)s.") % {"id": category_id}) from None


def seat_of(actor: Any, edition: Edition) -> Judge | None:
    """The actor's seat on the edition's panel, if they have one."""
    if not getattr(actor, "is_authenticated", False):
        return None
    return Judge.objects.filter(edition=edition, user=actor).first()


def require_seat(actor: Any, edition: Edition) -> Judge:
    seat = seat_of(actor, edition)
    if seat is None:
        raise PermissionDenied(_("Only the judges of %(edition)s may vote.") % {"edition": edition})
    return seat


def categories_of(judge: Judge) -> QuerySet[Category]:
    """The categories a judge judges: those named on the seat, else all of the edition."""
    named = judge.categories.all()
    if named.exists():
        return named.order_by("position", "code")
    return Category.objects.filter(edition_id=judge.edition_id).order_by("position", "code")


def judges_of(category: Category) -> QuerySet[Judge]:
    """The judges with a login who vote in a category (their seat names it, or names none)."""
    return (
        Judge.objects.filter(edition_id=category.edition_id, user__isnull=False)
        .filter(Q(categories=category) | Q(categories__isnull=True))
        .distinct()
        .order_by("name")
    )


def conflicted_organisations(judge: Judge) -> set[int]:
    """The judge's own city and every city they declared a conflict of interest with."""
    found = set(judge.conflicts.values_list("organisation_id", flat=True))
    if judge.organisation_id:
        found.add(judge.organisation_id)
    return found


def finalists_of(category: Category) -> QuerySet[Application]:
    """The category's finalists, by project title (never in round 1's order)."""
    return (
        Application.objects.filter(
            category=category, finalist=True, status=Application.Status.ELIGIBLE
        )
        .select_related("organisation")
        .order_by("title", "pk")
    )


def finalists_for(judge: Judge, category: Category) -> list[Application]:
    """The finalists a judge may vote for: none of their conflicts."""
    barred = conflicted_organisations(judge)
    return [a for a in finalists_of(category) if a.organisation_id not in barred]


@dataclass
class Sheet:
    """One category on a judge's ballot page: the finalists they may vote for (with no
    round-1 number of any kind) and their ballot once cast."""

    category: Category
    finalists: list[Application]
    ballot: Ballot | None
    chosen: list[Application] = field(default_factory=list)


def ballot_sheets(actor: Any, edition: Edition) -> list[Sheet]:
    judge = require_seat(actor, edition)
    sheets = []
    reached = edition.reached(Stage.ROUND2)
    for category in categories_of(judge):
        ballot = Ballot.objects.filter(judge=judge, category=category).first()
        sheets.append(
            Sheet(
                category=category,
                # Before round 2 the finalists are not settled: none is shown.
                finalists=finalists_for(judge, category) if reached else [],
                ballot=ballot,
                chosen=list(ballot.choices.select_related("organisation")) if ballot else [],
            )
        )
    return sheets


def ballots_left(actor: Any) -> list[tuple[Edition, list[Category]]]:
    """For a judge's start page: each edition in round 2 where they have yet to vote, with
    the categories left."""
    if not getattr(actor, "is_authenticated", False):
        return []
    left = []
    seats = Judge.objects.filter(user=actor, edition__stage=Stage.ROUND2).select_related("edition")
    for judge in seats:
        voted = set(judge.ballots.values_list("category_id", flat=True))
        todo = [c for c in categories_of(judge) if c.pk not in voted]
        if todo:
            left.append((judge.edition, todo))
    return left


# --- Casting a ballot ----------------------------------------------------------------------


def _lock_edition(edition_id: int) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition_id)


def _label(application: Application) -> str:
    """How an application is named in the rules' words: its project and its city."""
    return f"{application.title} ({application.organisation.name})"


def cast_ballot(actor: Any, category: Category, application_ids: Sequence[int]) -> Ballot:
    """A judge's votes in a category, cast at once and final: exactly the edition's number
    of different finalists, none of their conflicts."""
    edition = category.edition
    judge = require_seat(actor, edition)
    if not categories_of(judge).filter(pk=category.pk).exists():
        raise PermissionDenied(
            _("You do not judge the category %(category)s.") % {"category": category}
        )
    with transaction.atomic():
        edition = _lock_edition(edition.pk)
        if edition.stage != Stage.ROUND2:
            raise DomainError(_("Round 2 is not open: no ballot can be cast."), status=409)
        if Ballot.objects.filter(judge=judge, category=category).exists():
            raise DomainError(
                _("You have already voted in %(category)s; a ballot is final.")
                % {"category": category},
                status=409,
            )
        finalists = _labelled(finalists_of(category))
        label_of = {a.pk: label for label, a in finalists.items()}
        barred = conflicted_organisations(judge)
        others = {
            a.pk: _label(a)
            for a in Application.objects.filter(category=category, pk__in=application_ids)
            .exclude(pk__in=label_of)
            .select_related("organisation")
        }
        choices = [label_of.get(i) or others.get(i) or f"#{i}" for i in application_ids]
        try:
            rules.check_ballot(
                choices,
                finalists=list(finalists),
                conflicted=[k for k, a in finalists.items() if a.organisation_id in barred],
                procedure=procedure_of(edition),
            )
        except rules.RuleError as exc:
            raise DomainError(exc.message) from exc
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(judge=judge, category=category)
        except IntegrityError:
            raise DomainError(
                _("You have already voted in %(category)s; a ballot is final.")
                % {"category": category},
                status=409,
            ) from None
        ballot.choices.set([finalists[c] for c in choices])
        audit.record(
            actor,
            "cast_ballot",
            ballot,
            # The choices stay in the ballot alone: the history says a ballot was cast,
            # never for whom, so no one reads the votes before the round closes.
            after={"category": category.pk, "judge": judge.pk, "votes": len(choices)},
        )
    return ballot


def _labelled(applications: Any) -> dict[str, Application]:
    """Applications by the name the rules' messages use (project and city), unique."""
    labels: dict[str, Application] = {}
    for application in applications:
        label = _label(application)
        if label in labels:
            label = f"{label} #{application.pk}"
        labels[label] = application
    return labels


# --- The Secretariat's progress --------------------------------------------------------------


@dataclass(frozen=True)
class Voter:
    judge: Judge
    voted: bool
    cast_at: Any


@dataclass(frozen=True)
class Progress:
    category: Category
    finalists: int
    voters: list[Voter]
    # Once the round is closed: the count in words, every finalist's votes.
    count: str = ""

    @property
    def voted(self) -> int:
        return sum(v.voted for v in self.voters)


def progress(actor: Any, edition: Edition) -> list[Progress]:
    """Who has voted in each category; what they voted never, and the count only once the
    round is closed."""
    permissions.require_secretariat(actor, refusal=_("Only Secretariat staff may follow round 2."))
    out = []
    closed = edition.reached(Stage.DECIDED)
    for category in edition.categories.order_by("position", "code"):
        cast = dict(category.ballots.values_list("judge_id", "cast_at"))
        out.append(
            Progress(
                category=category,
                finalists=finalists_of(category).count(),
                voters=[
                    Voter(judge=j, voted=j.pk in cast, cast_at=cast.get(j.pk))
                    for j in judges_of(category)
                ],
                count=count(category).result.explanation if closed else "",
            )
        )
    return out


# --- Counting and closing ------------------------------------------------------------------


def round1_scores(category: Category) -> dict[int, Fraction | None]:
    """Each finalist's round-1 score as round 1 ranked it (`round1.rank_category`: the
    judges' submitted scorecards, criteria weighted, a judge's own city and declared
    conflicts left out), so the tie-break uses the very numbers that chose the finalists."""
    ranking = round1.rank_category(category)
    scores = ranking.result.scores if ranking.result is not None else {}
    by_pk = {app.pk: scores.get(label) for label, app in ranking.applications.items()}
    return {app.pk: by_pk.get(app.pk) for app in finalists_of(category)}


@dataclass(frozen=True)
class Count:
    """A category's round 2 counted: the rules' result, with the applications behind the
    labels it speaks of."""

    category: Category
    result: rules.Round2
    by_label: dict[str, Application]

    def application(self, label: str | None) -> Application | None:
        return self.by_label.get(label) if label else None

    @property
    def tie(self) -> rules.PlaceTie | None:
        return self.result.ties[0] if self.result.ties else None


def count(category: Category, *, stored: bool = False) -> Count:
    """Count a category's ballots (once cast they never change, so this gives the same
    result at the close and after it). `stored`: the rulings are to be saved, so they are
    worded in the site's source language whoever closes the round; a refusal is still in
    the reader's language."""
    if stored:
        try:
            with translation.override(settings.LANGUAGE_CODE):
                return _count(category)
        except DomainError:
            pass  # counted again below, to refuse in the reader's language
    return _count(category)


def _count(category: Category) -> Count:
    edition = category.edition
    labels = _labelled(finalists_of(category))
    label_of = {a.pk: label for label, a in labels.items()}
    scores = round1_scores(category)
    ballots = [
        [label_of[pk] for pk in b.choices.values_list("pk", flat=True) if pk in label_of]
        for b in category.ballots.prefetch_related("choices").order_by("pk")
    ]
    try:
        result = rules.count_round2(
            list(labels),
            ballots,
            {label: scores.get(a.pk) for label, a in labels.items()},
            procedure_of(edition),
        )
    except rules.RuleError as exc:
        raise DomainError(
            _("The ballots of %(category)s cannot be counted: %(problem)s")
            % {"category": category, "problem": exc.message}
        ) from exc
    return Count(category=category, result=result, by_label=labels)


def pending_tie(category: Category) -> rules.PlaceTie | None:
    """A tie on votes and round-1 scores the panel has still to decide (after the close)."""
    if category.decisions.filter(kind=Decision.Kind.PLACES).exists():
        return None
    return count(category).tie


def close_round2(actor: Any, edition: Edition) -> list[Count]:
    """Close round 2 and place Gold and Silver in each category; a tie on votes and on
    round-1 scores is left to the head of panel."""
    permissions.require_secretariat(actor, refusal=_("Only Secretariat staff may close round 2."))
    with transaction.atomic():
        moved = Edition.objects.filter(pk=edition.pk, stage=Stage.ROUND2).update(
            stage=Stage.DECIDED
        )
        if not moved:
            raise DomainError(_("Round 2 is not open, so it cannot be closed."), status=409)
        counts = []
        for category in edition.categories.order_by("position", "code"):
            counted = count(category, stored=True)
            counts.append(counted)
            result = counted.result
            for place, label in (
                (Placement.Place.GOLD, result.gold),
                (Placement.Place.SILVER, result.silver),
            ):
                application = counted.application(label)
                if application is None or label is None:
                    continue
                Placement.objects.create(
                    edition=edition,
                    category=category,
                    place=place,
                    organisation=application.organisation,
                    application=application,
                    project=application.title,
                    votes=result.votes[label],
                    ruling=result.rulings[label],
                )
        edition.stage = Stage.DECIDED
        audit.record(
            actor,
            "close_round2",
            edition,
            before={"stage": Stage.ROUND2},
            after={
                "stage": Stage.DECIDED,
                "counts": {c.category.code: c.result.explanation for c in counts},
            },
        )
    return counts


# --- The head of panel's order on a tie ----------------------------------------------------


def is_head(actor: Any, edition: Edition) -> bool:
    seat = seat_of(actor, edition)
    return bool(seat and seat.is_head)


def head_may_decide(edition: Edition) -> bool:
    """Whether the head of panel can decide a tie on places: they have a login and none of
    the edition's finalists is of their own city or of a city they declared a conflict with.
    Otherwise the Secretariat records the panel's order, as in round 1."""
    head = round1.head_of(edition)
    if head is None or head.user_id is None:
        return False
    barred = round1.barred_organisation_ids(head)
    return not Application.objects.filter(
        edition=edition, finalist=True, organisation_id__in=barred
    ).exists()


def may_decide_places(actor: Any, edition: Edition) -> bool:
    if head_may_decide(edition):
        return is_head(actor, edition)
    return permissions.is_secretariat(actor)


def decide_places(
    actor: Any, category: Category, chosen_ids: Sequence[int], reason: str
) -> Decision:
    """The head of panel's order among finalists equal on votes and on round-1 scores: the
    first chosen takes the first place tied (Gold, or Silver), and so on. Where the head
    cannot decide (no login, or a finalist of their own or a conflicted city), the
    Secretariat records the panel's order."""
    edition = category.edition
    if not may_decide_places(actor, edition):
        if head_may_decide(edition):
            raise PermissionDenied(_("Only the head of panel decides a tie on places."))
        raise PermissionDenied(
            _(
                "The head of panel cannot decide this tie (no login, or a finalist of their "
                "own city or of a city they declared a conflict with): the Secretariat records "
                "the panel's order."
            )
        )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the panel's reason for the order."))
    with transaction.atomic():
        edition = _lock_edition(edition.pk)
        if edition.stage != Stage.DECIDED:
            raise DomainError(
                _("A tie on places is decided after round 2 closes and before publication."),
                status=409,
            )
        if category.decisions.filter(kind=Decision.Kind.PLACES).exists():
            raise DomainError(_("The panel has already decided this tie."), status=409)
        counted = count(category)
        tie = counted.tie
        if tie is None:
            raise DomainError(
                _("There is no tie on places to decide in %(category)s.") % {"category": category},
                status=409,
            )
        candidates = {label: counted.by_label[label] for label in tie.candidates}
        label_of = {a.pk: label for label, a in counted.by_label.items()}
        chosen = [label_of.get(i, f"#{i}") for i in chosen_ids]
        try:
            rules.check_choice(candidates, len(tie.places), chosen)
        except rules.RuleError as exc:
            raise DomainError(exc.message) from exc
        decision = Decision.objects.create(
            category=category,
            kind=Decision.Kind.PLACES,
            candidates=sorted(a.pk for a in candidates.values()),
            chosen=[candidates[c].pk for c in chosen],
            reason=reason,
            decided_by=permissions.user_or_none(actor),
        )
        # The rulings are stored in the site's source language, as at the close.
        stored = {a.pk: label for label, a in count(category, stored=True).by_label.items()}
        names = [stored[a.pk] for a in candidates.values()]
        for place, key in zip(tie.places, chosen, strict=True):
            application = candidates[key]
            with translation.override(settings.LANGUAGE_CODE):
                ruling = _tie_ruling(place, stored[application.pk], tie, names, reason)
            Placement.objects.create(
                edition=edition,
                category=category,
                place=place,
                organisation=application.organisation,
                application=application,
                project=application.title,
                votes=tie.votes,
                ruling=ruling,
            )
        audit.record(
            actor,
            "decide_places",
            decision,
            after={
                "category": category.pk,
                "candidates": decision.candidates,
                "chosen": decision.chosen,
            },
            reason=reason,
        )
    return decision


def _tie_ruling(place: str, name: str, tie: rules.PlaceTie, names: list[str], reason: str) -> str:
    return ngettext(
        "%(place)s: %(project)s with %(votes)s vote, equal on votes and on round-1 "
        "scores (%(score)s) with %(others)s; the head of panel decided the order: "
        "%(reason)s",
        "%(place)s: %(project)s with %(votes)s votes, equal on votes and on round-1 "
        "scores (%(score)s) with %(others)s; the head of panel decided the order: "
        "%(reason)s",
        tie.votes,
    ) % {
        "place": rules.place_name(place),
        "project": name,
        "votes": tie.votes,
        "score": rules.shown(tie.score),
        "others": rules.listed([o for o in names if o != name]),
        "reason": reason,
    }
