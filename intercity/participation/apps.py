from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from intercity.participation.manifest import manifest as participation_manifest


class ParticipationConfig(AppConfig):
    name = "intercity.participation"
    label = "participation"
    verbose_name = _("Civic Participation System")
    manifest = participation_manifest

    def ready(self) -> None:
        from django.core.signals import request_finished

        from intercity.participation import languages

        request_finished.connect(languages.forget, dispatch_uid="cps-forget-content-languages")
