from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "intercity.core"
    label = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from intercity.core.translated import keep_queries_on_the_original_column

        keep_queries_on_the_original_column()
