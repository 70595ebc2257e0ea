from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "intercity.network"
    label = "network"
    verbose_name = "Network registry"
