from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "intercity.governance"
    label = "governance"
    verbose_name = "Governance"
