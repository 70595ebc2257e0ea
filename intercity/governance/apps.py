from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from intercity.governance.manifest import manifest as governance_manifest


class GovernanceConfig(AppConfig):
    name = "intercity.governance"
    label = "governance"
    verbose_name = gettext_lazy("Governance")
    manifest = governance_manifest
