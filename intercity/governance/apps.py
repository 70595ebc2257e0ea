from django.apps import AppConfig

from intercity.governance.manifest import manifest as governance_manifest


class GovernanceConfig(AppConfig):
    name = "intercity.governance"
    label = "governance"
    verbose_name = "Governance"
    manifest = governance_manifest
