from django.db import migrations, models

OPEN = ("pending", "sending", "uncertain")


def mark_queued(apps, schema_editor):
    """Letters with an e-mail on its way keep their text (before this field, generation asked the outbox)."""
    Communication = apps.get_model("cases", "Communication")
    Outbox = apps.get_model("workflow", "Outbox")
    for row in Outbox.objects.filter(kind="letter", status__in=OPEN):
        Communication.objects.filter(pk=row.communication_id).update(email_queued_at=row.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_dispatch_and_reply_files"),
        ("workflow", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="communication",
            name="email_queued_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(mark_queued, migrations.RunPython.noop),
    ]
