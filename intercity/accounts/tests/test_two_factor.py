"""Two-factor sign-in: the password, then a code from an authenticator app or a recovery code;
required of Secretariat staff (decision 0019)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intercity.accounts import two_factor
from intercity.accounts.models import User
from intercity.conftest import PASSWORD, totp_code
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db

VERIFY = "/accounts/two-factor/verify/"
SETUP = "/accounts/two-factor/"


def with_authenticator(user: User) -> tuple[TOTPDevice, list[str]]:
    """The person has set up an app: a confirmed device, and their ten recovery codes."""
    device = two_factor.start_setup(user)
    codes = two_factor.confirm_device(user, totp_code(device))
    device.refresh_from_db()
    return device, codes


def password_login(client: Client, user: User, following: str = "/") -> None:
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD, "next": following}
    )
    assert response.status_code == 302, response.content


def test_a_person_with_an_authenticator_is_asked_the_code_after_the_password(
    client: Client, seoul_officer: User
) -> None:
    device, _codes = with_authenticator(seoul_officer)
    password_login(client, seoul_officer, "/networks/wego/")

    response = client.get("/networks/wego/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fnetworks%2Fwego%2F"

    response = client.post(VERIFY, {"code": totp_code(device, 1), "next": "/networks/wego/"})
    assert response.status_code == 302
    assert response["Location"] == "/networks/wego/"
    assert client.get("/networks/wego/").status_code == 200


def test_a_wrong_code_is_refused_and_the_person_stays_half_signed_in(
    client: Client, seoul_officer: User
) -> None:
    device, _codes = with_authenticator(seoul_officer)
    password_login(client, seoul_officer)
    wrong = f"{(int(totp_code(device, 1)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/").status_code == 302


def test_wrong_codes_are_throttled_so_even_the_right_one_waits(
    client: Client, seoul_officer: User
) -> None:
    device, _codes = with_authenticator(seoul_officer)
    password_login(client, seoul_officer)
    client.post(VERIFY, {"code": "000000" if totp_code(device, 1) != "000000" else "111111"})

    response = client.post(VERIFY, {"code": totp_code(device, 1)})

    assert response.status_code == 200  # refused: django-otp makes the next try wait
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_recovery_code_signs_in_once(client: Client, seoul_officer: User) -> None:
    _device, codes = with_authenticator(seoul_officer)
    password_login(client, seoul_officer)

    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(verb="use_recovery_code").count() == 1

    second = Client()
    password_login(second, seoul_officer)
    response = second.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200
    assert second.get("/").status_code == 302
    assert two_factor.recovery_codes_left(seoul_officer) == 9


def test_a_half_signed_in_person_reaches_no_page_but_logout_and_the_api_refuses_them(
    client: Client, secretariat: User
) -> None:
    with_authenticator(secretariat)
    password_login(client, secretariat)

    for path in ["/", "/admin/", "/accounts/tokens/", "/networks/wego/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    assert client.get("/api/v1/networks/wego/balances").status_code == 401
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_person_without_an_authenticator_signs_in_with_the_password_alone(
    client: Client, seoul_officer: User
) -> None:
    password_login(client, seoul_officer)

    assert client.get("/").status_code == 200


@pytest.mark.usefixtures("two_factor_required")
def test_secretariat_staff_without_an_authenticator_are_sent_to_set_it_up(
    client: Client, secretariat: User
) -> None:
    password_login(client, secretariat)

    response = client.get("/networks/wego/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fnetworks%2Fwego%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Set it up now to continue" in page.content.decode()
    assert client.get("/api/v1/networks/wego/balances").status_code == 401


@pytest.mark.usefixtures("two_factor_required")
def test_setting_up_shows_the_qr_code_and_the_key_and_then_ten_recovery_codes_once(
    client: Client, secretariat: User
) -> None:
    password_login(client, secretariat)
    client.post(SETUP, {"next": "/networks/wego/"})
    device = TOTPDevice.objects.get(user=secretariat, confirmed=False)

    page = client.get("/accounts/two-factor/set-up/").content.decode()
    assert "<svg" in page
    secret = page.split('<code class="secret">')[1].split("</code>")[0].replace(" ", "")
    assert secret == two_factor.base32_key(device)

    response = client.post(
        "/accounts/two-factor/set-up/", {"code": totp_code(device), "next": "/networks/wego/"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "shown only this once" in body
    codes = list(
        StaticToken.objects.filter(device__user=secretariat).values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert all(code in body for code in codes)
    assert client.get("/networks/wego/").status_code == 200
    assert AuditEvent.objects.filter(verb="confirm_two_factor_device").count() == 1
    # Shown once: the page that follows does not show them again.
    assert codes[0] not in client.get(SETUP).content.decode()


def test_a_wrong_code_does_not_confirm_the_authenticator(
    client: Client, seoul_officer: User
) -> None:
    client.force_login(seoul_officer)
    client.post(SETUP)
    device = TOTPDevice.objects.get(user=seoul_officer)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post("/accounts/two-factor/set-up/", {"code": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.exists()


@pytest.mark.usefixtures("two_factor_required")
def test_secretariat_staff_cannot_turn_two_factor_sign_in_off(secretariat: User) -> None:
    with_authenticator(secretariat)

    with pytest.raises(DomainError, match="Secretariat staff"):
        two_factor.turn_off(secretariat, PASSWORD)

    assert two_factor.has_confirmed_device(secretariat)


def test_turning_off_needs_the_password_and_removes_the_codes(
    client: Client, seoul_officer: User
) -> None:
    device, _codes = with_authenticator(seoul_officer)
    password_login(client, seoul_officer)
    client.post(VERIFY, {"code": totp_code(device, 1)})

    client.post("/accounts/two-factor/turn-off/", {"password": "not it"})
    assert two_factor.has_confirmed_device(seoul_officer)

    client.post("/accounts/two-factor/turn-off/", {"password": PASSWORD})
    assert not two_factor.has_confirmed_device(seoul_officer)
    assert not StaticToken.objects.exists()
    assert AuditEvent.objects.filter(verb="turn_off_two_factor").count() == 1
    fresh = Client()
    password_login(fresh, seoul_officer)
    assert fresh.get("/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(seoul_officer: User) -> None:
    _device, old = with_authenticator(seoul_officer)

    with pytest.raises(DomainError):
        two_factor.regenerate_recovery_codes(seoul_officer, "not it")
    new = two_factor.regenerate_recovery_codes(seoul_officer, PASSWORD)

    assert len(new) == 10
    assert two_factor.verify(seoul_officer, new[0]) is not None
    assert two_factor.verify(seoul_officer, old[0]) is None
    assert AuditEvent.objects.filter(verb="regenerate_recovery_codes").count() == 1


def test_a_second_confirmation_of_the_same_device_confirms_it_once(seoul_officer: User) -> None:
    device = two_factor.start_setup(seoul_officer)
    two_factor.confirm_device(seoul_officer, totp_code(device))

    with pytest.raises(DomainError):
        two_factor.confirm_device(seoul_officer, totp_code(device, 1))

    assert AuditEvent.objects.filter(verb="confirm_two_factor_device").count() == 1
    assert StaticToken.objects.filter(device__user=seoul_officer).count() == 10


def test_the_header_offers_sign_in_security_to_everyone_signed_in(
    client: Client, seoul_officer: User
) -> None:
    client.force_login(seoul_officer)

    assert 'href="/accounts/two-factor/"' in client.get("/").content.decode()


def test_the_demo_secretariat_login_prints_a_key_and_recovery_codes_that_work() -> None:
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    printed = out.getvalue()

    secretariat = User.objects.get(username="secretariat")
    device = TOTPDevice.objects.get(user=secretariat, confirmed=True)
    assert two_factor.base32_key(device) in printed
    codes = printed.split("each works once):\n")[1].split("\n")[0].split()
    assert len(codes) == 10
    assert two_factor.verify(secretariat, codes[0]) is not None
    call_command("create_demo_users", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=secretariat).count() == 1


def test_any_role_can_be_made_to_require_two_factors(
    client: Client, seoul_officer: User, settings
) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = ["city_officer"]
    password_login(client, seoul_officer)

    response = client.get("/", follow=True)

    assert response.redirect_chain[-1][0] == f"{SETUP}?next=%2F"
    assert "Your role asks you to sign in with a code" in response.content.decode()


@pytest.mark.usefixtures("two_factor_required")
def test_a_session_signed_in_before_the_authenticator_was_set_up_elsewhere_is_asked_its_code(
    client: Client, secretariat: User
) -> None:
    password_login(client, secretariat)
    with_authenticator(secretariat)  # in another session, e.g. on another computer

    response = client.get("/networks/wego/")

    assert response["Location"] == f"{VERIFY}?next=%2Fnetworks%2Fwego%2F"
