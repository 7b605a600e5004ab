from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "spcomms.portal"
    label = "portal"
    verbose_name = "Public portal"

    def ready(self):
        from . import signals  # noqa: F401 - keeps the search index in step with publication
