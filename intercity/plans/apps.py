from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.plans.manifest import manifest as plans_manifest


class PlansConfig(AppConfig):
    name = "intercity.plans"
    label = "plans"
    verbose_name = gettext_lazy("City action plans")
    manifest = plans_manifest
