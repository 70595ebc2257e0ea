from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.events.manifest import manifest as events_manifest


class EventsConfig(AppConfig):
    name = "intercity.events"
    label = "events"
    verbose_name = gettext_lazy("Events")
    manifest = events_manifest
