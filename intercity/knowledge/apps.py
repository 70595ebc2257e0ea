from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.knowledge.manifest import manifest as knowledge_manifest


class KnowledgeConfig(AppConfig):
    name = "intercity.knowledge"
    label = "knowledge"
    verbose_name = gettext_lazy("Knowledge")
    manifest = knowledge_manifest
