"""The live meeting demo: `seoul` and `makati` are delegates of an upcoming meeting with an
open secret motion; a second run creates nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from intercity.accounts.models import User
from intercity.governance.models import Decision
from intercity.governance.services import live

pytestmark = pytest.mark.django_db


def test_the_demo_logins_are_delegates_of_a_meeting_with_an_open_secret_motion(wego):
    call_command("create_demo_users", stdout=io.StringIO())
    call_command("demo_governance", stdout=io.StringIO())
    for username in ("seoul", "makati"):
        delegations = live.upcoming_delegations(User.objects.get(username=username))
        meeting = delegations.get().meeting
        assert meeting.decisions.filter(
            vote_mode=Decision.VoteMode.SECRET, status=Decision.Status.OPEN
        ).exists()
    out = io.StringIO()
    call_command("demo_governance", stdout=out)
    assert "nothing new" in out.getvalue()
