"""How the API knows who calls (decision 0019): a personal API token
(`Authorization: Bearer <token>`), or the browser's session login. Operations that need a
signed-in person declare `auth=signed_in`.

A token acts as its person with the roles the person holds at each call, so revoking the token
or removing a role takes effect at once. A token call needs no CSRF token: it carries no
cookie another site could make a browser send. A session counts only once its person has
given the second factor, when they have one (accounts/two_factor.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from intercity.accounts import services, two_factor


class ApiTokenAuth(HttpBearer):
    openapi_description = (
        "A personal API token, made on the page /accounts/tokens/: `Authorization: Bearer <token>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_api_token(token.strip())
        if user is None:
            # A token was presented: say it is the token that failed, not "sign in".
            raise HttpError(401, _("This API token is unknown, revoked or expired."))
        request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """Django's session login, minus a person who has given the password but not yet the code."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        if request.session.get(two_factor.NEEDS_SECOND_STEP) and not user.is_verified():
            return None
        if two_factor.required_for(user) and not request.session.get(two_factor.NEEDS_SECOND_STEP):
            return None
        return user


signed_in = [ApiTokenAuth(), VerifiedSessionAuth()]
