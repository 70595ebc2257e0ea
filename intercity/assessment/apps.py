from django.apps import AppConfig

from intercity.assessment.manifest import manifest as assessment_manifest


class AssessmentConfig(AppConfig):
    name = "intercity.assessment"
    label = "assessment"
    verbose_name = "Self-assessment and benchmarking"
    manifest = assessment_manifest
