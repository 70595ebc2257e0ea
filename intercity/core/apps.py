from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "intercity.core"
    label = "core"
    verbose_name = "Platform"
