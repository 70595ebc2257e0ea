from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.membership.manifest import manifest as membership_manifest


class MembershipConfig(AppConfig):
    name = "intercity.membership"
    label = "membership"
    verbose_name = gettext_lazy("Membership and dues")
    manifest = membership_manifest
