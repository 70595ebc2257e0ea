"""A signed-in person's saved language comes before the switcher's cookie and the browser's
Accept-Language, which Django's LocaleMiddleware has already weighed; and the second step of
signing in (two factors)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if user is not None and user.is_authenticated and language in self.languages:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class TwoFactorMiddleware:
    """The second step of signing in (decision 0019). A person who has a confirmed authenticator
    and has only given the password is half signed in: every page but a few sends them to the
    verify page. A person whose role requires two factors and who has none is sent to set it up.
    The API is left to its own authentication (accounts/api_auth.py), which refuses a half-
    signed-in session."""

    # Reachable while half signed in, besides the steps themselves: logging out, the language
    # switcher, the JavaScript catalogue, static files and the API.
    OPEN_TO_ALL = ("logout", "choose_language", "javascript-catalog")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self.redirect_for(request)
        return redirect or self.get_response(request)

    def redirect_for(self, request: HttpRequest) -> HttpResponse | None:
        from intercity.accounts import two_factor
        from intercity.accounts.permissions import is_secretariat

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        path = request.path_info
        static = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(("/api/", static)) or path in {reverse(n) for n in self.OPEN_TO_ALL}:
            return None
        verify = reverse("two_factor_verify")
        if request.session.get(two_factor.NEEDS_SECOND_STEP):
            if user.is_verified() or path == verify:
                return None
            return self.send_to(verify, request)
        setup = reverse("two_factor")
        if path.startswith(setup) or not two_factor.required_for(user):
            return None
        if two_factor.has_confirmed_device(user):
            # Set up in another session after this one signed in: ask its code here too.
            request.session[two_factor.NEEDS_SECOND_STEP] = True
            return self.send_to(verify, request)
        if is_secretariat(user):
            why = _(
                "Secretariat staff sign in with a code from an authenticator app as well as a "
                "password. Set it up now to continue."
            )
        else:
            why = _(
                "Your role asks you to sign in with a code from an authenticator app as well "
                "as a password. Set it up now to continue."
            )
        messages.warning(request, why)
        return self.send_to(setup, request)

    @staticmethod
    def send_to(url: str, request: HttpRequest) -> HttpResponse:
        following = request.get_full_path() if request.method == "GET" else "/"
        return HttpResponseRedirect(f"{url}?{urlencode({'next': following})}")
