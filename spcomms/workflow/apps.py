from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "spcomms.workflow"
    label = "workflow"
    verbose_name = "Procedure: clearance, dispatch, replies, publication"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import auth, roles  # noqa: F401 - auth: the login throttle's receivers

        # Role groups are (re)synchronised after every migrate so that permissions of models added later join them.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="spcomms.workflow.roles")
