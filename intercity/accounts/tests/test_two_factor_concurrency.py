"""A recovery code signs in once and a token is revoked once, however many requests arrive
together: threads released at once against committed rows."""

from __future__ import annotations

import pytest

from intercity.accounts import services, two_factor
from intercity.accounts.models import User
from intercity.conftest import totp_code
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_recovery_code_sent_eight_times_at_once_signs_in_once(
    committed_seed: None, seoul_officer: User
) -> None:
    device = two_factor.start_setup(seoul_officer)
    codes = two_factor.confirm_device(seoul_officer, totp_code(device))

    outcomes = run_concurrently(lambda _i: two_factor.verify(seoul_officer, codes[0]))

    assert not outcomes.errors
    signed_in = [result for result in outcomes.results if result is not None]
    assert len(signed_in) == 1
    assert AuditEvent.objects.filter(verb="use_recovery_code").count() == 1
    assert two_factor.recovery_codes_left(seoul_officer) == 9


def test_a_token_revoked_eight_times_at_once_is_revoked_once(
    committed_seed: None, seoul_officer: User
) -> None:
    api_token, _token = services.create_api_token(seoul_officer, "my script")

    outcomes = run_concurrently(lambda _i: services.revoke_api_token(seoul_officer, api_token.pk))

    assert not outcomes.errors
    assert len({result.revoked_at for result in outcomes.results}) == 1
    assert AuditEvent.objects.filter(verb="revoke_api_token").count() == 1
