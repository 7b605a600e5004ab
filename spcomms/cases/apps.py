from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "spcomms.cases"
    verbose_name = "Cases and communications"
