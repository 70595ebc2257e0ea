"""The accounts pages: the language switcher in every page's header (a plain form, so it works
without JavaScript), passwords (Django's own views) and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import forms, services
from intercity.accounts.models import Invitation
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
