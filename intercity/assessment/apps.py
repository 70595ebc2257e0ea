from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from intercity.assessment.manifest import manifest as assessment_manifest


class AssessmentConfig(AppConfig):
    name = "intercity.assessment"
    label = "assessment"
    verbose_name = _("Self-assessment and benchmarking")
    manifest = assessment_manifest
