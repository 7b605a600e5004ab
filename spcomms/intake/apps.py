from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "spcomms.intake"
    label = "intake"
    verbose_name = "Intake: submissions and the source vault"
