from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "spcomms.ingest"
    verbose_name = "Ingest of existing letters"
