"""The floor of an agenda item: its speakers list with the speech clock, the amendments to its
motions, its elections to several seats, and its documents with their versions. Staff run
it; a city officer asks the floor for their own delegation; anyone reads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt
from intercity.core.errors import DomainError
from intercity.governance import rules, rules_floor, services
from intercity.governance.models import AgendaDocument, AgendaItem, Decision, Meeting
from intercity.governance.services import floor
from intercity.governance.views.common import item_of
from intercity.governance.views.meeting_page import member_choices
from intercity.network import services as registry


class AmendmentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    change = forms.CharField(
        label=gettext_lazy("What it changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replacement = forms.CharField(
        label=gettext_lazy("The motion's text as amended"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    mover = forms.TypedChoiceField(
        label=gettext_lazy("Moved by"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, movers: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mover"].choices = [("", "—"), *movers]  # type: ignore[attr-defined]


class SeatsElectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    office = forms.ChoiceField(
        label=gettext_lazy("Office"),
        choices=[
            ("member", rules.OFFICE_LABELS["member"]),
            ("vice_president", rules.OFFICE_LABELS["vice_president"]),
        ],
    )
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=2, max_value=30)


class FloorSettingsForm(forms.Form):
    speech_seconds = forms.IntegerField(
        label=gettext_lazy("Time limit of a speech (seconds)"), min_value=10, max_value=3600
    )
    first_time_first = forms.BooleanField(
        label=gettext_lazy("Those who have not spoken on the item speak first"), required=False
    )


class VersionForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title of a new document"), max_length=250, required=False
    )
    document = forms.TypedChoiceField(
        label=gettext_lazy("New version of"), coerce=int, required=False, empty_value=None
    )
    file = forms.FileField(label=gettext_lazy("File (PDF or office document, up to 10 MB)"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, documents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [  # type: ignore[attr-defined]
            ("", gettext_lazy("— a new document —")),
            *documents,
        ]


def _item(slug: str, key: str, item_id: int) -> AgendaItem:
    meeting = services.get_meeting(registry.get_network(slug), key)
    return item_of(meeting, item_id)


def floor_url(item: AgendaItem, anchor: str = "") -> str:
    meeting: Meeting = item.meeting
    url = reverse("governance_floor", args=[meeting.network.slug, meeting.key, item.pk])
    return f"{url}#{anchor}" if anchor else url


def floor_page(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    meeting = item.meeting
    is_staff = permissions.is_secretariat(request.user)
    can_edit = is_staff and meeting.status != Meeting.Status.CLOSED
    state = floor.floor_of(item)
    mine = floor.participants_of(request.user, meeting) if request.user.is_authenticated else []
    waiting = {s.participant_id for s in state.queue}
    settings = floor.floor_settings(meeting)
    motions = []
    movers = member_choices(meeting.network, meeting.date)
    for motion in item.decisions.filter(kind=Decision.Kind.MOTION).order_by("position"):
        motions.append(
            {
                "motion": motion,
                "text": floor.motion_text(motion),
                "amendments": floor.amendments_of(motion),
                "form": AmendmentForm(auto_id=f"id_amend_{motion.pk}_%s", movers=movers)
                if can_edit and motion.status == Decision.Status.OPEN
                else None,
            }
        )
    elections = list(
        item.decisions.filter(kind=Decision.Kind.ELECTION, seats__gt=1)
        .prefetch_related("candidates__organisation")
        .order_by("position")
    )
    documents = floor.documents_of(item)
    context = {
        "network": meeting.network,
        "meeting": meeting,
        "item": item,
        "floor": state,
        "clock": rules_floor.clock_words(state.remaining) if state.remaining is not None else "",
        "is_staff": is_staff,
        "can_edit": can_edit,
        "mine": [p for p in mine if p.pk not in waiting],
        "my_waiting": [s for s in state.queue if s.participant in mine],
        "motions": motions,
        "elections": elections,
        "documents": documents,
        "settings_form": FloorSettingsForm(
            initial={
                "speech_seconds": settings.speech_seconds,
                "first_time_first": settings.first_time_first,
            }
        )
        if can_edit
        else None,
        "seats_form": SeatsElectionForm(auto_id="id_seats_%s") if can_edit else None,
        "version_form": VersionForm(
            auto_id="id_version_%s", documents=[(d.pk, d.title) for d in documents]
        )
        if can_edit
        else None,
    }
    return render(request, "governance/floor.html", context)


def _done(
    request: HttpRequest, item: AgendaItem, anchor: str, act: Callable[[], str]
) -> HttpResponse:
    """Run a button of the floor page (`core.edge.attempt`): `act` calls one service and words
    what it did. Refused or not, the person is back at the part of the page they pressed;
    a missing speaker or a request that is not theirs is said there too, not as a 404/403."""
    back = floor_url(item, anchor)
    return attempt(
        request,
        act,
        done=lambda said: said,
        redirect_to=back,
        on_refusal=back,
        propagate=(),
    )


@secretariat_only
@require_POST
def speakers_open(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    is_open = request.POST.get("open") == "1"

    def act() -> str:
        floor.set_speakers_list_open(request.user, item, is_open)
        return _("The speakers list is open.") if is_open else _("The speakers list is closed.")

    return _done(request, item, "speakers", act)


@login_required
@require_POST
def speak_request(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)

    def act() -> str:
        participant = services.get_participant(
            item.meeting, int(request.POST.get("participant") or 0)
        )
        speech = floor.request_to_speak(request.user, item, participant)
        return _("%(name)s is on the speakers list.") % {"name": speech.participant}

    return _done(request, item, "speakers", act)


@login_required
@require_POST
def speak_withdraw(
    request: HttpRequest, slug: str, key: str, item_id: int, speech_id: int
) -> HttpResponse:
    item = _item(slug, key, item_id)

    def act() -> str:
        speech = floor.withdraw_request(request.user, item, speech_id)
        return _("%(name)s's request to speak is withdrawn.") % {"name": speech.participant}

    return _done(request, item, "speakers", act)


@secretariat_only
@require_POST
def speech_start(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    wanted = request.POST.get("speech")

    def act() -> str:
        speech = floor.start_speech(request.user, item, int(wanted) if wanted else None)
        return _("%(name)s has the floor.") % {"name": speech.participant}

    return _done(request, item, "speakers", act)


@secretariat_only
@require_POST
def speech_end(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)

    def act() -> str:
        speech = floor.end_speech(request.user, item)
        return _("%(name)s's speech has ended.") % {"name": speech.participant}

    return _done(request, item, "speakers", act)


@secretariat_only
@require_POST
def speech_first(
    request: HttpRequest, slug: str, key: str, item_id: int, speech_id: int
) -> HttpResponse:
    item = _item(slug, key, item_id)

    def act() -> str:
        speech = floor.move_to_front(request.user, item, speech_id)
        return _("%(name)s is called next.") % {"name": speech.participant}

    return _done(request, item, "speakers", act)


@secretariat_only
@require_POST
def floor_settings(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    form = FloorSettingsForm(request.POST)

    def act() -> str:
        if not form.is_valid():
            raise DomainError(_("Give a time limit between 10 and 3600 seconds."))
        floor.set_floor_settings(
            request.user,
            item.meeting,
            speech_seconds=form.cleaned_data["speech_seconds"],
            first_time_first=form.cleaned_data["first_time_first"],
        )
        return _("The speakers list settings are saved.")

    return _done(request, item, "speakers", act)


@secretariat_only
@require_POST
def amendment_add(
    request: HttpRequest, slug: str, key: str, item_id: int, motion_id: int
) -> HttpResponse:
    item = _item(slug, key, item_id)
    motion = services.get_decision(item.meeting.network, motion_id)
    movers = member_choices(item.meeting.network, item.meeting.date)
    form = AmendmentForm(request.POST, movers=movers)

    def act() -> str:
        if motion.agenda_item_id != item.pk:
            raise DomainError(_("That motion is not under this item."))
        if not form.is_valid():
            raise DomainError(_("Give the amendment a title and the motion's text as amended."))
        data = form.cleaned_data
        mover = registry.get_organisation(data["mover"]) if data["mover"] else None
        amendment = floor.propose_amendment(
            request.user,
            motion,
            title=data["title"],
            change=data["change"],
            replacement=data["replacement"],
            mover=mover,
        )
        return _(
            "Amendment '%(title)s' moved; vote on it on the meeting page before the motion."
        ) % {"title": amendment.title}

    return _done(request, item, f"motion-{motion_id}", act)


@secretariat_only
@require_POST
def seats_election_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    form = SeatsElectionForm(request.POST)

    def act() -> str:
        if not form.is_valid():
            raise DomainError(_("Give the election a title, an office and at least 2 seats."))
        data = form.cleaned_data
        election = services.open_election(
            request.user, item, title=data["title"], office=data["office"], seats=data["seats"]
        )
        return _(
            "Election '%(title)s' opened for %(seats)s seats; add candidates and count it on "
            "the meeting page."
        ) % {"title": election.title, "seats": election.seats}

    return _done(request, item, "elections", act)


@secretariat_only
@require_POST
def runoff_add(
    request: HttpRequest, slug: str, key: str, item_id: int, decision_id: int
) -> HttpResponse:
    item = _item(slug, key, item_id)
    decision = services.get_decision(item.meeting.network, decision_id)

    def act() -> str:
        runoff = floor.open_runoff(request.user, decision)
        return _("Run-off '%(title)s' opened.") % {"title": runoff.title}

    return _done(request, item, "elections", act)


@secretariat_only
@require_POST
def version_add(request: HttpRequest, slug: str, key: str, item_id: int) -> HttpResponse:
    item = _item(slug, key, item_id)
    form = VersionForm(
        request.POST,
        request.FILES,
        documents=[(d.pk, d.title) for d in item.documents.all()],
    )

    def act() -> str:
        if not form.is_valid():
            raise DomainError(_("Choose a file to upload."))
        data = form.cleaned_data
        document = (
            AgendaDocument.objects.filter(item=item, pk=data["document"]).first()
            if data["document"]
            else None
        )
        version = floor.upload_version(
            request.user,
            item,
            data["file"],
            document=document,
            title=data["title"],
            note=data["note"],
        )
        return _("Version %(number)s of '%(title)s' uploaded.") % {
            "number": version.number,
            "title": version.document.title,
        }

    return _done(request, item, "documents", act)


def version_file(
    request: HttpRequest, slug: str, key: str, item_id: int, version_id: int
) -> FileResponse:
    item = _item(slug, key, item_id)
    version = floor.get_version(item, version_id)
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )
