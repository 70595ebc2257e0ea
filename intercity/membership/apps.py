from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "intercity.membership"
    label = "membership"
    verbose_name = "Membership and dues"
