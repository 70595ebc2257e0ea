from django.apps import AppConfig

from intercity.network.manifest import manifest as network_manifest


class NetworkConfig(AppConfig):
    name = "intercity.network"
    label = "network"
    verbose_name = "Network registry"
    manifest = network_manifest
