"""Cities compared: a city's choice to share its CPS performance (its administrator or
officer), the Secretariat's view of every sharing city, and the rows both pages and the
network page's section show. The figures come from `compared`; this module parses and
renders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import PermissionDenied
from intercity.participation import compared, services, tenancy


def duration(value: dt.timedelta | None) -> str:
    """As the dashboard words it ("2 d 5 h"), with its own catalogue entries."""
    if value is None:
        return "–"
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    values = {"days": days, "hours": hours, "minutes": minutes}
    if days:
        # Translators: a duration, e.g. "2 d 5 h" (days and hours), as short as it can be.
        return _("%(days)s d %(hours)s h") % values
    if hours:
        return _("%(hours)s h %(minutes)s min") % values
    return _("%(minutes)s min") % values


def _times_explained(city: compared.CityFigures) -> str:
    if not city.resolved:
        return _("No report filed in the period has been resolved yet.")
    return ngettext(
        "From %(n)s report filed in the period and resolved since (duplicates left out), "
        "from filing to closing.",
        "From %(n)s reports filed in the period and resolved since (duplicates left out), "
        "from filing to closing.",
        city.resolved,
    ) % {"n": f"{city.resolved:,}"}


def rows(cities: list[compared.CityFigures]) -> list[dict[str, Any]]:
    """What a table row shows of each city: the figure and the numbers behind it."""
    found = []
    for city in cities:
        per = city.per_thousand
        within = city.within_target
        found.append(
            {
                "city": city,
                "per_thousand": per.value if per.value is not None else _("population unknown"),
                "per_thousand_known": per.value is not None,
                "per_thousand_explained": per.explanation,
                "median": duration(city.median),
                "p90": duration(city.p90),
                "times_explained": _times_explained(city),
                "within_target": (
                    _("%(percent)s%%") % {"percent": within.percent}
                    if within.percent is not None
                    else "–"
                ),
                "within_target_explained": within.explanation,
                "top_services": [name for name, _n in city.top_services],
                "top_services_explained": "; ".join(
                    ngettext("%(service)s: %(n)s report", "%(service)s: %(n)s reports", n)
                    % {"service": name, "n": f"{n:,}"}
                    for name, n in city.top_services
                )
                or _("No report filed in the period."),
            }
        )
    return found


def columns(sort: str) -> list[tuple[str, str, bool]]:
    """(sort key, heading, whether the table is sorted by it)."""
    headings = {
        "city": _("City"),
        "per_thousand": _("Reports per 1,000 residents"),
        "median": _("Median time to resolve"),
        "p90": _("90th percentile time to resolve"),
        "within_target": _("Resolved within target"),
    }
    return [(key, label, key == sort) for key, label in headings.items()]


def table_context(request: HttpRequest, prefix: str = "") -> dict[str, Any]:
    """The period and sort a reader chose (GET `<prefix>days`, `<prefix>sort`)."""
    days = compared.days_from(request.GET.get(f"{prefix}days", compared.DEFAULT_DAYS))
    sort = request.GET.get(f"{prefix}sort", "city")
    if sort not in compared.SORTS:
        sort = "city"
    return {
        "days": days,
        "sort": sort,
        "periods": [(n, str(label)) for n, label in compared.PERIODS.items()],
        "period_label": compared.PERIODS[days],
        "columns": columns(sort),
        "prefix": prefix,
    }


@secretariat_only
def all_compared(request: HttpRequest) -> HttpResponse:
    """Every city that shares, whatever its network: for the Secretariat."""
    context = table_context(request)
    cities = compared.all_cities(context["days"], context["sort"])
    return render(
        request,
        "participation/compared_all.html",
        {**context, "rows": rows(cities), "page_url": reverse("cps_compared_all")},
    )


class SharingForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Sharing"),
        choices=[("share", gettext_lazy("Share")), ("stop", gettext_lazy("Stop sharing"))],
    )


@login_required
def sharing_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """Whether the city's figures are compared with other cities': its administrator or
    officer decides; everyone else is refused."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    if not services.may_set_sharing(request.user, jurisdiction):
        raise PermissionDenied(
            _("Only the CPS administrator or a city officer of %(city)s may change this.")
            % {"city": jurisdiction}
        )
    form = SharingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.cleaned_data["action"] == "share":
                services.share_performance(request.user, jurisdiction, timezone.now())
                messages.success(
                    request,
                    _("%(city)s now shares its figures with the network.")
                    % {"city": jurisdiction.organisation.name},
                )
            else:
                services.stop_sharing_performance(request.user, jurisdiction)
                messages.success(
                    request,
                    _("%(city)s no longer shares its figures; it has left every comparison.")
                    % {"city": jurisdiction.organisation.name},
                )
            return redirect("cps_sharing", slug=jurisdiction.slug)
        status = 400
    days = compared.days_from(request.GET.get("days", compared.DEFAULT_DAYS))
    preview = compared.figures(jurisdiction, days)
    return render(
        request,
        "participation/sharing_setup.html",
        {
            "jurisdiction": jurisdiction,
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
            "sharing": services.performance_sharing(jurisdiction),
            "form": form,
            "rows": rows([preview]),
            **table_context(request),
            "page_url": reverse("cps_sharing", args=[jurisdiction.slug]),
        },
        status=status,
    )
