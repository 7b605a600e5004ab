from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "spcomms.drafting"
    verbose_name = "Drafting and rendering of letters"
