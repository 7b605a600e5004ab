from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "spcomms.registry"
    verbose_name = "Registry: mandates, holders, addressees"
