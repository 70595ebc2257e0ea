"""Login throttling (django-axes) is one count for every web server: failed logins and
lockouts are rows in the database (AXES_HANDLER is axes's database handler), so two real
servers on one database share them, with no Redis at all."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import PASSWORD, person
from intercity.core.tests.servers import Browser, servers

LIMIT = 3


@pytest.fixture
def lena(committed_seed: None):
    """Lena, a citizen, committed where the servers read her. Her password is hashed as the
    servers hash (the tests' own fast hasher is not in the site's list)."""
    user = person("lena", Role.CITIZEN)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "lenasalt")
    user.save(update_fields=["password"])
    return user


def log_in(server, password):
    return Browser().post_form(
        server.url + "/accounts/login/", {"username": "lena", "password": password}
    )


def test_failed_logins_on_two_servers_add_up_to_one_lockout(lena, tmp_path):
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    with servers(2, tmp_path, LOGIN_FAILURE_LIMIT=str(LIMIT)) as (a, b):
        assert log_in(b, PASSWORD)[0] == 302  # B lets her in
        failures = [log_in(server, "not-her-password")[0] for server in (a, b, a)]
        status, page = log_in(b, PASSWORD)
    # Two failures on A and one on B make the third: locked out on both.
    assert failures == [200, 200, 429]
    assert status == 429
    assert "Too many failed attempts to log in" in page
