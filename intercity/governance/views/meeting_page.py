"""The live meeting page and the answers of its staff forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.governance import effects as decision_effects
from intercity.governance import forms, rules, services
from intercity.governance.models import (
    AgendaItem,
    Decision,
    Meeting,
    Participant,
    Vote,
)
from intercity.governance.services import live
from intercity.governance.views.common import auto_id, is_htmx, meeting_url
from intercity.governance.views.words import rule_words
from intercity.network import services as registry
from intercity.network.models import MembershipPeriod, MembershipStatus, Network, Organisation

# --- The live meeting page ------------------------------------------------------------------


OFFICE_LABELS = rules.OFFICE_LABELS


@dataclass
class Row:
    """A participant on the attendance list, with whether and why they vote."""

    participant: Participant
    votes: bool
    note: str


@dataclass
class Panel:
    """A decision under an agenda item, with what the page shows and the staff forms."""

    decision: Decision
    rule_label: str = ""
    office_label: str = ""
    votes: dict[int, str] = field(default_factory=dict)
    tally: dict[str, int] = field(default_factory=dict)
    ballot: list[tuple[Organisation, str]] = field(default_factory=list)
    forms: dict[str, django_forms.Form] = field(default_factory=dict)
    effects: list[decision_effects.Described] = field(default_factory=list)


@dataclass
class ItemPanel:
    item: AgendaItem
    decisions: list[Panel]
    forms: dict[str, django_forms.Form] = field(default_factory=dict)


def member_choices(network: Network, on: dt.date) -> list[tuple[int, str]]:
    periods = registry.voting_periods_on(network, on).exclude(status=MembershipStatus.WITHDRAWN)
    return sorted(
        {(p.membership.organisation_id, p.membership.organisation.name) for p in periods},
        key=lambda choice: choice[1],
    )


def effect_choices(meeting: Meeting) -> forms.EffectChoices:
    """What a motion of this meeting may do if adopted: the effects the network's bodies and
    records allow, each with the organisations it may concern on the meeting's date (their
    category and status in the label, so the Secretariat picks the right one)."""
    network, on = meeting.network, meeting.date
    kinds = decision_effects.offered(network)
    if not kinds:
        return forms.EffectChoices()
    periods = sorted(
        registry.voting_periods_on(network, on),
        key=lambda p: p.membership.organisation.name,
    )

    def listed(keep: Callable[[MembershipPeriod], bool]) -> list[tuple[Any, str]]:
        return [
            (
                p.membership.organisation_id,
                f"{p.membership.organisation.name} ({p.category.name}, {p.status_label.lower()})",
            )
            for p in periods
            if keep(p)
        ]

    active, suspended = MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED
    organisations = {
        # Approval moves a member that does not vote yet (an applicant) into a category.
        "approve-membership": listed(lambda p: p.status == active and not p.category.may_vote),
        "suspend-membership": listed(lambda p: p.status == active),
        "lift-suspension": listed(lambda p: p.status == suspended),
        "withdraw-membership": listed(lambda p: p.status in (active, suspended)),
        "appoint-office": listed(
            lambda p: p.status == active and p.category.may_hold_office is not False
        ),
        "select-ga-host": listed(
            lambda p: p.status == active and p.category.may_hold_office is not False
        ),
        "approve-regional-office": listed(
            lambda p: (
                p.status == active and p.membership.organisation.kind == Organisation.Kind.CITY
            )
        ),
    }
    return forms.EffectChoices(
        kinds=[(kind.action, str(kind.label)) for kind in kinds],
        organisations=organisations,
        categories=list(registry.category_names(network).items()),
        offices=[
            (o, str(OFFICE_LABELS[o]))
            for o, _label in rules.OFFICE_CHOICES
            if o in rules.ELECTED_OFFICES
        ],
        regions=list(registry.region_names(network).items()),
        regional_offices=list(network.regional_offices.values_list("pk", "name")),
    )


def motion_rule_choices(meeting: Meeting, statute: Any) -> list[tuple[str, str]]:
    """The decision rules the statute in force has for this body, labelled with the article."""
    table = statute.rules if statute else {}
    return [
        (slug, f"{forms.rule_label(slug)} ({table[slug][meeting.body.slug].get('article', '')})")
        for slug in services.RULE_DECISIONS
        if meeting.body.slug in (table.get(slug) or {})
    ]


def _rows(
    network: Network,
    participants: list[Participant],
    roll: services.Roll,
    categories: frozenset[str],
) -> list[Row]:
    rows = []
    names = registry.category_names(network)
    for participant in participants:
        organisation = participant.organisation
        if organisation is None:
            rows.append(Row(participant, False, _("No vote")))
            continue
        voter = roll.voters.get(organisation.pk)
        if voter is None:
            rows.append(Row(participant, False, _("Not a member of this body: no vote")))
            continue
        # Whether it votes at all; presence is what the check-in buttons set.
        refusal = services.vote_refusal(
            network, rules.Voter(voter.category, voter.status, True), categories, names
        )
        rows.append(
            Row(
                participant,
                refusal is None,
                pgettext("a participant who", "Votes") if refusal is None else refusal,
            )
        )
    return rows


def _meeting_context(
    request: HttpRequest, meeting: Meeting, bound: dict[str, django_forms.Form] | None = None
) -> dict[str, Any]:
    network = meeting.network
    bound = bound or {}
    is_staff = permissions.is_secretariat(request.user)
    can_edit = is_staff and meeting.status != Meeting.Status.CLOSED
    roll = services.roll(meeting)
    categories = services.voting_categories(network)
    statute = services.statute_on(network, meeting.date)
    rule, rule_error = None, ""
    try:
        rule = services.rule_for(network, meeting.date, "ordinary-motion", meeting.body.slug)
    except DomainError as exc:
        rule_error = exc.message
    rows = _rows(
        network, list(meeting.participants.select_related("organisation")), roll, categories
    )
    voters = [r.participant.organisation for r in rows if r.votes and r.participant.present]
    members = member_choices(network, meeting.date) if can_edit else []

    def form(key: str, cls: type[django_forms.Form], **kwargs: Any) -> django_forms.Form:
        return bound.get(key) or cls(auto_id=auto_id(key), **kwargs)

    decisions = (
        services.decisions(network)
        .filter(meeting=meeting)
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("organisation")),
            "candidates__organisation",
        )
        .order_by("position", "id")
    )
    by_item: dict[int | None, list[Panel]] = {}
    open_decisions: list[Decision] = []
    for decision in decisions:
        if decision.status == Decision.Status.OPEN:
            open_decisions.append(decision)
        panel = Panel(
            decision,
            rule_label=forms.rule_label(decision.rule)
            if decision.kind in ("motion", "amendment")
            else "",
            office_label=str(OFFICE_LABELS.get(decision.office, decision.office)),
            effects=decision_effects.described(decision),
        )
        votes = list(decision.votes.all())
        panel.votes = {v.organisation_id: v.choice for v in votes}
        panel.tally = {c: [v.choice for v in votes].count(c) for c in Vote.Choice.values}
        panel.ballot = [
            (organisation, panel.votes.get(organisation.pk, ""))
            for organisation in voters
            if organisation is not None
        ]
        if can_edit and decision.status == Decision.Status.OPEN:
            key = str(decision.pk)
            panel.forms = {
                "counts": form(f"counts-{key}", forms.CountsForm),
                "withdraw": form(f"withdraw-{key}", forms.WithdrawForm),
            }
            if decision.kind == Decision.Kind.ELECTION:
                candidates = [
                    (c.organisation_id, c.organisation.name) for c in decision.candidates.all()
                ]
                panel.forms["candidate"] = form(
                    f"candidate-{key}", forms.CandidateForm, organisations=members
                )
                panel.forms["result"] = form(
                    f"result-{key}", forms.ElectionResultForm, candidates=candidates
                )
        by_item.setdefault(decision.agenda_item_id, []).append(panel)

    items = []
    rule_choices = motion_rule_choices(meeting, statute) if can_edit else []
    effects_offered = effect_choices(meeting) if can_edit else forms.EffectChoices()
    shape = services.network_shape(network, meeting.date) if can_edit else None
    for item in meeting.agenda.prefetch_related("documents"):
        item_panel = ItemPanel(item, by_item.pop(item.pk, []))
        if can_edit:
            key = str(item.pk)
            item_panel.forms = {
                "announcement": form(f"announcement-{key}", forms.AnnouncementForm),
                "document": form(f"document-{key}", forms.DocumentForm),
            }
            # A motion needs a rule of the statute to be decided by.
            if rule_choices:
                item_panel.forms["motion"] = form(
                    f"motion-{key}",
                    forms.MotionForm,
                    rules=rule_choices,
                    effect_choices=effects_offered,
                )
            # Elections fill the offices of a committee; a network without one holds none.
            if shape and shape.committee:
                item_panel.forms["election"] = form(
                    f"election-{key}",
                    forms.ElectionForm,
                    network=network,
                    regional_offices=shape.has_regional_offices,
                )
        items.append(item_panel)
    return {
        "network": network,
        "meeting": meeting,
        "statute": statute,
        "rule": rule,
        "rule_words": rule_words(rule) if rule else "",
        "rule_error": rule_error,
        "quorum": rules.quorum(rule, roll.members_total, roll.present) if rule else None,
        "roll": roll,
        "rows": rows,
        "attendance_choices": [
            choice for choice in Participant.Attendance.choices if choice[0] != "unknown"
        ],
        "vote_choices": Vote.Choice.choices,
        "items": items,
        "loose_decisions": [p for panels in by_item.values() for p in panels],
        "is_staff": is_staff,
        "delegation": live.delegation(request.user, meeting),
        "can_edit": can_edit,
        "open_decisions": open_decisions,
        "not_checked_in": sum(
            1 for r in rows if r.participant.attendance == Participant.Attendance.UNKNOWN
        ),
        "bound_key": next(iter(bound), ""),
        "agenda_form": form("agenda", forms.AgendaItemForm) if can_edit else None,
        "participant_form": (
            form("participant", forms.ParticipantForm, organisations=members) if can_edit else None
        ),
    }


def meeting(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    network = registry.get_network(slug)
    return render(
        request,
        "governance/meeting.html",
        _meeting_context(request, services.get_meeting(network, key)),
    )


def answer(
    request: HttpRequest, meeting: Meeting, anchor: str, *, done: str = "", error: str = ""
) -> HttpResponse:
    """After a check-in or a vote: the live part of the page for htmx, else a redirect."""
    if is_htmx(request):
        context = _meeting_context(request, meeting)
        context.update(done=done, error=error)
        return render(request, "governance/_live_answer.html", context)
    if error:
        # Back to the top of the page, where the message is.
        messages.error(request, error)
        return redirect(meeting_url(meeting))
    messages.success(request, done)
    return redirect(meeting_url(meeting, anchor))


def form_errors(form: django_forms.Form) -> str:
    return " ".join(
        f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: "
        + " ".join(str(e) for e in errors)
        if name in form.fields
        else " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    )


Act = Callable[[dict[str, Any]], tuple[str, str]]


def form_action(
    request: HttpRequest, meeting: Meeting, key: str, form: django_forms.Form, act: Act
) -> HttpResponse:
    """A staff form of the meeting page: on success a message and back to the page at the
    changed place; on bad input the page again with the form and its errors, nothing saved."""
    if form.is_valid():
        try:
            done, anchor = act(form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect(meeting_url(meeting, anchor))
    context = _meeting_context(request, meeting, {key: form})
    return render(request, "governance/meeting.html", context, status=400)
