"""HolderAccount moves from workflow to the registry with its table (state only: nothing changes on disk)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_load_registry"),
        ("workflow", "0004_outbox_reply_token"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HolderAccount",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("holder", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="accounts", to="registry.mandateholder")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="holder_accounts", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "workflow_holderaccount",
                        "constraints": [models.UniqueConstraint(fields=("user", "holder"), name="unique_holder_account")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
