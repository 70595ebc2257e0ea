from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.learning.manifest import manifest as learning_manifest


class LearningConfig(AppConfig):
    name = "intercity.learning"
    label = "learning"
    verbose_name = gettext_lazy("Training and consultation")
    manifest = learning_manifest
