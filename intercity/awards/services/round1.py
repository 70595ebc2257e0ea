"""Round 1 of an edition: the judges' conflicts of interest, their scorecards (saved as they
go, submitted when complete), the Secretariat's progress page, the closing of the round with
its ranking per category, and the head of panel's decision where the last finalist's place is
tied.

Who sees what: a judge sees only the eligible applications of the categories they judge,
never one of their own city (`Judge.organisation`) nor of a city they declared a conflict
with; anything else is "not found" to them, so a judge cannot even tell it exists. The
Secretariat sees how far each judge is, never a score, until the round is closed.

A conflict declared after the judge began scoring that city: the card in progress is
withdrawn (deleted, with its scores kept in the audit event), because a judge who finds a
conflict while reading an application must be able to step back without asking anyone, and a
score from a conflicted judge must not count. A submitted card is locked and counts: the
declaration is then refused (a judge could otherwise take back a score after seeing how it
weighs), and the judge asks the Secretariat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.awards import rules
from intercity.awards.models import (
    Application,
    Category,
    Conflict,
    Criterion,
    Decision,
    Edition,
    Judge,
    Score,
    Scorecard,
    Stage,
)
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.network.models import Organisation

# Stages in which a judge may declare a conflict: from the first application to the last vote.
CONFLICT_STAGES = (Stage.APPLICATIONS, Stage.SCREENING, Stage.ROUND1, Stage.ROUND2)


def procedure_of(edition: Edition) -> rules.Procedure:
    return rules.Procedure(
        score_min=edition.score_min,
        score_max=edition.score_max,
        finalists=edition.finalists,
        votes_per_judge=edition.votes_per_judge,
    )


# --- Who is a judge, and what they may see -------------------------------------------------


def seat_of(actor: Any, edition: Edition) -> Judge | None:
    """The actor's seat on the edition's panel, if they have one."""
    if not getattr(actor, "is_authenticated", False):
        return None
    return (
        Judge.objects.filter(edition=edition, user=actor)
        .select_related("edition", "organisation")
        .first()
    )


def require_seat(actor: Any, edition: Edition) -> Judge:
    judge = seat_of(actor, edition)
    if judge is None:
        raise PermissionDenied(
            _("Only the judges of %(edition)s may do this.") % {"edition": edition}
        )
    return judge


def seats_of(actor: Any) -> QuerySet[Judge]:
    """Every seat a person holds, newest edition first."""
    if not getattr(actor, "is_authenticated", False):
        return Judge.objects.none()
    return (
        Judge.objects.filter(user=actor)
        .select_related("edition", "edition__network")
        .order_by("-edition__year")
    )


def barred_organisation_ids(judge: Judge) -> set[int]:
    """The cities a judge never sees: their own and those they declared a conflict with."""
    barred = set(judge.conflicts.values_list("organisation_id", flat=True))
    if judge.organisation_id is not None:
        barred.add(judge.organisation_id)
    return barred


def judged_categories(judge: Judge) -> QuerySet[Category]:
    """The categories a judge judges: those named on their seat, or all of the edition's."""
    named = judge.categories.all()
    if named.exists():
        return named
    return judge.edition.categories.all()


def applications_for(judge: Judge) -> QuerySet[Application]:
    """The eligible applications a judge scores: their categories, none of a barred city;
    none before round 1 opens (the Secretariat's screening may still change them)."""
    if not judge.edition.reached(Stage.ROUND1):
        return Application.objects.none()
    return (
        Application.objects.filter(
            edition_id=judge.edition_id,
            status=Application.Status.ELIGIBLE,
            category__in=judged_categories(judge),
        )
        .exclude(organisation_id__in=barred_organisation_ids(judge))
        .select_related("category", "organisation")
        .order_by("category__position", "category__code", "organisation__name", "title")
    )


def get_application(actor: Any, edition: Edition, application_id: int) -> tuple[Judge, Application]:
    """An application a judge may open; "not found" for anything else, their own city's and
    a conflicted one included, so that its existence is not disclosed."""
    judge = seat_of(actor, edition)
    found = applications_for(judge).filter(pk=application_id).first() if judge else None
    if judge is None or found is None:
        raise NotFound(_("No application %(id)s to judge.") % {"id": application_id})
    return judge, found


# --- Conflicts of interest ------------------------------------------------------------------


def conflict_candidates(judge: Judge) -> QuerySet[Organisation]:
    """The cities a judge may declare a conflict with: those that sent the edition an
    application, less their own city and those already declared."""
    sent = (
        Application.objects.filter(edition_id=judge.edition_id)
        .exclude(status=Application.Status.DRAFT)
        .values("organisation_id")
    )
    return (
        Organisation.objects.filter(pk__in=sent)
        .exclude(pk__in=barred_organisation_ids(judge))
        .order_by("name")
    )


def declare_conflict(
    actor: Any, edition: Edition, organisation: Organisation, reason: str
) -> Conflict:
    """A judge declares a conflict of interest with a city: none of its applications is
    shown to them again. Their card in progress for it is withdrawn (its scores kept in the
    audit event); a submitted card refuses the declaration (see the module's docstring)."""
    judge = require_seat(actor, edition)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why you have a conflict of interest."))
    if len(reason) > Conflict._meta.get_field("reason").max_length:  # type: ignore[operator]
        raise DomainError(_("Keep the reason under 300 characters."))
    if judge.organisation_id == organisation.pk:
        raise DomainError(
            _("%(city)s is your own city: its applications are never shown to you.")
            % {"city": organisation}
        )
    sent = Application.objects.filter(edition=edition, organisation=organisation)
    if not sent.exclude(status=Application.Status.DRAFT).exists():
        raise DomainError(
            _("%(city)s has sent no application to %(edition)s.")
            % {"city": organisation, "edition": edition}
        )
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.stage not in CONFLICT_STAGES:
            raise DomainError(
                _("Conflicts are declared before the panel decides; %(edition)s is at: %(stage)s.")
                % {"edition": edition, "stage": locked.get_stage_display()},
                status=409,
            )
        cards = Scorecard.objects.select_for_update().filter(
            judge=judge, application__organisation=organisation
        )
        if any(card.status == Scorecard.Status.SUBMITTED for card in cards):
            raise DomainError(
                _(
                    "You have already submitted a scorecard for %(city)s: it is locked and "
                    "counts. Ask the Secretariat if it should not."
                )
                % {"city": organisation},
                status=409,
            )
        withdrawn = [
            {
                "application": card.application_id,
                "scores": {str(s.criterion_id): s.value for s in card.scores.all()},
                "comment": card.comment,
            }
            for card in cards
        ]
        try:
            with transaction.atomic():
                conflict = Conflict.objects.create(
                    judge=judge, organisation=organisation, reason=reason
                )
        except IntegrityError:
            raise DomainError(
                _("You have already declared a conflict of interest with %(city)s.")
                % {"city": organisation},
                status=409,
            ) from None
        for card in cards:
            card.scores.all().delete()
            card.delete()
        audit.record(
            actor,
            "declare_conflict",
            conflict,
            before={"withdrawn_scorecards": withdrawn} if withdrawn else None,
            after={"judge": judge.pk, "organisation": organisation.pk},
            reason=reason,
        )
    return conflict


# --- Scorecards ------------------------------------------------------------------------------


def criteria_of(category: Category) -> list[Criterion]:
    return list(category.criteria.order_by("position", "pk"))


def card_of(judge: Judge, application: Application) -> Scorecard | None:
    return Scorecard.objects.filter(judge=judge, application=application).first()


def scores_of(card: Scorecard | None) -> dict[int, int]:
    """A card's scores by criterion id (the judge's own, for their own page)."""
    if card is None:
        return {}
    return dict(card.scores.values_list("criterion_id", "value"))


def _open_card(judge: Judge, application: Application) -> Scorecard:
    """The judge's card for the application, created on the first score, and locked for the
    caller's transaction: the conditional update writes the row, so a submit racing this save
    waits for it (on PostgreSQL a row lock, on SQLite the write lock), and it refuses a card
    already submitted. Refuses too once round 1 is closed, on the edition's row lock."""
    edition = Edition.objects.select_for_update().get(pk=application.edition_id)
    if edition.stage != Stage.ROUND1 or edition.round1_closed_at is not None:
        raise DomainError(
            _("Round 1 of %(edition)s is not open for scoring.") % {"edition": edition},
            status=409,
        )
    try:
        with transaction.atomic():
            card, _created = Scorecard.objects.get_or_create(judge=judge, application=application)
    except IntegrityError:  # another request created it a moment ago
        card = Scorecard.objects.get(judge=judge, application=application)
    claimed = Scorecard.objects.filter(pk=card.pk, status=Scorecard.Status.DRAFT).update(
        updated_at=timezone.now()
    )
    if not claimed:
        raise DomainError(
            _("Your scorecard for %(application)s is submitted and can no longer be changed.")
            % {"application": application},
            status=409,
        )
    card.refresh_from_db()
    return card


def _value(raw: object, procedure: rules.Procedure) -> int | None:
    """A score as typed: empty clears it; otherwise a whole number on the scale."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        text = raw.strip()
        raw = int(text) if text.lstrip("-").isdigit() else text
    try:
        return rules.check_score(raw, procedure)
    except rules.RuleError as exc:
        raise DomainError(exc.message) from None


def _criterion(application: Application, criterion_id: int) -> Criterion:
    found = Criterion.objects.filter(pk=criterion_id, category_id=application.category_id).first()
    if found is None:
        raise NotFound(_("No criterion %(id)s in this category.") % {"id": criterion_id})
    return found


def save_score(
    actor: Any, edition: Edition, application_id: int, criterion_id: int, raw: object
) -> Scorecard:
    """One criterion's score, saved at once (an empty value clears it)."""
    judge, application = get_application(actor, edition, application_id)
    criterion = _criterion(application, criterion_id)
    value = _value(raw, procedure_of(edition))
    with transaction.atomic():
        card = _open_card(judge, application)
        before = Score.objects.filter(scorecard=card, criterion=criterion).first()
        if value is None:
            Score.objects.filter(scorecard=card, criterion=criterion).delete()
        else:
            Score.objects.update_or_create(
                scorecard=card, criterion=criterion, defaults={"value": value}
            )
        audit.record(
            actor,
            "score",
            card,
            before={"criterion": criterion.pk, "value": before.value if before else None},
            after={"criterion": criterion.pk, "value": value},
        )
    return card


def save_comment(actor: Any, edition: Edition, application_id: int, comment: str) -> Scorecard:
    judge, application = get_application(actor, edition, application_id)
    comment = (comment or "").strip()
    with transaction.atomic():
        card = _open_card(judge, application)
        before = card.comment
        Scorecard.objects.filter(pk=card.pk).update(comment=comment)
        audit.record(
            actor, "comment_scorecard", card, before={"comment": before}, after={"comment": comment}
        )
    card.comment = comment
    return card


def save_scorecard(
    actor: Any,
    edition: Edition,
    application_id: int,
    scores: Mapping[int, object],
    comment: str | None = None,
) -> Scorecard:
    """The whole card at once (the page without JavaScript): every value is checked first;
    one wrong value saves nothing."""
    judge, application = get_application(actor, edition, application_id)
    procedure = procedure_of(edition)
    criteria = {c.pk: c for c in criteria_of(application.category)}
    unknown = [key for key in scores if key not in criteria]
    if unknown:
        raise NotFound(_("No criterion %(id)s in this category.") % {"id": unknown[0]})
    values: dict[int, int | None] = {}
    problems = []
    for key, raw in scores.items():
        try:
            values[key] = _value(raw, procedure)
        except DomainError as exc:
            problems.append(f"{criteria[key]}: {exc.message}")
    if problems:
        raise DomainError(" ".join(problems))
    with transaction.atomic():
        card = _open_card(judge, application)
        before = scores_of(card)
        for key, value in values.items():
            if value is None:
                Score.objects.filter(scorecard=card, criterion_id=key).delete()
            else:
                Score.objects.update_or_create(
                    scorecard=card, criterion_id=key, defaults={"value": value}
                )
        after: dict[str, Any] = {"scores": {str(k): v for k, v in values.items()}}
        if comment is not None:
            Scorecard.objects.filter(pk=card.pk).update(comment=comment.strip())
            after["comment"] = comment.strip()
        audit.record(
            actor,
            "save_scorecard",
            card,
            before={"scores": {str(k): v for k, v in before.items()}, "comment": card.comment},
            after=after,
        )
    card.refresh_from_db()
    return card


def submit_scorecard(actor: Any, edition: Edition, application_id: int) -> Scorecard:
    """Submit a complete card (a score for every criterion); it is locked from then on."""
    judge, application = get_application(actor, edition, application_id)
    criteria = criteria_of(application.category)
    with transaction.atomic():
        card = _open_card(judge, application)
        given = scores_of(card)
        try:
            rules.check_scorecard(
                [given[c.pk] for c in criteria if c.pk in given],
                len(criteria),
                procedure_of(edition),
            )
        except rules.RuleError as exc:
            missing = [str(c) for c in criteria if c.pk not in given]
            message = exc.message
            if missing:
                message += " " + _("Not yet scored: %(criteria)s.") % {
                    "criteria": ", ".join(missing)
                }
            raise DomainError(message) from None
        now = timezone.now()
        submitted = Scorecard.objects.filter(pk=card.pk, status=Scorecard.Status.DRAFT).update(
            status=Scorecard.Status.SUBMITTED, submitted_at=now
        )
        if not submitted:  # pragma: no cover - _open_card holds the lock
            raise DomainError(_("This scorecard is already submitted."), status=409)
        audit.record(
            actor,
            "submit_scorecard",
            card,
            before={"status": Scorecard.Status.DRAFT},
            after={
                "status": Scorecard.Status.SUBMITTED,
                "scores": {str(k): v for k, v in given.items()},
            },
        )
    card.refresh_from_db()
    return card


@dataclass(frozen=True)
class CardLine:
    """One line of a judge's list: an application and where their card stands."""

    application: Application
    status: str  # "not-started", "draft" or "submitted"
    scored: int
    criteria: int

    @property
    def label(self) -> str:
        return {
            "not-started": _("Not started"),
            Scorecard.Status.DRAFT: _("In progress"),
            Scorecard.Status.SUBMITTED: _("Submitted"),
        }[self.status]


def card_lines(judge: Judge) -> list[CardLine]:
    """A judge's applications with their card's state, in the order of the categories."""
    applications = list(applications_for(judge))
    cards = {
        c.application_id: c
        for c in Scorecard.objects.filter(judge=judge, application__in=applications)
    }
    scored: dict[int, int] = {}
    for card_id in Score.objects.filter(scorecard__in=cards.values()).values_list(
        "scorecard__application_id", flat=True
    ):
        scored[card_id] = scored.get(card_id, 0) + 1
    per_category: dict[int, int] = {}
    for category_id in Criterion.objects.filter(
        category_id__in={a.category_id for a in applications}
    ).values_list("category_id", flat=True):
        per_category[category_id] = per_category.get(category_id, 0) + 1
    return [
        CardLine(
            application=a,
            status=cards[a.pk].status if a.pk in cards else "not-started",
            scored=scored.get(a.pk, 0),
            criteria=per_category.get(a.category_id, 0),
        )
        for a in applications
    ]


# --- The Secretariat's progress page ---------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    judge: Judge
    category: Category
    submitted: int
    in_progress: int
    not_started: int

    @property
    def finished(self) -> bool:
        return self.in_progress == 0 and self.not_started == 0


def progress(actor: Any, edition: Edition) -> list[Progress]:
    """How far each judge is in each category they judge: counts only, never a score."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may follow the judges' progress.")
    )
    lines = []
    for judge in edition.judges.filter(user__isnull=False).select_related(
        "organisation", "edition"
    ):
        by_category: dict[int, list[CardLine]] = {}
        for line in card_lines(judge):
            by_category.setdefault(line.application.category_id, []).append(line)
        for category in judged_categories(judge):
            found = by_category.get(category.pk, [])
            lines.append(
                Progress(
                    judge=judge,
                    category=category,
                    submitted=sum(1 for x in found if x.status == Scorecard.Status.SUBMITTED),
                    in_progress=sum(1 for x in found if x.status == Scorecard.Status.DRAFT),
                    not_started=sum(1 for x in found if x.status == "not-started"),
                )
            )
    return lines


# --- The ranking, the closing and the head of panel's decision ------------------------------


@dataclass(frozen=True)
class CategoryRanking:
    category: Category
    applications: dict[str, Application]  # by the label the rules name them with
    result: rules.Round1 | None  # None: no application
    normalised: tuple[rules.Normalised, ...]
    decision: Decision | None

    @property
    def settled(self) -> bool:
        return self.result is None or self.result.tie is None or self.decision is not None

    @property
    def waiting(self) -> bool:
        return not self.settled

    def chosen_labels(self) -> set[str]:
        if self.result is None:
            return set()
        chosen = set(self.result.finalists)
        if self.decision is not None:
            by_pk = {a.pk: key for key, a in self.applications.items()}
            chosen |= {by_pk[pk] for pk in self.decision.chosen if pk in by_pk}
        return chosen

    def rows(self) -> list[dict[str, Any]]:
        """The raw ranking with the normalised one beside it, for the results page."""
        if self.result is None:
            return []
        z = {n.id: n for n in self.normalised}
        order = sorted(z.values(), key=lambda n: (n.z is None, -(n.z or 0), n.raw_place))
        z_place = {n.id: i + 1 for i, n in enumerate(order) if n.z is not None}
        chosen = self.chosen_labels()
        tied = set(self.result.tie.candidates) if self.result.tie else set()
        return [
            {
                "place": i + 1,
                "application": self.applications[r.id],
                "score": rules.shown(r.score),
                "judges": r.judges,
                "z": z[r.id].z if r.id in z else None,
                "z_place": z_place.get(r.id),
                "finalist": r.id in chosen,
                "tied": r.id in tied and self.decision is None,
            }
            for i, r in enumerate(self.result.ranking)
        ]


def _labels(applications: Sequence[Application]) -> dict[str, Application]:
    """Name each application as the explanation shows it: its city and project."""
    labels: dict[str, Application] = {}
    for app in applications:
        label = f"{app.organisation.name}: {app.title}"
        if label in labels:
            label = f"{label} (#{app.pk})"
        labels[label] = app
    return labels


def rank_category(category: Category) -> CategoryRanking:
    """Rank a category over the SUBMITTED cards; a card missing or in progress counts as
    not scored by that judge, like a conflict. Judges keep one order for every application,
    so the normalisation compares each judge with themself."""
    edition = category.edition
    applications = list(
        Application.objects.filter(category=category, status=Application.Status.ELIGIBLE)
        .select_related("organisation")
        .order_by("pk")
    )
    decision = Decision.objects.filter(category=category, kind=Decision.Kind.FINALISTS).first()
    labels = _labels(applications)
    if not applications:
        return CategoryRanking(category, labels, None, (), decision)
    criteria = criteria_of(category)
    judges = list(edition.judges.order_by("pk").values_list("pk", flat=True))
    # A judge's own city and declared conflicts never count, whatever the database holds
    # (the services refuse such a card; a seat's city set after scoring is caught here).
    barred = set(
        Conflict.objects.filter(judge__edition=edition).values_list("judge_id", "organisation_id")
    ) | set(edition.judges.filter(organisation__isnull=False).values_list("pk", "organisation_id"))
    submitted: dict[tuple[int, int], dict[int, int]] = {
        key: {}
        for key in Scorecard.objects.filter(
            application__in=applications, status=Scorecard.Status.SUBMITTED
        ).values_list("judge_id", "application_id")
    }
    for judge_id, application_id, criterion_id, value in Score.objects.filter(
        scorecard__application__in=applications, scorecard__status=Scorecard.Status.SUBMITTED
    ).values_list("scorecard__judge_id", "scorecard__application_id", "criterion_id", "value"):
        submitted[(judge_id, application_id)][criterion_id] = value
    cards: dict[str, list[Sequence[int] | None]] = {}
    for label, app in labels.items():
        row: list[Sequence[int] | None] = []
        for judge_id in judges:
            given = submitted.get((judge_id, app.pk))
            if given is None or (judge_id, app.organisation_id) in barred:
                row.append(None)
            else:
                row.append([given.get(c.pk) for c in criteria])  # type: ignore[misc]
        cards[label] = row
    weights = [Fraction(c.weight) for c in criteria]
    procedure = procedure_of(edition)
    try:
        result = rules.rank_round1(cards, weights, procedure)
        normalised = rules.normalised_ranking(cards, weights, procedure)
    except rules.RuleError as exc:
        raise DomainError(
            _("Category %(category)s cannot be ranked: %(problem)s")
            % {"category": category, "problem": exc.message}
        ) from None
    return CategoryRanking(category, labels, result, normalised, decision)


def _require_closed(edition: Edition) -> None:
    if edition.round1_closed_at is None:
        raise DomainError(
            _("Round 1 of %(edition)s is not closed yet.") % {"edition": edition}, status=409
        )


def may_see_results(actor: Any, edition: Edition) -> bool:
    if permissions.is_secretariat(actor):
        return True
    judge = seat_of(actor, edition)
    return judge is not None and judge.is_head


def results(actor: Any, edition: Edition) -> list[CategoryRanking]:
    """Round 1's rankings, for the Secretariat and the head of panel once the round is
    closed (no score is shown to anyone before)."""
    if not may_see_results(actor, edition):
        raise PermissionDenied(
            _("Only the Secretariat and the head of panel see the scores of round 1.")
        )
    _require_closed(edition)
    return [rank_category(c) for c in edition.categories.order_by("position", "code")]


def _open_round2_if_settled(actor: Any, edition: Edition) -> bool:
    """Move the edition to round 2 when every category's finalists are settled; a
    conditional update, so two requests at once move it once."""
    if any(rank_category(c).waiting for c in edition.categories.all()):
        return False
    moved = Edition.objects.filter(
        pk=edition.pk, stage=Stage.ROUND1, round1_closed_at__isnull=False
    ).update(stage=Stage.ROUND2)
    if moved:
        audit.record(
            actor,
            "open_round2",
            edition,
            before={"stage": Stage.ROUND1},
            after={"stage": Stage.ROUND2},
        )
        edition.stage = Stage.ROUND2
    return bool(moved)


def close_round1(actor: Any, edition: Edition) -> list[CategoryRanking]:
    """The Secretariat closes round 1: each category ranked over the submitted cards, its
    sure finalists marked; a tie at the last finalist's place waits for the head of panel,
    and the edition moves to round 2 once none waits. Two closings at once: one effect."""
    permissions.require_secretariat(actor, refusal=_("Only Secretariat staff may close round 1."))
    with transaction.atomic():
        now = timezone.now()
        closed = Edition.objects.filter(
            pk=edition.pk, stage=Stage.ROUND1, round1_closed_at__isnull=True
        ).update(round1_closed_at=now)
        if not closed:
            edition.refresh_from_db()
            if edition.stage == Stage.ROUND1:
                raise DomainError(_("Round 1 is already closed."), status=409)
            raise DomainError(
                _("Round 1 can be closed only while it is open; %(edition)s is at: %(stage)s.")
                % {"edition": edition, "stage": edition.get_stage_display()},
                status=409,
            )
        edition.round1_closed_at = now
        rankings = [rank_category(c) for c in edition.categories.order_by("position", "code")]
        finalists: dict[str, list[int]] = {}
        waiting: list[str] = []
        for ranking in rankings:
            if ranking.result is None:
                continue
            ids = [ranking.applications[label].pk for label in ranking.result.finalists]
            Application.objects.filter(pk__in=ids).update(finalist=True)
            finalists[ranking.category.code] = ids
            if ranking.result.tie is not None:
                waiting.append(ranking.category.code)
        audit.record(
            actor,
            "close_round1",
            edition,
            before={"round1_closed_at": None},
            after={"round1_closed_at": now, "finalists": finalists, "waiting_for_head": waiting},
        )
        _open_round2_if_settled(actor, edition)
    return rankings


def head_of(edition: Edition) -> Judge | None:
    return edition.judges.filter(is_head=True).select_related("user").first()


def _head_may_not_see(ranking: CategoryRanking) -> bool:
    """Whether the head of panel may not decide this tie: a tied application is of their own
    city or of a city they declared a conflict with (they never see it), or the panel has no
    head with a login. The Secretariat decides it then, with a reason, in the same way."""
    head = head_of(ranking.category.edition)
    if head is None or head.user_id is None or ranking.result is None or ranking.result.tie is None:
        return True
    barred = barred_organisation_ids(head)
    return any(
        ranking.applications[label].organisation_id in barred
        for label in ranking.result.tie.candidates
    )


def may_decide(actor: Any, ranking: CategoryRanking) -> bool:
    judge = seat_of(actor, ranking.category.edition)
    if _head_may_not_see(ranking):
        return permissions.is_secretariat(actor)
    return judge is not None and judge.is_head


def _require_decider(actor: Any, ranking: CategoryRanking) -> None:
    if may_decide(actor, ranking):
        return
    judge = seat_of(actor, ranking.category.edition)
    if judge is not None and judge.is_head:
        raise PermissionDenied(
            _(
                "A tied application is of your own city or of a city you declared a conflict "
                "with: the Secretariat decides this tie."
            )
        )
    raise PermissionDenied(_("Only the head of panel decides a tie at the last finalist's place."))


def _require_head_or_staff(actor: Any, edition: Edition) -> None:
    """A first check before anything is ranked: nobody else may even ask."""
    judge = seat_of(actor, edition)
    if not (judge is not None and judge.is_head) and not permissions.is_secretariat(actor):
        raise PermissionDenied(
            _("Only the head of panel decides a tie at the last finalist's place.")
        )


def get_tie(actor: Any, category: Category) -> CategoryRanking:
    """The tie the head of panel is asked to decide, with the tied applications' scores."""
    _require_head_or_staff(actor, category.edition)
    _require_closed(category.edition)
    ranking = rank_category(category)
    if ranking.result is None or ranking.result.tie is None:
        raise NotFound(_("No tie to decide in %(category)s.") % {"category": category})
    _require_decider(actor, ranking)
    return ranking


def decide_finalists(
    actor: Any, category: Category, chosen: Sequence[int], reason: str
) -> Decision:
    """The head of panel chooses among the applications tied at the last finalist's place:
    exactly the number of places left, with a written reason. Once every category is settled,
    the edition moves to round 2."""
    edition = category.edition
    _require_head_or_staff(actor, edition)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write the reason for your choice: it is recorded with it."))
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        _require_closed(locked)
        if locked.stage != Stage.ROUND1:
            raise DomainError(_("Round 1's finalists are already settled."), status=409)
        ranking = rank_category(category)
        tie = ranking.result.tie if ranking.result else None
        if tie is None:
            raise NotFound(_("No tie to decide in %(category)s.") % {"category": category})
        _require_decider(actor, ranking)
        by_pk = {a.pk: label for label, a in ranking.applications.items()}
        labels = [by_pk.get(pk, f"#{pk}") for pk in chosen]
        try:
            rules.check_choice(tie.candidates, tie.places, labels)
        except rules.RuleError as exc:
            raise DomainError(exc.message) from None
        candidates = [ranking.applications[label].pk for label in tie.candidates]
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    category=category,
                    kind=Decision.Kind.FINALISTS,
                    candidates=candidates,
                    chosen=list(chosen),
                    reason=reason,
                    decided_by=permissions.user_or_none(actor),
                )
        except IntegrityError:
            raise DomainError(
                _("The tie in %(category)s is already decided.") % {"category": category},
                status=409,
            ) from None
        Application.objects.filter(pk__in=list(chosen)).update(finalist=True)
        audit.record(
            actor,
            "decide_finalists",
            decision,
            after={"candidates": candidates, "chosen": list(chosen), "places": tie.places},
            reason=reason,
        )
        _open_round2_if_settled(actor, locked)
    return decision


def pending_ties(actor: Any, edition: Edition) -> list[Category]:
    """The categories whose tie waits for this person's decision (the head of panel's, or
    the Secretariat's where the head may not see a tied application)."""
    if edition.round1_closed_at is None or edition.stage != Stage.ROUND1:
        return []
    judge = seat_of(actor, edition)
    if not (judge is not None and judge.is_head) and not permissions.is_secretariat(actor):
        return []
    rankings = (rank_category(c) for c in edition.categories.all())
    return [r.category for r in rankings if r.waiting and may_decide(actor, r)]


def visible_attachment(
    actor: Any, edition: Edition, application_id: int, attachment_id: int
) -> Any:
    _judge, application = get_application(actor, edition, application_id)
    found = application.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise NotFound(_("No attachment %(id)s.") % {"id": attachment_id})
    return found
