from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.awards.manifest import manifest as awards_manifest


class AwardsConfig(AppConfig):
    name = "intercity.awards"
    label = "awards"
    verbose_name = gettext_lazy("Awards")
    manifest = awards_manifest
