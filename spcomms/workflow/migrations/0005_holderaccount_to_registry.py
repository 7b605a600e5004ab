"""HolderAccount now belongs to the registry (its migration 0003 took over the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_outbox_reply_token"),
        ("registry", "0003_holderaccount_from_workflow"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="HolderAccount")], database_operations=[]
        ),
    ]
