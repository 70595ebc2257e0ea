from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intercity.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from intercity.core.translated import keep_queries_on_the_original_column

        keep_queries_on_the_original_column()
