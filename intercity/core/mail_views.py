"""The pages a mail's links open: one-click unsubscribe and an address's preferences.

They need no login (a citizen who filed a report has no account): the signed token in the
link names the address. The unsubscribe view takes a POST without a CSRF token, as RFC 8058
asks: a mail client posts `List-Unsubscribe=One-Click` to it with no page and no cookie."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from intercity.core import mail
from intercity.core.models import MailKind


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "core/mail_bad_link.html", status=400)


@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        address, kind = mail.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    context = {
        "address": address,
        "kind": MailKind(kind).label,
        "preferences_url": mail.preferences_url(address),
    }
    if request.method == "POST":
        mail.unsubscribe(address, kind)
        return render(request, "core/mail_unsubscribed.html", context)
    return render(request, "core/mail_unsubscribe.html", context)


def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        address = mail.read_preferences_token(token)
    except signing.BadSignature:
        return _bad_link(request)
    return _preferences(request, address)


@login_required
def my_preferences(request: HttpRequest) -> HttpResponse:
    address = getattr(request.user, "email", "")
    if not address:
        return render(request, "core/mail_preferences.html", {"address": ""})
    return _preferences(request, address)


def _preferences(request: HttpRequest, address: str) -> HttpResponse:
    if request.method == "POST":
        mail.set_preferences(address, request.POST.getlist("wanted"))
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect(request.path)
    declined = mail.declined_kinds(address)
    kinds = [(kind.value, kind.label, kind.value not in declined) for kind in MailKind]
    return render(request, "core/mail_preferences.html", {"address": address, "kinds": kinds})
