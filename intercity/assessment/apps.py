from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "intercity.assessment"
    label = "assessment"
    verbose_name = "Self-assessment and benchmarking"
