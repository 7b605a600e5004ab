from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "spcomms.audit"
    verbose_name = "Audit log"
