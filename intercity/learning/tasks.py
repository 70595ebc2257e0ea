"""Background work of the learning module: the e-mail telling an applicant that the session
they applied to is cancelled."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from intercity.core import links, mail
from intercity.learning.models_training import Application


@task()
def send_session_cancelled(application_id: int) -> int:
    """E-mail one applicant that the session is cancelled, and why; returns the number of
    addresses it went to (0 when it was already sent, so a retried task never sends twice). It
    goes whatever the person's mail preferences: it is about their own application."""
    # Claimed by a conditional UPDATE before sending, so two workers send it once; a failed
    # send gives the claim back for the next run.
    claimed = Application.objects.filter(
        pk=application_id, cancellation_mailed_at__isnull=True
    ).update(cancellation_mailed_at=timezone.now())
    if not claimed:
        return 0
    application = Application.objects.select_related("applicant", "call__session__programme").get(
        pk=application_id
    )
    address = application.applicant.email
    if not address:
        return 0
    session = application.call.session
    values = {
        "name": application.full_name,
        "session": session.title,
        "programme": session.programme.title,
        "reason": session.cancelled_reason,
        "url": links.absolute(reverse("learning_session", args=[session.pk])),
    }

    def context() -> dict[str, Any]:
        return {
            "subject": _("Cancelled: %(session)s") % values,
            "paragraphs": [
                _("Dear %(name)s,") % values,
                _(
                    "The Secretariat has cancelled %(session)s of the %(programme)s, to which "
                    "you applied. Nobody will be selected for it and it gives no certificate."
                )
                % values,
                _("The reason: %(reason)s") % values,
            ],
            "link_line": _("The session's page: %(url)s") % values,
        }

    try:
        sent = mail.send("learning/mail/session_cancelled", context, [address], kind=None)
    except Exception:
        Application.objects.filter(pk=application_id).update(cancellation_mailed_at=None)
        raise
    return len(sent.to)
