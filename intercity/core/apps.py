from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from intercity.core.manifest import manifest as core_manifest


class CoreConfig(AppConfig):
    name = "intercity.core"
    label = "core"
    verbose_name = _("Platform")
    manifest = core_manifest

    def ready(self) -> None:
        from intercity.core.translated import keep_queries_on_the_original_column

        keep_queries_on_the_original_column()
