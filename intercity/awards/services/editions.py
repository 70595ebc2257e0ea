"""An edition of an award: who sees it, its categories, criteria and panel, its stages up to
round 1.

The Secretariat prepares an edition (its title, terms, dates and the procedure's numbers),
its categories with their criteria and its panel of judges, then moves it from stage to stage:
open for applications, closed for screening, round 1. Each move is one conditional update on
the stage, so two clicks at once move it once; a move that cannot happen says why."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.accounts.models import Role, RoleGrant
from intercity.accounts.services import grant_role
from intercity.awards.models import (
    Application,
    Category,
    Criterion,
    Edition,
    Judge,
    Stage,
)
from intercity.core import audit, translated
from intercity.core.errors import DomainError, NotFound
from intercity.network.models import Network, Organisation

# The procedure's numbers: fixed once round 1 opens (scorecards and ballots count with them).
NUMBERS = ("score_min", "score_max", "finalists", "votes_per_judge", "special_mentions")
DATES = (
    "applications_open_on",
    "applications_close_on",
    "round1_closes_on",
    "round2_closes_on",
    "ceremony_on",
)
TEXTS = ("number", "year", "title", "terms")
EDITION_FIELDS = TEXTS + DATES + NUMBERS

# Stages in which the edition's title, terms and dates may change.
EDITABLE_STAGES = (Stage.DRAFT, Stage.APPLICATIONS)
# Stages before round 1: categories, criteria, the panel and the numbers may change.
BEFORE_ROUND1 = (Stage.DRAFT, Stage.APPLICATIONS, Stage.SCREENING)


def editions_visible_to(user: Any) -> QuerySet[Edition]:
    """Every edition for the Secretariat; for others, those past their preparation."""
    found = Edition.objects.select_related("network")
    if permissions.is_secretariat(user):
        return found
    return found.exclude(stage=Stage.DRAFT)


def get_edition(actor: Any, edition_id: int) -> Edition:
    edition = editions_visible_to(actor).filter(pk=edition_id).first()
    if edition is None:
        raise NotFound(_("No award edition %(id)s.") % {"id": edition_id})
    return edition


def _require_secretariat(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may prepare an award edition.")
    )


def _lock(edition: Edition) -> Edition:
    """Re-read the edition under a row lock inside the caller's transaction."""
    edition.refresh_from_db(from_queryset=Edition.objects.select_for_update())
    return edition


def _stage_name(edition: Edition) -> str:
    return str(edition.get_stage_display()).lower()


def _require_before_round1(edition: Edition, what: str) -> None:
    """Refuse a change of the categories, criteria or panel once round 1 has opened."""
    if edition.stage in BEFORE_ROUND1:
        return
    sentences = {
        "categories": _(
            "The categories are fixed once round 1 opens; this edition is at: %(stage)s."
        ),
        "criteria": _("The criteria are fixed once round 1 opens; this edition is at: %(stage)s."),
        "panel": _("The panel is fixed once round 1 opens; this edition is at: %(stage)s."),
    }
    raise DomainError(sentences[what] % {"stage": _stage_name(edition)}, status=409)


# --- The edition ----------------------------------------------------------------------------


def _edition_problems(values: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if not str(values.get("title") or "").strip():
        problems.append(_("Give the edition a title."))
    if not values.get("number") or int(values["number"]) < 1:
        problems.append(_("The edition's number is 1 or more."))
    if not values.get("year") or not 1900 <= int(values["year"]) <= 2200:
        problems.append(_("Give the edition's year (the General Assembly's year)."))
    low, high = values.get("score_min"), values.get("score_max")
    if low is None or high is None or int(low) < 0 or int(high) <= int(low):
        problems.append(_("Scores run from a lowest to a higher highest score (1 to 10)."))
    finalists, votes = values.get("finalists"), values.get("votes_per_judge")
    if finalists is None or int(finalists) < 2:
        problems.append(_("At least two finalists go on to round 2."))
    if votes is None or int(votes) < 1:
        problems.append(_("Each judge casts at least one vote in round 2."))
    elif finalists is not None and int(votes) >= int(finalists):
        problems.append(_("A judge's votes in round 2 must be fewer than the finalists."))
    if values.get("special_mentions") is None or int(values["special_mentions"]) < 0:
        problems.append(_("Special Mentions per category are 0 or more."))
    dates = [(name, values.get(name)) for name in DATES]
    given = [(name, day) for name, day in dates if day is not None]
    for (_first, earlier), (_second, later) in itertools.pairwise(given):
        if later < earlier:
            problems.append(
                _(
                    "The dates must follow each other: applications open, applications close, "
                    "round 1 closes, round 2 closes, the ceremony."
                )
            )
            break
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise DomainError(" ".join(problems))


def create_edition(actor: Any, network: Network, **values: Any) -> Edition:
    """A new edition of `network`'s award, in preparation (draft)."""
    _require_secretariat(actor)
    unknown = set(values) - set(EDITION_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    edition = Edition(network=network, **values)
    _refuse(_edition_problems({f: getattr(edition, f) for f in EDITION_FIELDS}))
    try:
        with transaction.atomic():
            edition.save()
            audit.record(
                actor,
                "create_award_edition",
                edition,
                after=audit.snapshot(edition, list(EDITION_FIELDS)),
            )
    except IntegrityError:
        raise DomainError(
            _("%(network)s already has an award edition for %(year)s.")
            % {"network": network.short_name, "year": edition.year},
            status=409,
        ) from None
    return edition


def update_edition(actor: Any, edition: Edition, **values: Any) -> Edition:
    """Change an edition while it is in preparation or open for applications; the procedure's
    numbers alone may still change during screening, and nothing once round 1 opens."""
    _require_secretariat(actor)
    unknown = set(values) - set(EDITION_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    try:
        with transaction.atomic():
            _lock(edition)
            changed = {k: v for k, v in values.items() if getattr(edition, k) != v}
            if not changed:
                return edition
            if edition.stage not in BEFORE_ROUND1:
                raise DomainError(
                    _("This edition is at: %(stage)s; it can no longer be changed.")
                    % {"stage": _stage_name(edition)},
                    status=409,
                )
            if edition.stage not in EDITABLE_STAGES and set(changed) - set(NUMBERS):
                raise DomainError(
                    _(
                        "During screening only the procedure's numbers may change; the title, "
                        "terms and dates are fixed once applications close."
                    ),
                    status=409,
                )
            before = audit.snapshot(edition, sorted(changed))
            for name, value in changed.items():
                setattr(edition, name, value)
            _refuse(_edition_problems({f: getattr(edition, f) for f in EDITION_FIELDS}))
            edition.save()
            audit.record(actor, "update_award_edition", edition, before=before, after=changed)
    except IntegrityError:
        raise DomainError(
            _("%(network)s already has an award edition for %(year)s.")
            % {"network": edition.network.short_name, "year": values.get("year")},
            status=409,
        ) from None
    return edition


# --- Categories and criteria ----------------------------------------------------------------


def add_category(
    actor: Any, edition: Edition, *, name: str, description: str = "", code: str = ""
) -> Category:
    _require_secretariat(actor)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the category a name."))
    code = slugify(code or name)[:60] or "category"
    with transaction.atomic():
        _lock(edition)
        _require_before_round1(edition, "categories")
        if edition.categories.filter(code=code).exists():
            raise DomainError(
                _("This edition already has a category %(code)s.") % {"code": code}, status=409
            )
        last = edition.categories.aggregate(last=Max("position"))["last"]
        category = Category.objects.create(
            edition=edition,
            code=code,
            name=name,
            description=description.strip(),
            position=0 if last is None else last + 1,
        )
        audit.record(
            actor,
            "add_award_category",
            category,
            after={"edition": edition.pk, "code": code, "name": name},
        )
    return category


def update_category(
    actor: Any, category: Category, *, name: str, description: str = ""
) -> Category:
    _require_secretariat(actor)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the category a name."))
    with transaction.atomic():
        _lock(category.edition)
        _require_before_round1(category.edition, "categories")
        before = audit.snapshot(category, ["name", "description"])
        category.name = name
        category.description = description.strip()
        category.save()
        audit.record(
            actor,
            "update_award_category",
            category,
            before=before,
            after=audit.snapshot(category, ["name", "description"]),
        )
    return category


def move_category(actor: Any, category: Category, step: int) -> Category:
    """Move a category one place up (step -1) or down (+1) in the edition's order."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition = _lock(category.edition)
        _require_before_round1(edition, "categories")
        order = list(edition.categories.order_by("position", "code"))
        index = next(i for i, c in enumerate(order) if c.pk == category.pk)
        target = index + (1 if step > 0 else -1)
        if not 0 <= target < len(order):
            return category
        order[index], order[target] = order[target], order[index]
        for position, item in enumerate(order):
            if item.position != position:
                Category.objects.filter(pk=item.pk).update(position=position)
        audit.record(
            actor,
            "reorder_award_categories",
            edition,
            after={"order": [c.code for c in order]},
        )
    category.refresh_from_db()
    return category


def remove_category(actor: Any, category: Category) -> None:
    _require_secretariat(actor)
    with transaction.atomic():
        _lock(category.edition)
        _require_before_round1(category.edition, "categories")
        if Application.objects.filter(category_id=category.pk).exists():
            raise DomainError(
                _("%(name)s has applications; a category with applications stays.")
                % {"name": category.name},
                status=409,
            )
        audit.record(
            actor,
            "remove_award_category",
            category,
            before={"edition": category.edition_id, "code": category.code, "name": category.name},
        )
        category.delete()


def _weight(value: Any) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("A criterion's weight is a number above 0.")) from None
    if not weight.is_finite() or weight <= 0 or weight >= 1000:
        raise DomainError(_("A criterion's weight is a number above 0."))
    return weight.quantize(Decimal("0.001"))


def add_criterion(
    actor: Any, category: Category, *, name: str, description: str = "", weight: Any = 1
) -> Criterion:
    _require_secretariat(actor)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the criterion a name."))
    value = _weight(weight)
    with transaction.atomic():
        _lock(category.edition)
        _require_before_round1(category.edition, "criteria")
        last = category.criteria.aggregate(last=Max("position"))["last"]
        criterion = Criterion.objects.create(
            category=category,
            name=name,
            description=description.strip(),
            weight=value,
            position=0 if last is None else last + 1,
        )
        audit.record(
            actor,
            "add_award_criterion",
            criterion,
            after={"category": category.pk, "name": name, "weight": value},
        )
    return criterion


def update_criterion(
    actor: Any, criterion: Criterion, *, name: str, description: str = "", weight: Any = 1
) -> Criterion:
    _require_secretariat(actor)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the criterion a name."))
    value = _weight(weight)
    with transaction.atomic():
        _lock(criterion.category.edition)
        _require_before_round1(criterion.category.edition, "criteria")
        before = audit.snapshot(criterion, ["name", "description", "weight"])
        criterion.name, criterion.description, criterion.weight = name, description.strip(), value
        criterion.save()
        audit.record(
            actor,
            "update_award_criterion",
            criterion,
            before=before,
            after=audit.snapshot(criterion, ["name", "description", "weight"]),
        )
    return criterion


def remove_criterion(actor: Any, criterion: Criterion) -> None:
    _require_secretariat(actor)
    with transaction.atomic():
        _lock(criterion.category.edition)
        _require_before_round1(criterion.category.edition, "criteria")
        audit.record(
            actor,
            "remove_award_criterion",
            criterion,
            before={"category": criterion.category_id, "name": criterion.name},
        )
        criterion.delete()


# --- The panel ------------------------------------------------------------------------------


def _check_categories(edition: Edition, categories: Iterable[Category]) -> list[Category]:
    chosen = list(categories)
    if any(c.edition_id != edition.pk for c in chosen):
        raise DomainError(_("A judge judges categories of this edition only."))
    return chosen


def seat_judge(
    actor: Any,
    edition: Edition,
    user: Any,
    *,
    name: str = "",
    country: str = "",
    affiliation: str = "",
    organisation: Organisation | None = None,
    categories: Iterable[Category] = (),
) -> Judge:
    """Seat a person on the panel (before round 1 opens); they get the judge role for the
    edition's network if they do not hold it yet. No category means every category."""
    _require_secretariat(actor)
    if user is None or not getattr(user, "pk", None):
        raise DomainError(_("A judge is a person with a login: name an existing user."))
    chosen = _check_categories(edition, categories)
    try:
        with transaction.atomic():
            _lock(edition)
            _require_before_round1(edition, "panel")
            if edition.judges.filter(user=user).exists():
                raise DomainError(
                    _("%(name)s already sits on this panel.") % {"name": user}, status=409
                )
            judge = Judge.objects.create(
                edition=edition,
                user=user,
                name=(name.strip() or str(user))[:200],
                country=country.strip()[:80],
                affiliation=affiliation.strip()[:300],
                organisation=organisation,
            )
            judge.categories.set(chosen)
            holds = (
                RoleGrant.objects.filter(user=user, role=Role.JUDGE)
                .filter(network_id__in=[edition.network_id])
                .exists()
                or RoleGrant.objects.filter(
                    user=user, role=Role.JUDGE, network__isnull=True
                ).exists()
            )
            if not holds:
                grant_role(actor, user, Role.JUDGE, network_id=edition.network_id)
            audit.record(
                actor,
                "seat_award_judge",
                judge,
                after={
                    "edition": edition.pk,
                    "user": user.pk,
                    "organisation": organisation.pk if organisation else None,
                    "categories": [c.code for c in chosen],
                },
            )
    except IntegrityError:
        raise DomainError(
            _("%(name)s already sits on this panel.") % {"name": user}, status=409
        ) from None
    return judge


def update_judge(
    actor: Any,
    judge: Judge,
    *,
    name: str,
    country: str = "",
    affiliation: str = "",
    organisation: Organisation | None = None,
    categories: Iterable[Category] = (),
) -> Judge:
    """Change a judge's details, own city and categories before round 1 opens."""
    _require_secretariat(actor)
    chosen = _check_categories(judge.edition, categories)
    with transaction.atomic():
        _lock(judge.edition)
        _require_before_round1(judge.edition, "panel")
        before = {
            **audit.snapshot(judge, ["name", "country", "affiliation", "organisation_id"]),
            "categories": sorted(c.code for c in judge.categories.all()),
        }
        judge.name = (name.strip() or judge.name)[:200]
        judge.country, judge.affiliation = country.strip()[:80], affiliation.strip()[:300]
        judge.organisation = organisation
        judge.save()
        judge.categories.set(chosen)
        audit.record(
            actor,
            "update_award_judge",
            judge,
            before=before,
            after={
                **audit.snapshot(judge, ["name", "country", "affiliation", "organisation_id"]),
                "categories": sorted(c.code for c in chosen),
            },
        )
    return judge


def name_head(actor: Any, judge: Judge) -> Judge:
    """Name a judge head of panel; the head before them (if any) is no longer head."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition = _lock(judge.edition)
        _require_before_round1(edition, "panel")
        before = list(edition.judges.filter(is_head=True).values_list("pk", flat=True))
        edition.judges.filter(is_head=True).exclude(pk=judge.pk).update(is_head=False)
        Judge.objects.filter(pk=judge.pk).update(is_head=True)
        audit.record(
            actor,
            "name_head_of_panel",
            judge,
            before={"head": before[0] if before else None},
            after={"head": judge.pk},
        )
    judge.refresh_from_db()
    return judge


def unseat_judge(actor: Any, judge: Judge) -> None:
    """Take a judge off the panel before round 1 opens (their role grant stays: it may serve
    another edition)."""
    _require_secretariat(actor)
    with transaction.atomic():
        _lock(judge.edition)
        if judge.edition.reached(Stage.ROUND1):
            raise DomainError(
                _("The panel is fixed once round 1 opens; %(name)s stays.") % {"name": judge.name},
                status=409,
            )
        audit.record(
            actor,
            "unseat_award_judge",
            judge,
            before={"edition": judge.edition_id, "user": judge.user_id, "head": judge.is_head},
        )
        judge.delete()


# --- Stages up to round 1 ---------------------------------------------------------------------


def may_judge(judge: Judge, category: Category) -> bool:
    chosen = [c.pk for c in judge.categories.all()]
    return not chosen or category.pk in chosen


def open_round1_problems(edition: Edition) -> list[str]:
    """What stands in the way of round 1, in words (empty: it may open)."""
    problems: list[str] = []
    applications = edition.applications.select_related("category")
    unscreened = applications.filter(status=Application.Status.SUBMITTED).count()
    if unscreened:
        problems.append(
            ngettext(
                "%(n)s submitted application is still to screen.",
                "%(n)s submitted applications are still to screen.",
                unscreened,
            )
            % {"n": unscreened}
        )
    eligible = list(applications.filter(status=Application.Status.ELIGIBLE))
    if not eligible:
        problems.append(_("No application has been screened eligible."))
    judges = list(
        edition.judges.filter(user__isnull=False).prefetch_related("categories", "conflicts")
    )
    if not any(j.is_head for j in edition.judges.all()):
        problems.append(_("The panel has no head: name one judge head of panel."))
    categories = {a.category_id: a.category for a in eligible}
    for category in sorted(categories.values(), key=lambda c: (c.position, c.code)):
        if not category.criteria.exists():
            problems.append(
                _("%(category)s has eligible applications but no criterion.")
                % {"category": category.name}
            )
        scorers = [j for j in judges if may_judge(j, category)]
        if not scorers:
            problems.append(
                _("%(category)s has eligible applications but no judge who may score them.")
                % {"category": category.name}
            )
            continue
        for application in eligible:
            if application.category_id == category.pk and not any(
                _free_of(j, application.organisation_id) for j in scorers
            ):
                problems.append(
                    _(
                        "%(title)s has no judge who may score it: each judge of %(category)s "
                        "is from its city or declared a conflict with it."
                    )
                    % {"title": application.title, "category": category.name}
                )
    return problems


def _free_of(judge: Judge, organisation_id: int) -> bool:
    """Whether a judge may see a city's applications: not their own city, no conflict."""
    return judge.organisation_id != organisation_id and all(
        c.organisation_id != organisation_id for c in judge.conflicts.all()
    )


def _move(actor: Any, edition: Edition, source: str, target: str, verb: str) -> Edition:
    """One conditional update of the stage: of two moves at once, one moves, the other is
    told where the edition now is."""
    moved = Edition.objects.filter(pk=edition.pk, stage=source).update(stage=target)
    if not moved:
        edition.refresh_from_db()
        raise DomainError(
            _("This edition is no longer at: %(expected)s; it is at: %(stage)s.")
            % {
                "expected": str(Stage(source).label).lower(),
                "stage": _stage_name(edition),
            },
            status=409,
        )
    edition.stage = target
    audit.record(actor, verb, edition, before={"stage": source}, after={"stage": target})
    return edition


def _require_stage(edition: Edition, source: str) -> None:
    if edition.stage != source:
        raise DomainError(
            _("This edition is at: %(stage)s; this step starts from: %(expected)s.")
            % {"stage": _stage_name(edition), "expected": str(Stage(source).label).lower()},
            status=409,
        )


def open_applications(actor: Any, edition: Edition) -> Edition:
    """Draft -> open for applications; the edition needs at least one category."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition.refresh_from_db()
        _require_stage(edition, Stage.DRAFT)
        if not edition.categories.exists():
            raise DomainError(_("Add at least one category before opening applications."))
        return _move(actor, edition, Stage.DRAFT, Stage.APPLICATIONS, "open_award_applications")


def close_applications(actor: Any, edition: Edition) -> Edition:
    """Open for applications -> screening by the Secretariat."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition.refresh_from_db()
        _require_stage(edition, Stage.APPLICATIONS)
        return _move(
            actor, edition, Stage.APPLICATIONS, Stage.SCREENING, "close_award_applications"
        )


def open_round1(actor: Any, edition: Edition) -> Edition:
    """Screening -> round 1, once every submitted application is screened, at least one is
    eligible, the panel has a head, and each category with eligible applications has criteria
    and a judge who may score it."""
    _require_secretariat(actor)
    with transaction.atomic():
        _lock(edition)
        _require_stage(edition, Stage.SCREENING)
        _refuse(open_round1_problems(edition))
        return _move(actor, edition, Stage.SCREENING, Stage.ROUND1, "open_award_round1")


def is_past_deadline(edition: Edition, today: dt.date) -> bool:
    return edition.applications_close_on is not None and today > edition.applications_close_on


def translate(actor: Any, part: Edition | Category | Criterion, changed: list[str]) -> None:
    """Save the translations the Secretariat wrote in the admin for an edition's title and
    terms, a category or a criterion: only the columns of languages other than English change
    here (the English text changes through the set-up pages, with their own checks)."""
    permissions.require_secretariat(actor, "translate award content")
    with transaction.atomic():
        translated.save_translations(part)
        audit.record(
            actor,
            "translate_award_content",
            part,
            after={"part": f"{part._meta.model_name} {part}", "changed": sorted(changed)},
        )
