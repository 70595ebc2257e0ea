from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "intercity.participation"
    label = "participation"
    verbose_name = "Civic Participation System"
