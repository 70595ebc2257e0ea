from django.apps import AppConfig

from intercity.membership.manifest import manifest as membership_manifest


class MembershipConfig(AppConfig):
    name = "intercity.membership"
    label = "membership"
    verbose_name = "Membership and dues"
    manifest = membership_manifest
