from django.apps import AppConfig

from intercity.participation.manifest import manifest as participation_manifest


class ParticipationConfig(AppConfig):
    name = "intercity.participation"
    label = "participation"
    verbose_name = "Civic Participation System"
    manifest = participation_manifest
