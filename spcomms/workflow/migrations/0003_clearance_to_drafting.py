"""Clearance and Approval now belong to drafting (its migration 0004 took over their tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_roles"),
        ("drafting", "0004_clearance_from_workflow"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Approval"), migrations.DeleteModel(name="Clearance")],
            database_operations=[],
        ),
    ]
