from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from intercity.network.manifest import manifest as network_manifest


class NetworkConfig(AppConfig):
    name = "intercity.network"
    label = "network"
    verbose_name = _("Network registry")
    manifest = network_manifest
