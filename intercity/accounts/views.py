"""The accounts pages: the language switcher in every page's header (a plain form, so it works
without JavaScript), passwords (Django's own views), invitations, and the pages of sign-in
security: two factors and personal API tokens."""

from __future__ import annotations

import datetime as dt
from typing import cast
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from intercity.accounts import forms, services
from intercity.accounts import two_factor as two_factor_services
from intercity.accounts.forms import ApiTokenForm, CodeForm, ConfirmDeviceForm, PasswordForm
from intercity.accounts.models import Invitation, User
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(
            _("Choose one of the languages the site is written in."),
            content_type="text/plain; charset=utf-8",
        )
    following = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        following = reverse("home")
    if request.user.is_authenticated:
        services.choose_language(request.user, language)
    translation.activate(language)
    response = HttpResponseRedirect(following)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


# --- Passwords: Django's views, with our forms and templates ------------------------------

password_reset = auth_views.PasswordResetView.as_view(
    form_class=forms.PasswordResetForm,
    subject_template_name="registration/password_reset_subject.txt",
    email_template_name="registration/password_reset_email.txt",
    html_email_template_name="registration/password_reset_email.html",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=forms.SetPasswordForm
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
password_change = auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm)
password_change_done = auth_views.PasswordChangeDoneView.as_view()


# --- Invitations -------------------------------------------------------------------------


@secretariat_only
def invitations(request: HttpRequest) -> HttpResponse:
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.invite(
                request.user,
                data["email"],
                data["role"],
                data["organisation"],
                data["network"],
                language=data["language"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": issued.invitation.email},
            )
            return redirect("invitations")
    now = timezone.now()
    rows = [
        (invitation, invitation.state(now))
        for invitation in Invitation.objects.select_related(
            "organisation", "network", "invited_by", "accepted_user"
        )[:200]
    ]
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "rows": rows,
            "states": dict(Invitation.State.choices),
            "invitation_days": settings.INVITATION_DAYS,
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
@require_POST
def revoke_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        services.revoke_invitation(request.user, invitation)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("invitations")


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.find_invitation(token)
    except DomainError as error:
        return render(
            request, "accounts/invitation_refused.html", {"problem": error.message}, status=404
        )
    problem = services.refusal(invitation, timezone.now())
    if problem:
        return render(request, "accounts/invitation_refused.html", {"problem": problem}, status=410)
    user = request.user
    holder = user.is_authenticated and user.email.lower() == invitation.email.lower()
    form = forms.AcceptInvitationForm(
        request.POST if request.method == "POST" and not holder else None, email=invitation.email
    )
    if request.method == "POST" and (holder or form.is_valid()):
        data = form.cleaned_data if not holder else {}
        try:
            person = services.accept_invitation(
                token,
                data.get("username", ""),
                data.get("password1", ""),
                full_name=data.get("full_name", ""),
                user=user if holder else None,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if not holder:
                login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. You now hold the role %(role)s.")
                % {"role": invitation.get_role_display()},
            )
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "holder": holder,
            "other_login": user.is_authenticated and not holder,
        },
        status=400 if form.errors else 200,
    )


# --- Sign-in security: two factors and API tokens (decision 0019) -----------------------------


def _following(request: HttpRequest) -> str:
    """Where to go once the step is done: the `next` the middleware kept, if it is ours."""
    following = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return following
    return reverse("home")


def _qr_code(device: TOTPDevice) -> str:
    """The authenticator's set-up address as an inline SVG picture: no script, no request."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code to scan with an authenticator app"), svgclass="qr-code"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _following(request)},
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if request.method == "POST":
        two_factor_services.start_setup(user)
        return HttpResponseRedirect(
            f"{reverse('two_factor_setup')}?{urlencode({'next': _following(request)})}"
        )
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": two_factor_services.has_confirmed_device(user),
            "required": two_factor_services.required_for(user),
            "codes_left": two_factor_services.recovery_codes_left(user),
            "password_form": PasswordForm(),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    device = two_factor_services.pending_device(user)
    if device is None or two_factor_services.has_confirmed_device(user):
        return HttpResponseRedirect(reverse("two_factor"))
    form = ConfirmDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_services.confirm_device(user, form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            two_factor_services.complete_sign_in(request, device)
            return _recovery_codes_page(request, codes)
    secret = two_factor_services.base32_key(device)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": mark_safe(_qr_code(device)),  # noqa: S308 - segno's own SVG, no input
            "secret": _grouped(secret),
            "next": _following(request),
        },
    )


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("login"))
    user = request.user
    # OTPMiddleware gives the signed-in user `is_verified()`.
    verified = user.is_verified()  # type: ignore[attr-defined]
    if verified or not request.session.get(two_factor_services.NEEDS_SECOND_STEP):
        return HttpResponseRedirect(_following(request))
    if not two_factor_services.has_confirmed_device(user):
        # Turned off in another session since this one signed in.
        request.session.pop(two_factor_services.NEEDS_SECOND_STEP, None)
        return HttpResponseRedirect(_following(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor_services.verify(user, form.cleaned_data["code"])
        if device is not None:
            two_factor_services.complete_sign_in(request, device)
            return HttpResponseRedirect(_following(request))
        form.add_error(
            "code",
            _(
                "That code is not right, or too many wrong codes came in a row: wait a few "
                "seconds and enter the code the app shows now."
            ),
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _following(request)}
    )


@require_POST
@login_required
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            codes = two_factor_services.regenerate_recovery_codes(
                user, form.cleaned_data["password"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return _recovery_codes_page(request, codes)
    else:
        messages.error(request, _("Enter your password."))
    return HttpResponseRedirect(reverse("two_factor"))


@require_POST
@login_required
def two_factor_turn_off(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = PasswordForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter your password."))
        return HttpResponseRedirect(reverse("two_factor"))
    try:
        two_factor_services.turn_off(user, form.cleaned_data["password"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        request.session.pop(two_factor_services.NEEDS_SECOND_STEP, None)
        messages.success(request, _("Two-factor sign-in is off."))
    return HttpResponseRedirect(reverse("two_factor"))


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ApiTokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            dt.datetime.combine(expires_on, dt.time.min, tzinfo=dt.UTC) if expires_on else None
        )
        try:
            _token, new_token = services.create_api_token(
                user, form.cleaned_data["name"], expires_at=expires_at
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            form = ApiTokenForm()
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": services.api_tokens_of(user),
            "now": timezone.now(),
        },
    )
    # The one page that shows a token: no browser or proxy keeps a copy.
    add_never_cache_headers(response)
    return response


@require_POST
@login_required
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    api_token = services.revoke_api_token(cast(User, request.user), token_id)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": api_token.name})
    return HttpResponseRedirect(reverse("api_tokens"))
