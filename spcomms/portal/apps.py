from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "spcomms.portal"
    label = "portal"
    verbose_name = "Public portal"
