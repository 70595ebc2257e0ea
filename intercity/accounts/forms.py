"""Forms of the accounts pages: passwords (Django's, saved through our services so that each
change is audited), an invitation and accepting one, and the sign-in security pages (they check
the shape of what is typed; the services in two_factor.py and services.py decide)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from intercity.accounts import services, throttle
from intercity.accounts.models import Invitation, Role, User
from intercity.core.bounds import BoundedDateField
from intercity.core.links import absolute_url

logger = logging.getLogger(__name__)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with the e-mail's link built from SITE_URL: the Host header of the
    request that asked for the reset is the attacker's to choose (host-header poisoning)."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Past the hourly limits (per address asked for, per client) nothing is sent, and the
        # page says the same as always: neither a mailbox nor the limit can be probed.
        request = kwargs.get("request")
        address = self.cleaned_data["email"]
        client = (throttle.client_address(request) if request is not None else None) or "unknown"
        if not (
            throttle.within_limit(
                "password-reset-address", address, settings.PASSWORD_RESET_PER_ADDRESS
            )
            and throttle.within_limit(
                "password-reset-client", client, settings.PASSWORD_RESET_PER_CLIENT
            )
        ):
            logger.warning("password reset not sent: hourly limit reached")
            return
        kwargs["domain_override"] = urlsplit(settings.SITE_URL).netloc
        kwargs["use_https"] = settings.SITE_URL.startswith("https://")
        kwargs["extra_email_context"] = {"site_name": settings.SITE_NAME}
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        context["link"] = absolute_url(
            "password_reset_confirm", uidb64=context["uid"], token=context["token"]
        )
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email,
            html_email_template_name,
        )


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    """The new password chosen from a reset e-mail's link."""

    def save(self, commit: bool = True) -> Any:
        services.set_password(self.user, self.cleaned_data["new_password1"], verb="reset_password")
        return self.user


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """A signed-in person's new password, after their current one."""

    def save(self, commit: bool = True) -> Any:
        services.set_password(self.user, self.cleaned_data["new_password1"], verb="change_password")
        return self.user


def _related(field: str) -> Any:
    """The model an invitation's foreign key points to: accounts sits under the network
    module and names its models through the relation, never by import."""
    return Invitation._meta.get_field(field).related_model


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=_related("organisation").objects.order_by("name", "pk"),
        required=False,
        help_text=_("Required for a city officer and for city department staff."),
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=_related("network").objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for a role in every network."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=settings.LANGUAGES, initial="en"
    )


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; you log in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ; type the same one twice."))
        elif first:
            candidate = User(username=cleaned.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows now, or one recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The six digits the app shows for this site now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("Asked again, to be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “monthly dues export”."),
    )
    expires_on = BoundedDateField(
        label=_("Expires on (optional)"),
        required=False,
        help_text=_("The token stops working at the start of this day (UTC). Empty: never."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
