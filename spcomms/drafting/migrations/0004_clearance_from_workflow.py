"""Clearance and Approval move from workflow to drafting with their tables (state only: nothing changes on disk)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("drafting", "0003_load_library"),
        ("workflow", "0002_roles"),
        ("registry", "0002_load_registry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Clearance",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text_hash", models.CharField(max_length=64)),
                        ("submitted_at", models.DateTimeField()),
                        ("submitted_by", models.CharField(max_length=200)),
                        ("case", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="clearance", to="cases.case")),
                    ],
                    options={"db_table": "workflow_clearance"},
                ),
                migrations.CreateModel(
                    name="Approval",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text_hash", models.CharField(help_text="the version approved (drafting.textversion)", max_length=64)),
                        ("approved_at", models.DateTimeField()),
                        ("case", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="approvals", to="cases.case")),
                        ("holder", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="registry.mandateholder")),
                        ("mandate", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="registry.mandate")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "workflow_approval",
                        "ordering": ["approved_at", "id"],
                        "constraints": [models.UniqueConstraint(fields=("case", "mandate", "text_hash"), name="one_approval_per_mandate_version")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
