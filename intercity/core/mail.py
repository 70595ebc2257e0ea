"""The one way the platform sends e-mail.

A message is rendered from three templates of the sending app, `<name>_subject.txt`,
`<name>.txt` and `<name>.html` (templates/<app>/mail/), as text with an HTML alternative, in
the recipient's language: the saved `language` of the person with that address, else the
language the caller names (a report's, the site's). Each recipient gets a message of their
own, since each notification carries that address's one-click unsubscribe link (RFC 8058
`List-Unsubscribe` and `List-Unsubscribe-Post` headers) and a link to its preferences; an
address that declined the kind is skipped. Mail that must arrive (password reset, an
invitation) is sent with `kind=None`: no unsubscribe header, never skipped.

Links are absolute, from SITE_URL (`core.links`), never from a request's host.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from intercity.core import audit
from intercity.core.links import absolute_url
from intercity.core.models import MailKind, MailOptOut

# One salt per purpose: a preferences token cannot be replayed as an unsubscribe, nor the
# reverse, nor either as any other signed value of the site. No expiry: a mail read a year
# later must still unsubscribe (the link grants nothing but declining mail).
UNSUBSCRIBE_SALT = "intercity.core.mail.unsubscribe"
PREFERENCES_SALT = "intercity.core.mail.preferences"

Context = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


@dataclass
class Sent:
    """What a send did: the addresses it went to and those that declined the kind."""

    to: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)


def normalised(address: str) -> str:
    return address.strip().lower()


# --- Tokens ------------------------------------------------------------------------------------


def unsubscribe_token(address: str, kind: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"e": normalised(address), "k": kind})


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    """(address, kind) of a token this site signed; signing.BadSignature otherwise."""
    value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    if not isinstance(value, dict) or value.get("k") not in MailKind.values:
        raise signing.BadSignature("not an unsubscribe token")
    return str(value["e"]), str(value["k"])


def preferences_token(address: str) -> str:
    return signing.Signer(salt=PREFERENCES_SALT).sign_object(normalised(address))


def read_preferences_token(token: str) -> str:
    value = signing.Signer(salt=PREFERENCES_SALT).unsign_object(token)
    if not isinstance(value, str) or not value:
        raise signing.BadSignature("not a preferences token")
    return value


def unsubscribe_url(address: str, kind: str) -> str:
    return absolute_url("mail_unsubscribe", unsubscribe_token(address, kind))


def preferences_url(address: str) -> str:
    return absolute_url("mail_preferences_token", preferences_token(address))


# --- Preferences -------------------------------------------------------------------------------


def declined_kinds(address: str) -> set[str]:
    return set(MailOptOut.objects.filter(email=normalised(address)).values_list("kind", flat=True))


def declining(addresses: Iterable[str], kind: str) -> set[str]:
    """The addresses (lower-cased) among `addresses` that declined `kind`."""
    wanted = {normalised(a) for a in addresses}
    return set(
        MailOptOut.objects.filter(email__in=wanted, kind=kind).values_list("email", flat=True)
    )


def unsubscribe(address: str, kind: str) -> bool:
    """The address declines the kind; False when it already had (a second click)."""
    address = normalised(address)
    try:
        with transaction.atomic():
            opt_out = MailOptOut.objects.create(email=address, kind=kind)
            audit.record(None, "mail_unsubscribe", opt_out, after={"kind": kind})
    except IntegrityError:
        return False
    return True


def set_preferences(address: str, wanted: Iterable[str]) -> None:
    """The address wants exactly the kinds in `wanted` and declines the others."""
    address = normalised(address)
    wanted_set = set(wanted) & set(MailKind.values)
    with transaction.atomic():
        before = sorted(declined_kinds(address))
        MailOptOut.objects.filter(email=address, kind__in=wanted_set).delete()
        for kind in set(MailKind.values) - wanted_set:
            MailOptOut.objects.get_or_create(email=address, kind=kind)
        after = sorted(set(MailKind.values) - wanted_set)
        if before != after:
            # The address's preferences as a whole: no single row stands for them.
            marker = MailOptOut(email=address, kind="*")
            audit.record(
                None,
                "mail_preferences",
                marker,
                before={"declined": before},
                after={"declined": after},
            )


# --- Sending -----------------------------------------------------------------------------------


def language_of(address: str, default: str | None = None) -> str:
    """The saved language of the person with this address, else `default`, else the site's."""
    saved = (
        get_user_model()
        .objects.filter(email__iexact=address.strip())
        .exclude(language="")
        .order_by("pk")
        .values_list("language", flat=True)
        .first()
    )
    return saved or default or settings.LANGUAGE_CODE


def render(template: str, context: Mapping[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text, html) of `template` in `language`; the subject is the context's
    `subject` (a sentence translated in code), else the `<template>_subject.txt` template."""
    with translation.override(language):
        subject = str(context.get("subject") or "") or render_to_string(
            f"{template}_subject.txt", dict(context)
        )
        subject = " ".join(subject.split())
        values = {**context, "subject": subject}
        text = render_to_string(f"{template}.txt", values)
        html = render_to_string(f"{template}.html", values)
    return subject, text.strip() + "\n", html


def send(
    template: str,
    context: Context,
    to: Iterable[str],
    *,
    kind: str | None,
    language: str | None = None,
    unsubscribe_link: Callable[[str], str] | None = None,
) -> Sent:
    """Send `template` to each address of `to` in that person's language (else `language`).

    `context` is a mapping, or a function called with the recipient's language active (for
    values that are words or dates). `kind` names the notification an address can decline;
    None for mail that must arrive. `unsubscribe_link`, a function of the address, gives the
    one-click link of a subscription narrower than a kind (stop following one report, delete
    one alert): the `List-Unsubscribe` header and the footer then carry it instead of the
    kind's. An exception of the mail backend is raised to the caller, which records the
    failure."""
    outcome = Sent()
    addresses = list(dict.fromkeys(a.strip() for a in to if a and a.strip()))
    declined = declining(addresses, kind) if kind else set()
    for address in addresses:
        if normalised(address) in declined:
            outcome.declined.append(address)
            continue
        recipient_language = language_of(address, language)
        headers: dict[str, str] = {}
        with translation.override(recipient_language):
            values = dict(context() if callable(context) else context)
        values.setdefault("site_name", settings.SITE_NAME)
        link = ""
        if unsubscribe_link is not None:
            link = unsubscribe_link(address)
        elif kind:
            link = unsubscribe_url(address, kind)
        if kind:
            values["preferences_url"] = preferences_url(address)
        if link:
            values["unsubscribe_url"] = link
            headers["List-Unsubscribe"] = f"<{link}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        subject, text, html = render(template, values, recipient_language)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        message.send()
        outcome.to.append(address)
    return outcome
