from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "spcomms.assessment"
    verbose_name = "Reading replies"
