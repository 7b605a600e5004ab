"""Drop the plain-text `cases.Source` table: sources live in the vault (spcomms.intake), named by opaque id.

Refused while rows remain, so that no source is lost: `spcomms vault-import-sources` seals them into the vault
first (intake's tables exist by then: intake 0002 runs before this one).
"""

from django.core.management.base import CommandError
from django.db import migrations


def refuse_while_plain_sources_remain(apps, schema_editor):
    remaining = apps.get_model("cases", "Source").objects.count()
    if remaining:
        raise CommandError(
            f"{remaining} plain-text source(s) remain in the table cases_source. Run `spcomms vault-import-sources` "
            "to seal them into the source vault, then `spcomms migrate` again (nothing has been dropped)."
        )


def forget_its_permissions(apps, schema_editor):
    """Groups were given cases.*_source; nothing may be granted on a model that is gone (the content type stays:
    removing it would cascade to the admin's history)."""
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="cases", content_type__model="source"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_sending"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(refuse_while_plain_sources_remain, migrations.RunPython.noop),
        migrations.DeleteModel(name="Source"),
        migrations.RunPython(forget_its_permissions, migrations.RunPython.noop),
    ]
