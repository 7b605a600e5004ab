"""spcomms vault-import-sources [--dry-run]: move plain-text case sources into the source vault."""

from django.core.management.base import BaseCommand

from spcomms.intake.actions import LEGACY_TABLE, ImportLegacySources, legacy_table_exists


class Command(BaseCommand):
    help = (
        f"Seal every row of the old plain-text table {LEGACY_TABLE} into the source vault and delete the plain row "
        "(an install upgraded from before the vault; `spcomms migrate` then drops the table)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count the rows, change nothing")

    def handle(self, *args, dry_run=False, **options):
        if not legacy_table_exists():
            self.stdout.write(f"nothing to import: the plain-text table {LEGACY_TABLE} is gone (already migrated)")
            return
        moved = ImportLegacySources("cli:vault-import-sources").execute(dry_run=dry_run)
        for case_id, source_id in moved:
            self.stdout.write(f"case {case_id}: {'would be sealed' if dry_run else f'sealed as {source_id}'}")
        self.stdout.write(f"{'would seal' if dry_run else 'sealed'} {len(moved)} source(s)")
        if not dry_run:
            self.stdout.write(f"run `spcomms migrate` to drop the emptied table {LEGACY_TABLE}")
