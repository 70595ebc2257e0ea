"""The registration form: plain fields; the services hold the rules and check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.events.models import Event, RegistrationCategory


class RegistrationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Register as"),
        queryset=RegistrationCategory.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The link to your registration is sent to this address."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RegistrationCategory.objects.filter(event=event)
        field.label_from_instance = lambda c: (  # type: ignore[method-assign,assignment]
            f"{c.name} – {c.description}" if c.description else c.name
        )
