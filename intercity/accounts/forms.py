"""Forms of the sign-in security pages: they check the shape of what is typed; the services
in two_factor.py and services.py decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.core.bounds import BoundedDateField


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
