"""The platform's own pages: a person's start page, assembled from what the installed modules
contribute (`start_sections`), each showing only what concerns that person; the Secretariat's
view of the scheduled jobs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts.permissions import secretariat_only
from intercity.core import schedules
from intercity.core.modules import contributions


@login_required
def start(request: HttpRequest) -> HttpResponse:
    sections = contributions("start_sections", request)
    return render(request, "core/start.html", {"sections": sections})


@secretariat_only
def schedule_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/schedules.html",
        {"states": schedules.overview(timezone.now()), "zone": settings.TIME_ZONE},
    )


@secretariat_only
@require_POST
def schedule_run(request: HttpRequest, name: str) -> HttpResponse:
    job = schedules.find(name)
    run = schedules.run_now(request.user, job.name, timezone.now())
    if run is None:
        messages.info(
            request,
            _("%(job)s is already running for this minute; it runs once.") % {"job": job.label},
        )
    else:
        messages.success(
            request,
            _(
                "%(job)s is queued; the worker runs it in a moment. Reload this page to see "
                "what it did."
            )
            % {"job": job.label},
        )
    return redirect(f"{reverse('core_schedules')}#job-{job.name}")
