"""No change of intake's tables: orders the vault before cases 0006, which drops the plain-text sources only once
`spcomms vault-import-sources` (which needs these tables) has sealed them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
    ]
    run_before = [
        ("cases", "0006_drop_plain_sources"),
    ]

    operations = []
