"""What the learning module adds to other pages: on a network's page, its training programmes;
on a city officer's start page, their applications and certificates."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.modules import Link, Section
from intercity.learning.models_training import Programme
from intercity.learning.services import classroom
from intercity.learning.services import training as services


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    found = list(Programme.objects.filter(network=network).order_by("pk"))
    if not found:
        return []
    return [
        Section(
            _("Training programmes"),
            links=tuple(Link(p.title, reverse("learning_programme", args=[p.slug])) for p in found),
            anchor="learning",
            order=60,
        )
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    user = request.user
    applications = list(services.applications_of(user)[:10])
    certificates = list(classroom.certificates_of(user)[:10])
    # An officer sees the applications of colleagues of their city awaiting its endorsement.
    waiting = services.to_endorse(user).count() if services.applicant_cities(user) else 0
    if not applications and not certificates and not waiting:
        return []
    links: list[Link] = [
        Link(
            a.call.session.title,
            reverse("learning_session", args=[a.call.session_id]),
            description=_("Session cancelled")
            if services.is_cancelled(a.call.session)
            else a.get_status_display(),
        )
        for a in applications
    ]
    links += [
        Link(
            _("Certificate %(code)s") % {"code": c.code},
            reverse("learning_certificate_verify", args=[c.code]),
            description=c.session_title,
        )
        for c in certificates
    ]
    if waiting:
        links.append(
            Link(
                _("Applications of your city awaiting its endorsement"),
                reverse("learning_endorsements"),
            )
        )
    return [Section(_("Your training"), links=tuple(links), anchor="learning", order=60)]
