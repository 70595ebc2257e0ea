"""The delegate's phone page, the clerk's page and the projector, their polled fragments, the
ballots API, and that nothing shown or answered links a secret choice to a member."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from intercity.governance import services
from intercity.governance.models import Vote
from intercity.governance.services import live
from intercity.governance.tests.live_fixtures import Room, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(secretariat: Any, wego: Any, seoul_officer: Any, makati_officer: Any) -> Room:
    return make_room(secretariat, wego, seoul_officer, makati_officer)


def url(name: str, room: Room, *args: Any) -> str:
    return reverse(name, args=["wego", room.meeting.key, *args])


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_checks_in_with_the_code_and_votes_from_the_phone_page(room, seoul_officer):
    phone = as_user(seoul_officer)
    page = phone.get(url("governance_live", room))
    assert page.status_code == 200
    assert "You represent Seoul" in page.content.decode()
    code = live.live_settings(room.meeting).checkin_code
    answer = phone.post(
        url("governance_live_check_in", room),
        {"code": code, "how": "in_person"},
        HTTP_HX_REQUEST="true",
    )
    assert "You are checked in." in answer.content.decode()
    answer = phone.post(
        url("governance_live_ballot", room, room.secret.pk),
        {"choice": "yes"},
        HTTP_HX_REQUEST="true",
    )
    text = answer.content.decode()
    assert "is counted" in text
    assert "Your member has voted." in text


def test_someone_who_is_no_delegate_is_refused_the_phone_page(room, judge):
    assert as_user(judge).get(url("governance_live", room)).status_code == 403


def test_the_clerk_page_is_for_the_secretariat(room, secretariat, seoul_officer):
    assert as_user(secretariat).get(url("governance_live_clerk", room)).status_code == 200
    assert as_user(seoul_officer).get(url("governance_live_clerk", room)).status_code == 403


def test_a_poll_with_the_current_version_answers_204_and_a_change_answers_the_region(
    room, seoul_officer
):
    settings = live.live_settings(room.meeting)
    fragment = url("governance_live_projector_fragment", room, settings.projector_key)
    now = live.version(room.meeting.pk)
    assert Client().get(fragment, {"v": now}).status_code == 204
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    live.cast_ballot(seoul_officer, room.secret, "no")
    changed = Client().get(fragment, {"v": now})
    assert changed.status_code == 200
    assert "1 of 1 present members has voted" in changed.content.decode()


def test_the_projector_needs_its_key(room):
    assert Client().get(url("governance_live_projector", room, "wrong")).status_code == 404
    key = live.live_settings(room.meeting).projector_key
    page = Client().get(url("governance_live_projector", room, key))
    assert page.status_code == 200
    assert "Choose Makati as host" in page.content.decode()


def test_the_clerk_records_a_ballot_and_closes_the_vote_from_the_live_page(
    room, secretariat, seoul_officer
):
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    clerk = as_user(secretariat)
    clerk.post(
        url("governance_live_clerk_ballot", room, room.secret.pk),
        {"organisation": room.seoul.pk, "choice": "yes"},
    )
    answer = clerk.post(url("governance_live_close", room, room.secret.pk), HTTP_HX_REQUEST="true")
    text = answer.content.decode()
    assert "1 yes, 0 no, 0 abstaining" in text


# --- The API --------------------------------------------------------------------------------


def ballots(room: Room, decision: Any) -> str:
    return f"/api/v1/networks/wego/decisions/{decision.pk}/ballots"


def test_the_api_takes_a_delegates_ballot_for_their_own_member(room, seoul_officer):
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    phone = as_user(seoul_officer)
    answer = phone.post(
        ballots(room, room.named), {"choice": "no"}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["organisation"] == room.seoul.pk
    assert answer.json()["choice"] == "no"
    assert Vote.objects.get(decision=room.named).source == "device"


def test_the_api_answers_a_secret_ballot_without_its_choice_and_refuses_a_second(
    room, seoul_officer
):
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    phone = as_user(seoul_officer)
    first = phone.post(
        ballots(room, room.secret), {"choice": "yes"}, content_type="application/json"
    )
    assert first.status_code == 200
    assert first.json()["choice"] == ""
    assert first.json()["voted"] is True
    second = phone.post(
        ballots(room, room.secret), {"choice": "no"}, content_type="application/json"
    )
    assert second.status_code == 409


def test_the_api_refuses_someone_who_is_no_delegate(room, judge):
    answer = as_user(judge).post(
        ballots(room, room.secret), {"choice": "yes"}, content_type="application/json"
    )
    assert answer.status_code == 403


def test_the_api_refuses_an_unknown_choice_and_an_unknown_decision(room, seoul_officer):
    phone = as_user(seoul_officer)
    bad = phone.post(
        ballots(room, room.secret), {"choice": "maybe"}, content_type="application/json"
    )
    assert bad.status_code == 422
    missing = phone.post(
        "/api/v1/networks/wego/decisions/999999/ballots",
        {"choice": "yes"},
        content_type="application/json",
    )
    assert missing.status_code == 404


def test_a_named_ballot_replaced_twice_is_refused_when_the_meeting_says_so(
    room, secretariat, seoul_officer
):
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    live.set_ballots_changeable(secretariat, room.meeting, False)
    phone = as_user(seoul_officer)
    assert (
        phone.post(
            ballots(room, room.named), {"choice": "yes"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        phone.post(
            ballots(room, room.named), {"choice": "no"}, content_type="application/json"
        ).status_code
        == 409
    )


def test_the_decisions_reading_shows_choices_of_named_votes_only(
    room, secretariat, seoul_officer, makati_officer
):
    for user in (seoul_officer, makati_officer):
        live.delegate_check_in(user, room.meeting, remote=True)
    live.cast_ballot(seoul_officer, room.named, "yes")
    live.cast_ballot(seoul_officer, room.secret, "yes")
    live.cast_ballot(makati_officer, room.secret, "no")
    named = Client().get(f"/api/v1/networks/wego/decisions/{room.named.pk}").json()
    secret = Client().get(f"/api/v1/networks/wego/decisions/{room.secret.pk}").json()
    assert [v["choice"] for v in named["votes"]] == ["yes"]
    assert secret["votes"] == []


# --- Nothing links a secret choice to a member ---------------------------------------------

VOLATILE = re.compile(
    r'(csrfmiddlewaretoken" value="[^"]+"|name="csrf-token" content="[^"]+"|nonce="[^"]+"'
    r'|\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)?|\?v=\d+|data-version="\d+"|"[^"]*csrf[^"]*":\s*"[^"]+")',
    re.IGNORECASE,
)


def everything_shown(room: Room, secretariat: Any, seoul: Any, makati: Any) -> dict[str, str]:
    """Every page, fragment, API answer and export that speaks of the meeting, as each
    person sees it."""
    key = live.live_settings(room.meeting).projector_key
    seen: dict[str, str] = {}
    pages = {
        "seoul": (as_user(seoul), [url("governance_live", room)]),
        "makati": (as_user(makati), [url("governance_live", room)]),
        "clerk": (
            as_user(secretariat),
            [
                url("governance_live_clerk", room),
                url("governance_meeting", room),
                url("governance_memorandum", room),
                reverse("governance_decision", args=["wego", room.secret.pk]),
                f"/api/v1/networks/wego/decisions/{room.secret.pk}",
                f"/api/v1/networks/wego/meetings/{room.meeting.key}",
                "/api/v1/networks/wego/decisions",
            ],
        ),
        "room": (Client(), [url("governance_live_projector", room, key)]),
    }
    for who, (client, urls) in pages.items():
        for address in urls:
            answer = client.get(address)
            assert answer.status_code == 200, address
            seen[f"{who} {address}"] = VOLATILE.sub("", answer.content.decode())
    for who, client in (("seoul", as_user(seoul)), ("makati", as_user(makati))):
        mine = client.get(f"/api/v1/networks/wego/decisions/{room.secret.pk}/ballots/mine")
        seen[f"{who} mine"] = mine.content.decode()
    return seen


@pytest.mark.parametrize("closed", [False, True])
def test_no_page_api_answer_or_export_tells_which_member_cast_which_secret_choice(
    room, secretariat, seoul_officer, makati_officer, closed
):
    """Two worlds: Seoul yes and Makati no, then Seoul no and Makati yes. Whatever anyone can
    read in the one is word for word what they read in the other (but for form tokens and the
    moments of check-in, which say nothing of a choice)."""
    worlds = []
    for seoul_choice, makati_choice in (("yes", "no"), ("no", "yes")):
        cache.clear()  # the other world's pages, cached by version, are not this one's
        with transaction.atomic():
            for user in (seoul_officer, makati_officer):
                live.delegate_check_in(user, room.meeting, remote=True)
            live.cast_ballot(seoul_officer, room.secret, seoul_choice)
            live.cast_ballot(makati_officer, room.secret, makati_choice)
            if closed:
                services.close_motion(secretariat, room.secret)
            worlds.append(everything_shown(room, secretariat, seoul_officer, makati_officer))
            transaction.set_rollback(True)
        room.secret.refresh_from_db()
    first, second = worlds
    assert first.keys() == second.keys()
    for address in first:
        assert first[address] == second[address], address


def test_the_clerk_removes_a_delegate_and_the_phone_page_is_closed_to_them(
    room, secretariat, seoul_officer
):
    delegate = live.delegation(seoul_officer, room.meeting)
    assert delegate is not None
    removal = url("governance_live_remove_delegate", room, delegate.pk)
    assert as_user(seoul_officer).post(removal).status_code == 403
    answer = as_user(secretariat).post(removal, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert "no longer represents Seoul" in answer.content.decode()
    assert live.delegation(seoul_officer, room.meeting) is None
    assert as_user(seoul_officer).get(url("governance_live", room)).status_code == 403
    assert as_user(secretariat).post(removal).status_code == 404
