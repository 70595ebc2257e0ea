"""Pages of the CPS's alerts: "Get alerts" (subscribe to the new reports of a place), the
confirmation a mailed link opens, and the one-click pages that end an alert or a follow.

The one-click pages take a POST without a CSRF token or a session, as RFC 8058 asks (a mail
client posts `List-Unsubscribe=One-Click` with no page and no cookie): the token in the link
is the whole authority, and all it can do is stop mail. A GET only asks, with a button, so
a mail scanner that opens links unsubscribes no one (and confirms no alert)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from intercity.core.errors import DomainError, NotFound
from intercity.participation import alerts, forms, services, tenancy, throttle
from intercity.participation.models import Jurisdiction
from intercity.participation.views import _client, _rate_limited


def _form(jurisdiction: Jurisdiction, *args: Any, **kwargs: Any) -> forms.AlertForm:
    return forms.AlertForm(
        services.service_types_of(jurisdiction), alerts.area_labels(), *args, **kwargs
    )


def alerts_page(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Get alerts": a point (typed or located) and a distance, or an area; links from the
    reports list, a report's page and the dashboard fill it in through the query string."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    status = 200
    if request.method == "POST":
        try:
            throttle.check(f"web-alert:{_client(request)}")
        except throttle.RateLimited as exc:
            return _rate_limited(request, jurisdiction, exc)
        form = _form(jurisdiction, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                service = (
                    services.service_type_of(jurisdiction, data["service"])
                    if data["service"]
                    else None
                )
                place = alerts.Place(
                    near=data["near"], area=data["area"] if data["place"] == "area" else ""
                )
                alert, created = alerts.subscribe(
                    jurisdiction,
                    email=data["email"],
                    place=place,
                    service=service,
                    language=translation.get_language() or "",
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if created:
                    messages.success(
                        request,
                        _(
                            "Almost done: we sent a link to %(email)s. Follow it to confirm the "
                            "alert; nothing is sent before."
                        )
                        % {"email": alert.email},
                    )
                else:
                    messages.info(
                        request,
                        _("%(email)s already has an alert for this place: nothing changed.")
                        % {"email": alert.email},
                    )
                return redirect("cps_alerts", jurisdiction.slug)
        status = 400
    else:
        initial = {k: v for k, v in request.GET.items() if k in {"lat", "long", "radius", "area"}}
        if initial.get("area"):
            initial["place"] = "area"
        form = _form(jurisdiction, initial=initial)
    return render(
        request,
        "participation/alerts.html",
        {
            "jurisdiction": jurisdiction,
            "form": form,
            "areas": alerts.area_labels(),
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
        },
        status=status,
    )


def alert_confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    jurisdiction = tenancy.public_jurisdiction(slug)
    alert = alerts.alert_by_token(jurisdiction, token)
    done = False
    if request.method == "POST":
        alert, _changed = alerts.confirm(jurisdiction, token)
        done = True
    return render(
        request,
        "participation/alert_confirm.html",
        {
            "jurisdiction": jurisdiction,
            "alert": alert,
            "done": done or alert.confirmed_at is not None,
            "unsubscribe_url": _unsubscribe_path(jurisdiction, alert.token),
        },
    )


def _unsubscribe_path(jurisdiction: Jurisdiction, token: str) -> str:
    return reverse("cps_alert_unsubscribe", args=[jurisdiction.slug, token])


@csrf_exempt
def alert_unsubscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    jurisdiction = tenancy.public_jurisdiction(slug)
    if request.method == "POST":
        alerts.unsubscribe(jurisdiction, token)  # a second click finds it gone: same answer
        return _stopped(request, jurisdiction, _("The alert is deleted: no more e-mails from it."))
    alert = alerts.alert_by_token(jurisdiction, token)
    return render(
        request,
        "participation/alert_stop.html",
        {
            "jurisdiction": jurisdiction,
            "question": _("Stop the alert of new reports to %(email)s?") % {"email": alert.email},
        },
    )


@csrf_exempt
def unfollow(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The one-click link of a follower's update mail: that address stops following that
    report (its other reports and mail are untouched)."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    try:
        report, email = alerts.read_unfollow_token(jurisdiction, token)
    except NotFound:
        raise
    except DomainError as exc:
        return render(
            request,
            "participation/alert_stop.html",
            {"jurisdiction": jurisdiction, "problem": exc.message},
            status=400,
        )
    values = {"email": email, "id": report.public_id}
    if request.method == "POST":
        alerts.unfollow(report, email)
        return _stopped(
            request, jurisdiction, _("%(email)s no longer follows report %(id)s.") % values
        )
    return render(
        request,
        "participation/alert_stop.html",
        {
            "jurisdiction": jurisdiction,
            "question": _("Stop sending the updates of report %(id)s to %(email)s?") % values,
        },
    )


def _stopped(request: HttpRequest, jurisdiction: Jurisdiction, done: str) -> HttpResponse:
    return render(
        request, "participation/alert_stop.html", {"jurisdiction": jurisdiction, "done": done}
    )
