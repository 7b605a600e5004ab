from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "spcomms.reports"
    label = "reports"
    verbose_name = "Council reports, statistics and press releases"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        # workflow builds the role groups after its own migrate; our permissions exist only after ours.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="spcomms.reports.roles")
