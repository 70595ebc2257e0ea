"""Governance pages: the live meeting page, decisions and the rulings that decided them,
officers and terms, the statute's deadlines, resolutions by written consent.

Thin views: parse a form, call one named action of `governance.services`, show a
DomainError as a form error or a message. The meeting page's check-in and vote buttons
answer htmx with the live part of the page; without JavaScript they post and redirect back.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError, NotFound
from intercity.governance import forms, rules, services
from intercity.governance.models import (
    AgendaItem,
    DeadlineReminder,
    Decision,
    Meeting,
    Participant,
    Vote,
)
from intercity.network import services as registry
from intercity.network.models import Body, Mandate, MembershipStatus, Network, Organisation

View = Callable[..., HttpResponse]


# --- Lookups ---------------------------------------------------------------------------------


def _network(slug: str) -> Network:
    return get_object_or_404(Network, slug=slug)


def _meeting(network: Network, key: str) -> Meeting:
    try:
        return services.get_meeting(network, key)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _decision(network: Network, pk: int) -> Decision:
    try:
        return services.get_decision(network, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    item.meeting = meeting
    return item


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("governance_meeting", args=[meeting.network.slug, meeting.key])
    return f"{url}#{anchor}" if anchor else url


def _decision_url(decision: Decision) -> str:
    if decision.meeting is not None:
        return _meeting_url(decision.meeting, f"decision-{decision.pk}")
    return reverse("governance_decision", args=[decision.network.slug, decision.pk])


def _auto_id(key: str) -> str:
    """Each form on the meeting page gets its own ids, so every label finds its field."""
    return f"id_{key}_%s"


# --- The statute's rule in words (the engine's own comparisons, no thresholds here) ----------

BASE_NAMES = {
    rules.Base.TOTAL: "of all members",
    rules.Base.PRESENT: "of the members present",
    rules.Base.CAST: "of the votes cast",
}
TIE_WORDS = {
    rules.TiePolicy.REJECTED: "a tie is rejected",
    rules.TiePolicy.CASTING_VOTE: "a tie is broken by the Secretary General's casting vote",
    rules.TiePolicy.THRESHOLDS: "a tie is decided by the thresholds alone",
}


def rule_words(rule: rules.DecisionRule) -> str:
    parts = []
    if rule.attendance is not None:
        parts.append(f"quorum when {_words(rule.attendance)} attend")
    parts.append(f"adopted when yes votes are {_words(rule.concurrence)}")
    parts.append(TIE_WORDS[rule.tie_policy])
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]} ({rule.article})."


def _words(threshold: rules.Threshold) -> str:
    return f"{threshold.words().strip()} {BASE_NAMES[threshold.base]}"


def _least(threshold: rules.Threshold, base: int, limit: int) -> int | None:
    """The fewest people that meet a threshold, or None when more than `limit` would."""
    least = threshold.least(base)
    return least if least <= limit else None


@dataclass(frozen=True)
class Quorum:
    """The running line of the meeting page: who is present against the statute's rule."""

    present: int
    total: int
    needed: int | None
    needed_words: str
    met: bool
    yes_needed: int | None
    yes_words: str


def quorum(rule: rules.DecisionRule, roll: services.Roll) -> Quorum:
    values = {"total": roll.members_total, "present": roll.present, "cast": roll.present}
    bases = {rules.Base.TOTAL: roll.members_total, rules.Base.PRESENT: roll.present}
    needed, needed_words, met = None, "", True
    if rule.attendance is not None:
        base = bases.get(rule.attendance.base, roll.members_total)
        needed = _least(rule.attendance, base, roll.members_total)
        met = rule.attendance.met(roll.present, base)
        needed_words = (
            f"{rule.attendance.words().strip()} "
            f"{rules.BASE_WORDS[rule.attendance.base].format(**values)}"
        )
    yes_needed, yes_words = None, ""
    if rule.concurrence.base in bases:
        base = bases[rule.concurrence.base]
        yes_needed = _least(rule.concurrence, base, base)
        yes_words = (
            f"{rule.concurrence.words().strip()} "
            f"{rules.BASE_WORDS[rule.concurrence.base].format(**values)}"
        )
    return Quorum(
        roll.present, roll.members_total, needed, needed_words, met, yes_needed, yes_words
    )


def stored_rule_words(rule_applied: dict[str, Any]) -> str:
    """The rule a decided motion was judged by, from what the decision stored."""
    if not rule_applied:
        return ""
    if "concurrence" not in rule_applied:
        method = rule_applied.get("method", "")
        article = rule_applied.get("article", "")
        if method == "plurality":
            return f"Most votes wins ({article})." if article else "Most votes wins."
        return str(article)
    try:
        rule = rules.rule_from_data(
            str(rule_applied.get("statute_version", "")),
            str(rule_applied.get("decision", "")),
            rule_applied,
        )
    except (KeyError, ValueError):
        return str(rule_applied.get("article", ""))
    return rule_words(rule)


# --- The live meeting page ------------------------------------------------------------------


OFFICE_LABELS = {office: label.split(" (")[0] for office, label in forms.OFFICES}


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


@dataclass
class ItemPanel:
    item: AgendaItem
    decisions: list[Panel]
    forms: dict[str, django_forms.Form] = field(default_factory=dict)


def _member_choices(network: Network, on: dt.date) -> list[tuple[int, str]]:
    periods = registry.voting_periods_on(network, on).exclude(status=MembershipStatus.WITHDRAWN)
    return sorted(
        {(p.membership.organisation_id, p.membership.organisation.name) for p in periods},
        key=lambda choice: choice[1],
    )


def _rule_choices(meeting: Meeting, statute: Any) -> list[tuple[str, str]]:
    """The decision rules the statute in force has for this body, labelled with the article."""
    table = statute.rules if statute else {}
    return [
        (slug, f"{forms.rule_label(slug)} ({table[slug][meeting.body.slug].get('article', '')})")
        for slug in services.RULE_DECISIONS
        if meeting.body.slug in (table.get(slug) or {})
    ]


def _rows(
    participants: list[Participant], roll: services.Roll, categories: frozenset[str]
) -> list[Row]:
    rows = []
    for participant in participants:
        organisation = participant.organisation
        if organisation is None:
            rows.append(Row(participant, False, "No vote"))
            continue
        voter = roll.voters.get(organisation.pk)
        if voter is None:
            rows.append(Row(participant, False, "Not a member of this body: no vote"))
            continue
        # Whether it votes at all; presence is what the check-in buttons set.
        refusal = rules.vote_refusal(rules.Voter(voter.category, voter.status, True), categories)
        rows.append(Row(participant, refusal is None, "Votes" if refusal is None else refusal))
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
    rows = _rows(list(meeting.participants.select_related("organisation")), roll, categories)
    voters = [r.participant.organisation for r in rows if r.votes and r.participant.present]
    members = _member_choices(network, meeting.date) if can_edit else []

    def form(key: str, cls: type[django_forms.Form], **kwargs: Any) -> django_forms.Form:
        return bound.get(key) or cls(auto_id=_auto_id(key), **kwargs)

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
    for decision in decisions:
        panel = Panel(
            decision,
            rule_label=forms.rule_label(decision.rule) if decision.kind == "motion" else "",
            office_label=OFFICE_LABELS.get(decision.office, decision.office),
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
    rule_choices = _rule_choices(meeting, statute) if can_edit else []
    for item in meeting.agenda.prefetch_related("documents"):
        item_panel = ItemPanel(item, by_item.pop(item.pk, []))
        if can_edit:
            key = str(item.pk)
            item_panel.forms = {
                "motion": form(f"motion-{key}", forms.MotionForm, rules=rule_choices),
                "election": form(f"election-{key}", forms.ElectionForm, network=network),
                "announcement": form(f"announcement-{key}", forms.AnnouncementForm),
                "document": form(f"document-{key}", forms.DocumentForm),
            }
        items.append(item_panel)
    return {
        "network": network,
        "meeting": meeting,
        "statute": statute,
        "rule": rule,
        "rule_words": rule_words(rule) if rule else "",
        "rule_error": rule_error,
        "quorum": quorum(rule, roll) if rule else None,
        "roll": roll,
        "rows": rows,
        "attendance_choices": [
            choice for choice in Participant.Attendance.choices if choice[0] != "unknown"
        ],
        "vote_choices": Vote.Choice.choices,
        "items": items,
        "loose_decisions": [p for panels in by_item.values() for p in panels],
        "is_staff": is_staff,
        "can_edit": can_edit,
        "bound_key": next(iter(bound), ""),
        "agenda_form": form("agenda", forms.AgendaItemForm) if can_edit else None,
        "participant_form": (
            form("participant", forms.ParticipantForm, organisations=members) if can_edit else None
        ),
    }


def meeting(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    network = _network(slug)
    return render(
        request, "governance/meeting.html", _meeting_context(request, _meeting(network, key))
    )


def _answer(
    request: HttpRequest, meeting: Meeting, anchor: str, *, done: str = "", error: str = ""
) -> HttpResponse:
    """After a check-in or a vote: the live part of the page for htmx, else a redirect."""
    if _htmx(request):
        context = _meeting_context(request, meeting)
        context.update(done=done, error=error)
        return render(request, "governance/_live_answer.html", context)
    if error:
        # Back to the top of the page, where the message is.
        messages.error(request, error)
        return redirect(_meeting_url(meeting))
    messages.success(request, done)
    return redirect(_meeting_url(meeting, anchor))


def _form_errors(form: django_forms.Form) -> str:
    return " ".join(
        f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: "
        + " ".join(str(e) for e in errors)
        if name in form.fields
        else " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    )


Act = Callable[[dict[str, Any]], tuple[str, str]]


def _form_action(
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
            return redirect(_meeting_url(meeting, anchor))
    context = _meeting_context(request, meeting, {key: form})
    return render(request, "governance/meeting.html", context, status=400)


@secretariat_only
@require_POST
def check_in(request: HttpRequest, slug: str, key: str, participant_id: int) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    form = forms.CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(f"Attendance is one of {', '.join(Participant.Attendance.values)}.")
        participant = services.get_participant(meeting, participant_id)
        services.check_in(request.user, participant, form.cleaned_data["attendance"])
    except DomainError as exc:
        return _answer(request, meeting, f"participant-{participant_id}", error=exc.message)
    done = f"{participant}: {participant.get_attendance_display().lower()}."
    return _answer(request, meeting, f"participant-{participant_id}", done=done)


@secretariat_only
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = _network(slug)
    decision = _decision(network, pk)
    if decision.meeting is None:
        raise Http404("Votes are taken at a meeting.")
    meeting = _meeting(network, decision.meeting.key)
    form = forms.VoteForm(request.POST)
    anchor = f"decision-{pk}"
    try:
        if not form.is_valid():
            raise DomainError("A vote names the member and its choice: yes, no or abstain.")
        organisation = registry.get_organisation(form.cleaned_data["organisation"])
        cast = services.record_vote(
            request.user, decision, organisation, form.cleaned_data["choice"]
        )
    except DomainError as exc:
        return _answer(request, meeting, anchor, error=exc.message)
    done = f"{organisation}: {cast.get_choice_display().lower()} on '{decision}'."
    return _answer(request, meeting, anchor, done=done)


@secretariat_only
@require_POST
def participant_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    form = forms.ParticipantForm(
        request.POST,
        auto_id=_auto_id("participant"),
        organisations=_member_choices(meeting.network, meeting.date),
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        organisation = (
            registry.get_organisation(data["organisation"]) if data["organisation"] else None
        )
        added = services.add_participant(
            request.user, meeting, organisation=organisation, name=data["name"], role=data["role"]
        )
        return f"{added} was added to the participants.", f"participant-{added.pk}"

    return _form_action(request, meeting, "participant", form, act)


@secretariat_only
@require_POST
def agenda_item_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    form = forms.AgendaItemForm(request.POST, auto_id=_auto_id("agenda"))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        item = services.add_agenda_item(request.user, meeting, **data)
        return f"Agenda item {item} added.", f"item-{item.pk}"

    return _form_action(request, meeting, "agenda", form, act)


@secretariat_only
@require_POST
def document_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    item = _item(meeting, item_id)
    form_key = f"document-{item.pk}"
    form = forms.DocumentForm(request.POST, auto_id=_auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        document = services.add_document(request.user, item, **data)
        return f"Document '{document}' added to item {item.number}.", f"item-{item.pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def motion_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    item = _item(meeting, item_id)
    form_key = f"motion-{item.pk}"
    statute = services.statute_on(meeting.network, meeting.date)
    form = forms.MotionForm(
        request.POST, auto_id=_auto_id(form_key), rules=_rule_choices(meeting, statute)
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        motion = services.propose_motion(request.user, item, **data)
        return f"Motion '{motion}' put to the {meeting.body.name}.", f"decision-{motion.pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def election_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    item = _item(meeting, item_id)
    form_key = f"election-{item.pk}"
    form = forms.ElectionForm(meeting.network, request.POST, auto_id=_auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        region = meeting.network.regions.filter(slug=data["region"]).first()
        election = services.open_election(
            request.user, item, title=data["title"], office=data["office"], region=region
        )
        return f"Election '{election}' opened.", f"decision-{election.pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def announcement_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    item = _item(meeting, item_id)
    form_key = f"announcement-{item.pk}"
    form = forms.AnnouncementForm(request.POST, auto_id=_auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        announcement = services.record_announcement(request.user, item, **data)
        return f"Announcement '{announcement}' recorded.", f"decision-{announcement.pk}"

    return _form_action(request, meeting, form_key, form, act)


def _meeting_of(decision: Decision) -> Meeting:
    if decision.meeting is None:
        raise Http404("This decision was not taken at a meeting.")
    return _meeting(decision.network, decision.meeting.key)


@secretariat_only
@require_POST
def counts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    meeting = _meeting_of(decision)
    form_key = f"counts-{pk}"
    form = forms.CountsForm(request.POST, auto_id=_auto_id(form_key))

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.record_counts(request.user, decision, **data)
        return f"Counts recorded for '{decision}'.", f"decision-{pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def close_motion(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    meeting = _meeting_of(decision)
    form = forms.CastingVoteForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("A casting vote is yes or no.")
        services.close_motion(
            request.user, decision, casting_vote=form.cleaned_data["casting_vote"] or None
        )
    except DomainError as exc:
        return _answer(request, meeting, f"decision-{pk}", error=exc.message)
    done = f"'{decision}': {decision.get_outcome_display().lower()}. {decision.explanation}."
    return _answer(request, meeting, f"decision-{pk}", done=done)


@secretariat_only
@require_POST
def candidate_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    meeting = _meeting_of(decision)
    form_key = f"candidate-{pk}"
    form = forms.CandidateForm(
        request.POST,
        auto_id=_auto_id(form_key),
        organisations=_member_choices(meeting.network, meeting.date),
    )

    def act(data: dict[str, Any]) -> tuple[str, str]:
        organisation = registry.get_organisation(data["organisation"])
        candidate = services.add_candidate(
            request.user, decision, organisation, data["declared_on"]
        )
        warned = (
            f" The statute warns: {'; '.join(candidate.warnings)}." if candidate.warnings else ""
        )
        return f"{organisation} is a candidate.{warned}", f"decision-{pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def close_election(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    meeting = _meeting_of(decision)
    form_key = f"result-{pk}"
    candidates = [
        (c.organisation_id, c.organisation.name)
        for c in decision.candidates.select_related("organisation")
    ]
    form = forms.ElectionResultForm(request.POST, auto_id=_auto_id(form_key), candidates=candidates)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.close_election(request.user, decision, form.votes())
        return f"'{decision}': {decision.explanation}", f"decision-{pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    form_key = f"withdraw-{pk}"
    form = forms.WithdrawForm(request.POST, auto_id=_auto_id(form_key))
    if decision.meeting is None:
        try:
            if not form.is_valid():
                raise DomainError("Say why it is withdrawn.")
            services.withdraw_decision(request.user, decision, form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"'{decision}' was withdrawn.")
        return redirect(_decision_url(decision))
    meeting = _meeting_of(decision)

    def act(data: dict[str, Any]) -> tuple[str, str]:
        services.withdraw_decision(request.user, decision, data["reason"])
        return f"'{decision}' was withdrawn.", f"decision-{pk}"

    return _form_action(request, meeting, form_key, form, act)


@secretariat_only
@require_POST
def meeting_status(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    meeting = _meeting(_network(slug), key)
    form = forms.StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("A meeting is planned, in session or closed.")
        services.set_meeting_status(request.user, meeting, form.cleaned_data["status"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{meeting}: {meeting.get_status_display().lower()}.")
    return redirect(_meeting_url(meeting))


# --- Meetings: the governance home and a new meeting -----------------------------------------


def home(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    today = timezone.localdate()
    meetings = list(services.meetings(network).annotate(decision_count=Count("decisions")))
    upcoming = sorted(
        (m for m in meetings if m.date >= today or m.status != Meeting.Status.CLOSED),
        key=lambda m: m.date,
    )
    past = [m for m in meetings if m not in upcoming]
    decisions = services.decisions(network)
    return render(
        request,
        "governance/home.html",
        {
            "network": network,
            "upcoming": upcoming,
            "past": past,
            "open_consents": decisions.filter(
                kind=Decision.Kind.WRITTEN_CONSENT, status=Decision.Status.OPEN
            ),
            "is_staff": permissions.is_secretariat(request.user),
            "today": today,
        },
    )


@secretariat_only
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    form = forms.MeetingForm(network, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_meeting(
                request.user,
                network,
                form.cleaned_data.pop("body"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            invited = created.participants.count()
            messages.success(
                request,
                f"{created} planned; {invited} member{'s' if invited != 1 else ''} invited.",
            )
            return redirect(_meeting_url(created))
    status = 400 if form.is_bound else 200
    return render(
        request, "governance/meeting_form.html", {"network": network, "form": form}, status=status
    )


# --- Decisions --------------------------------------------------------------------------------


def decisions(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    form = forms.DecisionFilterForm(network, request.GET or None)
    found = services.decisions(network)
    error = ""
    if form.is_bound and not form.is_valid():
        error = "Please correct the filters below."
        found = found.none()
    elif form.is_bound:
        data = form.cleaned_data
        if data["body"]:
            found = found.filter(body__slug=data["body"])
        if data["kind"]:
            found = found.filter(kind=data["kind"])
        if data["outcome"]:
            found = found.filter(outcome=data["outcome"])
        if data["year"]:
            found = found.filter(date__year=data["year"])
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/decisions.html",
        {
            "network": network,
            "form": form,
            "page": page,
            "error": error,
            "query": query.urlencode(),
        },
        status=400 if error else 200,
    )


EFFECT_WORDS = {
    "approve-membership": "{organisation}: membership approved as {category} member",
    "suspend-membership": "{organisation}: membership suspended",
    "lift-suspension": "{organisation}: suspension lifted",
    "withdraw-membership": "{organisation}: withdrawal recorded",
    "appoint-office": "{organisation}: {office}",
    "select-ga-host": (
        "{organisation}: host of the next General Assembly, and so Executive Vice President"
    ),
    "approve-regional-office": "{organisation}: regional office approved for the region {region}",
    "dissolve-regional-office": "Regional office {office} dissolved",
    "regional-office": "The regional office of the region {region} goes to the winner",
}


def _effect_words(effect: dict[str, Any], names: dict[int, str]) -> str:
    """One thing a decision changes elsewhere, in words; what the words leave out follows in
    brackets, so nothing recorded is hidden."""
    action = str(effect.get("action", ""))
    values = {k: v for k, v in effect.items() if k not in ("action", "organisation_key")}
    if isinstance(values.get("organisation"), int):
        values["organisation"] = names.get(values["organisation"], values["organisation"])
    if action == "appoint-office":
        values["office"] = OFFICE_LABELS.get(values.get("office", ""), values.get("office"))
    template = EFFECT_WORDS.get(action, "")
    used = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    if template and used <= values.keys():
        text = template.format(**values)
    else:
        text, used = action.replace("-", " ").capitalize(), set()
    extra = [f"{k.replace('_', ' ')} {v}" for k, v in values.items() if k not in used]
    return f"{text} ({', '.join(extra)})" if extra else text


def _effects(decision: Decision) -> list[str]:
    ids = [e["organisation"] for e in decision.effects if isinstance(e.get("organisation"), int)]
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [_effect_words(effect, names) for effect in decision.effects]


def _rule_in_force(decision: Decision) -> str:
    """The statute's rule for a decision that stored no arithmetic (the seeded record)."""
    if not decision.rule or decision.kind == Decision.Kind.ELECTION:
        return ""
    try:
        rule = services.rule_for_decision(decision)
    except DomainError:
        return ""
    return rule_words(rule)


def decision(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = _network(slug)
    found = _decision(network, pk)
    is_staff = permissions.is_secretariat(request.user)
    consents = list(found.consents.select_related("organisation"))
    consent_rows: list[dict[str, Any]] = []
    if found.kind == Decision.Kind.WRITTEN_CONSENT:
        members = services.body_members(found.body, found.date)
        categories = services.voting_categories(network)
        answers = {c.organisation_id: c for c in consents}
        for organisation in Organisation.objects.filter(pk__in=members).order_by("name"):
            voter = members[organisation.pk]
            refusal = rules.vote_refusal(
                rules.Voter(voter.category, voter.status, True), categories
            )
            consent_rows.append(
                {
                    "organisation": organisation,
                    "answer": answers.get(organisation.pk),
                    "refusal": refusal,
                }
            )
    return render(
        request,
        "governance/decision.html",
        {
            "network": network,
            "decision": found,
            "rule_words": stored_rule_words(found.rule_applied),
            "rule_in_force": "" if found.rule_applied else _rule_in_force(found),
            "office_label": OFFICE_LABELS.get(found.office, found.office),
            "statute": found.statute_version or services.statute_on(network, found.date),
            "votes": found.votes.select_related("organisation"),
            "candidates": found.candidates.select_related("organisation"),
            "consents": consents,
            "consent_rows": consent_rows,
            "consented": sum(1 for c in consents if c.answer == "yes"),
            "effects": _effects(found),
            "is_staff": is_staff,
            "can_answer": is_staff and found.status == Decision.Status.OPEN,
            "answer_choices": [("yes", "Consents"), ("no", "Objects")],
            "today": timezone.localdate(),
        },
    )


@secretariat_only
def written_consent_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    form = forms.WrittenConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.open_written_consent(request.user, network, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"'{opened}' is open for written answers.")
            return redirect("governance_decision", slug=slug, pk=opened.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "governance/written_consent_form.html",
        {"network": network, "form": form},
        status=status,
    )


@secretariat_only
@require_POST
def consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    form = forms.ConsentForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(f"The answer was not recorded: {_form_errors(form)}")
        organisation = registry.get_organisation(form.cleaned_data["organisation"])
        answer = services.record_consent(
            request.user,
            decision,
            organisation,
            form.cleaned_data["answer"],
            form.cleaned_data["given_on"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{organisation}: {answer.get_answer_display().lower()}.")
    return redirect("governance_decision", slug=slug, pk=pk)


@secretariat_only
@require_POST
def close_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision = _decision(_network(slug), pk)
    try:
        services.close_written_consent(request.user, decision)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"'{decision}': {decision.get_outcome_display().lower()}.")
    return redirect("governance_decision", slug=slug, pk=pk)


# --- Officers and terms ---------------------------------------------------------------------

OFFICE_ORDER = [office for office, _ in Mandate.Office.choices]


@dataclass
class Term:
    """The offices of a body held from one change of its composition to the next."""

    start: dt.date
    until: dt.date | None
    offices: list[tuple[str, list[services.Held]]]
    warnings: list[str]


def _terms(body: Body, mandates: list[services.Held], network: Network) -> list[Term]:
    """Terms end as recorded or, where no end is recorded, when the statute ends them."""
    starts = sorted({m.start for m in mandates} | {m.end for m in mandates if m.end})
    terms = []
    for index, start in enumerate(starts):
        held = [m for m in mandates if m.covers(start)]
        if not held:
            continue
        until = starts[index + 1] if index + 1 < len(starts) else None
        offices = [
            (label, [m for m in held if m.office == office])
            for office, label in Mandate.Office.choices
        ]
        warnings = (
            services.composition_warnings(network, start)
            if body.kind == Body.Kind.COMMITTEE
            else []
        )
        terms.append(Term(start, until, [o for o in offices if o[1]], warnings))
    return list(reversed(terms))


def officers(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    today = timezone.localdate()
    mandates = sorted(services.held_offices(network), key=lambda h: (h.start, h.organisation.name))
    bodies = []
    unknown_today = []
    for body in network.bodies.all():
        held = [m for m in mandates if m.mandate.body_id == body.pk]
        if held:
            bodies.append((body, _terms(body, held, network)))
            note = services.unknown_officers_note(network, body, today)
            if note:
                unknown_today.append(note)
    return render(
        request,
        "governance/officers.html",
        {
            "network": network,
            "bodies": bodies,
            "today": today,
            "warnings_today": services.composition_warnings(network, today),
            "unknown_today": unknown_today,
        },
    )


# --- Deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    deadline: rules.Deadline
    meeting: Meeting
    passed: bool
    reminder: DeadlineReminder | None


def deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    today = timezone.localdate()
    is_staff = permissions.is_secretariat(request.user)
    if request.method == "POST":
        if not is_staff:
            raise HttpForbidden("Only Secretariat staff queue reminders.")
        form = forms.QueueRemindersForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError("Say for which meeting to queue the reminders.")
            planned = services.get_meeting(network, form.cleaned_data["meeting"])
            queued = services.queue_deadline_reminders(request.user, planned, today)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{len(queued)} reminder{'s' if len(queued) != 1 else ''} queued for {planned}.",
            )
        return redirect("governance_deadlines", slug=slug)
    planned_meetings = (
        services.meetings(network)
        .filter(Q(date__gte=today) | ~Q(status=Meeting.Status.CLOSED))
        .order_by("date")
        .prefetch_related("reminders")
    )
    sections = []
    for planned in planned_meetings:
        reminders = {r.key: r for r in planned.reminders.all()}
        rows = [
            DeadlineRow(
                deadline,
                planned,
                deadline.due is not None and deadline.due < today,
                reminders.get(deadline.key),
            )
            for deadline in services.deadlines_for(planned)
        ]
        sections.append((planned, rows))
    ahead = sorted(
        (
            (row.deadline.due, row)
            for _, rows in sections
            for row in rows
            if row.deadline.due is not None and not row.passed
        ),
        key=lambda pair: pair[0],
    )
    return render(
        request,
        "governance/deadlines.html",
        {
            "network": network,
            "sections": sections,
            "ahead": [row for _, row in ahead],
            "today": today,
            "is_staff": is_staff,
        },
    )
