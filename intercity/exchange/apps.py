from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.exchange.manifest import manifest as exchange_manifest


class ExchangeConfig(AppConfig):
    name = "intercity.exchange"
    label = "exchange"
    verbose_name = gettext_lazy("Exchange")
    manifest = exchange_manifest
